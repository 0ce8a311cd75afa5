// Settled orders: cancelling one is a single approved plan (unlock, reverse, cancel); a settlement settles and re-opens its orders together.
import { beforeEach, describe, expect, it } from 'vitest';
import { createRuntimeFixture, type RuntimeFixture } from '../fixtures/runtime-fixture.ts';
import { balances, everything, level } from './support.ts';

let f: RuntimeFixture;
beforeEach(async () => {
  f = await createRuntimeFixture();
});

describe('cancelling a settled order', () => {
  it('is one plan: the preview lists the steps, it needs approval, and after approval every step is in the audit', async () => {
    const order = await f.newOrder('sales1');
    await f.driveTo(order.id, 'settled');
    expect(await balances(f, order.id)).toEqual({ receivable: 10000, receipt: 10000, invoice: 10000, writeoff: 10000, refund: 0 });
    const settled = await f.record(order.id);

    // Offered to the finance manager as a cascade that needs approval.
    const view = await f.runtime.getRecord(f.actor('finmanager'), order.id);
    expect(view.ok && view.value.availableActions?.find((a) => a.name === 'cancel')).toMatchObject({ steps: ['unsettle'], needsApproval: true });

    const preview = await f.runtime.previewAction(f.actor('finmanager'), order.id, 'cancel', { reason: 'customer_request' });
    if (!preview.ok) throw new Error(preview.message.en);
    expect(preview.value).toMatchObject({ allowed: true, needsApproval: true, from: 'settled', to: 'cancelled' });
    const kinds = preview.value.effects.map((e) => e.kind);
    expect(kinds.slice(0, 3)).toEqual(['snapshot', 'approval', 'step']);
    expect(preview.value.effects.filter((e) => e.kind === 'state').map((e) => `${e.from}→${e.to}`)).toEqual(['settled→shipped', 'shipped→cancelled']);
    expect(preview.value.effects.filter((e) => e.kind === 'ledger').map((e) => `${e.account} ${e.amount}`).sort()).toEqual(
      ['invoice -10000', 'writeoff -10000', 'receipt -10000', 'refund 10000', 'receivable -10000'].sort(),
    );

    const outcome = await f.run('finmanager', order.id, 'cancel', { reason: 'customer_request', comment: 'returned in full' });
    expect(outcome.kind).toBe('approval');
    if (outcome.kind !== 'approval') return;
    expect(await f.record(order.id)).toEqual(settled);

    const decided = await f.runtime.decideApproval(f.actor('manager'), outcome.approval.id, 'approve');
    expect(decided).toMatchObject({ ok: true, value: { approval: { status: 'approved' }, record: { status: 'cancelled' } } });

    const record = await f.record(order.id);
    // One commit: the version moved by one, whatever the number of steps.
    expect(record).toMatchObject({ status: 'cancelled', version: settled.version + 1 });
    const steps = (await f.store.getAudit(order.id)).slice(-2);
    expect(steps.map((e) => [e.action, e.from, e.to])).toEqual([
      ['unsettle', 'settled', 'shipped'],
      ['cancel', 'shipped', 'cancelled'],
    ]);
    for (const step of steps) expect(step).toMatchObject({ actor: f.users.finmanager.id, approvedBy: f.users.manager.id, at: steps[0].at });
    expect(steps[1]).toMatchObject({ reason: 'customer_request', comment: 'returned in full' });

    // Every account nets to zero except what is owed back to the customer.
    expect(await balances(f, order.id)).toEqual({ receivable: 0, receipt: 0, invoice: 0, writeoff: 0, refund: 10000 });
    expect(await level(f, 'NB-14', 'WH-SH')).toEqual({ onHand: 100, reserved: 0, available: 100 });
    // A major step: a backup was taken first.
    expect(await f.store.listSnapshots()).toHaveLength(1);
  });

  it('a salesperson may not run the unlock step, so is neither offered nor allowed the cancel', async () => {
    const order = await f.newOrder('sales1');
    await f.driveTo(order.id, 'settled');
    const view = await f.runtime.getRecord(f.actor('sales1'), order.id);
    expect(view.ok && view.value.availableActions?.map((a) => a.name)).toEqual(['archive', 'reassign']);
    const before = await everything(f);
    const r = await f.runtime.runAction(f.actor('sales1'), order.id, 'cancel', { reason: 'other' });
    expect(r).toMatchObject({ ok: false, code: 'forbidden' });
    if (!r.ok) expect(r.message.en).toContain('Unsettle');
    expect(await everything(f)).toEqual(before);
  });

  it('a written-off order is cancelled by reversing the write-off first, in the same commit', async () => {
    const order = await f.newOrder('sales1');
    const written = await f.driveTo(order.id, 'written_off');
    await f.run('admin', order.id, 'cancel', { reason: 'price_error' });
    expect(await f.record(order.id)).toMatchObject({ status: 'cancelled', version: written.version + 1 });
    expect((await f.store.getAudit(order.id)).slice(-2).map((e) => e.action)).toEqual(['reverse_write_off', 'cancel']);
    expect(await balances(f, order.id)).toEqual({ receivable: 0, receipt: 0, invoice: 0, writeoff: 0, refund: 10000 });
  });

  it('an invoiced, written-off order is refused by the cancel guard after the cascade, and nothing changes', async () => {
    const order = await f.newOrder('sales1');
    await f.driveTo(order.id, 'written_off');
    await f.run('finance', order.id, 'invoice');
    const before = await everything(f);
    const r = await f.runtime.runAction(f.actor('admin'), order.id, 'cancel', { reason: 'other' });
    expect(r).toMatchObject({ ok: false, code: 'guard_failed' });
    expect(await everything(f)).toEqual(before);
  });
});

