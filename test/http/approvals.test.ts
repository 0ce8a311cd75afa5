import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from './support/api-client.ts';
import { salesOrderBundle } from './support/bundles.ts';
import { act, expectProblem, footprint, orderData, stockOf } from './support/orders.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
let sales1: ApiClient;
let manager: ApiClient;

const LINES = [{ product: 'DOCK-01', warehouse: 'WH-SH', quantity: 3, price: 899 }];

/** A confirmed order of a template whose cancel needs a manager's (or an admin's) approval. */
async function confirmedOrder(): Promise<any> {
  const res = await sales1.post('/api/records', { template: 'approved-order', data: orderData({ lines: LINES }) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return act(sales1, res.body.id, 'confirm');
}

async function requestCancel(order: any): Promise<any> {
  const res = await sales1.post(`/api/records/${order.id}/actions/cancel`, { reason: 'customer_request', comment: '请批准' });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body.approval;
}

beforeAll(async () => {
  app = await startTestApp();
  sales1 = await app.as('sales1');
  manager = await app.as('manager');
  const bundle = await salesOrderBundle();
  bundle.id = 'approved-order';
  bundle.numberPrefix = 'AO';
  bundle.actions.cancel.approval = { approvers: [{ role: 'sales_manager', scope: 'department' }, { role: 'admin', scope: 'all' }] };
  const installed = await (await app.as('admin')).post('/api/templates', bundle);
  expect(installed.status, JSON.stringify(installed.body)).toBe(201);
});
afterAll(() => app.close());

describe('an action that needs approval', () => {
  it('is answered 202 with the approval, and the order does not move yet', async () => {
    const order = await confirmedOrder();
    const open = await sales1.get(`/api/records/${order.id}`);
    expect(open.body.availableActions.find((a: any) => a.name === 'cancel')).toMatchObject({ needsApproval: true });
    const before = await footprint(sales1, order.id);
    const stock = await stockOf(sales1, 'DOCK-01', 'WH-SH');
    const approval = await requestCancel(order);
    expect(approval).toMatchObject({ id: expect.any(String), recordId: order.id, action: 'cancel', status: 'pending', requestedBy: app.people.sales1.id });
    const after = await footprint(sales1, order.id);
    expect({ ...after, history: before.history }).toEqual(before);
    expect(after.status).toBe('confirmed');
    expect(await stockOf(sales1, 'DOCK-01', 'WH-SH')).toEqual(stock);
  });

  it('the approver sees what approving would do, as the requester previewed it; someone who may not decide gets 404', async () => {
    const order = await confirmedOrder();
    const approval = await requestCancel(order);
    const impact = await manager.get(`/api/approvals/${approval.id}/preview`);
    expect(impact.status).toBe(200);
    expect(impact.body).toMatchObject({ allowed: true, needsApproval: true, from: 'confirmed', to: 'cancelled' });
    expect(impact.body.effects.map((e: any) => e.kind)).toEqual(expect.arrayContaining(['approval', 'stock', 'state']));
    expectProblem(await (await app.as('warehouse')).get(`/api/approvals/${approval.id}/preview`), 404, 'not_found');
  });

  it('while it waits, it is not offered again, and its preview says it is waiting', async () => {
    const order = await confirmedOrder();
    await requestCancel(order);
    const open = await sales1.get(`/api/records/${order.id}`);
    expect(open.body.availableActions.map((a: any) => a.name)).not.toContain('cancel');
    expect(open.body.pendingApprovals).toEqual([expect.objectContaining({ action: 'cancel' })]);
    const preview = await sales1.get(`/api/records/${order.id}/actions/cancel/preview?reason=customer_request`);
    expect(preview.body).toMatchObject({ allowed: false, code: 'conflict', message: { en: expect.stringContaining('already waiting for approval') } });
  });

  it('waits for the department\'s manager, not another department\'s, and the requester sees it as theirs', async () => {
    const order = await confirmedOrder();
    const approval = await requestCancel(order);
    const pending = await manager.get('/api/approvals?status=pending');
    expect(pending.status).toBe(200);
    expect(pending.body.map((a: any) => a.id)).toContain(approval.id);
    const west = await (await app.as('manager2')).get('/api/approvals?status=pending');
    expect(west.body.map((a: any) => a.id)).not.toContain(approval.id);
    const mine = await sales1.get('/api/approvals?mine=1');
    expect(mine.body.map((a: any) => a.id)).toContain(approval.id);
    expectProblem(await (await app.as('manager2')).post(`/api/approvals/${approval.id}/approve`), 404, 'not_found');
  });

  it('approved, it runs: the order is cancelled and its stock comes back', async () => {
    const stock = await stockOf(sales1, 'DOCK-01', 'WH-SH');
    const order = await confirmedOrder();
    const approval = await requestCancel(order);
    const res = await manager.post(`/api/approvals/${approval.id}/approve`, { comment: '同意' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.approval).toMatchObject({ id: approval.id, status: 'approved', decidedBy: app.people.manager.id });
    expect(res.body.record).toMatchObject({ id: order.id, status: 'cancelled' });
    expect(await stockOf(sales1, 'DOCK-01', 'WH-SH')).toEqual(stock);
    expectProblem(await manager.post(`/api/approvals/${approval.id}/approve`), 409, 'conflict');
  });

  it('rejected, the order stays and the requester is told', async () => {
    const order = await confirmedOrder();
    const approval = await requestCancel(order);
    const res = await manager.post(`/api/approvals/${approval.id}/reject`, { comment: '客户已付款' });
    expect(res.status).toBe(200);
    expect(res.body.approval.status).toBe('rejected');
    expect((await sales1.get(`/api/records/${order.id}`)).body.status).toBe('confirmed');
    const inbox = (await sales1.get('/api/notifications')).body.items;
    expect(inbox.some((n: any) => n.recordId === order.id && n.kind === 'approval.rejected')).toBe(true);
  });

  it('an approver finds what they decided, approved and rejected, and only theirs', async () => {
    const [a, b] = [await confirmedOrder(), await confirmedOrder()];
    const [first, second] = [await requestCancel(a), await requestCancel(b)];
    expect((await manager.post(`/api/approvals/${first.id}/approve`, {})).status).toBe(200);
    expect((await manager.post(`/api/approvals/${second.id}/reject`, { comment: '不同意' })).status).toBe(200);
    const decided = (await manager.get('/api/approvals?decided=1')).body;
    expect(decided.map((x: any) => x.id)).toEqual(expect.arrayContaining([first.id, second.id]));
    expect(decided.every((x: any) => x.decidedBy === app.people.manager.id)).toBe(true);
    expect((await sales1.get('/api/approvals?decided=1')).body).toEqual([]);
  });

  it('the requester may withdraw it; then nobody can approve it', async () => {
    const order = await confirmedOrder();
    const approval = await requestCancel(order);
    expectProblem(await manager.post(`/api/approvals/${approval.id}/withdraw`), 404, 'not_found');
    const res = await sales1.post(`/api/approvals/${approval.id}/withdraw`, { comment: '不取消了' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('withdrawn');
    expectProblem(await manager.post(`/api/approvals/${approval.id}/approve`), 409, 'conflict');
    expect((await sales1.get(`/api/records/${order.id}`)).body.status).toBe('confirmed');
  });

  it('an approver may hand it to another approver, who then decides it alone', async () => {
    const order = await confirmedOrder();
    const approval = await requestCancel(order);
    const admin = await app.as('admin');
    const moved = await manager.post(`/api/approvals/${approval.id}/transfer`, { to: app.people.admin.id, comment: '请您定' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.assignee).toBe(app.people.admin.id);
    expectProblem(await manager.post(`/api/approvals/${approval.id}/approve`), 404, 'not_found');
    expect((await admin.post(`/api/approvals/${approval.id}/approve`)).status).toBe(200);
    expectProblem(await manager.post(`/api/approvals/${approval.id}/transfer`, {}), 400, 'bad_request');
  });

  it('decision bodies are checked strictly', async () => {
    const order = await confirmedOrder();
    const approval = await requestCancel(order);
    const res = await manager.post(`/api/approvals/${approval.id}/approve`, { comment: 'ok', force: true });
    expectProblem(res, 400, 'bad_request');
    expect(res.body.errors[0].path).toBe('/force');
    expectProblem(await manager.get('/api/approvals?status=maybe'), 400, 'bad_request');
    expect((await sales1.get(`/api/records/${order.id}`)).body.status).toBe('confirmed');
  });
});
