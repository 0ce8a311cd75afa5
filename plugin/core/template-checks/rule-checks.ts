// Rule conditions: every fact is one the runtime provides, every operator one the engine knows, every path plain and real.
import { toPointer } from '../pointer.ts';
import type { Json, JsonObject } from '../types.ts';
import type { CheckContext } from './context.ts';
import { isObject } from './json.ts';
import { resolveData } from './schema-pointers.ts';

/** Only these JSONPath forms are allowed in rules: $.a.b and $.a[0], nothing that filters, searches or runs code. */
// Field keys may be in any language ($.金额): letters and digits of any script.
export const PLAIN_PATH = /^\$(?:\.[\p{L}_][\p{L}\p{N}_-]*|\[\d+\])+$/u;

export function checkRules(ctx: CheckContext): void {
  for (const [name, def] of Object.entries(ctx.t.rules)) {
    if (isObject(def.conditions)) checkCondition(ctx, def.conditions, toPointer(['rules', name, 'conditions']));
  }
}

function checkCondition(ctx: CheckContext, c: JsonObject, at: string): void {
  for (const key of ['all', 'any']) {
    const list = c[key];
    if (Array.isArray(list)) list.forEach((sub, i) => isObject(sub) && checkCondition(ctx, sub, `${at}/${key}/${i}`));
  }
  if (isObject(c.not)) checkCondition(ctx, c.not, `${at}/not`);
  if (typeof c.fact !== 'string') return;
  checkFactRef(ctx, c.fact, c.path, at);
  const { operators } = ctx.options;
  if (typeof c.operator === 'string' && !operators.includes(c.operator)) {
    ctx.fail(`${at}/operator`, `unknown operator '${c.operator}' (operators: ${operators.join(', ')})`);
  }
  const value = c.value;
  if (isObject(value) && typeof value.fact === 'string') checkFactRef(ctx, value.fact, value.path, `${at}/value`);
}

function checkFactRef(ctx: CheckContext, fact: string, path: Json | undefined, at: string): void {
  const { facts } = ctx.options;
  if (!facts.includes(fact)) {
    ctx.fail(`${at}/fact`, `unknown fact '${fact}' (facts: ${facts.join(', ')})`);
    return;
  }
  if (typeof path !== 'string') return;
  if (!PLAIN_PATH.test(path)) {
    ctx.fail(`${at}/path`, `'${path}' is not allowed: only plain property paths are allowed ($.a.b or $.a[0]; no filters, wildcards, recursive descent or scripts)`);
    return;
  }
  const segments = pathSegments(path);
  // derived and data are declared by the template itself, so their paths can be checked here
  if (fact === 'derived') ctx.derived(segments[0], `${at}/path`);
  if (fact === 'data' && resolveData(ctx.t.form.schema, toPointer(segments)).length === 0) {
    ctx.fail(`${at}/path`, `'${path}' does not name a field of the form`);
  }
}

/** "$.lines[0].price" → ["lines", "0", "price"]. */
export function pathSegments(path: string): string[] {
  return [...path.slice(1).matchAll(/\.([^.[]+)|\[(\d+)\]/g)].map((m) => m[1] ?? m[2]);
}
