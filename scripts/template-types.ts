// Writes plugin/core/template-types.ts from schemas/template.schema.json: the template's TypeScript types are
// derived from the meta-schema that validates it, never kept beside it by hand (`npm run types`; a test checks
// that the committed file is what this makes).
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import { toPointer } from '../plugin/core/pointer.ts';

const SCHEMA = fileURLToPath(new URL('../schemas/template.schema.json', import.meta.url));
export const TYPES_FILE = fileURLToPath(new URL('../plugin/core/template-types.ts', import.meta.url));

/** The names the code uses for parts of the schema (JSON pointers into it). */
const NAMES: Record<string, string> = {
  '': 'Template',
  '/definitions/labels': 'Labels',
  '/definitions/scope': 'Scope',
  '/definitions/grant': 'Grant',
  '/definitions/derived': 'DerivedDef',
  '/definitions/state': 'StateDef',
  '/definitions/action': 'ActionDef',
  '/definitions/action/properties/input': 'ActionInput',
  '/definitions/action/properties/input/properties/reason': 'ReasonInput',
  '/definitions/action/properties/guards/items': 'GuardRef',
  '/definitions/action/properties/approval': 'ApprovalDef',
  '/definitions/effect': 'EffectDef',
  '/definitions/rule': 'RuleDef',
  '/definitions/automation': 'AutomationDef',
  '/properties/summary': 'SummaryDef',
  '/properties/roles/additionalProperties': 'RoleDef',
  '/properties/fields/additionalProperties': 'FieldPermission',
  '/properties/copy': 'CopyDef',
  '/properties/reasons/additionalProperties/items': 'ReasonDef',
  '/properties/notifications/additionalProperties': 'NotificationDef',
  '/properties/limits': 'RecordLimitsDef',
  '/properties/list': 'ListDef',
  '/definitions/listColumn': 'ListColumn',
};

/**
 * Where the schema leaves a shape open to other vocabularies (a form's JSON Schema, a UI schema, rule conditions,
 * effect params), the type is JSON: the runtime reads those through their own checks, not through these types.
 */
const TS_TYPES: Record<string, string> = {
  '/definitions/effect': '{ type: string; [param: string]: Json }',
  '/definitions/rule': 'JsonObject',
  '/definitions/condition': 'JsonObject',
  '/definitions/conditionValue': 'Json',
  '/definitions/objectSchema': 'JsonObject',
  '/properties/form/properties/uischema': 'JsonObject',
};

type Node = Record<string, unknown>;

const SCHEMA_MAPS = new Set(['properties', 'definitions', 'patternProperties']);
const SUBSCHEMAS = new Set(['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'propertyNames', 'contains']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);

/** A schema node with the names and types the code wants, its subschemas likewise; other titles dropped. */
function annotate(node: unknown, pointer: string): unknown {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return node;
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) {
    const at = pointer + toPointer([key]);
    if (SCHEMA_MAPS.has(key)) out[key] = Object.fromEntries(Object.entries(value as Node).map(([k, v]) => [k, annotate(v, at + toPointer([k]))]));
    else if (SUBSCHEMAS.has(key)) out[key] = annotate(value, at);
    else if (SCHEMA_LISTS.has(key)) out[key] = (value as unknown[]).map((v, i) => annotate(v, `${at}/${i}`));
    else out[key] = value;
  }
  if (NAMES[pointer] !== undefined) out.title = NAMES[pointer];
  else delete out.title;
  const tsType = TS_TYPES[pointer] ?? (out.type === 'object' && !out.properties && out.additionalProperties === undefined ? 'JsonObject' : undefined);
  if (tsType) out.tsType = tsType;
  return out;
}

export async function templateTypes(): Promise<string> {
  const schema = annotate(JSON.parse(await readFile(SCHEMA, 'utf8')), '') as JSONSchema;
  const body = await compile(schema, 'Template', {
    bannerComment: '',
    additionalProperties: false,
    ignoreMinAndMaxItems: true,
    strictIndexSignatures: false,
    declareExternallyReferenced: true,
    format: true,
    style: { singleQuote: true, printWidth: 140 },
  });
  return [
    '// Generated from schemas/template.schema.json by `npm run types`: change the schema, then run it again.',
    "import type { Json, JsonObject } from './json.ts';",
    '',
    body,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(TYPES_FILE, await templateTypes());
  console.log(`wrote ${TYPES_FILE}`);
}
