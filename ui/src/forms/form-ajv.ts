// The validator every form in the browser uses, set up as the server's (plugin/core/data-validation.ts) so
// both sides agree on every value: money a multiple of 0.01 checked as decimals (the server's own check), times
// and date-times without a zone valid, and patterns on RE2, so a template's pattern cannot freeze the page.
import { createAjv } from '@jsonforms/core';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { useExactMultipleOf } from '../../../plugin/core/exact-multiple-of';
import { re2RegExp } from '../../../plugin/core/safe-regexp';

export const formAjv = createAjv({ $data: true, code: { regExp: re2RegExp } });
useExactMultipleOf(formAjv);
formAjv.addFormat('time', fullFormats['iso-time']);
formAjv.addFormat('date-time', fullFormats['iso-date-time']);
