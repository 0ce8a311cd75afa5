// Seed 002: "recycling" orders on the order-recycling template, three ways: cancel (with a reason, an approval
// for large orders, a customer's request that cancels by itself, many at once, and the reasons analysed),
// archive (history, read-only, searchable, copied to change), and reassign (both people told, the previous
// handler keeps following the order).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.ts';
import { act, expectProblem, footprint, stockOf } from '../support/orders.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
let sales1: ApiClient;
let sales2: ApiClient;
let sales3: ApiClient;
let manager: ApiClient;
let manager2: ApiClient;
let warehouse: ApiClient;
let admin: ApiClient;

const SMALL = [{ product: 'KB-01', warehouse: 'WH-SH', quantity: 5, price: 199 }];
// Over the template's 20 000 limit: cancelling needs the sales manager's approval.
const LARGE = [{ product: 'NB-16', warehouse: 'WH-SH', quantity: 3, price: 7999 }];

beforeAll(async () => {
  app = await startTestApp();
  sales1 = await app.as('sales1');
  sales2 = await app.as('sales2');
  sales3 = await app.as('sales3');
  manager = await app.as('manager');
  manager2 = await app.as('manager2');
  warehouse = await app.as('warehouse');
  admin = await app.as('admin');
});
afterAll(() => app.close());

function recyclingData(customer: string, lines = SMALL, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const mailbox = `buyer-${customer.length}-${Math.abs([...customer].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7))}@customer.example.com`;
  return { orderDate: '2026-11-02', customer: { name: customer, contact: '王芳', email: mailbox }, lines, ...extra };
}

