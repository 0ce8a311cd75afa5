// Approvals: a request waits, an approver's decision runs it (state and version checked again), or it ends unrun.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Approval } from '../../plugin/runtime/ports.ts';
import { createRuntimeFixture, type OrderLine, type RuntimeFixture } from '../fixtures/runtime-fixture.ts';
import { everything, level } from './support.ts';

/** Over the 50 000 threshold of the template's largeOrSettled rule: cancelling it needs approval. */
const LARGE: OrderLine[] = [{ product: 'NB-16', warehouse: 'WH-SH', quantity: 10, price: 6000 }];

let f: RuntimeFixture;
beforeEach(async () => {
  f = await createRuntimeFixture();
});

async function requestCancel(by: 'sales1' | 'manager' = 'sales1', comment?: string): Promise<{ id: string; approval: Approval }> {
  const order = await f.newOrder('sales1', LARGE);
  await f.driveTo(order.id, 'confirmed');
  const outcome = await f.run(by, order.id, 'cancel', { reason: 'customer_request', ...(comment ? { comment } : {}) });
  if (outcome.kind !== 'approval') throw new Error('expected the cancel to wait for approval');
  return { id: order.id, approval: outcome.approval };
}

describe('requesting', () => {
  it('a large cancellation waits as a pending approval; the order is untouched; the approvers are told', async () => {
    const order = await f.newOrder('sales1', LARGE);
    await f.driveTo(order.id, 'confirmed');
    const before = await f.record(order.id);
    const preview = await f.runtime.previewAction(f.actor('sales1'), order.id, 'cancel', { reason: 'other' });
    expect(preview).toMatchObject({ ok: true, value: { allowed: true, needsApproval: true } });
    if (preview.ok) {
      expect(preview.value.effects[0].kind).toBe('approval');
      expect([...(preview.value.effects[0].approvers as string[])].sort()).toEqual([f.users.admin.name, f.users.manager.name].sort());
    }

    const outcome = await f.run('sales1', order.id, 'cancel', { reason: 'other', comment: 'customer changed plans' });
    expect(outcome.kind).toBe('approval');
    if (outcome.kind !== 'approval') return;
    expect(outcome.approval).toMatchObject({ status: 'pending', action: 'cancel', requestedBy: f.users.sales1.id, recordVersion: before.version, recordId: order.id });

    expect(await f.record(order.id)).toEqual(before);
    expect(await level(f, 'NB-16', 'WH-SH')).toMatchObject({ reserved: 10 });
    const requested = (await f.store.getAudit(order.id)).at(-1);
    // the requester's own words, beside the action asked for
    expect(requested).toMatchObject({ action: 'approval.requested', asked: 'cancel', reason: 'other', comment: 'customer changed plans', actor: f.users.sales1.id });
    for (const approver of ['manager', 'admin'] as const) {
      expect((await f.runtime.notifications(f.actor(approver))).items.map((n) => n.kind), approver).toContain('approval.requested');
      expect((await f.runtime.listApprovals(f.actor(approver), { status: 'pending' })).map((a) => a.id), approver).toEqual([outcome.approval.id]);
    }
    // The other department's manager is no approver of this one.
    expect(await f.runtime.listApprovals(f.actor('manager2'), { status: 'pending' })).toEqual([]);
    expect((await f.runtime.listApprovals(f.actor('sales1'), { mine: true })).map((a) => a.id)).toEqual([outcome.approval.id]);
  });

  it('a small cancellation runs at once', async () => {
    const order = await f.newOrder('sales1');
    expect((await f.run('sales1', order.id, 'cancel', { reason: 'other' })).kind).toBe('done');
  });
});

