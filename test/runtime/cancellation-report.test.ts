// The cancellation report: why orders were cancelled, by reason, month, customer and product, with counts and amounts.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ReportRow } from '../../plugin/runtime/runtime-api.ts';
import { createRuntimeFixture, type RuntimeFixture } from '../fixtures/runtime-fixture.ts';

let f: RuntimeFixture;
const numbers: Record<string, string> = {};

const customer = (name: string) => ({ customer: { name, email: `${name.toLowerCase()}@example.com` } });

beforeEach(async () => {
  f = await createRuntimeFixture({ now: '2026-03-10T09:00:00.000Z' });
  // March: two for Alpha (one of two lines of the same product), one for Beta; one order stays live.
  const a1 = await f.newOrder('sales1', [{ product: 'NB-14', warehouse: 'WH-SH', quantity: 2, price: 5000 }], customer('Alpha'));
  await f.run('sales1', a1.id, 'cancel', { reason: 'customer_request' });
  const b1 = await f.newOrder('sales1', [
    { product: 'KB-01', warehouse: 'WH-SH', quantity: 3, price: 100 },
    { product: 'NB-14', warehouse: 'WH-SH', quantity: 1, price: 5000 },
    { product: 'NB-14', warehouse: 'WH-BJ', quantity: 1, price: 5000 },
  ], customer('Beta'));
  await f.driveTo(b1.id, 'confirmed');
  await f.run('sales1', b1.id, 'cancel', { reason: 'out_of_stock' });
  const live = await f.newOrder('sales1', undefined, customer('Alpha'));
  await f.driveTo(live.id, 'shipped');
  // April: one more for Alpha, then archived (the cancellation still counts), and one of sales2's in the west.
  f.clock.set('2026-04-05T09:00:00.000Z');
  const a2 = await f.newOrder('sales1', [{ product: 'MS-01', warehouse: 'WH-BJ', quantity: 5, price: 50 }], customer('Alpha'));
  await f.driveTo(a2.id, 'shipped');
  await f.run('sales1', a2.id, 'cancel', { reason: 'customer_request' });
  await f.run('sales1', a2.id, 'archive');
  const w = await f.newOrder('sales2', [{ product: 'MON-27', warehouse: 'WH-SH', quantity: 1, price: 1500 }], customer('Gamma'));
  await f.run('sales2', w.id, 'cancel', { reason: 'price_error' });
  Object.assign(numbers, { a1: a1.number, b1: b1.number, a2: a2.number, w: w.number });
});

async function fullReport(who: Parameters<RuntimeFixture['actor']>[0], query: Omit<Parameters<RuntimeFixture['runtime']['cancellationReport']>[1], 'template'>) {
  const r = await f.runtime.cancellationReport(f.actor(who), { template: 'sales-order', ...query });
  if (!r.ok) throw new Error(r.message.en);
  return r.value;
}

async function report(who: Parameters<RuntimeFixture['actor']>[0], groupBy: 'reason' | 'customer' | 'product' | 'month', range: { from?: string; to?: string } = {}): Promise<ReportRow[]> {
  const r = await f.runtime.cancellationReport(f.actor(who), { template: 'sales-order', groupBy, ...range });
  if (!r.ok) throw new Error(r.message.en);
  return r.value.rows;
}
const plain = (rows: ReportRow[]) => rows.map(({ key, count, amount }) => ({ key, count, amount }));