async function newOrder(by: ApiClient, customer: string, lines = SMALL, extra: Record<string, unknown> = {}): Promise<any> {
  const res = await by.post('/api/records', { template: 'order-recycling', data: recyclingData(customer, lines, extra) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body).toMatchObject({ template: 'order-recycling', status: 'pending' });
  return res.body;
}

async function processingOrder(by: ApiClient, customer: string, lines = SMALL): Promise<any> {
  const order = await newOrder(by, customer, lines);
  return act(by, order.id, 'process');
}

async function completedOrder(by: ApiClient, customer: string, lines = SMALL): Promise<any> {
  const order = await processingOrder(by, customer, lines);
  return act(warehouse, order.id, 'complete');
}

async function historyOf(client: ApiClient, id: string): Promise<any[]> {
  const res = await client.get(`/api/records/${id}/history`);
  expect(res.status).toBe(200);
  return res.body;
}

async function inbox(client: ApiClient, recordId: string, kind?: string): Promise<any[]> {
  const res = await client.get('/api/notifications');
  expect(res.status).toBe(200);
  return res.body.items.filter((n: any) => n.recordId === recordId && (!kind || n.kind === kind));
}

/** What went out to an outside address (customers have no inbox: the outbox records the delivery). */
async function sentTo(address: string, recordId: string): Promise<any[]> {
  // Delivery runs after the action has answered: wait for the run in progress.
  await app.runtime.deliverOutbox();
  return (await app.store.notificationsFor(`contact:${address}`)).filter((n) => n.recordId === recordId);
}

async function pendingFor(client: ApiClient): Promise<string[]> {
  const res = await client.get('/api/approvals?status=pending');
  expect(res.status).toBe(200);
  return res.body.map((a: any) => a.id);
}

async function requestCancel(by: ApiClient, order: any, reason = 'customer_request'): Promise<any> {
  const res = await by.post(`/api/records/${order.id}/actions/cancel`, { reason, comment: '大额订单取消，请审批' });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  expect(res.body.approval).toMatchObject({ recordId: order.id, action: 'cancel', status: 'pending' });
  return res.body.approval;
}

const listIds = async (client: ApiClient, query: string): Promise<string[]> => {
  const res = await client.get(`/api/records?template=order-recycling&${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items.map((r: any) => r.id);
};

describe('cancel', () => {
  it('finds the order by number and by customer; the cancel button is there and asks for a reason', async () => {
    const order = await processingOrder(sales1, '成都锦程电器有限公司');
    expect(await listIds(sales1, `q=${encodeURIComponent(order.number)}`)).toEqual([order.id]);
    expect(await listIds(sales1, `q=${encodeURIComponent('锦程电器')}`)).toEqual([order.id]);

    const detail = await sales1.get(`/api/records/${order.id}`);
    const cancel = detail.body.availableActions.find((a: any) => a.name === 'cancel');
    expect(cancel).toMatchObject({ label: { 'zh-CN': '取消订单' }, needsReason: true, needsApproval: false, danger: true });
    expect(cancel.reasons.map((r: any) => r.code)).toContain('customer_request');

    const before = await footprint(sales1, order.id);
    expectProblem(await sales1.post(`/api/records/${order.id}/actions/cancel`, { comment: '没有选原因' }), 422, 'reason_required');
    expect(await footprint(sales1, order.id)).toEqual(before);
  });

  it('cancelled by the salesperson: 已取消, reason and operator in the history, reservation released, the customer told', async () => {
    const order = await processingOrder(sales1, '重庆山城数码有限公司');
    const email = order.data.customer.email;
    const reservedBefore = (await stockOf(sales1, 'KB-01', 'WH-SH')).reserved;

    const cancelled = await act(sales1, order.id, 'cancel', { reason: 'out_of_stock', comment: '供应商断货' });
    expect(cancelled.status).toBe('cancelled');
    const template = (await sales1.get('/api/templates/order-recycling')).body;
    expect(template.states[cancelled.status].label['zh-CN']).toBe('已取消');
    expect(await listIds(sales1, 'status=cancelled')).toContain(order.id);

    expect((await historyOf(sales1, order.id)).at(-1)).toMatchObject({
      action: 'cancel', from: 'processing', to: 'cancelled', reason: 'out_of_stock', comment: '供应商断货',
      actor: app.people.sales1.id, actorName: app.people.sales1.name,
    });
    expect((await stockOf(sales1, 'KB-01', 'WH-SH')).reserved).toBe(reservedBefore - 5);
    const mail = await sentTo(email, order.id);
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ kind: 'cancelled', delivered: true });
    expect(mail[0].titles['zh-CN']).toContain(order.number);
    expect(mail[0].bodies['zh-CN']).toContain('缺货');
  });

  it('cancelled by the manager: the salesperson sees it in their notifications, the customer is told, with the reason', async () => {
    const order = await processingOrder(sales1, '武汉江汉百货有限公司');
    const preview = await manager.get(`/api/records/${order.id}/actions/cancel/preview?reason=price_error`);
    const notify = preview.body.effects.find((e: any) => e.kind === 'notify');
    expect(notify.to).toEqual(expect.arrayContaining([app.people.sales1.id, `contact:${order.data.customer.email}`]));

    await act(manager, order.id, 'cancel', { reason: 'price_error', comment: '报价单价格填错' });
    const [told] = await inbox(sales1, order.id, 'cancelled');
    expect(told).toMatchObject({ read: false });
    expect(told.title).toContain(order.number);
    expect(told.body).toContain('价格错误');
    expect(told.body).toContain(app.people.manager.name);
    expect(await sentTo(order.data.customer.email, order.id)).toHaveLength(1);
    expect((await historyOf(sales1, order.id)).at(-1)).toMatchObject({ action: 'cancel', actor: app.people.manager.id, reason: 'price_error' });
  });

  it('a cancelled order cannot be un-cancelled or edited, and nothing changes; it is copied into a new order instead', async () => {
    const order = await processingOrder(sales1, '西安古城文具有限公司');
    await act(sales1, order.id, 'cancel', { reason: 'duplicate' });
    const before = await footprint(sales1, order.id);
    const offered = (await sales1.get(`/api/records/${order.id}`)).body.availableActions.map((a: any) => a.name);
    expect(offered).toEqual(['archive']);
    expectProblem(await sales1.post(`/api/records/${order.id}/actions/cancel`, { reason: 'duplicate' }), 409, 'invalid_transition');
    expectProblem(await sales1.post(`/api/records/${order.id}/actions/process`, {}), 409, 'invalid_transition');
    expectProblem(await sales1.patch(`/api/records/${order.id}`, { data: { remark: '恢复' } }, { headers: { 'if-match': String(before.version) } }), 403, 'read_only');
    expect(await footprint(sales1, order.id)).toEqual(before);

    const copy = await sales1.post(`/api/records/${order.id}/copy`);
    expect(copy.status, JSON.stringify(copy.body)).toBe(201);
    // the same order, dated the day it is copied, with no delivery date of the old one
    const { deliveryDate: _old, ...kept } = order.data;
    expect(copy.body).toMatchObject({ status: 'pending', copiedFrom: order.id, data: { ...kept, orderDate: app.clock.now().toISOString().slice(0, 10) } });
    expect(copy.body.data.deliveryDate).toBeUndefined();
    expect(await footprint(sales1, order.id)).toEqual(before);
  });
});

describe('cancelling a large order needs the sales manager\'s approval', () => {
  it('202: pending in the manager\'s approvals (not another department\'s); approved, the order is cancelled', async () => {
    const order = await processingOrder(sales1, '南京金陵科技有限公司', LARGE);
    const offered = (await sales1.get(`/api/records/${order.id}`)).body.availableActions.find((a: any) => a.name === 'cancel');
    expect(offered).toMatchObject({ needsApproval: true });

    const before = await footprint(sales1, order.id);
    const approval = await requestCancel(sales1, order);
    const waiting = await footprint(sales1, order.id);
    expect({ ...waiting, history: before.history }).toEqual(before);
    expect(await pendingFor(manager)).toContain(approval.id);
    expect(await pendingFor(manager2)).not.toContain(approval.id);
    expect((await inbox(manager, order.id, 'approval.requested')).length).toBe(1);

    const res = await manager.post(`/api/approvals/${approval.id}/approve`, { comment: '同意取消' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.record).toMatchObject({ status: 'cancelled' });
    expect((await historyOf(sales1, order.id)).at(-1)).toMatchObject({
      action: 'cancel', actor: app.people.sales1.id, approvedBy: app.people.manager.id, reason: 'customer_request',
    });
    expect(await pendingFor(manager)).not.toContain(approval.id);
  });

  it('rejected, the order stays as it was and the comment is recorded and sent to the requester', async () => {
    const order = await processingOrder(sales1, '合肥徽商贸易有限公司', LARGE);
    const approval = await requestCancel(sales1, order);
    const before = await footprint(sales1, order.id);
    const res = await manager.post(`/api/approvals/${approval.id}/reject`, { comment: '客户已确认继续履约' });
    expect(res.status).toBe(200);
    expect(res.body.approval).toMatchObject({ status: 'rejected', decidedBy: app.people.manager.id, comment: '客户已确认继续履约' });

    const after = await footprint(sales1, order.id);
    expect({ ...after, history: before.history }).toEqual(before);
    expect(after.status).toBe('processing');
    expect((await historyOf(sales1, order.id)).at(-1)).toMatchObject({ action: 'approval.rejected', actor: app.people.manager.id, comment: '客户已确认继续履约' });
    const [told] = await inbox(sales1, order.id, 'approval.rejected');
    expect(told.title).toContain(order.number);
    expect(told.title).toContain('取消订单');
    expect(told.title).toContain('客户已确认继续履约');
    const mine = (await sales1.get('/api/approvals?mine=1&status=rejected')).body.find((a: any) => a.id === approval.id);
    expect(mine.history.map((h: any) => h.what)).toEqual(['requested', 'rejected']);
  });

  it('withdrawn by the requester, nobody can approve it any more, and nothing changes', async () => {
    const order = await processingOrder(sales1, '长沙湘江电子有限公司', LARGE);
    const approval = await requestCancel(sales1, order);
    const before = await footprint(sales1, order.id);

    expectProblem(await sales3.post(`/api/approvals/${approval.id}/withdraw`, {}), 404, 'not_found');
    const withdrawn = await sales1.post(`/api/approvals/${approval.id}/withdraw`, { comment: '客户改主意了' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(await pendingFor(manager)).not.toContain(approval.id);
    expectProblem(await manager.post(`/api/approvals/${approval.id}/approve`, {}), 409, 'conflict');
    expect(await footprint(sales1, order.id)).toEqual(before);
  });

  it('transferred to another approver, who then decides it alone', async () => {
    const order = await processingOrder(sales1, '青岛海滨商贸有限公司', LARGE);
    const approval = await requestCancel(sales1, order);
    const before = await footprint(sales1, order.id);

    expectProblem(await manager.post(`/api/approvals/${approval.id}/transfer`, { to: 'sales2' }), 422, 'validation_failed');
    const moved = await manager.post(`/api/approvals/${approval.id}/transfer`, { to: app.people.admin.id, comment: '请管理员定夺' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.assignee).toBe(app.people.admin.id);
    expect(await pendingFor(admin)).toContain(approval.id);
    expect(await pendingFor(manager)).not.toContain(approval.id);
    const [handed] = await inbox(admin, order.id, 'approval.transferred');
    expect(handed.title).toContain(order.number);
    expect(handed.title).toContain('取消订单');

    expectProblem(await manager.post(`/api/approvals/${approval.id}/approve`, {}), 404, 'not_found');
    expect(await footprint(sales1, order.id)).toEqual(before);
    const res = await admin.post(`/api/approvals/${approval.id}/approve`, {});
    expect(res.status).toBe(200);
    expect(res.body.record.status).toBe('cancelled');
    expect((await historyOf(admin, order.id)).at(-1)).toMatchObject({ action: 'cancel', approvedBy: app.people.admin.id });
  });

  it('the manager cannot approve their own request, and nothing changes; another approver can', async () => {
    const order = await processingOrder(manager, '厦门鹭岛进出口有限公司', LARGE);
    const approval = await requestCancel(manager, order);
    const before = await footprint(manager, order.id);
    expect(await pendingFor(manager)).not.toContain(approval.id);
    expectProblem(await manager.post(`/api/approvals/${approval.id}/approve`, {}), 404, 'not_found');
    expect(await footprint(manager, order.id)).toEqual(before);
    expect((await manager.get(`/api/approvals?mine=1&status=pending`)).body.map((a: any) => a.id)).toContain(approval.id);

    const res = await admin.post(`/api/approvals/${approval.id}/approve`, {});
    expect(res.status).toBe(200);
    expect(res.body.record.status).toBe('cancelled');
  });
});

describe('archive', () => {
  it('a completed order is archived: 已归档, gone from the default list, found with status=archived', async () => {
    const order = await completedOrder(sales1, '苏州园林家居有限公司');
    expect(order.status).toBe('completed');
    const archived = await act(sales1, order.id, 'archive', { comment: '订单已完结，移入历史' });
    expect(archived.status).toBe('archived');
    const template = (await sales1.get('/api/templates/order-recycling')).body;
    expect(template.states.archived.label['zh-CN']).toBe('已归档');

    expect(await listIds(sales1, `q=${encodeURIComponent(order.number)}`)).toEqual([]);
    expect(await listIds(sales1, '')).not.toContain(order.id);
    expect(await listIds(sales1, `status=archived&q=${encodeURIComponent(order.number)}`)).toEqual([order.id]);
    expect(await listIds(sales1, `includeArchived=true&q=${encodeURIComponent('园林家居')}`)).toEqual([order.id]);
    expect((await historyOf(sales1, order.id)).at(-1)).toMatchObject({ action: 'archive', from: 'completed', to: 'archived', actor: app.people.sales1.id });
  });

  it('a cancelled order is archived too', async () => {
    const order = await processingOrder(sales1, '福州闽江茶业有限公司');
    await act(sales1, order.id, 'cancel', { reason: 'customer_request' });
    const archived = await act(manager, order.id, 'archive');
    expect(archived.status).toBe('archived');
    expect(await listIds(manager, 'status=archived')).toContain(order.id);
    // Moved to history, still analysed: the cancellation still counts in the report.
    const byCustomer = await manager.get('/api/reports/cancellation-reasons?template=order-recycling&groupBy=customer');
    expect(byCustomer.body.rows).toContainEqual({ key: '福州闽江茶业有限公司', count: 1, amount: 995 });
  });

  it('an order still being processed cannot be archived, and nothing changes', async () => {
    const order = await processingOrder(sales1, '昆明春城花卉有限公司');
    const before = await footprint(sales1, order.id);
    expectProblem(await sales1.post(`/api/records/${order.id}/actions/archive`, {}), 409, 'invalid_transition');
    expect(await footprint(sales1, order.id)).toEqual(before);
  });

  it('an archived order is read-only for everyone, and nothing changes', async () => {
    const order = await completedOrder(sales1, '大连海韵水产有限公司');
    await act(sales1, order.id, 'archive');
    const before = await footprint(admin, order.id);
    for (const who of [sales1, manager, admin]) {
      const detail = await who.get(`/api/records/${order.id}`);
      expect(detail.body.editable).toEqual([]);
      expect(detail.body.availableActions.map((a: any) => a.name)).toEqual([]);
      const res = await who.patch(`/api/records/${order.id}`, { data: { remark: '归档后修改' } }, { headers: { 'if-match': String(before.version) } });
      expectProblem(res, 403, 'read_only');
    }
    expectProblem(await admin.post(`/api/records/${order.id}/actions/cancel`, { reason: 'other' }), 409, 'invalid_transition');
    expect(await footprint(admin, order.id)).toEqual(before);
  });

  it('to change an archived order, it is copied into a new draft with the same data, dated today', async () => {
    const order = await completedOrder(sales1, '沈阳盛京机械有限公司');
    await act(sales1, order.id, 'archive');
    const before = await footprint(sales1, order.id);
    const res = await sales1.post(`/api/records/${order.id}/copy`);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { deliveryDate: _old, ...kept } = order.data;
    expect(res.body).toMatchObject({ template: 'order-recycling', status: 'pending', handler: app.people.sales1.id, copiedFrom: order.id, data: { ...kept, orderDate: app.clock.now().toISOString().slice(0, 10) } });
    expect(res.body.number).not.toBe(order.number);
    expect(res.body.id).not.toBe(order.id);
    expect(res.body.editable.length).toBeGreaterThan(0);
    expect(await footprint(sales1, order.id)).toEqual(before);

    const edited = await sales1.patch(`/api/records/${res.body.id}`, { data: { remark: '按新价格重新下单' } }, { headers: { 'if-match': String(res.body.version) } });
    expect(edited.status).toBe(200);
    expect(edited.body.data.remark).toBe('按新价格重新下单');
  });
});

describe('reassign', () => {
  it('the dialog filters people by name and by department', async () => {
    const byName = await manager.get(`/api/users?q=${encodeURIComponent(app.people.sales2.name)}`);
    expect(byName.status).toBe(200);
    expect(byName.body.map((u: any) => u.id)).toEqual([app.people.sales2.id]);
    const west = await manager.get('/api/users?department=west');
    expect(west.body.map((u: any) => u.username).sort()).toEqual(['manager2', 'sales2']);
    for (const u of west.body) expect(u).toMatchObject({ department: 'west' });
    const westSales = await manager.get('/api/users?department=west&role=sales');
    expect(westSales.body.map((u: any) => u.username)).toEqual(['sales2']);
    expect(JSON.stringify(west.body)).not.toMatch(/password/i);
  });

  it('handed to a person in another department: both are told, the new handler lists it, the previous one follows it read-only', async () => {
    const west = (await manager.get('/api/departments')).body.find((d: any) => d.id === 'west');
    const order = await processingOrder(sales1, '太原晋商物流有限公司');
    const preview = await manager.get(`/api/records/${order.id}/actions/reassign/preview?params=${encodeURIComponent(JSON.stringify({ handler: app.people.sales2.id, department: 'west' }))}`);
    expect(preview.body.allowed).toBe(true);
    expect(preview.body.effects.filter((e: any) => e.kind === 'assign')).toHaveLength(2);

    const moved = await act(manager, order.id, 'reassign', { params: { handler: app.people.sales2.id, department: 'west' }, comment: '客户在西区，转西区跟进' });
    expect(moved).toMatchObject({ handler: app.people.sales2.id, department: 'west' });
    expect(moved.watchers).toContain(app.people.sales1.id);

    for (const who of [sales1, sales2]) {
      const [told] = await inbox(who, order.id, 'reassigned');
      expect(told, 'both handlers are told').toBeDefined();
      // Who and where, in words: the department by its name, as GET /api/departments gives it.
      expect(told.body).toContain(app.people.sales2.name);
      expect(told.body).toContain(west.label['zh-CN']);
    }
    expect(await listIds(sales2, '')).toContain(order.id);
    expect(await listIds(sales1, '')).toContain(order.id);
    expect((await sales2.get(`/api/records/${order.id}`)).body.availableActions.map((a: any) => a.name)).toContain('cancel');

    // The previous handler still opens it and its history...
    const seen = await sales1.get(`/api/records/${order.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ handler: app.people.sales2.id, editable: [], availableActions: [] });
    const reassigned = (await historyOf(sales1, order.id)).at(-1);
    expect(reassigned).toMatchObject({ action: 'reassign', actor: app.people.manager.id, comment: '客户在西区，转西区跟进' });
    expect(reassigned.changes).toEqual(expect.arrayContaining([
      { path: 'handler', before: app.people.sales1.id, after: app.people.sales2.id },
      { path: 'department', before: 'east', after: 'west' },
    ]));

    // ...but cannot change it or act on it.
    const before = await footprint(sales1, order.id);
    expectProblem(await sales1.patch(`/api/records/${order.id}`, { data: { remark: '还是我的' } }, { headers: { 'if-match': String(before.version) } }), 403, 'read_only');
    expectProblem(await sales1.post(`/api/records/${order.id}/actions/cancel`, { reason: 'other' }), 403, 'forbidden');
    expectProblem(await sales1.post(`/api/records/${order.id}/actions/reassign`, { params: { handler: app.people.sales1.id } }), 403, 'forbidden');
    expect(await footprint(sales1, order.id)).toEqual(before);

    // ...and follows its progress.
    await act(warehouse, order.id, 'complete');
    expect((await sales1.get(`/api/records/${order.id}`)).body.status).toBe('completed');
  });
});

