// JSON Forms rules on the server: which controls a form's rules hide for given data, so that a field hidden
// from the person filling the form is never required of them. Same meaning as JSON Forms: SHOW shows when
// the condition holds, HIDE hides when it holds; a hidden layout hides all it holds; AND / OR combine.
import { getAt } from './pointer.ts';
import type { Json, JsonObject } from './types.ts';

/** Does a value meet a JSON Schema? (the record validator's, so both agree on formats) */
export type SchemaTest = (schema: JsonObject, value: Json | undefined) => boolean;

const isObject = (v: Json | undefined): v is JsonObject => !!v && typeof v === 'object' && !Array.isArray(v);

/** "#/properties/a/properties/b" → "/a/b"; undefined for a scope that is not a path into properties. */
export function scopePointer(scope: string): string | undefined {
  if (scope === '#') return '';
  const m = /^#?(\/properties\/[^/]+)+$/.exec(scope);
  return m ? scope.replace(/^#/, '').replace(/\/properties\//g, '/') : undefined;
}

function holds(condition: Json | undefined, data: Json, test: SchemaTest): boolean {
  if (!isObject(condition)) return true;
  if (condition.type === 'AND' || condition.type === 'OR') {
    const parts = Array.isArray(condition.conditions) ? condition.conditions : [];
    return condition.type === 'AND' ? parts.every((c) => holds(c, data, test)) : parts.some((c) => holds(c, data, test));
  }
  const at = typeof condition.scope === 'string' ? scopePointer(condition.scope) : undefined;
  if (at === undefined) return true; // a condition we cannot place never hides anything
  const value = getAt(data, at);
  if (condition.type === 'LEAF') return value === condition.expectedValue;
  if (!isObject(condition.schema)) return true;
  if (condition.failWhenUndefined === true && value === undefined) return false;
  return test(condition.schema, value);
}

function hidden(element: JsonObject, data: Json, test: SchemaTest): boolean {
  const rule = element.rule;
  if (!isObject(rule)) return false;
  if (rule.effect === 'SHOW') return !holds(rule.condition, data, test);
  if (rule.effect === 'HIDE') return holds(rule.condition, data, test);
  return false;
}

/** Pointers of the controls hidden for this data (a pointer covers what is under it). */
export function hiddenControls(uischema: JsonObject, data: Json, test: SchemaTest): string[] {
  const out: string[] = [];
  const walk = (el: Json, above: boolean): void => {
    if (!isObject(el)) return;
    const gone = above || hidden(el, data, test);
    const at = typeof el.scope === 'string' ? scopePointer(el.scope) : undefined;
    if (gone && at) out.push(at);
    if (Array.isArray(el.elements)) for (const child of el.elements) walk(child, gone);
  };
  walk(uischema, false);
  return out;
}
