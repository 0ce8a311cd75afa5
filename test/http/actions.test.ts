import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from './support/api-client.ts';
import { act, createOrder, expectProblem, footprint, stockOf } from './support/orders.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
let sales1: ApiClient;
let warehouse: ApiClient;

const LINES = [
  { product: 'MON-27', warehouse: 'WH-BJ', quantity: 5, price: 1899 },
  { product: 'KB-01', warehouse: 'WH-BJ', quantity: 7, price: 299 },
];

beforeAll(async () => {
  app = await startTestApp();
  sales1 = await app.as('sales1');
  warehouse = await app.as('warehouse');
});
afterAll(() => app.close());

async function inbox(username: string): Promise<any[]> {
  const res = await (await app.as(username)).get('/api/notifications');
  expect(res.status).toBe(200);
  return res.body.items;
}

describe('moving an order through its states', () => {
  it('confirming reserves stock and shipping takes it out of the warehouse', async () => {
    const before = await stockOf(sales1, 'MON-27', 'WH-BJ');
    const order = await createOrder(sales1, { lines: LINES });
    const confirmed = await act(sales1, order.id, 'confirm');
    expect(confirmed).toMatchObject({ status: 'confirmed', version: 2 });
    expect(await stockOf(sales1, 'MON-27', 'WH-BJ')).toEqual({ onHand: before.onHand, reserved: before.reserved + 5, available: before.available - 5 });
    const shipped = await act(warehouse, order.id, 'ship');
    expect(shipped.status).toBe('shipped');
    expect(await stockOf(sales1, 'MON-27', 'WH-BJ')).toEqual({ onHand: before.onHand - 5, reserved: before.reserved, available: before.available - 5 });
    const movements = await sales1.get(`/api/records/${order.id}/stock`);
    expect(movements.status).toBe(200);
    expect(movements.body.length).toBeGreaterThanOrEqual(4);
  });

  it('shipping after an admin changed the lines of a confirmed order uses up the whole reservation', async () => {
    const before = await stockOf(sales1, 'MON-27', 'WH-SH');
    const order = await createOrder(sales1, { lines: [{ product: 'MON-27', warehouse: 'WH-SH', quantity: 5, price: 100 }] });
    const confirmed = await act(sales1, order.id, 'confirm');
    const admin = await app.as('admin');
    const lines = [{ product: 'MON-27', warehouse: 'WH-SH', quantity: 2, price: 100 }];
    const edited = await admin.patch(`/api/records/${order.id}`, { data: { ...confirmed.data, lines } }, { headers: { 'if-match': String(confirmed.version) } });
    expect(edited.status).toBe(200);
    await act(warehouse, order.id, 'ship');
    expect(await stockOf(sales1, 'MON-27', 'WH-SH')).toEqual({ onHand: before.onHand - 2, reserved: before.reserved, available: before.available - 2 });
  });

  it('the version may be sent with an action; a stale one is a 409 and nothing moves', async () => {
    const order = await createOrder(sales1, { lines: LINES });
    await sales1.patch(`/api/records/${order.id}`, { data: { ...order.data, remark: 'moved on' } }, { headers: { 'if-match': '1' } });
    const before = await footprint(sales1, order.id);
    const stock = await stockOf(sales1, 'MON-27', 'WH-BJ');
    expectProblem(await sales1.post(`/api/records/${order.id}/actions/confirm`, { version: 1 }), 409, 'version_conflict');
    expectProblem(await sales1.post(`/api/records/${order.id}/actions/confirm`, {}, { headers: { 'if-match': '"1"' } }), 409, 'version_conflict');
    expect(await footprint(sales1, order.id)).toEqual(before);
    expect(await stockOf(sales1, 'MON-27', 'WH-BJ')).toEqual(stock);
    expect((await sales1.post(`/api/records/${order.id}/actions/confirm`, { version: 2 })).status).toBe(200);
  });
});

