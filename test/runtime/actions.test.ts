// Running actions through the runtime: one atomic commit per command, stock and ledger kept whole, nothing half-done.
import { beforeEach, describe, expect, it } from 'vitest';
import { createRuntimeFixture, type RuntimeFixture } from '../fixtures/runtime-fixture.ts';
import { added, allLedger, allMovements, balances, committedLedger, everything, level, netStock, previewLedger } from './support.ts';

let f: RuntimeFixture;
beforeEach(async () => {
  f = await createRuntimeFixture();
});

describe('an action commits all of its effects or none', () => {
  it('confirming an order whose second line lacks stock reserves nothing, writes no audit, tells nobody', async () => {
    const order = await f.newOrder('sales1', [
      { product: 'NB-14', warehouse: 'WH-SH', quantity: 2, price: 5000 },
      { product: 'DOCK-01', warehouse: 'WH-BJ', quantity: 5, price: 300 },
    ]);
    const before = await everything(f);
    const r = await f.runtime.runAction(f.actor('sales1'), order.id, 'confirm', { version: order.version });
    expect(r).toMatchObject({ ok: false, code: 'stock_insufficient' });
    if (!r.ok) expect(r.message.en).toContain('DOCK-01');
    expect(await everything(f)).toEqual(before);
    expect(await level(f, 'NB-14', 'WH-SH')).toEqual({ onHand: 100, reserved: 0, available: 100 });
    expect((await f.record(order.id)).version).toBe(order.version);
  });

  it('a refusal of a later effect undoes the earlier ones: the stock a cancel would restore stays out when the ledger cannot post', async () => {
    const order = await f.newOrder('sales1');
    await f.driveTo(order.id, 'shipped');
    await f.store.setPeriodClosed(f.clock.period(), true);
    const before = await everything(f);
    const r = await f.runtime.runAction(f.actor('sales1'), order.id, 'cancel', { reason: 'other' });
    expect(r).toMatchObject({ ok: false, code: 'period_closed' });
    expect(await everything(f)).toEqual(before);
    expect(await level(f, 'NB-14', 'WH-SH')).toEqual({ onHand: 98, reserved: 0, available: 98 });
  });

  it('a stale version is refused with version_conflict and changes nothing', async () => {
    const order = await f.newOrder('sales1');
    await f.run('sales1', order.id, 'confirm', { version: order.version });
    const before = await everything(f);
    const r = await f.runtime.runAction(f.actor('sales1'), order.id, 'cancel', { reason: 'other', version: order.version });
    expect(r).toMatchObject({ ok: false, code: 'version_conflict' });
    expect(await everything(f)).toEqual(before);
    expect((await f.record(order.id)).status).toBe('confirmed');
  });

  it('an edit with a stale version is refused and changes nothing', async () => {
    const order = await f.newOrder('sales1');
    await f.runtime.editRecord(f.actor('sales1'), order.id, { remark: 'first' }, order.version);
    const before = await everything(f);
    expect(await f.runtime.editRecord(f.actor('sales1'), order.id, { remark: 'second' }, order.version)).toMatchObject({ ok: false, code: 'version_conflict' });
    expect(await everything(f)).toEqual(before);
  });

  it('two people confirming the same version at once: one wins, the other gets version_conflict, stock is reserved once', async () => {
    const order = await f.newOrder('sales1');
    const [a, b] = await Promise.all([
      f.runtime.runAction(f.actor('sales1'), order.id, 'confirm', { version: order.version }),
      f.runtime.runAction(f.actor('manager'), order.id, 'confirm', { version: order.version }),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect((a.ok ? b : a) as { code: string }).toMatchObject({ code: 'version_conflict' });
    expect(await level(f, 'NB-14', 'WH-SH')).toEqual({ onHand: 100, reserved: 2, available: 98 });
    expect((await f.runtime.history(f.actor('admin'), order.id)) as { value: { action: string }[] }).toMatchObject({ value: [{ action: 'create' }, { action: 'confirm' }] });
  });

  it('every refusal code the runtime adds over the core also leaves the store alone', async () => {
    const order = await f.newOrder('sales1');
    const before = await everything(f);
    for (const [who, action, input, code] of [
      ['sales2', 'confirm', {}, 'not_found'],
      ['warehouse', 'confirm', {}, 'forbidden'],
      ['sales1', 'ship', {}, 'forbidden'],
      ['admin', 'ship', {}, 'invalid_transition'],
      ['sales1', 'cancel', {}, 'reason_required'],
      ['sales1', 'cancel', { reason: 'nope' }, 'reason_unknown'],
      ['sales1', 'reassign', { params: {} }, 'validation_failed'],
      ['sales1', 'reassign', { params: { handler: 'nobody-here' } }, 'validation_failed'],
      ['sales1', 'teleport', {}, 'not_found'],
    ] as const) {
      const r = await f.runtime.runAction(f.actor(who), order.id, action, input);
      expect(r, `${who} ${action}`).toMatchObject({ ok: false, code });
    }
    expect(await f.runtime.runAction(f.actor('admin'), 'no-such-id', 'confirm', {})).toMatchObject({ ok: false, code: 'not_found' });
    expect(await everything(f)).toEqual(before);
  });
});

describe('stock follows the order', () => {
  it('confirming reserves, shipping takes out, and the record holds what its state says', async () => {
    const order = await f.newOrder('sales1', [
      { product: 'NB-14', warehouse: 'WH-SH', quantity: 2, price: 5000 },
      { product: 'NB-14', warehouse: 'WH-SH', quantity: 1, price: 5000 },
      { product: 'MS-01', warehouse: 'WH-BJ', quantity: 4, price: 50 },
    ]);
    await f.driveTo(order.id, 'confirmed');
    expect(await level(f, 'NB-14', 'WH-SH')).toEqual({ onHand: 100, reserved: 3, available: 97 });
    expect(await level(f, 'MS-01', 'WH-BJ')).toEqual({ onHand: 100, reserved: 4, available: 96 });
    await f.driveTo(order.id, 'shipped');
    expect(await level(f, 'NB-14', 'WH-SH')).toEqual({ onHand: 97, reserved: 0, available: 97 });
    expect(await level(f, 'MS-01', 'WH-BJ')).toEqual({ onHand: 96, reserved: 0, available: 96 });
    expect(netStock(await f.store.stockMovements(order.id))).toEqual({ 'NB-14@WH-SH': { onHand: -3, reserved: 0 }, 'MS-01@WH-BJ': { onHand: -4, reserved: 0 } });
  });

  it('cancelling a confirmed order releases its reservation', async () => {
    const order = await f.newOrder('sales1');
    await f.driveTo(order.id, 'confirmed');
    await f.run('sales1', order.id, 'cancel', { reason: 'out_of_stock' });
    expect(await level(f, 'NB-14', 'WH-SH')).toEqual({ onHand: 100, reserved: 0, available: 100 });
    expect(netStock(await f.store.stockMovements(order.id))).toEqual({});
  });

  it('cancelling a shipped order brings the goods back into stock and reverses the receivable', async () => {
    const order = await f.newOrder('sales1', [{ product: 'MON-27', warehouse: 'WH-BJ', quantity: 7, price: 1200 }]);
    await f.driveTo(order.id, 'shipped');
    expect(await level(f, 'MON-27', 'WH-BJ')).toMatchObject({ onHand: 93 });
    await f.run('sales1', order.id, 'cancel', { reason: 'customer_request' });
    expect(await level(f, 'MON-27', 'WH-BJ')).toEqual({ onHand: 100, reserved: 0, available: 100 });
    expect(netStock(await f.store.stockMovements(order.id))).toEqual({});
    expect(await balances(f, order.id)).toMatchObject({ receivable: 0, receipt: 0, refund: 0 });
    const audit = await f.store.getAudit(order.id);
    expect(audit.at(-1)).toMatchObject({ action: 'cancel', from: 'shipped', to: 'cancelled', reason: 'customer_request', actor: f.users.sales1.id });
  });

  it('a cancelled order with receipts records what is owed back, reversing each receipt', async () => {
    const order = await f.newOrder('sales1');
    await f.driveTo(order.id, 'shipped');
    await f.run('finance', order.id, 'record_receipt', { params: { amount: 3000 } });
    await f.run('finance', order.id, 'record_receipt', { params: { amount: 2500 } });
    await f.run('sales1', order.id, 'cancel', { reason: 'payment_issue' });
    expect(await balances(f, order.id)).toEqual({ receivable: 0, receipt: 0, invoice: 0, writeoff: 0, refund: 5500 });
  });

  it('the cancel notification goes to the handler, the department manager and the customer (outbox)', async () => {
    const order = await f.newOrder('sales1');
    await f.run('manager', order.id, 'cancel', { reason: 'duplicate' });
    const inbox = await f.runtime.notifications(f.actor('sales1'));
    expect(inbox.items.map((n) => n.kind)).toContain('orderCancelled');
    expect(inbox.items.find((n) => n.kind === 'orderCancelled')!.bodies?.en).toContain('Duplicate order');
    // The manager did it: nobody is told what they just did themselves.
    expect((await f.runtime.notifications(f.actor('manager'))).items.map((n) => n.kind)).not.toContain('orderCancelled');
    // Written in the same commit as the cancellation; delivered right after the action answered.
    expect((await f.store.notificationsFor('contact:buyer@yunshan.example')).map((n) => n.kind)).toEqual(['orderCancelled']);
    await f.runtime.deliverOutbox();
    const outside = await f.store.notificationsFor('contact:buyer@yunshan.example');
    expect(outside.map((n) => [n.kind, n.delivered])).toEqual([['orderCancelled', true]]);
  });
});

describe('shipping after the lines of a confirmed order were changed', () => {
  it('is refused with stock_insufficient when the new lines need more than is on hand, and nothing moves', async () => {
    const order = await f.newOrder('sales1', [{ product: 'NB-14', warehouse: 'WH-SH', quantity: 5, price: 10 }]);
    await f.driveTo(order.id, 'confirmed');
    const edited = await f.runtime.editRecord(f.actor('admin'), order.id, { lines: [{ product: 'NB-14', warehouse: 'WH-BJ', quantity: 150, price: 10 }] }, (await f.record(order.id)).version);
    expect(edited.ok).toBe(true);
    const before = await everything(f);
    expect(await f.runtime.runAction(f.actor('warehouse'), order.id, 'ship', {})).toMatchObject({ ok: false, code: 'stock_insufficient' });
    expect(await everything(f)).toEqual(before);
    expect(await level(f, 'NB-14', 'WH-BJ')).toEqual({ onHand: 100, reserved: 0, available: 100 });
  });

  it('uses up the whole reservation, including one for a warehouse the lines no longer name', async () => {
    const order = await f.newOrder('sales1', [
      { product: 'NB-14', warehouse: 'WH-SH', quantity: 5, price: 10 },
      { product: 'KB-01', warehouse: 'WH-SH', quantity: 4, price: 10 },
    ]);
    await f.driveTo(order.id, 'confirmed');
    const edited = await f.runtime.editRecord(f.actor('admin'), order.id, {
      lines: [
        { product: 'NB-14', warehouse: 'WH-SH', quantity: 2, price: 10 },
        { product: 'KB-01', warehouse: 'WH-BJ', quantity: 4, price: 10 },
      ],
    }, (await f.record(order.id)).version);
    expect(edited.ok).toBe(true);
    await f.run('warehouse', order.id, 'ship');
    expect(await level(f, 'NB-14', 'WH-SH')).toEqual({ onHand: 98, reserved: 0, available: 98 });
    expect(await level(f, 'KB-01', 'WH-SH')).toEqual({ onHand: 100, reserved: 0, available: 100 });
    expect(await level(f, 'KB-01', 'WH-BJ')).toEqual({ onHand: 96, reserved: 0, available: 96 });
    expect(netStock(await f.store.stockMovements(order.id))).toEqual({ 'NB-14@WH-SH': { onHand: -2, reserved: 0 }, 'KB-01@WH-BJ': { onHand: -4, reserved: 0 } });
  });
});

describe('reassigning', () => {
  it('hands the order over, keeps the previous handler as a read-only watcher and tells both', async () => {
    const order = await f.newOrder('sales1');
    await f.driveTo(order.id, 'confirmed');
    const r = await f.run('manager', order.id, 'reassign', { params: { handler: 'sales3' }, comment: 'holiday cover' });
    expect(r.kind).toBe('done');
    const stored = await f.record(order.id);
    expect(stored).toMatchObject({ handler: f.users.sales3.id, department: 'east', watchers: [f.users.sales1.id], status: 'confirmed' });

    for (const who of ['sales1', 'sales3'] as const) {
      const inbox = await f.runtime.notifications(f.actor(who));
      const note = inbox.items.find((n) => n.kind === 'orderReassigned');
      expect(note, who).toBeDefined();
      expect(note!.bodies?.en).toContain('holiday cover');
    }

    // The previous handler still opens it, edits nothing, runs nothing.
    const seen = await f.runtime.getRecord(f.actor('sales1'), order.id);
    expect(seen.ok).toBe(true);
    if (seen.ok) {
      expect(seen.value.editable).toEqual([]);
      expect(seen.value.availableActions).toEqual([]);
    }
    expect(await f.runtime.editRecord(f.actor('sales1'), order.id, { remark: 'mine?' }, stored.version)).toMatchObject({ ok: false, code: 'read_only' });
    expect(await f.runtime.runAction(f.actor('sales1'), order.id, 'cancel', { reason: 'other' })).toMatchObject({ ok: false, code: 'forbidden' });
    // And finds it in their list.
    const list = await f.runtime.listRecords(f.actor('sales1'), {});
    expect(list.items.map((i) => i.id)).toContain(order.id);

    // The audit names the change of handler.
    const last = (await f.store.getAudit(order.id)).at(-1)!;
    expect(last).toMatchObject({ action: 'reassign', comment: 'holiday cover' });
    expect(last.changes).toEqual([{ path: 'handler', before: f.users.sales1.id, after: f.users.sales3.id }]);
  });

  it('to someone in another department moves the department with them', async () => {
    const order = await f.newOrder('sales1');
    await f.run('admin', order.id, 'reassign', { params: { handler: 'sales2' } });
    expect(await f.record(order.id)).toMatchObject({ handler: f.users.sales2.id, department: 'west', watchers: [f.users.sales1.id] });
    expect(await f.runtime.getRecord(f.actor('manager2'), order.id)).toMatchObject({ ok: true });
    expect(await f.runtime.getRecord(f.actor('manager'), order.id)).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('to the same handler, or to nobody known, is refused', async () => {
    const order = await f.newOrder('sales1');
    const before = await everything(f);
    expect(await f.runtime.runAction(f.actor('sales1'), order.id, 'reassign', { params: { handler: f.users.sales1.id } })).toMatchObject({ ok: false, code: 'validation_failed' });
    expect(await f.runtime.runAction(f.actor('sales1'), order.id, 'reassign', { params: { department: 'mars' } })).toMatchObject({ ok: false, code: 'validation_failed' });
    expect(await everything(f)).toEqual(before);
  });
});

describe('a major action takes a restorable backup of what it touches first', () => {
  it('unsettling keeps the order as it was; restoring puts it back and reverses its ledger lines', async () => {
    const order = await f.newOrder('sales1');
    const other = await f.newOrder('sales1');
    await f.driveTo(order.id, 'settled');
    const settled = await f.record(order.id);
    const balancesBefore = await balances(f, order.id);
    expect(await f.store.listSnapshots()).toEqual([]);
    const preview = await f.runtime.previewAction(f.actor('finmanager'), order.id, 'unsettle', {});
    expect(preview.ok && preview.value.effects[0].kind).toBe('snapshot');
    await f.run('finmanager', order.id, 'unsettle');
    expect((await f.record(order.id)).status).toBe('shipped');
    const snaps = await f.store.listSnapshots();
    expect(snaps).toEqual([expect.objectContaining({ label: expect.stringContaining('unsettle'), records: [order.number] })]);

    // Later work on another order is left alone by the restore.
    await f.run('sales1', other.id, 'confirm');
    await f.store.restoreSnapshot(snaps[0].id);
    const restored = await f.record(order.id);
    expect(restored).toEqual({ ...settled, version: settled.version + 2, updatedAt: expect.any(String) });
    expect(await balances(f, order.id)).toEqual(balancesBefore);
    expect((await f.store.getAudit(order.id)).at(-1)).toMatchObject({ action: 'backup.restored', from: 'shipped', to: 'settled' });
    expect((await f.record(other.id)).status).toBe('confirmed');
    // A restored backup is not offered again.
    expect(await f.store.listSnapshots()).toEqual([]);
  });

  it('a backup whose order moved on since is refused, naming it, and nothing changes', async () => {
    const order = await f.newOrder('sales1');
    await f.driveTo(order.id, 'settled');
    await f.run('finmanager', order.id, 'unsettle');
    const [backup] = await f.store.listSnapshots();
    await f.run('finance', order.id, 'invoice');
    const before = await everything(f);
    await expect(f.store.restoreSnapshot(backup.id)).rejects.toThrow(new RegExp(`${order.number} changed after it was taken.*nothing was restored`));
    expect(await everything(f)).toEqual(before);
  });

  it('an ordinary action takes none', async () => {
    const order = await f.newOrder('sales1');
    await f.driveTo(order.id, 'shipped');
    expect(await f.store.listSnapshots()).toEqual([]);
  });
});

describe('closed periods', () => {
  it('posting into a closed period is refused with period_closed and nothing changes', async () => {
    const order = await f.newOrder('sales1');
    await f.driveTo(order.id, 'confirmed');
    await f.store.setPeriodClosed(f.clock.period(), true);
    const before = await everything(f);
    const r = await f.runtime.runAction(f.actor('warehouse'), order.id, 'ship', {});
    expect(r).toMatchObject({ ok: false, code: 'period_closed' });
    if (!r.ok) expect(r.message.en).toContain(f.clock.period());
    expect(await everything(f)).toEqual(before);
    const preview = await f.runtime.previewAction(f.actor('warehouse'), order.id, 'ship', {});
    expect(preview).toMatchObject({ ok: true, value: { allowed: false, code: 'period_closed' } });
  });

  it('a reversal of an entry from a closed earlier period is posted in the open current period', async () => {
    const order = await f.newOrder('sales1');
    await f.driveTo(order.id, 'shipped');
    await f.run('finance', order.id, 'record_receipt', { params: { amount: 1000 } });
    const march = f.clock.period();
    const original = await f.store.ledgerEntries(order.id);
    expect(original.map((e) => e.period)).toEqual([march, march]);
    await f.store.setPeriodClosed(march, true);
    f.clock.set('2026-04-02T10:00:00.000Z');

    const preview = await f.runtime.previewAction(f.actor('sales1'), order.id, 'cancel', { reason: 'other' });
    expect(preview.ok && preview.value.allowed).toBe(true);
    if (preview.ok) expect(preview.value.effects.filter((e) => e.kind === 'ledger').map((e) => e.text.en).join(' ')).toContain(`${march} is closed, posted in 2026-04`);

    await f.run('sales1', order.id, 'cancel', { reason: 'other' });
    const entries = await f.store.ledgerEntries(order.id);
    const fresh = added(original, entries);
    expect(fresh.map((e) => e.period)).toEqual(['2026-04', '2026-04', '2026-04']);
    expect(fresh.filter((e) => e.reverses).map((e) => e.reverses).sort()).toEqual(original.map((e) => e.id).sort());
    // The originals stay where they were, untouched.
    expect(entries.slice(0, original.length)).toEqual(original);
    expect(await balances(f, order.id)).toMatchObject({ receivable: 0, receipt: 0, refund: 1000 });
  });

  it('reopening the period lets the posting through', async () => {
    const order = await f.newOrder('sales1');
    await f.driveTo(order.id, 'confirmed');
    await f.store.setPeriodClosed(f.clock.period(), true);
    expect(await f.runtime.runAction(f.actor('warehouse'), order.id, 'ship', {})).toMatchObject({ ok: false, code: 'period_closed' });
    await f.store.setPeriodClosed(f.clock.period(), false);
    expect(await f.runtime.runAction(f.actor('warehouse'), order.id, 'ship', {})).toMatchObject({ ok: true });
  });
});

describe('bulk actions', () => {
  it('give a result per record: the one that fails fails alone', async () => {
    const a = await f.newOrder('sales1');
    const b = await f.newOrder('sales1');
    const c = await f.newOrder('sales3');
    for (const o of [a, c]) await f.driveTo(o.id, 'confirmed');
    const results = await f.runtime.bulkAction(f.actor('warehouse'), [a.id, b.id, c.id, a.id], 'ship', {});
    expect(results.map((r) => [r.id, r.ok, r.code])).toEqual([
      [a.id, true, undefined],
      [b.id, false, 'invalid_transition'],
      [c.id, true, undefined],
    ]);
    expect(results[0]).toMatchObject({ status: 200, record: { status: 'shipped' } });
    expect(results[1].message?.en).toBeTruthy();
    expect((await f.record(b.id)).status).toBe('draft');
    expect((await f.record(c.id)).status).toBe('shipped');
  });

  it('a record the caller may not see fails as not_found, the others go through, large ones wait for approval', async () => {
    const mine = await f.newOrder('sales1');
    const theirs = await f.newOrder('sales2');
    const large = await f.newOrder('sales1', [{ product: 'NB-16', warehouse: 'WH-SH', quantity: 10, price: 6000 }]);
    const results = await f.runtime.bulkAction(f.actor('sales1'), [mine.id, theirs.id, large.id], 'cancel', { reason: 'duplicate' });
    expect(results.map((r) => [r.ok, r.status, r.code])).toEqual([
      [true, 200, undefined],
      [false, 0, 'not_found'],
      [true, 202, undefined],
    ]);
    expect(results[2].approval).toMatchObject({ status: 'pending', action: 'cancel' });
    expect((await f.record(large.id)).status).toBe('draft');
  });
});

describe('the history a caller reads keeps to their field permissions', () => {
  it('a salesperson does not see the internal note the manager wrote, the manager does', async () => {
    const order = await f.newOrder('sales1');
    const edited = await f.runtime.editRecord(f.actor('manager'), order.id, { internalNote: 'slow payer', remark: 'call first' }, order.version);
    expect(edited.ok).toBe(true);
    const forSales = await f.runtime.history(f.actor('sales1'), order.id);
    const forManager = await f.runtime.history(f.actor('manager'), order.id);
    expect(forSales.ok && forManager.ok).toBe(true);
    if (!forSales.ok || !forManager.ok) return;
    expect(JSON.stringify(forSales.value)).not.toContain('slow payer');
    expect(forSales.value.at(-1)!.changes).toEqual([{ path: '/remark', after: 'call first' }]);
    expect(forManager.value.at(-1)!.changes).toEqual([
      { path: '/internalNote', after: 'slow payer' },
      { path: '/remark', after: 'call first' },
    ]);
    const view = await f.runtime.getRecord(f.actor('sales1'), order.id);
    expect(view.ok && 'internalNote' in view.value.data).toBe(false);
  });
});

describe('the preview is the plan that runs', () => {
  async function compare(who: Parameters<RuntimeFixture['actor']>[0], id: string, action: string, input: object = {}) {
    const preview = await f.runtime.previewAction(f.actor(who), id, action, input);
    if (!preview.ok) throw new Error(preview.message.en);
    expect(preview.value.allowed, `${action}: ${preview.value.message?.en}`).toBe(true);
    const stockBefore = await allMovements(f);
    const ledgerBefore = await allLedger(f);
    await f.run(who, id, action, input);
    const stock = added(stockBefore, await allMovements(f)).filter((m) => m.recordId === id);
    const ledger = added(ledgerBefore, await allLedger(f)).filter((e) => e.recordId === id);
    expect(netStock(preview.value.effects.filter((e) => e.kind === 'stock'))).toEqual(netStock(stock));
    expect(previewLedger(preview.value.effects).map((l) => l.replace(/ reverses .*/, ''))).toEqual(committedLedger(ledger).map((l) => l.replace(/ reverses .*/, '')));
    // Reversals name the same originals in the preview and in the ledger.
    expect(preview.value.effects.filter((e) => e.reverses).map((e) => e.reverses).sort()).toEqual(ledger.filter((e) => e.reverses).map((e) => e.reverses).sort());
    return { preview: preview.value, stock, ledger };
  }

  it('for each step of an order’s life', async () => {
    const order = await f.newOrder('sales1', [
      { product: 'NB-14', warehouse: 'WH-SH', quantity: 2, price: 5000 },
      { product: 'KB-01', warehouse: 'WH-BJ', quantity: 3, price: 99.9 },
      { product: 'KB-01', warehouse: 'WH-BJ', quantity: 1, price: 99.9 },
    ]);
    const confirm = await compare('sales1', order.id, 'confirm');
    expect(confirm.stock).toHaveLength(2);
    const ship = await compare('warehouse', order.id, 'ship');
    expect(ship.ledger.map((e) => [e.account, e.amount])).toEqual([['receivable', 10399.6]]);
    await compare('finance', order.id, 'record_receipt', { params: { amount: 400 } });
    await compare('finance', order.id, 'invoice');
    await compare('finance', order.id, 'credit_note');
    const cancel = await compare('sales1', order.id, 'cancel', { reason: 'price_error' });
    expect(cancel.stock.length).toBeGreaterThan(0);
    expect(cancel.ledger.map((e) => e.account).sort()).toEqual(['receipt', 'receivable', 'refund']);
  });

  it('for a written-off order cancelled through its cascade', async () => {
    const order = await f.newOrder('sales1');
    await f.driveTo(order.id, 'written_off');
    const plan = await compare('finmanager', order.id, 'cancel', { reason: 'customer_request' });
    expect(plan.preview.effects.find((e) => e.kind === 'step')).toMatchObject({ action: 'reverse_write_off' });
    expect((await f.record(order.id)).status).toBe('cancelled');
  });
});

describe('copying', () => {
  it('a cancelled order becomes a new draft for the caller, without the internal note', async () => {
    const order = await f.newOrder('manager', undefined, { internalNote: 'secret' });
    await f.run('manager', order.id, 'cancel', { reason: 'price_error' });
    const copy = await f.runtime.copyRecord(f.actor('manager'), order.id);
    expect(copy.ok).toBe(true);
    if (!copy.ok) return;
    expect(copy.value).toMatchObject({ status: 'draft', version: 1, copiedFrom: order.id, handler: f.users.manager.id });
    expect(copy.value.number).not.toBe(order.number);
    expect(copy.value.data.internalNote).toBeUndefined();
    expect((await f.store.getAudit(copy.value.id))[0]).toMatchObject({ action: 'copy', comment: order.number });
  });

  it('a live order cannot be copied', async () => {
    const order = await f.newOrder('sales1');
    expect(await f.runtime.copyRecord(f.actor('sales1'), order.id)).toMatchObject({ ok: false, code: 'invalid_transition' });
  });
});
