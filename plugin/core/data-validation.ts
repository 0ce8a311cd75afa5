// Validates a record's data and an action's params against the template's JSON Schemas.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import localizeZh from 'ajv-i18n/localize/zh/index.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { derivedProblems } from './derived.ts';
import { useExactMultipleOf } from './exact-multiple-of.ts';
import { DEFAULT_RECORD_LIMITS, limitErrors, limitsOf, type RecordLimits } from './record-limits.ts';
import { re2RegExp, regexProblem } from './safe-regexp.ts';
import { schemaRegexes } from './template-checks/schema-regexes.ts';
import type { Json, JsonObject, Template } from './types.ts';
import { undeclaredFields } from './undeclared-fields.ts';
import { hiddenControls } from './form-rules.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

// Patterns run on RE2 (./safe-regexp.ts): a caller's value cannot make a template's pattern backtrack.
// $data: a field may be bounded by another of the same record (a delivery date not before the order date).
const ajv = new Ajv({ allErrors: true, strict: false, $data: true, code: { regExp: re2RegExp } });
addFormats(ajv);
// money fields are multiples of 0.01: checked as decimals (./exact-multiple-of.ts), as the browser's forms do
useExactMultipleOf(ajv);
// What a browser's time and date-time inputs give ("13:37:00", "2026-12-05T13:37") is valid: the zone is optional,
// as in the browser forms' validator (ui/src/forms/form-ajv.ts), so both sides agree on every value.
ajv.addFormat('time', fullFormats['iso-time']);
ajv.addFormat('date-time', fullFormats['iso-date-time']);
// People and departments are checked by the runtime against the directory, not by the schema.
ajv.addFormat('user', true);
ajv.addFormat('department', true);

const cache = new WeakMap<object, ValidateFunction | DataError[]>();

export interface DataError {
  path: string;
  /** In English. */
  message: string;
  /** The same in 简体中文. */
  zh: string;
}

/** What is wrong with `value` under `schema`: fields it does not declare, sizes past `limits`, then the schema's own word. */
export function validateAgainst(schema: JsonObject, value: unknown, limits: RecordLimits = DEFAULT_RECORD_LIMITS): DataError[] {
  let validate = cache.get(schema);
  if (!validate) {
    validate = unrunnablePatterns(schema) ?? ajv.compile(schema);
    cache.set(schema, validate);
  }
  if (Array.isArray(validate)) return validate;
  const undeclared = undeclaredFields(schema, value as Json).map((path) => ({ path, message: 'is not a field of this form', zh: '不是此表单的字段' }));
  const tooLarge = limitErrors(schema, value as Json, limits);
  if (validate(value)) return [...undeclared, ...tooLarge];
  const errors = validate.errors ?? [];
  // ajv's own words, and ajv-i18n's Chinese for the same errors
  const chinese = structuredClone(errors);
  localizeZh(chinese);
  return [
    ...undeclared,
    ...tooLarge,
    ...errors.map((e, i) => {
      const missing = e.keyword === 'required' ? `/${(e.params as { missingProperty: string }).missingProperty}` : '';
      const extra = e.keyword === 'additionalProperties' ? `/${(e.params as { additionalProperty: string }).additionalProperty}` : '';
      if (e.keyword === 'formatMinimum' || e.keyword === 'formatMaximum') return { path: e.instancePath, ...dateBound(e.keyword, String((e.params as { limit: unknown }).limit)) };
      return { path: e.instancePath + missing + extra, message: e.message ?? 'is invalid', zh: chinese[i].message ?? '不符合要求' };
    }),
  ];
}

/** A date bounded by another (a delivery date by the order date), in words rather than ">=". */
function dateBound(keyword: 'formatMinimum' | 'formatMaximum', limit: string): { message: string; zh: string } {
  return keyword === 'formatMinimum' ? { message: `must be on or after ${limit}`, zh: `不能早于 ${limit}` } : { message: `must be on or before ${limit}`, zh: `不能晚于 ${limit}` };
}

/** Does a value meet a schema? (for JSON Forms rule conditions) */
export function meets(schema: JsonObject, value: Json | undefined): boolean {
  return ajv.validate(schema, value) as boolean;
}

/**
 * A record's data against its form: the schema, except that a field the form's rules hide for this data is not
 * required (the person filling the form never saw it).
 */
export function validateRecordData(template: Pick<Template, 'form' | 'limits'> & Partial<Pick<Template, 'derived' | 'summary'>>, data: JsonObject): DataError[] {
  const { form } = template;
  const errors = validateAgainst(form.schema, data, limitsOf(template));
  if (!errors.length) return derivedProblems(template, data);
  const hidden = hiddenControls(form.uischema, data, meets);
  const isHidden = (path: string) => hidden.some((h) => path === h || path.startsWith(`${h}/`));
  return errors.filter((e) => !(e.message.startsWith('must have required property') && isHidden(e.path)));
}

/**
 * Import refuses patterns RE2 cannot run, but a template installed before that rule may still hold one: its
 * records are refused with words for the admin instead of failing on a compile error (or backtracking).
 */
function unrunnablePatterns(schema: JsonObject): DataError[] | undefined {
  const errors = schemaRegexes(schema).flatMap(({ at, source }) => {
    const problem = regexProblem(source);
    return problem
      ? [{ path: '', message: `the template's pattern at ${at} ${problem}: an admin must import a new version of the template without it`, zh: `模板在 ${at} 的正则表达式无法运行（${problem}）：请管理员导入去掉它的新版本模板` }]
      : [];
  });
  return errors.length ? errors : undefined;
}
