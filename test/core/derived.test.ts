// Values a template derives from the data (totals, counts) and the summary a list shows.
import { beforeAll, describe, expect, it } from 'vitest';
import { deriveValues, round, summarize } from '../../plugin/core/derived.ts';
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

describe('round', () => {
  it.each([
    [1.004, 1],
    [10.235, 10.24],
    [-2.5, -2.5],
    [0.1 + 0.2, 0.3],
    [123456.789, 123456.79],
  ])('%d → %d', (n, expected) => {
    expect(round(n)).toBe(expected);
  });
});

describe('the amount summary from a field of the form', () => {
  it('reads the number at the pointer, to the cent; nothing there is 0', () => {
    const t = { summary: { amount: '/agreed' }, derived: {} } as unknown as Template;
    expect(summarize(t, { agreed: 1234.567 }).amount).toBe(1234.57);
    expect(summarize(t, {}).amount).toBe(0);
  });
});
