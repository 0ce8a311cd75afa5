// Guards on json-rules-engine: engines are reused per rule set, and that must never change a verdict.
import { describe, expect, it } from 'vitest';
import { createRulesEvaluator } from '../../../plugin/adapters/rules/json-rules-engine.ts';

const rules = Object.freeze({
  big: { conditions: { all: [{ fact: 'data', path: '$.amount', operator: 'greaterThan', value: 100 }] } },
  even: { conditions: { all: [{ fact: 'data', path: '$.amount', operator: 'isEven', value: true }] } },
});

describe('the json-rules-engine guard evaluator', () => {
  it('runs at the same time on the same rules give each its own verdict', async () => {
    const rulesEngine = createRulesEvaluator();
    const amounts = Array.from({ length: 40 }, (_, i) => i * 10);
    const verdicts = await Promise.all(amounts.map((amount) => rulesEngine.evaluate(rules, ['big'], { data: { amount } })));
    expect(verdicts.map((v) => v.big)).toEqual(amounts.map((a) => a > 100));
  });

  it('an operator added after rules were run is there for the next run', async () => {
    const rulesEngine = createRulesEvaluator();
    expect(await rulesEngine.evaluate(rules, ['big'], { data: { amount: 200 } })).toEqual({ big: true });
    rulesEngine.addOperator('isEven', (a, b) => (Number(a) % 2 === 0) === b);
    expect(await rulesEngine.evaluate(rules, ['big', 'even'], { data: { amount: 200 } })).toEqual({ big: true, even: true });
    expect(await rulesEngine.evaluate(rules, ['even'], { data: { amount: 201 } })).toEqual({ even: false });
    expect(rulesEngine.operators()).toContain('isEven');
  });

  it('plain property paths reach into objects and lists; a missing step is undefined, not an error', async () => {
    const lines = { first: { conditions: { all: [{ fact: 'data', path: '$.lines[1].price', operator: 'equal', value: 7 }] } } };
    const e = createRulesEvaluator();
    expect(await e.evaluate(lines, ['first'], { data: { lines: [{ price: 1 }, { price: 7 }] } })).toEqual({ first: true });
    expect(await e.evaluate(lines, ['first'], { data: { lines: [{ price: 1 }] } })).toEqual({ first: false });
    expect(await e.evaluate(lines, ['first'], { data: {} })).toEqual({ first: false });
    // as json-rules-engine's JSONPath reads it: a string's length and characters are its own properties
    const short = { short: { conditions: { all: [{ fact: 'record', path: '$.status.length', operator: 'lessThan', value: 6 }] } } };
    expect(await e.evaluate(short, ['short'], { record: { status: 'draft' } })).toEqual({ short: true });
    expect(await e.evaluate(short, ['short'], { record: { status: 'confirmed' } })).toEqual({ short: false });
  });

  it('conditions with priorities work on a frozen template (the engine writes into what it is given)', async () => {
    const deepFreeze = <T>(o: T): T => {
      if (o && typeof o === 'object') for (const v of Object.values(o)) deepFreeze(v);
      return Object.freeze(o);
    };
    const leaf = deepFreeze({ fact: 'data', path: '$.amount', operator: 'greaterThan', value: 100, priority: 10 });
    const frozen = deepFreeze({ prioritised: { conditions: { all: [leaf, { condition: 'small' }] } } });
    const shared = deepFreeze({ small: { all: [{ ...leaf, operator: 'lessThan', value: 200, priority: 5 }] } });
    const e = createRulesEvaluator();
    expect(await e.evaluate(frozen, ['prioritised'], { data: { amount: 150 } }, shared)).toEqual({ prioritised: true });
    expect((await e.explain(frozen.prioritised, { data: { amount: 50 } }, shared)).holds).toBe(false);
    expect(leaf.priority).toBe(10);
  });

  it('in, notIn, someValue and everyValue on a missing list do not hold, where json-rules-engine would stop the run', async () => {
    const lists = {
      swappedIn: { conditions: { all: [{ fact: 'data', path: '$.tags', operator: 'swap:in', value: 'release' }] } },
      notInFact: { conditions: { all: [{ fact: 'data', path: '$.status', operator: 'notIn', value: { fact: 'data', path: '$.closed' } }] } },
      swappedSome: { conditions: { all: [{ fact: 'data', path: '$.tags', operator: 'swap:someValue:equal', value: 'release' }] } },
      swappedEvery: { conditions: { all: [{ fact: 'data', path: '$.tags', operator: 'swap:everyValue:equal', value: 'release' }] } },
    };
    const names = Object.keys(lists);
    const e = createRulesEvaluator();
    expect(await e.evaluate(lists, names, { data: { status: 'open' } })).toEqual({ swappedIn: false, notInFact: false, swappedSome: false, swappedEvery: false });
    expect(await e.evaluate(lists, names, { data: { status: 'open', tags: ['release'], closed: ['done'] } })).toEqual({
      swappedIn: true,
      notInFact: true,
      swappedSome: true,
      swappedEvery: true,
    });
    // a string is searched as json-rules-engine searches it
    expect(await e.evaluate(lists, ['swappedIn'], { data: { tags: 'pre-release' } })).toEqual({ swappedIn: true });
  });

  it('a rule the template lacks is a configuration error naming it', async () => {
    await expect(createRulesEvaluator().evaluate(rules, ['missing'], {})).rejects.toThrow(/rule "missing" is not in the template/);
  });
});