describe('automation: a customer\'s cancellation request', () => {
  it('on an order not yet completed, it cancels the order with reason customer_request; the audit names the automation', async () => {
    const order = await processingOrder(sales1, '郑州中原食品有限公司');
    const res = await sales1.patch(`/api/records/${order.id}`, { data: { customerCancelRequest: true } }, { headers: { 'if-match': String(order.version) } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('cancelled');

    const [edit, cancel] = (await historyOf(sales1, order.id)).slice(-2);
    expect(edit).toMatchObject({ action: 'edit', actor: app.people.sales1.id, changes: [{ path: '/customerCancelRequest', after: true }] });
    expect(cancel).toMatchObject({
      action: 'cancel', from: 'processing', to: 'cancelled', reason: 'customer_request',
      automation: 'customerCancellation', actor: 'automation:customerCancellation',
    });
    expect(cancel.actorName).toContain('客户申请取消');
    // Nobody pressed the button: the handler is told too.
    expect(await inbox(sales1, order.id, 'cancelled')).toHaveLength(1);
  });

  it('on a large order, the request waits for the sales manager like anyone\'s; approved, the order is cancelled', async () => {
    const order = await processingOrder(sales1, '贵阳黔灵科技有限公司', LARGE);
    const res = await sales1.patch(`/api/records/${order.id}`, { data: { customerCancelRequest: true } }, { headers: { 'if-match': String(order.version) } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('processing');

    const [approval] = (await manager.get('/api/approvals?status=pending')).body.filter((a: any) => a.recordId === order.id);
    expect(approval).toMatchObject({ action: 'cancel', requestedBy: 'automation:customerCancellation', command: { reason: 'customer_request' } });
    const before = await footprint(manager, order.id);
    expectProblem(await manager2.post(`/api/approvals/${approval.id}/approve`, {}), 404, 'not_found');
    expect(await footprint(manager, order.id)).toEqual(before);

    const approved = await manager.post(`/api/approvals/${approval.id}/approve`, { comment: '客户书面申请已核实' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.record).toMatchObject({ id: order.id, status: 'cancelled' });
    expect((await historyOf(manager, order.id)).at(-1)).toMatchObject({
      action: 'cancel', reason: 'customer_request', automation: 'customerCancellation',
      actor: 'automation:customerCancellation', approvedBy: app.people.manager.id,
    });
    expect(await inbox(sales1, order.id, 'cancelled')).toHaveLength(1);
  });

  it('on a pending order too', async () => {
    const order = await newOrder(sales1, '石家庄燕赵建材有限公司');
    const res = await sales1.patch(`/api/records/${order.id}`, { data: { customerCancelRequest: true } }, { headers: { 'if-match': String(order.version) } });
    expect(res.body.status).toBe('cancelled');
  });

  it('on a completed order it does nothing: the request cannot even be entered, and nothing changes', async () => {
    const order = await completedOrder(sales1, '南宁绿城果业有限公司');
    const before = await footprint(admin, order.id);
    for (const who of [sales1, manager, admin]) {
      const res = await who.patch(`/api/records/${order.id}`, { data: { customerCancelRequest: true } }, { headers: { 'if-match': String(before.version) } });
      expectProblem(res, 403, 'read_only');
    }
    expect(await footprint(admin, order.id)).toEqual(before);
    // What may be written there (a remark) saves without the automation stepping in.
    const remark = await manager.patch(`/api/records/${order.id}`, { data: { remark: '客户来电询问取消，已完成无法取消' } }, { headers: { 'if-match': String(before.version) } });
    expect(remark.status).toBe(200);
    expect(remark.body.status).toBe('completed');
    const history = await historyOf(admin, order.id);
    expect(history).toHaveLength(before.history + 1);
    expect(history.some((e) => e.automation)).toBe(false);
  });
});

describe('cancelling many at once, and why orders are cancelled', () => {
  it('bulk cancel of three where one cannot be: a result per order, the others cancelled, and the report counts them', async () => {
    const report = async (groupBy: string) => {
      const res = await manager.get(`/api/reports/cancellation-reasons?template=order-recycling&groupBy=${groupBy}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.rows as { key: string; count: number; amount: number }[];
    };
    const row = (rows: { key: string; count: number; amount: number }[], key: string) => rows.find((r) => r.key === key) ?? { key, count: 0, amount: 0 };
    const before = { reason: await report('reason'), product: await report('product'), month: await report('month') };

    const first = await processingOrder(sales1, '哈尔滨冰城电器有限公司', [{ product: 'MON-27', warehouse: 'WH-BJ', quantity: 2, price: 1500 }]);
    const second = await newOrder(sales1, '兰州金城五金有限公司', [{ product: 'MS-01', warehouse: 'WH-SH', quantity: 10, price: 100 }]);
    const done = await completedOrder(sales1, '银川塞上商贸有限公司');
    const untouched = await footprint(sales1, done.id);

    const res = await sales1.post('/api/records/bulk/cancel', { ids: [first.id, done.id, second.id], reason: 'duplicate', comment: '重复录入' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const results = res.body.results;
    expect(results.map((r: any) => r.id)).toEqual([first.id, done.id, second.id]);
    expect(results[0]).toMatchObject({ ok: true, status: 200, record: { status: 'cancelled' } });
    expect(results[2]).toMatchObject({ ok: true, status: 200, record: { status: 'cancelled' } });
    expect(results[1]).toMatchObject({ ok: false, status: 409, code: 'invalid_transition' });
    expect(results[1].message['zh-CN']).toContain('已完成');
    expect(await footprint(sales1, done.id)).toEqual(untouched);
    for (const o of [first, second])
      expect((await historyOf(sales1, o.id)).at(-1)).toMatchObject({ action: 'cancel', reason: 'duplicate', actor: app.people.sales1.id });

    const month = results[0].record.updatedAt.slice(0, 7);
    const after = { reason: await report('reason'), customer: await report('customer'), product: await report('product'), month: await report('month') };
    expect(row(after.reason, 'duplicate')).toMatchObject({ count: row(before.reason, 'duplicate').count + 2, amount: row(before.reason, 'duplicate').amount + 4000 });
    expect(after.reason.find((r) => r.key === 'duplicate')).toMatchObject({ label: { 'zh-CN': '重复下单' } });
    expect(row(after.customer, '哈尔滨冰城电器有限公司')).toEqual({ key: '哈尔滨冰城电器有限公司', count: 1, amount: 3000 });
    expect(row(after.customer, '兰州金城五金有限公司')).toEqual({ key: '兰州金城五金有限公司', count: 1, amount: 1000 });
    expect(row(after.customer, '银川塞上商贸有限公司').count).toBe(0);
    expect(row(after.product, 'MON-27')).toMatchObject({ count: row(before.product, 'MON-27').count + 1, amount: row(before.product, 'MON-27').amount + 3000 });
    expect(row(after.product, 'MS-01')).toMatchObject({ count: row(before.product, 'MS-01').count + 1, amount: row(before.product, 'MS-01').amount + 1000 });
    expect(row(after.month, month)).toMatchObject({ count: row(before.month, month).count + 2, amount: row(before.month, month).amount + 4000 });

    // Every cancellation in this file counted once per reason, whoever or whatever cancelled it.
    const total = after.reason.reduce((s, r) => s + r.count, 0);
    expect(after.month.reduce((s, r) => s + r.count, 0)).toBe(total);
    expect(after.customer.reduce((s, r) => s + r.count, 0)).toBe(total);
  });
});
