// JSON Schemas the admin writes (the form, action params): valid as schemas, and compiling under ajv's strict rules.
import Ajv, { type ValidateFunction } from 'ajv';
import { toPointer } from '../pointer.ts';
import { re2RegExp } from '../safe-regexp.ts';
import type { Json, JsonObject } from '../types.ts';
import { addPlatformFormats, issuesFromAjv } from './ajv.ts';
import { isObject } from './json.ts';
import { reportUnsafeRegexes } from './schema-regexes.ts';
import type { Fail } from './types.ts';

/** Compiles one admin schema found at `at`; undefined, with each reason reported, when it does not compile. */
export type CompileUserSchema = (schema: JsonObject, at: string, fail: Fail) => ValidateFunction | undefined;

/** A fresh ajv per template: admin schemas may carry an $id, and must not leak into the next import. */
export function userSchemaCompiler(): CompileUserSchema {
  const notes: string[] = [];
  const record = (...args: unknown[]): void => {
    notes.push(args.map(String).join(' '));
  };
  // 'log' keeps compiling after the first strict-mode complaint, so every one gets reported
  const ajv = addPlatformFormats(
    new Ajv({
      allErrors: true,
      // a field may be bounded by another of the same record ({ "$data": "1/orderDate" }), as the forms check it
      $data: true,
      strict: 'log',
      allowUnionTypes: true,
      verbose: true,
      logger: { log: () => {}, warn: record, error: record },
      code: { regExp: re2RegExp },
    }),
  );
  return (schema, at, fail) => {
    if (!ajv.validateSchema(schema)) {
      for (const issue of issuesFromAjv(ajv.errors, at)) fail(issue.path, `is not a valid JSON Schema: ${issue.message}`);
      return undefined;
    }
    // before compiling: ajv would stop at the first pattern RE2 refuses, and without saying where it is
    if (!reportUnsafeRegexes(schema, at, fail)) return undefined;
    notes.length = 0;
    let validate: ValidateFunction | undefined;
    try {
      validate = ajv.compile(schema);
    } catch (e) {
      notes.push((e as Error).message);
    } finally {
      ajv.removeSchema(schema);
    }
    for (const note of notes) fail(at + locateInSchema(note, schema), `does not compile as a JSON Schema: ${tidyAjvMessage(note)}`);
    return notes.length === 0 ? validate : undefined;
  };
}

/** Ajv names the schema location in its message ("at \"#/properties/x\"") or only the keyword; turn either into a pointer. */
function locateInSchema(message: string, schema: JsonObject): string {
  const at = /at (?:path )?"[^"#]*#([^"]*)"/.exec(message);
  if (at) {
    let path = at[1];
    try {
      path = decodeURIComponent(path);
    } catch {
      // keep the encoded form: still a usable hint
    }
    // ajv names the schema that holds the keyword; point at the keyword itself
    if (/unknown format/.test(message)) return `${path}/format`;
    if (/\(strictRequired\)/.test(message)) return `${path}/required`;
    return path;
  }
  const keyword = /unknown keyword: "([^"]+)"/.exec(message);
  if (keyword) return findKey(schema, keyword[1], '') ?? '';
  return '';
}

/** The first place, depth first, where `key` is a property name. */
function findKey(node: Json, key: string, at: string): string | undefined {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const found = findKey(node[i], key, `${at}/${i}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isObject(node)) return undefined;
  if (key in node) return at + toPointer([key]);
  for (const [k, v] of Object.entries(node)) {
    const found = findKey(v, key, at + toPointer([k]));
    if (found !== undefined) return found;
  }
  return undefined;
}

function tidyAjvMessage(message: string): string {
  return message
    .replace(/^strict mode: /, '')
    .replace(/ at (?:path )?"[^"]*"/, '')
    .replace(/ ignored in schema$/, '')
    .trim();
}
