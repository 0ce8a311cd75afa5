// The form's fields as the studio sees them: a flat list read from the JSON Schema, and adding a top-level field.
import type { Json, JsonObject, Labels, Template } from '../../../../plugin/core/types';
import { pointer } from '../pointer';

export type FieldType = 'string' | 'text' | 'number' | 'money' | 'integer' | 'boolean' | 'date' | 'choice' | 'person' | 'department';
export const FIELD_TYPES: FieldType[] = ['string', 'text', 'number', 'money', 'integer', 'boolean', 'date', 'choice', 'person', 'department'];

/** A field key: letters and digits of any script (金额, amount), as the server's rule paths allow. */
export const FIELD_KEY = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** One option of a dropdown: the code stored in the data, the words people see. */
export interface FieldOption {
  code: string;
  label: Labels;
}

export interface FieldInfo {
  key: string;
  /** JSON pointer into the data, e.g. "/customer/name". */
  pointer: string;
  type: string;
  required: boolean;
  depth: number;
}

function asObject(v: Json | undefined): JsonObject | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}

function typeOf(s: JsonObject): string {
  if (s.type === 'string' && s.format === 'date') return 'date';
  if (s.type === 'string' && s.format === 'user') return 'person';
  if (s.type === 'string' && s.format === 'department') return 'department';
  if (s.type === 'string' && Array.isArray(s.oneOf)) return 'choice';
  if (s.type === 'number' && s.multipleOf === 0.01) return 'money';
  return typeof s.type === 'string' ? s.type : 'object';
}

/** Fields of the form, objects walked into (arrays count as one field: a pointer covers what is under it). */
export function listFields(schema: JsonObject, base: string[] = [], depth = 0): FieldInfo[] {
  const props = asObject(schema.properties);
  if (!props) return [];
  const required = Array.isArray(schema.required) ? (schema.required as Json[]) : [];
  const out: FieldInfo[] = [];
  for (const [key, raw] of Object.entries(props)) {
    const s = asObject(raw) ?? {};
    const path = [...base, key];
    out.push({ key, pointer: pointer(...path), type: typeOf(s), required: required.includes(key), depth });
    if (s.type === 'object') out.push(...listFields(s, path, depth + 1));
  }
  return out;
}

export interface NewField {
  key: string;
  type: FieldType;
  label: Labels;
  required: boolean;
  /** For a dropdown. */
  options?: FieldOption[];
}

const bilingual = (l: Labels): string => (l.en && l.en !== l['zh-CN'] ? `${l['zh-CN']} / ${l.en}` : l['zh-CN']);

function fieldSchema(f: NewField): JsonObject {
  const title = bilingual(f.label);
  switch (f.type) {
    case 'date':
      return { type: 'string', format: 'date', title };
    case 'text':
      return { type: 'string', title, maxLength: 2000 };
    case 'money':
      return { type: 'number', title, minimum: 0, multipleOf: 0.01 };
    case 'person':
      return { type: 'string', format: 'user', title };
    case 'department':
      return { type: 'string', format: 'department', title };
    case 'choice':
      return { type: 'string', title, oneOf: (f.options ?? []).map((o) => ({ const: o.code, title: bilingual(o.label) })) };
    default:
      return { type: f.type, title };
  }
}

/**
 * Options written one a line as "code | 中文 | English" (the English may be left out); lines that are
 * empty are skipped, and a code given twice is kept once.
 */
export function parseOptions(text: string): FieldOption[] {
  const seen = new Set<string>();
  const out: FieldOption[] = [];
  for (const line of text.split('\n')) {
    const [code, zh = '', en = ''] = line.split('|').map((x) => x.trim());
    if (!code || seen.has(code)) continue;
    seen.add(code);
    out.push({ code, label: { 'zh-CN': zh || code, en: en || zh || code } });
  }
  return out;
}

/** Adds a top-level field: the schema property, a Control at the end of the layout, and its labels. */
export function addField(t: Template, f: NewField): void {
  const schema = t.form.schema;
  const props = asObject(schema.properties) ?? {};
  schema.properties = { ...props, [f.key]: fieldSchema(f) };
  if (f.required) {
    const req = Array.isArray(schema.required) ? schema.required : [];
    schema.required = [...req.filter((r) => r !== f.key), f.key];
  }
  const ui = t.form.uischema;
  const elements = Array.isArray(ui.elements) ? ui.elements : [];
  const control: JsonObject = { type: 'Control', scope: `#/properties/${f.key}` };
  if (f.type === 'text') control.options = { multi: true };
  ui.elements = [...elements, control];
  t.form.labels = { ...(t.form.labels ?? {}), [pointer(f.key)]: f.label };
}

/** Makes a top-level field required or optional. */
export function setRequired(t: Template, key: string, required: boolean): void {
  const schema = t.form.schema;
  const req = (Array.isArray(schema.required) ? schema.required : []).filter((r) => r !== key);
  if (required) req.push(key);
  if (req.length) schema.required = req;
  else delete schema.required;
}

/** Moves a top-level field's control one place up (-1) or down (+1) in the form's layout. */
export function moveField(t: Template, key: string, by: -1 | 1): void {
  const ui = t.form.uischema;
  if (!Array.isArray(ui.elements)) return;
  const list = [...ui.elements];
  const i = list.findIndex((e) => asObject(e)?.scope === `#/properties/${key}`);
  const j = i + by;
  if (i < 0 || j < 0 || j >= list.length) return;
  [list[i], list[j]] = [list[j], list[i]];
  ui.elements = list;
}

/** Removes a top-level field everywhere addField puts it (rules or summaries that name it are reported on validate). */
export function removeField(t: Template, key: string): void {
  const schema = t.form.schema;
  const props = { ...(asObject(schema.properties) ?? {}) };
  delete props[key];
  schema.properties = props;
  if (Array.isArray(schema.required)) {
    schema.required = schema.required.filter((r) => r !== key);
    if (schema.required.length === 0) delete schema.required;
  }
  const ui = t.form.uischema;
  if (Array.isArray(ui.elements)) {
    ui.elements = ui.elements.filter((e) => asObject(e)?.scope !== `#/properties/${key}`);
  }
  if (t.form.labels) {
    const { [pointer(key)]: _gone, ...rest } = t.form.labels;
    t.form.labels = rest;
  }
  if (t.fields) delete t.fields[pointer(key)];
}
