// Values a template derives from the data (totals, counts) and the summary a list shows.
import { beforeAll, describe, expect, it } from 'vitest';
import { derivedProblems, deriveValues, summarize } from '../../plugin/core/derived.ts';
import type { JsonObject, Template } from '../../plugin/core/types.ts';
import { loadPrebuiltTemplates } from '../fixtures/prebuilt-templates.ts';

let so: Template;
let settlement: Template;
beforeAll(async () => {
  ({ salesOrder: so, settlement } = await loadPrebuiltTemplates());
});

const withOps: Template['derived'] = {
  qty: { op: 'sum', items: '/lines', fields: ['quantity'] },
  total: { op: 'sumProduct', items: '/lines', fields: ['quantity', 'price'] },
  count: { op: 'count', items: '/lines' },
  nested: { op: 'count', items: '/deep/list' },
};
const tpl = (): Template => ({ ...so, derived: withOps });

describe('deriveValues', () => {
  it.each<{ title: string; data: JsonObject; expected: Record<string, number> }>([
    {
      title: 'sum, sumProduct and count over the lines',
      data: { lines: [{ quantity: 2, price: 5000 }, { quantity: 3, price: 99.9 }] },
      expected: { qty: 5, total: 10299.7, count: 2, nested: 0 },
    },
    { title: 'money is kept to the cent (0.1 + 0.2)', data: { lines: [{ quantity: 1, price: 0.1 }, { quantity: 1, price: 0.2 }] }, expected: { qty: 2, total: 0.3, count: 2, nested: 0 } },
    { title: 'ten at 0.07 is 0.70', data: { lines: [{ quantity: 10, price: 0.07 }] }, expected: { qty: 10, total: 0.7, count: 1, nested: 0 } },
    {
      title: 'half a unit at 2.01 is 1.01: the line is rounded half away from zero, not by its binary product 1.00499…',
      data: { lines: [{ quantity: 0.5, price: 2.01 }] },
      expected: { qty: 0.5, total: 1.01, count: 1, nested: 0 },
    },
    {
      title: 'each line is rounded to the cent once, then the lines are added (as an invoice shows them)',
      data: { lines: [{ quantity: 0.5, price: 0.01 }, { quantity: 0.5, price: 0.01 }] },
      expected: { qty: 1, total: 0.02, count: 2, nested: 0 },
    },
    {
      title: 'a hundred lines of 1 × 0.01 total exactly 1',
      data: { lines: Array.from({ length: 100 }, () => ({ quantity: 1, price: 0.01 })) },
      expected: { qty: 100, total: 1, count: 100, nested: 0 },
    },
    { title: 'no lines: zeros', data: {}, expected: { qty: 0, total: 0, count: 0, nested: 0 } },
    { title: 'lines that are not a list count as none', data: { lines: 'many' }, expected: { qty: 0, total: 0, count: 0, nested: 0 } },
    { title: 'missing or non-numeric fields count as zero', data: { lines: [{ quantity: '3', price: 2 }, { price: 4 }, null] }, expected: { qty: 0, total: 0, count: 3, nested: 0 } },
    { title: 'a list deeper in the data', data: { deep: { list: [1, 2, 3] } }, expected: { qty: 0, total: 0, count: 0, nested: 3 } },
  ])('$title', ({ data, expected }) => {
    expect(deriveValues(tpl(), data)).toEqual(expected);
  });

  it('a template without derived values derives nothing', () => {
    expect(deriveValues({ ...so, derived: undefined }, { lines: [] })).toEqual({});
  });

  it('the settlement counts its orders', () => {
    expect(deriveValues(settlement, { orders: [{ number: 'SO-000001' }, { number: 'SO-000002' }] })).toEqual({ orderCount: 2 });
  });
});

describe('summarize', () => {
  it.each<{ title: string; data: JsonObject; expected: object }>([
    {
      title: 'customer, contact and amount from the pointers the template names',
      data: { customer: { name: 'Yunshan', email: 'b@y.example' }, lines: [{ quantity: 2, price: 5000 }] },
      expected: { customer: 'Yunshan', contact: 'b@y.example', amount: 10000 },
    },
    { title: 'a customer that is not text is left out', data: { customer: { name: 42 }, lines: [] }, expected: { amount: 0 } },
    { title: 'no lines: amount zero', data: { customer: { name: 'X' } }, expected: { customer: 'X', amount: 0 } },
  ])('$title', ({ data, expected }) => {
    expect(summarize(so, data)).toEqual(expected);
  });

  it('a template with an empty summary summarises nothing', () => {
    expect(summarize(settlement, { orders: [] })).toEqual({});
  });
});


describe('the amount summary from a field of the form', () => {
  it('reads the number at the pointer, to the cent; nothing there is 0', () => {
    const t = { summary: { amount: '/agreed' }, derived: {} } as unknown as Template;
    expect(summarize(t, { agreed: 1234.567 }).amount).toBe(1234.57);
    expect(summarize(t, {}).amount).toBe(0);
  });

  it('a field holding 1.005 is 1.01 to the cent, half away from zero (not 1.00 from 1.005 × 100 = 100.4999…)', () => {
    const t = { summary: { amount: '/agreed' }, derived: {} } as unknown as Template;
    expect(summarize(t, { agreed: 1.005 }).amount).toBe(1.01);
    expect(summarize(t, { agreed: -0.125 }).amount).toBe(-0.13);
  });
});

describe('totals too large to count to the cent', () => {
  it('are problems of the data, at the list that makes them', () => {
    const lines = Array.from({ length: 200 }, () => ({ quantity: 100000, price: 10000000 }));
    expect(derivedProblems(tpl(), { lines })).toEqual([{ path: '/lines', message: expect.stringMatching(/beyond the largest/), zh: expect.stringMatching(/超过了能精确到分的最大值/) }]);
    expect(derivedProblems(tpl(), { lines: lines.slice(0, 9) })).toEqual([]);
  });

  it('a summary field that large is a problem at that field', () => {
    const t = { summary: { amount: '/agreed' }, derived: {} } as unknown as Template;
    expect(derivedProblems(t, { agreed: 1e16 })).toEqual([{ path: '/agreed', message: expect.stringMatching(/beyond the largest/), zh: expect.stringMatching(/超过了能精确到分的最大值/) }]);
    expect(derivedProblems(t, { agreed: 1e12 })).toEqual([]);
  });
});
