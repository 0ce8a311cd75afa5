// Rule conditions: every fact is one the runtime provides, every operator one the engine knows, every path plain and real.
import { toPointer } from '../pointer.ts';
import type { Json, JsonObject } from '../types.ts';
import type { CheckContext } from './context.ts';
import type { TemplateIssue } from './types.ts';
import { isObject } from './json.ts';
import { resolveData } from './schema-pointers.ts';

/**
 * Only these JSONPath forms are allowed in rules: $.a.b, $.a[0] and the bracket forms $['a b'] / $["金额"],
 * nothing that filters, searches or runs code. Field keys may be in any language ($.金额).
 */
export const PLAIN_PATH = /^\$(?:\.[\p{L}_][\p{L}\p{N}_-]*|\[\d+\]|\['(?:[^'\\]|\\.)*'\]|\["(?:[^"\\]|\\.)*"\])+$/u;

/** What the runtime's own facts hold at their top level (core/facts.ts builds them; a test holds the two together). */
export const FACT_FIELDS: Record<string, string[]> = {
  record: ['number', 'status', 'handler', 'department', 'previousStatus', 'createdBy', 'watchers'],
  caller: ['id', 'roles', 'department', 'system'],
  command: ['reason', 'comment', 'params'],
};

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
  if (unknownDecorator)
    return `unknown operator decorator '${unknownDecorator}' in '${operator}' (decorators: ${DECORATORS.join(', ')}); a host cannot add decorators (json-rules-engine's addOperatorDecorator is not supported): write the check with these decorators or with an operator the host adds`;
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
  if (c.params !== undefined) ctx.fail(`${at}/params`, PARAMS_UNSUPPORTED);
  const problem = typeof c.operator === 'string' ? operatorProblem(c.operator, ctx.options.operators) : undefined;
  if (problem) ctx.fail(`${at}/operator`, problem);
  const value = c.value;
  if (isObject(value) && typeof value.fact === 'string') {
    checkFactRef(ctx, value.fact, value.path, `${at}/value`);
    if (value.params !== undefined) ctx.fail(`${at}/value/params`, PARAMS_UNSUPPORTED);
  } else if (!problem && typeof c.operator === 'string') {
    const needsList = listWanted(c.operator, value);
    if (needsList) ctx.fail(`${at}/value`, `'${needsList}' needs a list as its value (json-rules-engine looks through it), not ${JSON.stringify(value)}: write the value as [ … ]`);
  }
}

const PARAMS_UNSUPPORTED =
  'params are not supported: the facts a template reads are plain values that take no parameters (json-rules-engine\'s dynamic facts and custom almanacs, which read params, are code a template cannot hold); remove "params" and read the value with "path"';

/**
 * The step of a decorated operator that would call a list method on the condition's literal value when that value
 * is not a list: json-rules-engine's 'in' / 'notIn' call value.indexOf, 'someValue' / 'everyValue' value.some /
 * value.every, and a number there stops the whole run with a TypeError. 'swap' exchanges the sides on the way.
 */
function listWanted(operator: string, value: Json | undefined): string | undefined {
  if (Array.isArray(value)) return undefined;
  const parts = operator.split(':');
  const base = parts.pop()!;
  let valueOnRight = true; // the literal value is the operator's second argument until a swap
  for (const d of parts) {
    if (d === 'swap') valueOnRight = !valueOnRight;
    else if ((d === 'someValue' || d === 'everyValue') && valueOnRight) return d;
    else if ((d === 'someValue' || d === 'everyValue') && !valueOnRight) return undefined; // the fact is split, the value no longer stands alone
    else if ((d === 'someFact' || d === 'everyFact') && !valueOnRight) return undefined;
  }
  return (base === 'in' || base === 'notIn') && valueOnRight ? base : undefined;
}

/** Rule keys json-rules-engine knows that are code, not data; the meta-schema refuses them, this says why. */
const CODE_KEYS: Record<string, string> = {
  onSuccess: "'onSuccess' is not supported: json-rules-engine's onSuccess handler is code, which a template cannot hold, so rules are not chained through it; to reuse a rule's conditions in another rule, put them under \"conditions\" and refer to them as { \"condition\": \"<name>\" }",
  onFailure: "'onFailure' is not supported: json-rules-engine's onFailure handler is code, which a template cannot hold; to act on a rule that does not hold, guard with a rule whose conditions are under \"not\"",
};

/** Meta-schema issues about json-rules-engine's code-only rule keys, told as unsupported rather than unknown. */
export function explainRuleKeys(issues: TemplateIssue[]): TemplateIssue[] {
  return issues.map((issue) => {
    const m = /^\/rules\/[^/]+\/([^/]+)$/.exec(issue.path);
    return m && Object.hasOwn(CODE_KEYS, m[1]) && issue.message.startsWith('unknown property') ? { path: issue.path, message: CODE_KEYS[m[1]] } : issue;
  });
}

function checkFactRef(ctx: CheckContext, fact: string, path: Json | undefined, at: string): void {
  const { facts } = ctx.options;
  if (!facts.includes(fact)) {
    ctx.fail(
      `${at}/fact`,
      `unknown fact '${fact}' (facts: ${facts.join(', ')}); a template cannot define facts of its own (json-rules-engine's dynamic facts, facts computed from other facts and facts a rule's onSuccess adds are code): read the value from "data" with a path, declare it under "derived", or share conditions under "conditions"`,
    );
    return;
  }
  if (typeof path !== 'string') return;
  if (!PLAIN_PATH.test(path)) {
    ctx.fail(`${at}/path`, `'${path}' is not allowed: only plain property paths are allowed ($.a.b, $.a[0] or $['a b']; no filters, wildcards, recursive descent or scripts)`);
    return;
  }
  const segments = pathSegments(path);
  // JSONPath has no escapes (a backslash stays in the key it reads) and takes some characters in keys as syntax
  const unreadable = path.includes('\\') ? '\\' : segments.find((k) => /['"\\;[\]^]/.test(k) || /^\??\(/.test(k));
  if (unreadable !== undefined) {
    const why = unreadable === '\\' ? 'it has no escapes, so a backslash stays in the key' : `the key ${JSON.stringify(unreadable)} holds characters it reads as syntax (' " ; [ ] ^, or "(" first)`;
    ctx.fail(`${at}/path`, `'${path}' cannot be read by json-rules-engine's JSONPath: ${why}; rename the field`);
    return;
  }
  const fields = Object.hasOwn(FACT_FIELDS, fact) ? FACT_FIELDS[fact] : undefined;
  if (fields && !fields.includes(segments[0])) {
    ctx.fail(`${at}/path`, `the fact '${fact}' has no '${segments[0]}' (it holds: ${fields.join(', ')})`);
    return;
  }
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
