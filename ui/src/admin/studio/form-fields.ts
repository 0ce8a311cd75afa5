// The form's fields as the studio sees them: a flat list read from the JSON Schema, and adding a top-level field.
import type { Json, JsonObject, Labels, Template } from '../../../../plugin/core/types';
import { pointer } from '../pointer';
import { appendControl, bilingual, removeControl } from './form-layout';

export type FieldType =
  | 'string'
  | 'text'
  | 'number'
  | 'money'
  | 'integer'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'time'
  | 'choice'
  | 'choices'
  | 'person'
  | 'department'
  | 'lines';
export const FIELD_TYPES: FieldType[] = ['string', 'text', 'number', 'money', 'integer', 'boolean', 'date', 'datetime', 'time', 'choice', 'choices', 'person', 'department', 'lines'];
/** What a column of a sub-table may be: one value a table cell can hold. */
export const COLUMN_TYPES: FieldType[] = ['string', 'number', 'money', 'integer', 'boolean', 'date', 'time', 'choice'];

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
  const items = asObject(s.items);
  if (s.type === 'array' && items?.type === 'object') return 'lines';
  if (s.type === 'array' && items && (Array.isArray(items.oneOf) || Array.isArray(items.enum))) return 'choices';
  if (s.type === 'string' && s.format === 'date') return 'date';
  if (s.type === 'string' && s.format === 'date-time') return 'datetime';
  if (s.type === 'string' && s.format === 'time') return 'time';
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


const optionsOf = (f: NewField): JsonObject[] => (f.options ?? []).map((o) => ({ const: o.code, title: bilingual(o.label) }));

function fieldSchema(f: NewField): JsonObject {
  const title = bilingual(f.label);
  switch (f.type) {
    case 'date':
      return { type: 'string', format: 'date', title };
    case 'datetime':
      return { type: 'string', format: 'date-time', title };
    case 'time':
      return { type: 'string', format: 'time', title };
    case 'text':
      return { type: 'string', title, maxLength: 2000 };
    case 'money':
      return { type: 'number', title, minimum: 0, multipleOf: 0.01 };
    case 'person':
      return { type: 'string', format: 'user', title };
    case 'department':
      return { type: 'string', format: 'department', title };
    case 'choice':
      return { type: 'string', title, oneOf: optionsOf(f) };
    case 'choices':
      return { type: 'array', title, uniqueItems: true, items: { type: 'string', oneOf: optionsOf(f) } };
    case 'lines':
      return { type: 'array', title, items: { type: 'object', properties: {} } };
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

/** The schema of the object a field belongs to: the form, or the item of a sub-table ("" = the form). */
export function ownerSchema(t: Template, list: string): JsonObject | undefined {
  if (!list) return t.form.schema;
  const tokens = list.split('/').slice(1);
  let s: JsonObject | undefined = t.form.schema;
  for (const tk of tokens) s = asObject(asObject(s?.properties)?.[tk]);
  return asObject(s?.items);
}

/** A field's own schema, found by its pointer (columns of a sub-table as "/lines/sku"). */
export function fieldSchemaAt(t: Template, p: string): JsonObject | undefined {
  const tokens = p.split('/').slice(1);
  let s: JsonObject | undefined = t.form.schema;
  for (const [i, tk] of tokens.entries()) {
    const holder: JsonObject | undefined = i > 0 && s?.type === 'array' ? asObject(s.items) : s;
    s = asObject(asObject(holder?.properties)?.[tk]);
  }
  return s;
}

/** The columns of a sub-table, in their order. */
export function listColumns(t: Template, list: string): FieldInfo[] {
  const item = ownerSchema(t, list);
  const required = Array.isArray(item?.required) ? (item.required as Json[]) : [];
  return Object.entries(asObject(item?.properties) ?? {}).map(([key, raw]) => ({
    key,
    pointer: `${list}/${key}`,
    type: typeOf(asObject(raw) ?? {}),
    required: required.includes(key),
    depth: 1,
  }));
}

const splitLast = (p: string): [string, string] => {
  const i = p.lastIndexOf('/');
  return [p.slice(0, i), p.slice(i + 1)];
};

/**
 * Adds a field: to the form (its schema property and a Control at the end of the layout), or as a column of
 * a sub-table when `list` names one (the table draws its columns from the item schema); and its labels.
 */
export function addField(t: Template, f: NewField, list = ''): void {
  const owner = ownerSchema(t, list);
  if (!owner) return;
  owner.properties = { ...(asObject(owner.properties) ?? {}), [f.key]: fieldSchema(f) };
  if (f.required) {
    const req = Array.isArray(owner.required) ? owner.required : [];
    owner.required = [...req.filter((r) => r !== f.key), f.key];
  }
  t.form.labels = { ...(t.form.labels ?? {}), [`${list}${pointer(f.key)}`]: f.label };
  if (list) return;
  const control: JsonObject = { type: 'Control', scope: `#/properties/${f.key}` };
  if (f.type === 'text') control.options = { multi: true };
  appendControl(t.form.uischema, control);
}

/** Makes a field required or optional; a key alone names a top-level field. */
export function setRequired(t: Template, field: string, required: boolean): void {
  const [list, key] = splitLast(field.startsWith('/') ? field : `/${field}`);
  const owner = ownerSchema(t, list);
  if (!owner) return;
  const req = (Array.isArray(owner.required) ? owner.required : []).filter((r) => r !== key);
  if (required) req.push(key);
  if (req.length) owner.required = req;
  else delete owner.required;
}

/** Moves a column of a sub-table one place left (-1) or right (+1): properties keep their order in JSON. */
export function moveColumn(t: Template, column: string, by: -1 | 1): void {
  const [list, key] = splitLast(column);
  const owner = ownerSchema(t, list);
  const entries = Object.entries(asObject(owner?.properties) ?? {});
  const i = entries.findIndex(([k]) => k === key);
  const j = i + by;
  if (!owner || i < 0 || j < 0 || j >= entries.length) return;
  [entries[i], entries[j]] = [entries[j], entries[i]];
  owner.properties = Object.fromEntries(entries);
}

/** Removes a field (or a column) everywhere addField puts it (rules or summaries that name it are reported on validate). */
export function removeField(t: Template, field: string): void {
  const p = field.startsWith('/') ? field : `/${field}`;
  const [list, key] = splitLast(p);
  const owner = ownerSchema(t, list);
  if (!owner) return;
  const props = { ...(asObject(owner.properties) ?? {}) };
  delete props[key];
  owner.properties = props;
  setRequired(t, p, false);
  if (!list) removeControl(t.form.uischema, `#/properties/${key}`);
  if (t.form.labels) {
    t.form.labels = Object.fromEntries(Object.entries(t.form.labels).filter(([k]) => k !== p && !k.startsWith(`${p}/`)));
  }
  if (t.fields) delete t.fields[p];
}