describe('cancelling an order', () => {
  it('a confirmed order cancelled with a reason gives its reserved stock back and tells the handler', async () => {
    const before = await stockOf(sales1, 'KB-01', 'WH-BJ');
    const order = await createOrder(sales1, { lines: LINES });
    await act(sales1, order.id, 'confirm');
    expect((await stockOf(sales1, 'KB-01', 'WH-BJ')).available).toBe(before.available - 7);

    const manager = await app.as('manager');
    const cancelled = await act(manager, order.id, 'cancel', { reason: 'customer_request', comment: '客户来电取消' });
    expect(cancelled.status).toBe('cancelled');
    expect(await stockOf(sales1, 'KB-01', 'WH-BJ')).toEqual(before);

    const toHandler = (await inbox('sales1')).filter((n) => n.recordId === order.id && n.kind === 'orderCancelled');
    expect(toHandler).toHaveLength(1);
    expect(toHandler[0]).toMatchObject({ read: false, title: expect.stringContaining(order.number) });

    const history = (await sales1.get(`/api/records/${order.id}/history`)).body;
    expect(history.at(-1)).toMatchObject({ action: 'cancel', from: 'confirmed', to: 'cancelled', reason: 'customer_request', actor: app.people.manager.id });
  });

  it('a shipped order cancelled puts the goods back on hand', async () => {
    const before = await stockOf(sales1, 'MON-27', 'WH-BJ');
    const order = await createOrder(sales1, { lines: LINES });
    await act(sales1, order.id, 'confirm');
    await act(warehouse, order.id, 'ship');
    expect((await stockOf(sales1, 'MON-27', 'WH-BJ')).onHand).toBe(before.onHand - 5);
    await act(sales1, order.id, 'cancel', { reason: 'out_of_stock' });
    expect(await stockOf(sales1, 'MON-27', 'WH-BJ')).toEqual(before);
  });

  it('cancelling without a reason is a 422 that lists the reasons, and nothing changes', async () => {
    const order = await createOrder(sales1, { lines: LINES });
    await act(sales1, order.id, 'confirm');
    const before = await footprint(sales1, order.id);
    const stock = await stockOf(sales1, 'KB-01', 'WH-BJ');
    const res = await sales1.inLanguage('en').post(`/api/records/${order.id}/actions/cancel`, {});
    expectProblem(res, 422, 'reason_required');
    expect(res.body.detail).toContain('customer_request');
    const unknown = await sales1.post(`/api/records/${order.id}/actions/cancel`, { reason: 'bored' });
    expectProblem(unknown, 422, 'reason_unknown');
    expect(await footprint(sales1, order.id)).toEqual(before);
    expect(await stockOf(sales1, 'KB-01', 'WH-BJ')).toEqual(stock);
  });

  it('the preview tells what cancelling would do and changes nothing', async () => {
    const order = await createOrder(sales1, { lines: LINES });
    await act(sales1, order.id, 'confirm');
    const before = await footprint(sales1, order.id);
    const res = await sales1.get(`/api/records/${order.id}/actions/cancel/preview?reason=customer_request`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ allowed: true, needsApproval: false, from: 'confirmed', to: 'cancelled' });
    const kinds = res.body.effects.map((e: any) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['state', 'stock', 'notify']));
    for (const e of res.body.effects) expect(e.text).toMatchObject({ 'zh-CN': expect.any(String), en: expect.any(String) });
    expect(await footprint(sales1, order.id)).toEqual(before);

    const notAllowed = await warehouse.get(`/api/records/${order.id}/actions/cancel/preview`);
    expect(notAllowed.status).toBe(200);
    expect(notAllowed.body.allowed).toBe(false);
  });
});

describe('archiving an order', () => {
  it('a cancelled order is archived and drops out of the working list', async () => {
    const order = await createOrder(sales1);
    await act(sales1, order.id, 'cancel', { reason: 'duplicate' });
    const archived = await act(sales1, order.id, 'archive', { comment: '整理' });
    expect(archived.status).toBe('archived');
    expect(archived.availableActions.map((a: any) => a.name)).not.toContain('archive');
    const list = await sales1.get('/api/records?pageSize=500');
    expect(list.body.items.map((r: any) => r.id)).not.toContain(order.id);
    expect((await sales1.get(`/api/records/${order.id}`)).status).toBe(200);
  });
});