describe('date operators', () => {
  const on = (operator: string, value: string) => ({ r: { conditions: { all: [{ fact: 'data', path: '$.due', operator, value }] } } });
  it('before, onOrBefore, after and onOrAfter compare dates and date-times as instants', async () => {
    const e = createRulesEvaluator();
    expect(await e.evaluate(on('before', '2026-12-31'), ['r'], { data: { due: '2026-12-05' } })).toEqual({ r: true });
    expect(await e.evaluate(on('after', '2026-12-31'), ['r'], { data: { due: '2026-12-05' } })).toEqual({ r: false });
    expect(await e.evaluate(on('onOrAfter', '2026-12-05'), ['r'], { data: { due: '2026-12-05' } })).toEqual({ r: true });
    expect(await e.evaluate(on('onOrBefore', '2026-12-05T08:00:00+08:00'), ['r'], { data: { due: '2026-12-05T00:00:00Z' } })).toEqual({ r: true });
    expect(e.operators()).toEqual(expect.arrayContaining(['before', 'onOrBefore', 'after', 'onOrAfter']));
  });

  it('an empty or unreadable date never meets a date condition', async () => {
    const e = createRulesEvaluator();
    expect(await e.evaluate(on('before', '2026-12-31'), ['r'], { data: {} })).toEqual({ r: false });
    expect(await e.evaluate(on('after', '2020-01-01'), ['r'], { data: { due: 'soon' } })).toEqual({ r: false });
  });
});

describe("json-rules-engine 7's own syntax, evaluated", () => {
  it('operator decorators work as the engine documents them', async () => {
    const e = createRulesEvaluator();
    const rules = {
      every: { conditions: { all: [{ fact: 'data', path: '$.qty', operator: 'everyFact:greaterThan', value: 0 }] } },
      none: { conditions: { all: [{ fact: 'data', path: '$.tag', operator: 'not:in', value: ['x', 'y'] }] } },
    };
    expect(await e.evaluate(rules, ['every', 'none'], { data: { qty: [1, 2, 3], tag: 'z' } })).toEqual({ every: true, none: true });
    expect(await e.evaluate(rules, ['every', 'none'], { data: { qty: [1, 0], tag: 'x' } })).toEqual({ every: false, none: false });
  });

  it('bracket paths and shared conditions by name', async () => {
    const e = createRulesEvaluator();
    const shared = { big: { all: [{ fact: 'data', path: "$['金 额']", operator: 'greaterThan', value: 100 }] } };
    const rules = { r: { conditions: { any: [{ condition: 'big' }] } } };
    expect(await e.evaluate(rules, ['r'], { data: { '金 额': 500 } }, shared)).toEqual({ r: true });
    expect(await e.evaluate(rules, ['r'], { data: { '金 额': 5 } }, shared)).toEqual({ r: false });
  });
});
