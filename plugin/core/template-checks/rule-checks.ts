// Rule conditions: every fact is one the runtime provides, every operator one the engine knows, every path plain and real.
import { toPointer } from '../pointer.ts';
import type { Json, JsonObject } from '../types.ts';
import type { CheckContext } from './context.ts';
import { isObject } from './json.ts';
import { resolveData } from './schema-pointers.ts';

/**
 * Only these JSONPath forms are allowed in rules: $.a.b, $.a[0] and the bracket forms $['a b'] / $["金额"],
 * nothing that filters, searches or runs code. Field keys may be in any language ($.金额).
 */
export const PLAIN_PATH = /^\$(?:\.[\p{L}_][\p{L}\p{N}_-]*|\[\d+\]|\['(?:[^'\\]|\\.)*'\]|\["(?:[^"\\]|\\.)*"\])+$/u;

/** json-rules-engine 7's operator decorators: "everyFact:greaterThan", "not:in", "swap:contains"… */
export const DECORATORS = ['someFact', 'someValue', 'everyFact', 'everyValue', 'swap', 'not'];

export function checkRules(ctx: CheckContext): void {
  for (const [name, def] of Object.entries(ctx.t.rules)) {
    if (isObject(def.conditions)) checkCondition(ctx, def.conditions, toPointer(['rules', name, 'conditions']));
  }
  for (const [name, c] of Object.entries(ctx.t.conditions ?? {})) {
    if (isObject(c)) checkCondition(ctx, c, toPointer(['conditions', name]));
    const loop = sharedLoop(ctx.t.conditions ?? {}, name, []);
    if (loop) ctx.fail(toPointer(['conditions', name]), `shared conditions refer to each other in a loop (${loop.join(' → ')}); one of them must stand on its own`);
  }
}

/** The names of shared conditions a condition refers to, at any depth of all / any / not. */
function referredTo(c: Json | undefined): string[] {
  if (!isObject(c)) return [];
  if (typeof c.condition === 'string') return [c.condition];
  return [...(['all', 'any'] as const).flatMap((k) => (Array.isArray(c[k]) ? (c[k] as Json[]).flatMap(referredTo) : [])), ...referredTo(c.not)];
}

function sharedLoop(shared: Record<string, JsonObject>, name: string, trail: string[]): string[] | undefined {
  if (trail.includes(name)) return [...trail.slice(trail.indexOf(name)), name];
  for (const next of referredTo(shared[name])) {
    if (!Object.hasOwn(shared, next)) continue;
    const loop = sharedLoop(shared, next, [...trail, name]);
    if (loop) return loop;
  }
  return undefined;
}

/** What is wrong with an operator, decorators and all; undefined when the engine knows it. */
function operatorProblem(operator: string, operators: string[]): string | undefined {
  const parts = operator.split(':');
  const base = parts.pop()!;
  const unknownDecorator = parts.find((d) => !DECORATORS.includes(d));
  if (unknownDecorator) return `unknown operator decorator '${unknownDecorator}' in '${operator}' (decorators: ${DECORATORS.join(', ')})`;
  if (!operators.includes(base)) return `unknown operator '${base}' (operators: ${operators.join(', ')})`;
  return undefined;
}

function checkCondition(ctx: CheckContext, c: JsonObject, at: string): void {
  for (const key of ['all', 'any']) {
    const list = c[key];
    if (Array.isArray(list)) list.forEach((sub, i) => isObject(sub) && checkCondition(ctx, sub, `${at}/${key}/${i}`));
  }
  if (isObject(c.not)) checkCondition(ctx, c.not, `${at}/not`);
  if (typeof c.condition === 'string' && !Object.hasOwn(ctx.t.conditions ?? {}, c.condition)) {
    const known = Object.keys(ctx.t.conditions ?? {});
    ctx.fail(`${at}/condition`, `no shared condition '${c.condition}' (the template's conditions: ${known.join(', ') || 'none'}); add it under "conditions"`);
  }
  if (typeof c.fact !== 'string') return;
  checkFactRef(ctx, c.fact, c.path, at);
  const problem = typeof c.operator === 'string' ? operatorProblem(c.operator, ctx.options.operators) : undefined;
  if (problem) ctx.fail(`${at}/operator`, problem);
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
    ctx.fail(`${at}/path`, `'${path}' is not allowed: only plain property paths are allowed ($.a.b, $.a[0] or $['a b']; no filters, wildcards, recursive descent or scripts)`);
    return;
  }
  const segments = pathSegments(path);
  // derived and data are declared by the template itself, so their paths can be checked here
  if (fact === 'derived') ctx.derived(segments[0], `${at}/path`);
  if (fact === 'data' && resolveData(ctx.t.form.schema, toPointer(segments)).length === 0) {
    ctx.fail(`${at}/path`, `'${path}' does not name a field of the form`);
  }
}

/** "$.lines[0].price" → ["lines", "0", "price"]; "$['a b']" → ["a b"]. */
export function pathSegments(path: string): string[] {
  return [...path.slice(1).matchAll(/\.([^.[]+)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/g)].map((m) =>
    m[1] ?? m[2] ?? (m[3] ?? m[4]).replace(/\\(.)/g, '$1'),
  );
}