describe('the cancellation report', () => {
  it.each([
    {
      groupBy: 'reason' as const,
      rows: [
        { key: 'customer_request', count: 2, amount: 10250 },
        { key: 'out_of_stock', count: 1, amount: 10300 },
        { key: 'price_error', count: 1, amount: 1500 },
      ],
    },
    {
      groupBy: 'customer' as const,
      rows: [
        { key: 'Alpha', count: 2, amount: 10250 },
        { key: 'Beta', count: 1, amount: 10300 },
        { key: 'Gamma', count: 1, amount: 1500 },
      ],
    },
    {
      groupBy: 'product' as const,
      rows: [
        { key: 'NB-14', count: 2, amount: 20000 },
        { key: 'MON-27', count: 1, amount: 1500 },
        { key: 'KB-01', count: 1, amount: 300 },
        { key: 'MS-01', count: 1, amount: 250 },
      ],
    },
    {
      groupBy: 'month' as const,
      rows: [
        { key: '2026-03', count: 2, amount: 20300 },
        { key: '2026-04', count: 2, amount: 1750 },
      ],
    },
  ])('groups by $groupBy with counts and amounts', async ({ groupBy, rows }) => {
    expect(plain(await report('admin', groupBy))).toEqual(rows);
  });

  it('labels reasons in both languages', async () => {
    const rows = await report('admin', 'reason');
    expect(rows[0].label).toEqual({ 'zh-CN': '客户要求取消', en: 'Customer asked to cancel' });
  });

  it('keeps to what the caller may see', async () => {
    expect(plain(await report('sales1', 'reason'))).toEqual([
      { key: 'customer_request', count: 2, amount: 10250 },
      { key: 'out_of_stock', count: 1, amount: 10300 },
    ]);
    expect(plain(await report('manager2', 'customer'))).toEqual([{ key: 'Gamma', count: 1, amount: 1500 }]);
  });

  it('filters by the day of the cancellation', async () => {
    expect(plain(await report('admin', 'month', { from: '2026-04-01' }))).toEqual([{ key: '2026-04', count: 2, amount: 1750 }]);
    expect(plain(await report('admin', 'month', { to: '2026-03-31' }))).toEqual([{ key: '2026-03', count: 2, amount: 20300 }]);
    expect(await report('admin', 'reason', { from: '2026-05-01' })).toEqual([]);
  });

  it('a bound given as a timestamp bounds at that moment, not by the day', async () => {
    // The April cancellations happened on 2026-04-05 at 09:00 UTC.
    const april = [{ key: '2026-04', count: 2, amount: 1750 }];
    const march = [{ key: '2026-03', count: 2, amount: 20300 }];
    expect(plain(await report('admin', 'month', { from: '2026-04-05T00:00:00Z' }))).toEqual(april);
    expect(plain(await report('admin', 'month', { from: '2026-04-05T08:59:59.999Z', to: '2026-04-05T09:00:00Z' }))).toEqual(april);
    expect(await report('admin', 'month', { from: '2026-04-05T10:00:00Z' })).toEqual([]);
    expect(plain(await report('admin', 'month', { to: '2026-04-05T08:00:00Z' }))).toEqual(march);
    expect(plain(await report('admin', 'month', { to: '2026-04-05T12:00:00+08:00' }))).toEqual(march);
  });

  it('the total counts each cancelled record once, with its whole amount, whatever the grouping', async () => {
    // by product the rows overlap: Beta's order names two products and is a record under each
    const byProduct = await fullReport('admin', { groupBy: 'product' });
    expect(byProduct.rows.reduce((s, r) => s + r.count, 0)).toBe(5);
    expect(byProduct.total).toEqual({ count: 4, amount: 22050 });
    for (const groupBy of ['reason', 'customer', 'month'] as const) expect((await fullReport('admin', { groupBy })).total).toEqual({ count: 4, amount: 22050 });
    expect((await fullReport('sales1', { groupBy: 'product' })).total).toEqual({ count: 3, amount: 20550 });
    expect((await fullReport('admin', { groupBy: 'product', from: '2026-05-01' })).total).toEqual({ count: 0, amount: 0 });
  });

  it('without a key there is no list of records', async () => {
    expect((await fullReport('admin', { groupBy: 'reason' })).records).toBeUndefined();
  });

  it('a key lists the records behind that row, newest cancellation first (then the higher number), with when and why', async () => {
    const nb = await fullReport('admin', { groupBy: 'product', key: 'NB-14' });
    expect(nb.records!.map((r) => r.number)).toEqual([numbers.b1, numbers.a1]);
    expect(nb.records![0]).toMatchObject({ template: 'sales-order', status: 'cancelled', customer: 'Beta', amount: 10300, reason: 'out_of_stock', at: '2026-03-10T09:00:00.000Z' });
    expect(nb.records![0].reasonLabel).toEqual({ 'zh-CN': expect.any(String), en: expect.any(String) });
    // the rows and the total stay as they are
    expect(nb.rows).toHaveLength(4);

    const asked = await fullReport('admin', { groupBy: 'reason', key: 'customer_request' });
    expect(asked.records!.map((r) => r.number)).toEqual([numbers.a2, numbers.a1]);
    expect(asked.records![0].status).toBe('archived');
    expect((await fullReport('admin', { groupBy: 'month', key: '2026-04' })).records!.map((r) => r.number).sort()).toEqual([numbers.a2, numbers.w].sort());
    expect((await fullReport('admin', { groupBy: 'customer', key: 'Gamma' })).records!.map((r) => r.number)).toEqual([numbers.w]);
    expect((await fullReport('admin', { groupBy: 'customer', key: 'Nobody' })).records).toEqual([]);
  });

  it('the records behind a row keep to what the caller may see and to the dates', async () => {
    expect((await fullReport('sales1', { groupBy: 'reason', key: 'price_error' })).records).toEqual([]);
    expect((await fullReport('manager2', { groupBy: 'reason', key: 'price_error' })).records!.map((r) => r.number)).toEqual([numbers.w]);
    expect((await fullReport('admin', { groupBy: 'reason', key: 'customer_request', from: '2026-04-01' })).records!.map((r) => r.number)).toEqual([numbers.a2]);
  });

  it('refuses an unknown grouping', async () => {
    const r = await f.runtime.cancellationReport(f.actor('admin'), { groupBy: 'weather' as 'reason' });
    expect(r).toMatchObject({ ok: false, code: 'validation_failed' });
  });
});
