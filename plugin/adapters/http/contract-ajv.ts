// Compiles the contract's schemas once, with the components they refer to, for checking requests and answers.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { components } from './contract/components.ts';
import type { Schema } from './contract/kit.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

// verbose: a refusal names the fields a body may have (the parent schema). Not strict: the schemas carry OpenAPI's words (description, example) beside JSON Schema's
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true, verbose: true }));
const compiled = new WeakMap<Schema, ValidateFunction>();

/** The validator of one of the contract's schemas; `#/components/schemas/…` resolves as in the document. */
export function validatorOf(schema: Schema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile({ ...schema, components: { schemas: components } });
    compiled.set(schema, validate);
  }
  return validate;
}
