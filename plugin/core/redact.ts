// Leaves out of a record's data what the caller's roles may not read.
import { canRead } from './permissions.ts';
import { getAt, setAt } from './pointer.ts';
import type { Actor, JsonObject, Template } from './types.ts';

export function redactData(template: Template, data: JsonObject, actor: Actor): JsonObject {
  let out = data;
  for (const key of Object.keys(template.fields ?? {})) {
    if (getAt(out, key) !== undefined && !canRead(template, key, actor)) out = setAt(out, key, undefined);
  }
  return out;
}
