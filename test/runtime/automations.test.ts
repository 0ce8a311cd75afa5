// Automations: actions run by the system under its own name, through the same checks as people, never forever.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_AUTOMATION_DEPTH } from '../../plugin/runtime/automations.ts';
import { createRuntimeFixture, type RuntimeFixture } from '../fixtures/runtime-fixture.ts';
import { balances, level } from './support.ts';

let f: RuntimeFixture;
beforeEach(async () => {
  f = await createRuntimeFixture();
});

describe('automatic write-off', () => {
  it('a receipt that covers the receivable writes the order off, with the system actor named in the audit', async () => {
    const order = await f.newOrder('sales1');
    await f.driveTo(order.id, 'shipped');
    await f.run('finance', order.id, 'record_receipt', { params: { amount: 4000 } });
    expect((await f.record(order.id)).status).toBe('shipped');
    const outcome = await f.run('finance', order.id, 'record_receipt', { params: { amount: 6000 } });
    // The caller gets the record as the automation left it.
    expect(outcome.kind === 'done' && outcome.record.status).toBe('written_off');
    expect(await balances(f, order.id)).toEqual({ receivable: 10000, receipt: 10000, invoice: 0, writeoff: 10000, refund: 0 });

    const audit = await f.store.getAudit(order.id);
    const writeOff = audit.at(-1)!;
    expect(writeOff).toMatchObject({ action: 'write_off', from: 'shipped', to: 'written_off', actor: 'automation:autoWriteOff', automation: 'autoWriteOff', comment: 'receipts cover the receivable' });
    expect(writeOff.actorName).toContain('Automatic write-off');
    expect(audit.at(-2)).toMatchObject({ action: 'record_receipt', actor: f.users.finance.id });
    expect(audit.at(-2)!.automation).toBeUndefined();

    const match = (await f.store.ledgerEntries(order.id)).find((e) => e.account === 'writeoff')!;
    const linked = (await f.store.ledgerEntries(order.id)).filter((e) => e.account === 'receivable' || e.account === 'receipt').map((e) => e.id);
    expect([...match.matches!].sort()).toEqual(linked.sort());
    expect((await f.runtime.notifications(f.actor('sales1'))).items.map((n) => n.kind)).toContain('orderWrittenOff');
  });

  it('an overpayment writes off the receivable only', async () => {
    const order = await f.newOrder('sales1');
    await f.driveTo(order.id, 'shipped');
    await f.run('finance', order.id, 'record_receipt', { params: { amount: 12000 } });
    expect(await balances(f, order.id)).toMatchObject({ receivable: 10000, receipt: 12000, writeoff: 10000 });
  });

  it('reversing the write-off by hand does not make the automation write it off again', async () => {
    const order = await f.newOrder('sales1');
    await f.driveTo(order.id, 'written_off');
    await f.run('finance', order.id, 'reverse_write_off', { comment: 'receipt belonged to another order' });
    expect((await f.record(order.id)).status).toBe('shipped');
    expect(await balances(f, order.id)).toMatchObject({ writeoff: 0, receipt: 10000 });
  });
});

describe('customer cancellation request', () => {
  it('ticking the request on a confirmed order cancels it with reason customer_request and restores stock', async () => {
    const order = await f.newOrder('sales1');
    await f.driveTo(order.id, 'confirmed');
    expect(await level(f, 'NB-14', 'WH-SH')).toMatchObject({ reserved: 2 });
    const record = await f.record(order.id);
    const edited = await f.runtime.editRecord(f.actor('sales1'), order.id, { customerCancelRequest: true }, record.version);
    expect(edited).toMatchObject({ ok: true, value: { status: 'cancelled' } });
    const cancel = (await f.store.getAudit(order.id)).at(-1)!;
    expect(cancel).toMatchObject({ action: 'cancel', from: 'confirmed', to: 'cancelled', reason: 'customer_request', actor: 'automation:customerCancellation', automation: 'customerCancellation' });
    expect(await level(f, 'NB-14', 'WH-SH')).toEqual({ onHand: 100, reserved: 0, available: 100 });
  });

  it('ticking it on a draft cancels the draft', async () => {
    const order = await f.newOrder('sales1');
    const edited = await f.runtime.editRecord(f.actor('sales1'), order.id, { customerCancelRequest: true }, order.version);
    expect(edited).toMatchObject({ ok: true, value: { status: 'cancelled' } });
  });

  it('unticking it does not cancel', async () => {
    const order = await f.newOrder('sales1', undefined, { customerCancelRequest: true });
    const edited = await f.runtime.editRecord(f.actor('sales1'), order.id, { customerCancelRequest: false }, order.version);
    expect(edited).toMatchObject({ ok: true, value: { status: 'draft' } });
  });

  it('on a large order the automation asks for approval like anyone would', async () => {
    const order = await f.newOrder('sales1', [{ product: 'NB-16', warehouse: 'WH-SH', quantity: 10, price: 6000 }]);
    await f.driveTo(order.id, 'confirmed');
    const edited = await f.runtime.editRecord(f.actor('sales1'), order.id, { customerCancelRequest: true }, (await f.record(order.id)).version);
    expect(edited).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    const pending = await f.store.listApprovals({ status: 'pending', recordId: order.id });
    expect(pending).toMatchObject([{ action: 'cancel', requestedBy: 'automation:customerCancellation' }]);
  });
});