describe('approving', () => {
  it('runs the request as asked: the audit names requester and approver, the approval is closed, the requester told', async () => {
    const { id, approval } = await requestCancel('sales1', 'please');
    const decided = await f.runtime.decideApproval(f.actor('manager'), approval.id, 'approve', 'fine by me');
    expect(decided.ok).toBe(true);
    if (!decided.ok) return;
    expect(decided.value.approval).toMatchObject({ status: 'approved', decidedBy: f.users.manager.id, comment: 'fine by me' });
    expect(decided.value.record?.status).toBe('cancelled');
    expect(await level(f, 'NB-16', 'WH-SH')).toEqual({ onHand: 100, reserved: 0, available: 100 });
    const cancel = (await f.store.getAudit(id)).at(-1)!;
    expect(cancel).toMatchObject({ action: 'cancel', actor: f.users.sales1.id, approvedBy: f.users.manager.id, reason: 'customer_request', comment: 'please' });
    expect((await f.store.getApproval(approval.id))!.history.map((h) => h.what)).toEqual(['requested', 'approved']);
  });

  it('after the record moved on, approving is refused with version_conflict and changes nothing', async () => {
    const { id, approval } = await requestCancel();
    await f.run('warehouse', id, 'ship');
    const before = await everything(f);
    expect(await f.runtime.decideApproval(f.actor('manager'), approval.id, 'approve')).toMatchObject({ ok: false, code: 'version_conflict' });
    expect(await everything(f)).toEqual(before);
    expect((await f.store.getApproval(approval.id))!.status).toBe('pending');
  });

  it('after an edit only (same state), approving is still refused: the approver saw another version', async () => {
    const { id, approval } = await requestCancel();
    const r = await f.record(id);
    expect((await f.runtime.editRecord(f.actor('sales1'), id, { remark: 'changed meanwhile' }, r.version)).ok).toBe(true);
    const before = await everything(f);
    expect(await f.runtime.decideApproval(f.actor('admin'), approval.id, 'approve')).toMatchObject({ ok: false, code: 'version_conflict' });
    expect(await everything(f)).toEqual(before);
  });

  it('after the order was handed to someone else, approving is refused and changes nothing', async () => {
    const { id, approval } = await requestCancel();
    await f.run('manager', id, 'reassign', { params: { handler: 'sales3' } });
    const before = await everything(f);
    const r = await f.runtime.decideApproval(f.actor('manager'), approval.id, 'approve');
    expect(r).toMatchObject({ ok: false, code: 'version_conflict' });
    if (!r.ok) expect(r.message.en).toContain('reject');
    expect(await everything(f)).toEqual(before);
  });

  it('asking again while a request waits is refused with conflict and changes nothing', async () => {
    const { id } = await requestCancel();
    const before = await everything(f);
    expect(await f.runtime.runAction(f.actor('sales1'), id, 'cancel', { reason: 'other' })).toMatchObject({ ok: false, code: 'conflict' });
    expect(await everything(f)).toEqual(before);
  });

  it('a decided approval cannot be decided again', async () => {
    const { approval } = await requestCancel();
    expect((await f.runtime.decideApproval(f.actor('manager'), approval.id, 'approve')).ok).toBe(true);
    expect(await f.runtime.decideApproval(f.actor('admin'), approval.id, 'approve')).toMatchObject({ ok: false, code: 'conflict' });
    expect(await f.runtime.decideApproval(f.actor('admin'), approval.id, 'reject')).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('self-approval is refused: the requester is no approver of their own request', async () => {
    const { id, approval } = await requestCancel('manager');
    const before = await everything(f);
    expect(await f.runtime.decideApproval(f.actor('manager'), approval.id, 'approve')).toMatchObject({ ok: false, code: 'not_found' });
    expect(await f.runtime.listApprovals(f.actor('manager'), { status: 'pending' })).toEqual([]);
    expect(await everything(f)).toEqual(before);
    // Someone else may.
    expect((await f.runtime.decideApproval(f.actor('admin'), approval.id, 'approve')).ok).toBe(true);
    expect((await f.record(id)).status).toBe('cancelled');
  });

  it('people who are no approvers cannot decide', async () => {
    const { approval } = await requestCancel();
    for (const who of ['sales3', 'manager2', 'finance', 'warehouse'] as const)
      expect(await f.runtime.decideApproval(f.actor(who), approval.id, 'approve'), who).toMatchObject({ ok: false, code: 'not_found' });
    expect(await f.runtime.decideApproval(f.actor('admin'), 'no-such-approval', 'approve')).toMatchObject({ ok: false, code: 'not_found' });
  });
});

describe('rejecting, withdrawing, transferring', () => {
  it('a rejection records the comment, tells the requester, and leaves the order as it was', async () => {
    const { id, approval } = await requestCancel();
    const record = await f.record(id);
    const r = await f.runtime.decideApproval(f.actor('manager'), approval.id, 'reject', 'the customer will take it after all');
    expect(r).toMatchObject({ ok: true, value: { approval: { status: 'rejected', decidedBy: f.users.manager.id, comment: 'the customer will take it after all' } } });
    expect(await f.record(id)).toEqual(record);
    expect((await f.store.getAudit(id)).at(-1)).toMatchObject({ action: 'approval.rejected', asked: 'cancel', comment: 'the customer will take it after all', actor: f.users.manager.id });
    const inbox = await f.runtime.notifications(f.actor('sales1'));
    expect(inbox.items.find((n) => n.kind === 'approval.rejected')?.titles?.en).toContain('the customer will take it after all');
  });

  it('the requester may withdraw a pending request; nobody else may', async () => {
    const { id, approval } = await requestCancel();
    expect(await f.runtime.withdrawApproval(f.actor('manager'), approval.id)).toMatchObject({ ok: false, code: 'not_found' });
    const record = await f.record(id);
    expect(await f.runtime.withdrawApproval(f.actor('sales1'), approval.id, 'never mind')).toMatchObject({ ok: true, value: { status: 'withdrawn' } });
    expect(await f.record(id)).toEqual(record);
    expect(await f.runtime.decideApproval(f.actor('manager'), approval.id, 'approve')).toMatchObject({ ok: false, code: 'conflict' });
    expect(await f.runtime.withdrawApproval(f.actor('sales1'), approval.id)).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('an approver hands the request to another approver, who alone may then decide', async () => {
    const { id, approval } = await requestCancel();
    const moved = await f.runtime.transferApproval(f.actor('manager'), approval.id, 'admin', 'you know this customer');
    expect(moved).toMatchObject({ ok: true, value: { assignee: f.users.admin.id, status: 'pending' } });
    expect((await f.runtime.notifications(f.actor('admin'))).items.map((n) => n.kind)).toContain('approval.transferred');
    expect(await f.runtime.decideApproval(f.actor('manager'), approval.id, 'approve')).toMatchObject({ ok: false, code: 'not_found' });
    expect(await f.runtime.listApprovals(f.actor('manager'), { status: 'pending' })).toEqual([]);
    expect((await f.runtime.decideApproval(f.actor('admin'), approval.id, 'approve')).ok).toBe(true);
    expect((await f.record(id)).status).toBe('cancelled');
  });

  it('cannot hand it to the requester or to someone who may not approve', async () => {
    const { approval } = await requestCancel();
    const before = await everything(f);
    for (const to of ['sales1', 'finance', 'manager2', 'nobody'])
      expect(await f.runtime.transferApproval(f.actor('manager'), approval.id, to), to).toMatchObject({ ok: false, code: 'validation_failed' });
    expect(await f.runtime.transferApproval(f.actor('sales3'), approval.id, 'admin')).toMatchObject({ ok: false, code: 'not_found' });
    expect(await everything(f)).toEqual(before);
  });
});

describe('decisions that meet', () => {
  // Two people act on the same request at the same moment: exactly one of them wins, and the approval,
  // the order and what the requester is told all say the same thing.
  async function outcome(id: string, approvalId: string) {
    const approval = (await f.store.getApproval(approvalId))!;
    const record = await f.record(id);
    const cancels = (await f.store.getAudit(id)).filter((e) => e.action === 'cancel').length;
    return { approval, record, cancels };
  }

  it.each(['reject', 'withdraw', 'transfer'] as const)('an approval and a %s at once: one wins, the other is refused', async (other) => {
    const { id, approval } = await requestCancel();
    const second =
      other === 'reject' ? () => f.runtime.decideApproval(f.actor('admin'), approval.id, 'reject')
      : other === 'withdraw' ? () => f.runtime.withdrawApproval(f.actor('sales1'), approval.id)
      : () => f.runtime.transferApproval(f.actor('admin'), approval.id, 'admin');
    const [approved, competing] = await Promise.all([f.runtime.decideApproval(f.actor('manager'), approval.id, 'approve'), second()]);
    expect([approved.ok, competing.ok].filter(Boolean)).toHaveLength(1);
    const now = await outcome(id, approval.id);
    if (approved.ok) {
      expect(now.approval.status).toBe('approved');
      expect(now.record.status).toBe('cancelled');
      expect(now.cancels).toBe(1);
    } else {
      expect(now.approval.status).toBe(other === 'reject' ? 'rejected' : other === 'withdraw' ? 'withdrawn' : 'pending');
      expect(now.record.status).toBe('confirmed');
      expect(now.cancels).toBe(0);
    }
    const rejectedNews = (await f.runtime.notifications(f.actor('sales1'))).items.filter((n) => n.kind === 'approval.rejected');
    expect(rejectedNews).toHaveLength(now.approval.status === 'rejected' ? 1 : 0);
  });

  it('two approvers at once: the action runs once, the second approver is refused', async () => {
    const { id, approval } = await requestCancel();
    const results = await Promise.all([
      f.runtime.decideApproval(f.actor('manager'), approval.id, 'approve'),
      f.runtime.decideApproval(f.actor('admin'), approval.id, 'approve'),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, code: 'conflict' });
    const now = await outcome(id, approval.id);
    expect(now).toMatchObject({ approval: { status: 'approved' }, record: { status: 'cancelled' }, cancels: 1 });
  });
});