describe('settlements', () => {
  async function settlementOf(...orderIds: string[]) {
    const numbers = await Promise.all(orderIds.map(async (id) => (await f.record(id)).number));
    const created = await f.runtime.createRecord(f.actor('finance'), 'settlement', { settlementDate: '2026-03-16', orders: numbers.map((number) => ({ number })) });
    if (!created.ok) throw new Error(created.message.en);
    return created.value;
  }

  async function invoicedWrittenOff() {
    const order = await f.newOrder('sales1');
    await f.driveTo(order.id, 'written_off');
    await f.run('finance', order.id, 'invoice');
    return order.id;
  }

  it('posting settles every order it lists; cancelling it re-opens them as written off, flagged for re-check', async () => {
    const a = await invoicedWrittenOff();
    const b = await invoicedWrittenOff();
    const doc = await settlementOf(a, b);

    await f.run('finance', doc.id, 'post');
    expect((await f.record(doc.id)).status).toBe('posted');
    for (const id of [a, b]) {
      expect((await f.record(id)).status).toBe('settled');
      expect((await f.store.getAudit(id)).at(-1)).toMatchObject({ action: 'settle', actor: f.users.finance.id });
    }

    // Only an administrator cancels a settlement, with a reason.
    expect(await f.runtime.runAction(f.actor('finance'), doc.id, 'cancel_settlement', { reason: 'wrong_amount' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await f.runtime.runAction(f.actor('admin'), doc.id, 'cancel_settlement', {})).toMatchObject({ ok: false, code: 'reason_required' });

    const preview = await f.runtime.previewAction(f.actor('admin'), doc.id, 'cancel_settlement', { reason: 'wrong_orders' });
    expect(preview.ok && preview.value.effects.filter((e) => e.kind === 'state').length).toBe(3);

    await f.run('admin', doc.id, 'cancel_settlement', { reason: 'wrong_orders', comment: 'b belongs elsewhere' });
    expect((await f.record(doc.id)).status).toBe('cancelled');
    for (const id of [a, b]) {
      const order = await f.record(id);
      expect(order).toMatchObject({ status: 'written_off', data: { recheck: true } });
      expect((await f.store.getAudit(id)).at(-1)).toMatchObject({ action: 'reopen', actor: f.users.admin.id, from: 'settled', to: 'written_off' });
    }
    expect(await f.store.listSnapshots()).toHaveLength(1);
    expect((await f.runtime.notifications(f.actor('finmanager'))).items.map((n) => n.kind)).toContain('settlementCancelled');
  });

  it('if one listed order cannot be settled, nothing is posted at all', async () => {
    const ready = await invoicedWrittenOff();
    const notInvoiced = await f.newOrder('sales1');
    await f.driveTo(notInvoiced.id, 'written_off');
    const doc = await settlementOf(ready, notInvoiced.id);
    const before = await everything(f);
    const r = await f.runtime.runAction(f.actor('finance'), doc.id, 'post', {});
    expect(r).toMatchObject({ ok: false, code: 'guard_failed' });
    if (!r.ok) expect(r.message.en).toContain((await f.record(notInvoiced.id)).number);
    expect(await everything(f)).toEqual(before);
  });

  it('a settlement listing an order that does not exist is refused', async () => {
    const ready = await invoicedWrittenOff();
    const created = await f.runtime.createRecord(f.actor('finance'), 'settlement', { settlementDate: '2026-03-16', orders: [{ number: (await f.record(ready)).number }, { number: 'SO-999999' }] });
    if (!created.ok) throw new Error(created.message.en);
    const before = await everything(f);
    expect(await f.runtime.runAction(f.actor('finance'), created.value.id, 'post', {})).toMatchObject({ ok: false, code: 'validation_failed' });
    expect(await everything(f)).toEqual(before);
  });

  it('an order moved on since the settlement was drafted is caught when posting', async () => {
    const a = await invoicedWrittenOff();
    const doc = await settlementOf(a);
    await f.run('finance', a, 'settle');
    expect(await f.runtime.runAction(f.actor('finance'), doc.id, 'post', {})).toMatchObject({ ok: false, code: 'invalid_transition' });
  });

  it('a salesperson can copy a re-opened and then cancelled order: the re-check flag stays behind', async () => {
    const a = await invoicedWrittenOff();
    const doc = await settlementOf(a);
    await f.run('finance', doc.id, 'post');
    await f.run('admin', doc.id, 'cancel_settlement', { reason: 'other' });
    await f.run('finance', a, 'credit_note');
    await f.run('admin', a, 'cancel', { reason: 'other' });
    const copy = await f.runtime.copyRecord(f.actor('sales1'), a);
    expect(copy).toMatchObject({ ok: true, value: { status: 'draft', copiedFrom: a } });
    if (copy.ok) expect(copy.value.data.recheck).toBeUndefined();
  });
});
