// Money through the runtime: nothing finer than a cent reaches the ledger, totals are exact, and amounts too
// large to count to the cent are refused at save.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Template } from '../../plugin/core/types.ts';
import { createRuntimeFixture, type RuntimeFixture } from '../fixtures/runtime-fixture.ts';
import { balances, everything } from './support.ts';

let f: RuntimeFixture;
beforeEach(async () => {
  f = await createRuntimeFixture();
});

/** Version 2 of the sales order whose receipt amount is any number: its form no longer stops sub-cent amounts. */
async function receiptsWithoutMultipleOf(): Promise<void> {
  const t = structuredClone((await f.runtime.getTemplate('sales-order'))!) as Template;
  t.version = 2;
  const amount = (t.actions.record_receipt.input!.params as { properties: Record<string, Record<string, unknown>> }).properties.amount;
  delete amount.multipleOf;
  const installed = await f.runtime.installTemplate(t);
  if (!installed.ok) throw new Error(installed.message.en);
}

describe('the ledger takes whole cents only', () => {
  it.each([0.004, 10.005, 1e-12])('a receipt of %s is refused at its param even when the form lets it through, and nothing changes', async (amount) => {
    await receiptsWithoutMultipleOf();
    const order = await f.newOrder('sales1', [{ product: 'MS-01', warehouse: 'WH-BJ', quantity: 1, price: 100 }]);
    expect(order.templateVersion).toBe(2);
    await f.driveTo(order.id, 'shipped');
    const before = await everything(f);
    const r = await f.runtime.runAction(f.actor('finance'), order.id, 'record_receipt', { params: { amount } });
    expect(r).toMatchObject({ ok: false, code: 'validation_failed', errors: [{ path: '/params/amount', message: 'must be multiple of 0.01' }] });
    if (!r.ok) {
      expect(r.message['zh-CN']).toContain('最小货币单位');
      expect(r.message.en).toContain('finer than the smallest unit');
    }
    expect(await everything(f)).toEqual(before);
  });

  it('receipts of 0.1 and 0.2 against 0.30 leave exactly nothing owed, and a further receipt is refused as not owed', async () => {
    const order = await f.newOrder('sales1', [{ product: 'MS-01', warehouse: 'WH-BJ', quantity: 3, price: 0.1 }]);
    await f.driveTo(order.id, 'shipped');
    await f.run('finance', order.id, 'record_receipt', { params: { amount: 0.1 } });
    await f.run('finance', order.id, 'record_receipt', { params: { amount: 0.2 } });
    expect(await balances(f, order.id)).toMatchObject({ receivable: 0.3, receipt: 0.3, writeoff: 0.3 });
    expect((await f.record(order.id)).status).toBe('written_off');
  });
});

describe('amounts too large to count to the cent', () => {
  it('an order whose total passes 9,999,999,999,999.99 is refused at its lines when saved', async () => {
    const lines = Array.from({ length: 10 }, () => ({ product: 'NB-14', warehouse: 'WH-SH', quantity: 100000, price: 10000000 }));
    const before = await everything(f);
    const r = await f.runtime.createRecord(f.actor('sales1'), 'sales-order', { orderDate: '2026-03-16', customer: { name: 'Big Co', email: 'big@example.com' }, lines });
    expect(r).toMatchObject({ ok: false, code: 'validation_failed', errors: [{ path: '/lines' }] });
    expect(await everything(f)).toEqual(before);
    const fits = await f.runtime.createRecord(f.actor('sales1'), 'sales-order', { orderDate: '2026-03-16', customer: { name: 'Big Co', email: 'big@example.com' }, lines: lines.slice(0, 9) });
    expect(fits.ok && fits.value.summary.amount).toBe(9e12);
  });
});

describe('the cancellation report counts cents exactly', () => {
  it('a line of 1 × 1.005 is 1.01 in the order, in its product row and in the total', async () => {
    const order = await f.newOrder('sales1', [{ product: 'MS-01', warehouse: 'WH-BJ', quantity: 1, price: 1.005 }]);
    expect(order.summary.amount).toBe(1.01);
    await f.run('sales1', order.id, 'cancel', { reason: 'duplicate' });
    const r = await f.runtime.cancellationReport(f.actor('admin'), { template: 'sales-order', groupBy: 'product' });
    if (!r.ok) throw new Error(r.message.en);
    expect(r.value.rows).toEqual([{ key: 'MS-01', count: 1, amount: 1.01 }]);
    expect(r.value.total).toEqual({ count: 1, amount: 1.01 });
  });

  it('orders of 0.1, 0.2 and 0.4 cancelled total exactly 0.7', async () => {
    for (const price of [0.1, 0.2, 0.4]) {
      const order = await f.newOrder('sales1', [{ product: 'MS-01', warehouse: 'WH-BJ', quantity: 1, price }]);
      await f.run('sales1', order.id, 'cancel', { reason: 'duplicate' });
    }
    const r = await f.runtime.cancellationReport(f.actor('admin'), { template: 'sales-order', groupBy: 'reason' });
    if (!r.ok) throw new Error(r.message.en);
    expect(r.value.total).toEqual({ count: 3, amount: 0.7 });
    expect(r.value.rows.map((row) => row.amount)).toEqual([0.7]);
  });
});
