// The validator every form in the browser uses, set up as the server's (plugin/core/data-validation.ts) so
// both sides agree on every value: money a multiple of 0.01 (binary fractions never divide it exactly), times
// and date-times without a zone valid, and patterns on RE2, so a template's pattern cannot freeze the page.
import { createAjv } from '@jsonforms/core';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { re2RegExp } from '../../../plugin/core/safe-regexp';

export const formAjv = createAjv({ multipleOfPrecision: 9, code: { regExp: re2RegExp } });
formAjv.addFormat('time', fullFormats['iso-time']);
formAjv.addFormat('date-time', fullFormats['iso-date-time']);
