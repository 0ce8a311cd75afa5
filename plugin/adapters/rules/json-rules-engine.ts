// Guards on json-rules-engine: rules are template data, facts are plain objects.
import { Engine, type OperatorEvaluator } from 'json-rules-engine';
import type { JsonObject } from '../../core/types.ts';
import type { GuardEvaluator } from '../../runtime/ports.ts';

/** json-rules-engine's own operators; templates may name these and any added with addOperator. */
export const defaultOperators = ['equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'];

export interface RulesEvaluator extends GuardEvaluator {
  addOperator(name: string, fn: OperatorEvaluator<unknown, unknown>): void;
  operators(): string[];
}

export function createRulesEvaluator(): RulesEvaluator {
  const custom = new Map<string, OperatorEvaluator<unknown, unknown>>();
  return {
    addOperator(name, fn) {
      custom.set(name, fn);
    },
    operators: () => [...defaultOperators, ...custom.keys()],
    async evaluate(rules, names, facts) {
      const wanted = [...new Set(names)];
      if (!wanted.length) return {};
      const engine = new Engine([], { allowUndefinedFacts: true });
      for (const [name, fn] of custom) engine.addOperator(name, fn);
      for (const name of wanted) {
        const rule = rules[name] as JsonObject | undefined;
        if (!rule) throw new Error(`rule "${name}" is not in the template; the template should not have been imported`);
        engine.addRule({ name, conditions: rule.conditions as never, event: { type: name } });
      }
      for (const [fact, value] of Object.entries(facts)) engine.addFact(fact, value);
      const { events } = await engine.run();
      const passed = new Set(events.map((e) => e.type));
      return Object.fromEntries(wanted.map((n) => [n, passed.has(n)]));
    },
  };
}
