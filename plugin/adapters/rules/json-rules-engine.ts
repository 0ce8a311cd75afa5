// Guards on json-rules-engine: rules are template data, facts are plain objects.
import { PluginFailure } from '../../core/errors.ts';
import { Engine, type OperatorDecoratorEvaluator, type OperatorEvaluator } from 'json-rules-engine';
import { PLAIN_PATH, pathSegments } from '../../core/template-checks/rule-checks.ts';
import type { JsonObject } from '../../core/types.ts';
import type { GuardEvaluator } from '../../runtime/ports.ts';

/** json-rules-engine's own operators; templates may name these and any added with addOperator. */
export const defaultOperators = ['equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'];

/** A date or date-time as a number to compare, or undefined (json-rules-engine's own comparisons take numbers only). */
const instant = (v: unknown): number | undefined => {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isNaN(t) ? undefined : t;
};
const compareDates = (test: (a: number, b: number) => boolean) => (fact: unknown, value: unknown) => {
  const a = instant(fact);
  const b = instant(value);
  return a !== undefined && b !== undefined && test(a, b);
};

/** Operators every template may use besides json-rules-engine's: dates compared as dates ("2026-12-05", ISO date-times). */
export const dateOperators: Record<string, OperatorEvaluator<unknown, unknown>> = {
  before: compareDates((a, b) => a < b),
  onOrBefore: compareDates((a, b) => a <= b),
  after: compareDates((a, b) => a > b),
  onOrAfter: compareDates((a, b) => a >= b),
};

/**
 * json-rules-engine's in / notIn and its someValue / everyValue decorators call indexOf / some / every on the list
 * side, and a list side that is missing or not a list (a swapped fact, a value read from a fact) stops the whole run
 * with a TypeError: the record would not open. Here that comparison does not hold; on lists (and, for in / notIn,
 * strings) they answer as the engine does. Literal values that are not lists are refused at import.
 */
const searchable = (v: unknown): v is unknown[] | string => Array.isArray(v) || typeof v === 'string';
const listSafeOperators: Record<string, OperatorEvaluator<unknown, unknown>> = {
  in: (a, b) => searchable(b) && b.indexOf(a as string) > -1,
  notIn: (a, b) => searchable(b) && b.indexOf(a as string) === -1,
};
const listSafeDecorators: Record<string, OperatorDecoratorEvaluator<unknown, unknown, unknown, unknown>> = {
  someValue: (a, b, next) => Array.isArray(b) && b.some((v) => next(a, v)),
  everyValue: (a, b, next) => Array.isArray(b) && b.every((v) => next(a, v)),
};

export interface RulesEvaluator extends GuardEvaluator {
  addOperator(name: string, fn: OperatorEvaluator<unknown, unknown>): void;
  operators(): string[];
}

const segmentsOf = new Map<string, string[]>();

/**
 * Templates hold plain property paths only (checked at import); walking them directly costs a fraction of
 * the JSONPath query engine the library runs by default, which was a tenth of an action's time.
 */
function resolvePlainPath(value: unknown, path: string): unknown {
  let segments = segmentsOf.get(path);
  if (!segments) {
    if (!PLAIN_PATH.test(path)) throw new PluginFailure('setup_invalid', `rule path "${path}" is not a plain property path; the template should not have been imported`);
    segmentsOf.set(path, (segments = pathSegments(path)));
  }
  let at = value;
  for (const s of segments) {
    // as JSONPath does: own properties of objects, lists and strings ("$.status.length")
    if (at === null || (typeof at !== 'object' && typeof at !== 'string') || !Object.hasOwn(Object(at), s)) return undefined;
    at = (at as Record<string, unknown>)[s];
  }
  return at;
}

/** The engine's own bookkeeping (priorities) is not part of the answer. */
function withoutPriorities<T>(node: T): T {
  if (Array.isArray(node)) return node.map(withoutPriorities) as T;
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).filter(([k]) => k !== 'priority').map(([k, v]) => [k, withoutPriorities(v)])) as T;
}

export function createRulesEvaluator(): RulesEvaluator {
  const custom = new Map<string, OperatorEvaluator<unknown, unknown>>(Object.entries(dateOperators));
  // Building an engine parses every rule again; a stored template's rules never change (the store hands out
  // one frozen copy), so engines are kept per rule set and names. A run keeps its engine to itself: an engine
  // shared by two runs at once would let the first to finish stop the other.
  let idle = new WeakMap<object, Map<string, Engine[]>>();

  function build(rules: Record<string, JsonObject>, wanted: string[], shared: Record<string, JsonObject> = {}): Engine {
    const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePlainPath });
    for (const [name, fn] of Object.entries(listSafeOperators)) engine.addOperator(name, fn);
    for (const [name, fn] of Object.entries(listSafeDecorators)) engine.addOperatorDecorator(name, fn);
    for (const [name, fn] of custom) engine.addOperator(name, fn);
    // the engine writes into the conditions it is given (a leaf's "priority" becomes a number), and a stored
    // template is frozen: it gets copies
    for (const [name, condition] of Object.entries(shared)) engine.setCondition(name, structuredClone(condition) as never);
    for (const name of wanted) {
      const rule = rules[name] as JsonObject | undefined;
      if (!rule) throw new PluginFailure('setup_invalid', `rule "${name}" is not in the template; the template should not have been imported`);
      engine.addRule({ name, conditions: structuredClone(rule.conditions) as never, event: { type: name } });
    }
    return engine;
  }

  return {
    addOperator(name, fn) {
      custom.set(name, fn);
      idle = new WeakMap(); // engines built before lack the operator
    },
    operators: () => [...defaultOperators, ...custom.keys()],
    async explain(rule, facts, shared) {
      const engine = build({ tried: rule }, ['tried'], shared);
      const { results, failureResults } = await engine.run(facts);
      const outcome = [...results, ...failureResults][0];
      return { holds: results.length > 0, conditions: withoutPriorities(outcome.toJSON(false) as { conditions: JsonObject }).conditions as JsonObject };
    },
    async evaluate(rules, names, facts, shared) {
      const wanted = [...new Set(names)];
      if (!wanted.length) return {};
      const key = wanted.join('\n');
      const byNames = idle.get(rules) ?? new Map<string, Engine[]>();
      idle.set(rules, byNames);
      // shared conditions belong to the same template as its rules, so the rules' object keys the pool for both
      const engine = byNames.get(key)?.pop() ?? build(rules, wanted, shared);
      try {
        const { events } = await engine.run(facts);
        const passed = new Set(events.map((e) => e.type));
        return Object.fromEntries(wanted.map((n) => [n, passed.has(n)]));
      } finally {
        const pool = byNames.get(key) ?? [];
        if (pool.length < 8) pool.push(engine);
        byNames.set(key, pool);
      }
    },
  };
}