describe('reassigning an order', () => {
  it('both handlers are told; the previous one can still open the order but not edit it', async () => {
    const order = await createOrder(sales1);
    const sales3 = await app.as('sales3');
    // The manager hands it over: a handler reassigning their own order is not told what they just did.
    const res = await act(await app.as('manager'), order.id, 'reassign', { params: { handler: app.people.sales3.id }, comment: '交接' });
    expect(res.handler).toBe(app.people.sales3.id);
    expect(res.watchers).toContain(app.people.sales1.id);

    for (const who of ['sales1', 'sales3']) {
      const mine = (await inbox(who)).filter((n) => n.recordId === order.id && n.kind === 'orderReassigned');
      expect(mine, who).toHaveLength(1);
    }

    const seen = await sales1.get(`/api/records/${order.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.editable).toEqual([]);
    expect(seen.body.availableActions).toEqual([]);
    const before = await footprint(sales1, order.id);
    const edit = await sales1.patch(`/api/records/${order.id}`, { data: { ...order.data, remark: 'still mine?' } }, { headers: { 'if-match': String(before.version) } });
    expect(edit.status).toBe(403);
    expect(await footprint(sales1, order.id)).toEqual(before);

    const edited = await sales3.patch(`/api/records/${order.id}`, { data: { ...order.data, remark: 'now mine' } }, { headers: { 'if-match': String(before.version) } });
    expect(edited.status).toBe(200);
  });

  it('params the action does not declare are refused and nothing changes', async () => {
    const order = await createOrder(sales1);
    const before = await footprint(sales1, order.id);
    const res = await sales1.post(`/api/records/${order.id}/actions/reassign`, { params: { handler: app.people.sales3.id, priority: 'high' } });
    expect([400, 422]).toContain(res.status);
    expect(await footprint(sales1, order.id)).toEqual(before);
  });
});

describe('refused actions change nothing', () => {
  it('a role the action does not allow gets 403', async () => {
    const order = await createOrder(sales1, { lines: LINES });
    await act(sales1, order.id, 'confirm');
    const before = await footprint(sales1, order.id);
    const stock = await stockOf(sales1, 'MON-27', 'WH-BJ');
    expectProblem(await sales1.post(`/api/records/${order.id}/actions/ship`, {}), 403, 'forbidden');
    expectProblem(await warehouse.post(`/api/records/${order.id}/actions/cancel`, { reason: 'other' }), 403, 'forbidden');
    expectProblem(await (await app.as('finance')).post(`/api/records/${order.id}/actions/cancel`, { reason: 'other' }), 403, 'forbidden');
    expect(await footprint(sales1, order.id)).toEqual(before);
    expect(await stockOf(sales1, 'MON-27', 'WH-BJ')).toEqual(stock);
  });

  it('another department\'s order is a 404 for actions too', async () => {
    const order = await createOrder(sales1);
    const before = await footprint(sales1, order.id);
    expectProblem(await (await app.as('sales2')).post(`/api/records/${order.id}/actions/cancel`, { reason: 'other' }), 404, 'not_found');
    expectProblem(await (await app.as('manager2')).post(`/api/records/${order.id}/actions/confirm`, {}), 404, 'not_found');
    expectProblem(await (await app.as('sales3')).post(`/api/records/${order.id}/actions/confirm`, {}), 404, 'not_found');
    expect(await footprint(sales1, order.id)).toEqual(before);
  });

  it('an action the state does not allow is a 409', async () => {
    const order = await createOrder(sales1);
    const before = await footprint(sales1, order.id);
    expectProblem(await warehouse.post(`/api/records/${order.id}/actions/ship`, {}), 409, 'invalid_transition');
    expectProblem(await sales1.post(`/api/records/${order.id}/actions/archive`, {}), 409, 'invalid_transition');
    expect(await footprint(sales1, order.id)).toEqual(before);
  });

  it('an action the template does not have is a 404', async () => {
    const order = await createOrder(sales1);
    expectProblem(await sales1.post(`/api/records/${order.id}/actions/teleport`, {}), 404, 'not_found');
  });

  it('an action named like a member of every JavaScript object is a 404 too, never a 500', async () => {
    const order = await createOrder(sales1);
    const before = await footprint(sales1, order.id);
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__']) {
      expectProblem(await sales1.post(`/api/records/${order.id}/actions/${name}`, {}), 404, 'not_found');
      expectProblem(await sales1.get(`/api/records/${order.id}/actions/${name}/preview`), 404, 'not_found');
      const bulk = await sales1.post(`/api/records/bulk/${name}`, { ids: [order.id] });
      expect(bulk.status, name).toBe(200);
      expect(bulk.body.results).toEqual([expect.objectContaining({ id: order.id, ok: false, status: 404, code: 'not_found' })]);
    }
    expect(await footprint(sales1, order.id)).toEqual(before);
  });

  it('an action body with an unknown field is a 400 naming it', async () => {
    const order = await createOrder(sales1);
    const before = await footprint(sales1, order.id);
    const res = await sales1.post(`/api/records/${order.id}/actions/cancel`, { reason: 'other', status: 'cancelled' });
    expectProblem(res, 400, 'bad_request');
    expect(res.body.errors).toEqual([{ path: '/status', message: expect.any(String) }]);
    expectProblem(await sales1.post(`/api/records/${order.id}/actions/cancel`, { reason: 3 }), 400, 'bad_request');
    expect(await footprint(sales1, order.id)).toEqual(before);
  });
});

describe('bulk actions', () => {
  it('runs an action on many orders and reports each one with the status a single call would get', async () => {
    const a = await createOrder(sales1);
    const b = await createOrder(sales1);
    const other = await createOrder(await app.as('sales2'));
    const res = await sales1.post('/api/records/bulk/confirm', { ids: [a.id, b.id, other.id] });
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.results.map((r: any) => [r.id, r]));
    expect(byId[a.id]).toMatchObject({ ok: true, status: 200 });
    expect(byId[b.id]).toMatchObject({ ok: true, status: 200 });
    expect(byId[other.id]).toMatchObject({ ok: false, status: 404, code: 'not_found' });
  });

  it('takes a snapshot only when it is about to change something: refused bulks write nothing at all', async () => {
    const admin = await app.as('admin');
    const sales2 = await app.as('sales2');
    const snapshots = async () => (await admin.get('/api/snapshots')).body as { id: string; label: string }[];
    const a = await createOrder(sales1);
    const b = await createOrder(sales1);
    const before = await snapshots();
    const unseen = await sales2.post('/api/records/bulk/cancel', { ids: [a.id, b.id], reason: 'other' });
    expect(unseen.body.results.map((r: any) => r.status)).toEqual([404, 404]);
    const unknown = await sales1.post('/api/records/bulk/teleport', { ids: [a.id, b.id] });
    expect(unknown.body.results.map((r: any) => r.status)).toEqual([404, 404]);
    const wrongState = await sales1.post('/api/records/bulk/archive', { ids: [a.id, b.id] });
    expect(wrongState.body.results.map((r: any) => r.status)).toEqual([409, 409]);
    expect(await snapshots()).toEqual(before);

    const confirmed = await sales1.post('/api/records/bulk/confirm', { ids: [a.id, b.id] });
    expect(confirmed.body.results.map((r: any) => r.status)).toEqual([200, 200]);
    const after = await snapshots();
    expect(after).toHaveLength(before.length + 1);
    expect(after[0].label).toContain('bulk confirm');
  });

  it('needs at least one id', async () => {
    expectProblem(await sales1.post('/api/records/bulk/confirm', { ids: [] }), 400, 'bad_request');
  });
});

describe('notifications', () => {
  it('are newest first, counted while unread, and can be marked read', async () => {
    const order = await createOrder(sales1);
    await act(sales1, order.id, 'confirm');
    const before = await (await app.as('warehouse')).get('/api/notifications');
    expect(before.body.unread).toBeGreaterThan(0);
    const times = before.body.items.map((n: any) => n.at);
    expect(times).toEqual([...times].sort().reverse());
    const first = before.body.items[0];
    expect((await warehouse.post('/api/notifications/read', { ids: [first.id] })).status).toBe(204);
    const after = await warehouse.get('/api/notifications');
    expect(after.body.unread).toBe(before.body.unread - 1);
    expect((await warehouse.post('/api/notifications/read', { all: true })).status).toBe(204);
    expect((await warehouse.get('/api/notifications')).body.unread).toBe(0);
    expectProblem(await warehouse.post('/api/notifications/read', {}), 400, 'bad_request');
  });
});

describe('the cancellation report', () => {
  it('groups cancelled orders by reason with counts and amounts', async () => {
    const admin = await app.as('admin');
    const res = await admin.get('/api/reports/cancellation-reasons?groupBy=reason');
    expect(res.status).toBe(200);
    const rows = Object.fromEntries(res.body.rows.map((r: any) => [r.key, r]));
    expect(rows.customer_request.count).toBeGreaterThanOrEqual(1);
    expect(rows.customer_request.amount).toBeGreaterThan(0);
    expectProblem(await admin.get('/api/reports/cancellation-reasons?groupBy=mood'), 400, 'bad_request');
  });
});
