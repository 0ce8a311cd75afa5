// Leaves out of a record's data, and of its history, what the caller's roles may not read.
import { canRead } from './permissions.ts';
import { fieldOf, getAt, parsePointer, setAt } from './pointer.ts';
import type { Actor, FieldChange, Json, JsonObject, RecordSummary, Template } from './types.ts';

export function redactData(template: Template, data: JsonObject, actor: Actor): JsonObject {
  let out = data;
  for (const key of Object.keys(template.fields ?? {})) if (!canRead(template, key, actor)) out = leaveOut(out, key);
  return out;
}

/** The summary (customer, contact, amount) without what comes from fields the caller may not read. */
export function redactSummary(template: Template, summary: RecordSummary, actor: Actor): RecordSummary {
  const s = template.summary;
  const out: RecordSummary = { ...summary };
  if (s.customer && !canRead(template, s.customer, actor)) delete out.customer;
  if (s.contact && !canRead(template, s.contact, actor)) delete out.contact;
  const amount = s.amount ? template.derived?.[s.amount] : undefined;
  if (amount && !(amount.fields ?? []).every((f) => canRead(template, `${amount.items}/${f}`, actor))) delete out.amount;
  return out;
}

/** The data without the field a pointer names; a field of list items (e.g. /lines/price) goes from every item. Unchanged data is returned as is. */
export function leaveOut(data: JsonObject, pointer: string): JsonObject {
  const parts = parsePointer(pointer);
  return parts.length && reaches(data, parts) ? (without(data, parts) as JsonObject) : data;
}

/**
 * Field changes as the caller may see them: a change of a field they may not read is left out,
 * and values that contain such a field (a whole line, the whole list) lose it.
 */
export function redactChanges(template: Template, changes: FieldChange[], actor: Actor): FieldChange[] {
  const out: FieldChange[] = [];
  for (const change of changes) {
    // Changes outside the data (handler, department) carry no field permissions.
    if (!change.path.startsWith('/')) {
      out.push(change);
      continue;
    }
    if (!canRead(template, change.path, actor)) continue;
    const at = fieldOf(change.path);
    const shown = (value: Json | undefined) => getAt(redactData(template, setAt({}, at, value ?? null), actor), at);
    const next: FieldChange = { path: change.path };
    if (change.before !== undefined) next.before = shown(change.before) as Json;
    if (change.after !== undefined) next.after = shown(change.after) as Json;
    out.push(next);
  }
  return out;
}

/** Is there anything at these pointer parts? A part that is not an index applies to every item of a list. */
function reaches(node: Json | undefined, parts: string[]): boolean {
  if (parts.length === 0) return node !== undefined;
  if (Array.isArray(node)) return /^\d+$/.test(parts[0]) ? reaches(node[Number(parts[0])], parts.slice(1)) : node.some((item) => reaches(item, parts));
  if (node === null || typeof node !== 'object') return false;
  return Object.hasOwn(node, parts[0]) && reaches(node[parts[0]], parts.slice(1));
}

/** A copy without what the parts name (in every item of a list, for a field of the items). */
function without(node: Json, parts: string[]): Json {
  if (Array.isArray(node)) {
    if (/^\d+$/.test(parts[0])) {
      const i = Number(parts[0]);
      return parts.length === 1 ? node.filter((_, j) => j !== i) : node.map((item, j) => (j === i ? without(item, parts.slice(1)) : item));
    }
    return node.map((item) => without(item, parts));
  }
  if (node === null || typeof node !== 'object' || !Object.hasOwn(node, parts[0])) return node;
  const copy: JsonObject = { ...node };
  if (parts.length === 1) delete copy[parts[0]];
  else copy[parts[0]] = without(node[parts[0]], parts.slice(1));
  return copy;
}