describe('a loop of automations is cut', () => {
  const label = (s: string) => ({ 'zh-CN': s, en: s });
  const pingPong = {
    id: 'ping-pong',
    version: 1,
    name: label('Ping pong'),
    numberPrefix: 'PP',
    form: {
      schema: { type: 'object', properties: { note: { type: 'string' } } },
      uischema: { type: 'VerticalLayout', elements: [{ type: 'Control', scope: '#/properties/note' }] },
    },
    summary: {},
    roles: { player: { label: label('Player'), view: 'all' }, system: { label: label('Automation'), view: 'all' } },
    states: { left: { label: label('Left'), initial: true }, right: { label: label('Right') } },
    actions: {
      ping: { label: label('Ping'), from: ['left'], to: 'right', allow: [{ role: 'player', scope: 'all' }, { role: 'system', scope: 'all' }] },
      pong: { label: label('Pong'), from: ['right'], to: 'left', allow: [{ role: 'system', scope: 'all' }] },
    },
    create: { roles: ['player'] },
    reasons: {},
    notifications: {},
    rules: {},
    automations: {
      afterPing: { label: label('After ping'), on: { event: 'action.done', action: 'ping' }, run: { action: 'pong' } },
      afterPong: { label: label('After pong'), on: { event: 'action.done', action: 'pong' }, run: { action: 'ping' } },
    },
  };

  it(`after ${MAX_AUTOMATION_DEPTH} automated steps, with an automation.cut entry in the audit`, async () => {
    const installed = await f.runtime.installTemplate(pingPong);
    expect(installed, JSON.stringify(installed)).toMatchObject({ ok: true });
    const added = await f.runtime.addUser({ username: 'player', name: 'Player', password: 'pass1234', roles: ['player'] });
    if (!added.ok) throw new Error(added.message.en);
    const player = { id: added.value.id, name: 'Player', roles: ['player'] };
    const created = await f.runtime.createRecord(player, 'ping-pong', { note: 'serve' });
    if (!created.ok) throw new Error(created.message.en);

    const outcome = await f.runtime.runAction(player, created.value.id, 'ping', {});
    expect(outcome.ok).toBe(true);

    const audit = await f.store.getAudit(created.value.id);
    const actions = audit.map((e) => e.action);
    expect(actions).toEqual(['create', 'ping', 'pong', 'ping', 'pong', 'ping', 'pong', 'automation.cut']);
    expect(audit.filter((e) => e.automation && e.action !== 'automation.cut')).toHaveLength(MAX_AUTOMATION_DEPTH);
    expect(audit.at(-1)).toMatchObject({ action: 'automation.cut', automation: 'afterPong', actor: 'automation:afterPong' });
    expect(audit.at(-1)!.comment).toContain(String(MAX_AUTOMATION_DEPTH));
    const record = await f.record(created.value.id);
    expect(record).toMatchObject({ status: 'left', version: 1 + 1 + MAX_AUTOMATION_DEPTH });
  });
});

describe('automations survive a process that stops', () => {
  it('a receipt committed just before the process died is written off on the next start', async () => {
    const order = await f.newOrder('sales1');
    await f.driveTo(order.id, 'shipped');
    const stage = f.store.stage.bind(f.store);
    // The process "dies" right after the commit that carries the trigger: nothing after it runs.
    const spy = vi.spyOn(f.store, 'stage').mockImplementation(async (changes) => {
      const staged = await stage(changes);
      if (changes.triggers?.length) throw new Error('process killed');
      return staged;
    });
    await expect(f.run('finance', order.id, 'record_receipt', { params: { amount: 10000 } })).rejects.toThrow('process killed');
    spy.mockRestore();
    expect((await f.record(order.id)).status).toBe('shipped');
    expect(await f.store.pendingTriggers()).toEqual([expect.objectContaining({ recordId: order.id, event: 'action.done', action: 'record_receipt' })]);

    expect(await f.runtime.resumeAutomations()).toBe(1);
    expect((await f.record(order.id)).status).toBe('written_off');
    expect(await f.store.pendingTriggers()).toEqual([]);
    // Run again (another restart): nothing is done twice.
    expect(await f.runtime.resumeAutomations()).toBe(0);
    expect((await f.store.ledgerEntries(order.id)).filter((e) => e.account === 'writeoff')).toHaveLength(1);
  });

  it('an action no automation answers commits no trigger', async () => {
    const order = await f.newOrder('sales1');
    await f.run('sales1', order.id, 'confirm');
    expect(await f.store.pendingTriggers()).toEqual([]);
  });
});
