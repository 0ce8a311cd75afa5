// The form's fields as the studio sees them: a flat list read from the JSON Schema, and adding a top-level field.
import type { Json, JsonObject, Labels, Template } from '../../../../plugin/core/types';
import { pointer } from '../pointer';

export type FieldType = 'string' | 'number' | 'integer' | 'boolean' | 'date';
export const FIELD_TYPES: FieldType[] = ['string', 'number', 'integer', 'boolean', 'date'];

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
}

function fieldSchema(f: NewField): JsonObject {
  const title = f.label.en && f.label.en !== f.label['zh-CN'] ? `${f.label['zh-CN']} / ${f.label.en}` : f.label['zh-CN'];
  if (f.type === 'date') return { type: 'string', format: 'date', title };
  return { type: f.type, title };
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
  ui.elements = [...elements, { type: 'Control', scope: `#/properties/${f.key}` }];
  t.form.labels = { ...(t.form.labels ?? {}), [pointer(f.key)]: f.label };
}

/** Removes a top-level field added in this session, everywhere addField put it. */
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
}
