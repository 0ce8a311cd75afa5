// The ledger across whole flows: balances recompute from entries, reversals net their originals, nothing is ever removed or changed.
import { beforeEach, describe, expect, it } from 'vitest';
import { createRuntimeFixture, type RuntimeFixture } from '../fixtures/runtime-fixture.ts';
import { checkAll, checkAppendOnly, checkLedger } from './invariants.ts';
import { balances } from './support.ts';

let f: RuntimeFixture;
beforeEach(async () => {
  f = await createRuntimeFixture();
});

/** Runs each step, checking every invariant after each and that the ledger only grew. */
async function steps(list: (() => Promise<unknown>)[]): Promise<void> {
  let ledger = await checkAll(f);
  for (const step of list) {
    await step();
    const next = await checkAll(f);
    checkAppendOnly(ledger, next);
    ledger = next;
  }
}

describe('ledger invariants', () => {
  it('through a settled order unlocked, re-paid, re-settled, then cancelled with approval and archived', async () => {
    const { id } = await f.newOrder('sales1', [
      { product: 'NB-14', warehouse: 'WH-SH', quantity: 2, price: 5000.5 },
      { product: 'KB-01', warehouse: 'WH-BJ', quantity: 3, price: 33.33 },
    ]);
    await steps([
      () => f.driveTo(id, 'shipped'),
      () => f.run('finance', id, 'record_receipt', { params: { amount: 3333.33 } }),
      () => f.run('finance', id, 'invoice'),
      () => f.run('finance', id, 'record_receipt', { params: { amount: 6767.66 } }),
      () => f.run('finance', id, 'settle'),
      () => f.run('finmanager', id, 'unsettle', { comment: 'wrong invoice' }),
      () => f.run('finance', id, 'record_receipt', { params: { amount: 10100.99 } }),
      () => f.run('finance', id, 'invoice'),
      () => f.run('finance', id, 'settle'),
      async () => {
        const outcome = await f.run('finmanager', id, 'cancel', { reason: 'customer_request' });
        if (outcome.kind !== 'approval') throw new Error('expected an approval');
        const decided = await f.runtime.decideApproval(f.actor('admin'), outcome.approval.id, 'approve');
        if (!decided.ok) throw new Error(decided.message.en);
      },
      () => f.run('sales1', id, 'archive'),
    ]);
    expect((await f.record(id)).status).toBe('archived');
    // Received twice in full, owed back twice in full.
    expect(await balances(f, id)).toEqual({ receivable: 0, receipt: 0, invoice: 0, writeoff: 0, refund: 20201.98 });
  });

  it('through write-offs reversed and redone, credit notes and re-invoicing', async () => {
    const { id } = await f.newOrder('sales3', [{ product: 'MON-27', warehouse: 'WH-SH', quantity: 4, price: 1999 }]);
    await steps([
      () => f.driveTo(id, 'written_off'),
      () => f.run('finance', id, 'reverse_write_off'),
      () => f.run('finance', id, 'write_off'),
      () => f.run('finance', id, 'invoice'),
      () => f.run('finance', id, 'credit_note'),
      () => f.run('finance', id, 'invoice'),
      () => f.run('finmanager', id, 'reverse_write_off'),
      () => f.run('finance', id, 'credit_note'),
      () => f.run('sales3', id, 'cancel', { reason: 'payment_issue' }),
    ]);
    const entries = await f.store.ledgerEntries(id);
    expect(entries.filter((e) => e.account === 'invoice')).toHaveLength(4);
    expect(entries.filter((e) => e.account === 'writeoff')).toHaveLength(4);
  });

  it('through a settlement posted and cancelled, and reversals across a closed period', async () => {
    const ids: string[] = [];
    for (const owner of ['sales1', 'sales2'] as const) {
      const { id } = await f.newOrder(owner);
      ids.push(id);
    }
    let doc = '';
    await steps([
      ...ids.map((id) => () => f.driveTo(id, 'written_off')),
      ...ids.map((id) => () => f.run('finance', id, 'invoice')),
      async () => {
        const numbers = await Promise.all(ids.map(async (id) => ({ number: (await f.record(id)).number })));
        const created = await f.runtime.createRecord(f.actor('finance'), 'settlement', { settlementDate: '2026-03-16', orders: numbers });
        if (!created.ok) throw new Error(created.message.en);
        doc = created.value.id;
      },
      () => f.run('finance', doc, 'post'),
      async () => {
        await f.store.setPeriodClosed('2026-03', true);
        f.clock.set('2026-04-01T08:00:00.000Z');
      },
      () => f.run('admin', doc, 'cancel_settlement', { reason: 'customer_dispute' }),
      () => f.run('finance', ids[0], 'credit_note'),
      () => f.run('admin', ids[0], 'cancel', { reason: 'other' }),
      () => f.run('finmanager', ids[1], 'reverse_write_off'),
    ]);
    const late = (await f.store.allLedgerEntries()).filter((e) => e.reverses);
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((e) => e.period === '2026-04')).toBe(true);
  });

  it('no entry is ever removed or changed by later actions', async () => {
    const a = await f.newOrder('sales1');
    const b = await f.newOrder('manager');
    await f.driveTo(a.id, 'settled');
    await f.driveTo(b.id, 'written_off');
    const before = await checkLedger(f);
    expect(before.length).toBeGreaterThan(5);

    await f.run('finmanager', a.id, 'unsettle');
    await f.run('admin', b.id, 'cancel', { reason: 'duplicate' });
    await f.run('finance', a.id, 'record_receipt', { params: { amount: 5 } });
    // A refused command adds nothing either.
    await f.store.setPeriodClosed(f.clock.period(), true);
    expect(await f.runtime.runAction(f.actor('admin'), a.id, 'cancel', { reason: 'other' })).toMatchObject({ ok: false, code: 'period_closed' });

    const after = await checkLedger(f);
    const byId = new Map(after.map((e) => [e.id, e]));
    for (const old of before) expect(byId.get(old.id), old.id).toEqual(old);
    checkAppendOnly(before, after);
    expect(after.length).toBeGreaterThan(before.length);
  });
});
