// One field's properties as the studio edits them: its words (label, help text), its bounds, its default and
// its options, each written where JSON Schema and the template keep it.
import type { Json, JsonObject, Labels, Template } from '../../../../plugin/core/types';
import { labelsOfTitle } from '../../forms/prepare-form';
import { fieldSchemaAt, type FieldOption } from './form-fields';
import { bilingual } from './form-layout';
import { valueOf } from './conditions';

/** Which bounds a type has: numbers by value, texts by length, lists by items. */
export const BOUNDS: Record<string, [string, string] | undefined> = {
  number: ['minimum', 'maximum'],
  money: ['minimum', 'maximum'],
  integer: ['minimum', 'maximum'],
  string: ['minLength', 'maxLength'],
  choices: ['minItems', 'maxItems'],
  lines: ['minItems', 'maxItems'],
};

/** The label people see (form.labels), kept as the schema's title too so exports read well. */
export function setLabel(t: Template, p: string, label: Labels): void {
  t.form.labels = { ...(t.form.labels ?? {}), [p]: label };
  const s = fieldSchemaAt(t, p);
  if (s) s.title = bilingual(label);
}

export function helpOf(t: Template, p: string): Labels {
  const d = fieldSchemaAt(t, p)?.description;
  return labelsOfTitle(typeof d === 'string' ? d : '');
}

/** Help text shows under the field, in the reader's language ("中文 / English" as titles are). */
export function setHelp(t: Template, p: string, help: Labels): void {
  const s = fieldSchemaAt(t, p);
  if (!s) return;
  const zh = help['zh-CN'].trim();
  const en = help.en.trim();
  if (!zh && !en) delete s.description;
  else s.description = bilingual({ 'zh-CN': zh || en, en });
}

/** Sets or clears (empty text) one bound; a text that is not a whole number ≥ 0 for lengths is ignored. */
export function setBound(t: Template, p: string, keyword: string, text: string): void {
  const s = fieldSchemaAt(t, p);
  if (!s) return;
  const n = Number(text);
  if (text.trim() === '') delete s[keyword];
  else if (Number.isFinite(n) && (keyword.startsWith('minimum') || keyword.startsWith('maximum') || (Number.isInteger(n) && n >= 0))) s[keyword] = n;
}

export function defaultText(t: Template, p: string): string {
  const d = fieldSchemaAt(t, p)?.default;
  return d === undefined ? '' : Array.isArray(d) ? d.join(', ') : String(d);
}

/** The value a new record starts with, typed as the field holds it (a list for a multiple choice). */
export function setDefault(t: Template, p: string, type: string, text: string): void {
  const s = fieldSchemaAt(t, p);
  if (!s) return;
  if (text.trim() === '') delete s.default;
  else s.default = type === 'choices' ? valueOf('string', 'in', text) : valueOf(type, 'equal', text);
}

const optionsSchema = (s: JsonObject | undefined): JsonObject | undefined =>
  s?.type === 'array' && s.items && typeof s.items === 'object' && !Array.isArray(s.items) ? (s.items as JsonObject) : s;

/** A dropdown's or a multiple choice's options as "code | 中文 | English" lines. */
export function optionsText(t: Template, p: string): string {
  const list = optionsSchema(fieldSchemaAt(t, p))?.oneOf;
  if (!Array.isArray(list)) return '';
  return list
    .map((o: Json) => {
      const opt = (o ?? {}) as JsonObject;
      const title = typeof opt.title === 'string' ? opt.title : String(opt.const);
      const l = labelsOfTitle(title);
      return `${String(opt.const)} | ${l['zh-CN']}${l.en ? ` | ${l.en}` : ''}`;
    })
    .join('\n');
}

export function setOptions(t: Template, p: string, options: FieldOption[]): void {
  const s = optionsSchema(fieldSchemaAt(t, p));
  if (s) s.oneOf = options.map((o) => ({ const: o.code, title: bilingual(o.label) }));
}
