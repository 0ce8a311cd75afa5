// Every regular expression an admin's JSON Schema holds (`pattern`, the keys of `patternProperties`), with its
// pointer, so one RE2 cannot run is refused at import where it stands, not when a record first meets it.
import { regexProblem } from '../safe-regexp.ts';
import { toPointer } from '../pointer.ts';
import type { Json } from '../types.ts';
import { isObject } from './json.ts';
import type { Fail } from './types.ts';

// Keywords whose value is one schema, a list of schemas, or a map of name → schema (draft-07 and 2019-09/2020-12).
const ONE = ['items', 'additionalItems', 'additionalProperties', 'contains', 'propertyNames', 'not', 'if', 'then', 'else', 'unevaluatedItems', 'unevaluatedProperties'];
const LIST = ['items', 'allOf', 'anyOf', 'oneOf', 'prefixItems'];
const MAP = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas', 'dependencies'];

export interface SchemaRegex {
  /** Pointer, relative to the schema, of the `pattern` keyword or the `patternProperties` key. */
  at: string;
  source: string;
}

export function schemaRegexes(schema: Json, at = ''): SchemaRegex[] {
  if (!isObject(schema)) return [];
  const found: SchemaRegex[] = [];
  if (typeof schema.pattern === 'string') found.push({ at: `${at}/pattern`, source: schema.pattern });
  if (isObject(schema.patternProperties)) {
    for (const key of Object.keys(schema.patternProperties)) found.push({ at: at + toPointer(['patternProperties', key]), source: key });
  }
  for (const word of ONE) if (isObject(schema[word])) found.push(...schemaRegexes(schema[word], at + toPointer([word])));
  for (const word of LIST) {
    const list = schema[word];
    if (Array.isArray(list)) list.forEach((sub, i) => found.push(...schemaRegexes(sub, at + toPointer([word, String(i)]))));
  }
  for (const word of MAP) {
    const map = schema[word];
    if (isObject(map)) for (const [key, sub] of Object.entries(map)) found.push(...schemaRegexes(sub, at + toPointer([word, key])));
  }
  return found;
}

/** Reports each pattern of `schema` (found at `at` in the bundle) that the RE2 engine cannot run; true when all can. */
export function reportUnsafeRegexes(schema: Json, at: string, fail: Fail): boolean {
  let ok = true;
  for (const { at: where, source } of schemaRegexes(schema)) {
    const problem = regexProblem(source);
    if (problem === undefined) continue;
    fail(at + where, `pattern ${JSON.stringify(source)} ${problem}`);
    ok = false;
  }
  return ok;
}
