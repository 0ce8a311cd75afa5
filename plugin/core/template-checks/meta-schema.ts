// The bundle's shape (the template meta-schema, ajv strict) and the effect params schemas, compiled once per options.
import { PluginFailure } from '../errors.ts';
import Ajv, { type ValidateFunction } from 'ajv';
import metaSchema from '../../../schemas/template.schema.json' with { type: 'json' };
import { re2RegExp } from '../safe-regexp.ts';
import type { Json } from '../types.ts';
import { addPlatformFormats } from './ajv.ts';
import { isObject } from './json.ts';
import { combinedSchemas } from './schema-pointers.ts';
import type { TemplateCheckOptions } from './types.ts';
import { useExactMultipleOf } from '../exact-multiple-of.ts';

/** A string param that must name a key of a template section ("x-ref"), and where it sits in the params. */
export interface SectionRef {
  path: string[];
  section: string;
}

export interface EffectChecker {
  validate: ValidateFunction;
  refs: SectionRef[];
}

export interface Checker {
  validateBundle: ValidateFunction;
  effects: Map<string, EffectChecker>;
}

// Compiling ajv is the expensive part: once per options object, and callers that rebuild equal options share it too.
const checkers = new WeakMap<TemplateCheckOptions, Checker>();
const checkersByEffects = new Map<string, Checker>();

export function checkerFor(options: TemplateCheckOptions): Checker {
  const cached = checkers.get(options);
  if (cached) return cached;
  const key = JSON.stringify(options.effectTypes);
  const shared = checkersByEffects.get(key) ?? buildChecker(options);
  checkersByEffects.delete(key);
  checkersByEffects.set(key, shared);
  if (checkersByEffects.size > 16) checkersByEffects.delete(checkersByEffects.keys().next().value as string);
  checkers.set(options, shared);
  return shared;
}

function buildChecker(options: TemplateCheckOptions): Checker {
  const ajv = addPlatformFormats(new Ajv({ allErrors: true, strict: true, verbose: true, code: { regExp: re2RegExp } }));
  ajv.addKeyword({ keyword: 'x-ref', schemaType: 'string' });
  useExactMultipleOf(ajv);
  const validateBundle = ajv.compile(metaSchema as object);
  const effects = new Map<string, EffectChecker>();
  for (const [type, schema] of Object.entries(options.effectTypes)) {
    try {
      effects.set(type, { validate: ajv.compile(schema), refs: sectionRefs(schema, []) });
    } catch (e) {
      throw new PluginFailure('setup_invalid', `effect type '${type}': its params schema does not compile: ${(e as Error).message}`);
    }
  }
  return { validateBundle, effects };
}

function sectionRefs(schema: Json, path: string[]): SectionRef[] {
  if (!isObject(schema)) return [];
  const out: SectionRef[] = [];
  if (typeof schema['x-ref'] === 'string') out.push({ path, section: schema['x-ref'] });
  if (isObject(schema.properties)) {
    for (const [key, sub] of Object.entries(schema.properties)) out.push(...sectionRefs(sub, [...path, key]));
  }
  for (const sub of combinedSchemas(schema)) out.push(...sectionRefs(sub, path));
  return out;
}
