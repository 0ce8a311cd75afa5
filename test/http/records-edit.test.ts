import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from './support/api-client.ts';
import { act, createOrder, expectProblem, footprint, orderData } from './support/orders.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
let sales1: ApiClient;

beforeAll(async () => {
  app = await startTestApp();
  sales1 = await app.as('sales1');
});
afterAll(() => app.close());

describe('creating an order', () => {
  it('a salesperson creates a draft that they handle in their department', async () => {
    const res = await sales1.post('/api/records', { template: 'sales-order', data: orderData() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      template: 'sales-order', templateVersion: 1, status: 'draft', version: 1,
      handler: app.people.sales1.id, department: 'east', number: expect.stringMatching(/^SO-/),
    });
    expect(res.body.data.customer.name).toBe('测试客户有限公司');
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body.createdAt).toEqual(expect.any(String));
    expect(res.body.updatedAt).toEqual(expect.any(String));
  });

  it('a delivery date before the order date is refused at the delivery date, in the reader\'s language, and nothing is created', async () => {
    const before = (await sales1.get('/api/records')).body.total;
    const early = orderData({ orderDate: '2025-03-10', deliveryDate: '2025-03-01' });
    const zh = await sales1.post('/api/records', { template: 'sales-order', data: early });
    expectProblem(zh, 422, 'validation_failed');
    expect(zh.body.errors).toEqual([{ path: '/deliveryDate', message: '不能早于 2025-03-10' }]);
    const en = await sales1.inLanguage('en').post('/api/records', { template: 'sales-order', data: early });
    expect(en.body.errors).toEqual([{ path: '/deliveryDate', message: 'must be on or after 2025-03-10' }]);
    expect((await sales1.get('/api/records')).body.total).toBe(before);
    // the same day, or later, is a delivery date
    await createOrder(sales1, { orderDate: '2025-03-10', deliveryDate: '2025-03-10' });
  });

  it('data that the form refuses is a 422 with pointers into the data', async () => {
    const res = await sales1.post('/api/records', { template: 'sales-order', data: orderData({ lines: [{ product: 'NOPE', warehouse: 'WH-SH', quantity: 0, price: 1 }] }) });
    expectProblem(res, 422, 'validation_failed');
    expect(res.body.errors.map((e: any) => e.path)).toEqual(expect.arrayContaining(['/lines/0/product', '/lines/0/quantity']));
  });

  it('a customer of only spaces and a quantity of 1.5 are refused at their fields, not saved as they are or rounded', async () => {
    const res = await sales1.post('/api/records', {
      template: 'sales-order',
      data: orderData({ customer: { name: '   ', contact: '张三' }, lines: [{ product: 'NB-14', warehouse: 'WH-SH', quantity: 1.5, price: 5999 }] }),
    });
    expectProblem(res, 422, 'validation_failed');
    expect(res.body.errors.map((e: any) => e.path)).toEqual(expect.arrayContaining(['/customer/name', '/lines/0/quantity']));
  });

  it('a body without data, or with fields it does not know, is a 400 naming them', async () => {
    const missing = await sales1.post('/api/records', { template: 'sales-order' });
    expectProblem(missing, 400, 'bad_request');
    expect(missing.body.errors).toEqual([{ path: '/data', message: expect.any(String) }]);
    const extra = await sales1.post('/api/records', { template: 'sales-order', data: orderData(), status: 'shipped' });
    expectProblem(extra, 400, 'bad_request');
    expect(extra.body.errors).toEqual([{ path: '/status', message: expect.stringContaining('status') }]);
    const wrongType = await sales1.post('/api/records', { template: 'sales-order', data: [] });
    expectProblem(wrongType, 400, 'bad_request');
  });

  it('an unknown template is a 404', async () => {
    expectProblem(await sales1.post('/api/records', { template: 'no-such', data: {} }), 404, 'not_found');
  });

  it('a role that may not create orders gets 403 and nothing is created', async () => {
    const warehouse = await app.as('warehouse');
    const before = (await (await app.as('admin')).get('/api/records?includeArchived=true')).body.total;
    expectProblem(await warehouse.post('/api/records', { template: 'sales-order', data: orderData() }), 403, 'forbidden');
    expect((await (await app.as('admin')).get('/api/records?includeArchived=true')).body.total).toBe(before);
  });
});

describe('opening an order', () => {
  it('shows the actions this caller may run now, with what each needs', async () => {
    const order = await createOrder(sales1);
    const res = await sales1.get(`/api/records/${order.id}`);
    expect(res.status).toBe(200);
    const names = res.body.availableActions.map((a: any) => a.name).sort();
    expect(names).toEqual(['cancel', 'confirm', 'reassign']);
    const cancel = res.body.availableActions.find((a: any) => a.name === 'cancel');
    expect(cancel).toMatchObject({ needsReason: true, needsApproval: false, label: { 'zh-CN': expect.any(String), en: expect.any(String) } });
    expect(res.body.editable.length).toBeGreaterThan(0);
    const warehouse = await app.as('warehouse');
    const seenByWarehouse = await warehouse.get(`/api/records/${order.id}`);
    expect(seenByWarehouse.body.availableActions).toEqual([]);
  });

  it('another department\'s order is a 404, as if it did not exist', async () => {
    const order = await createOrder(sales1);
    expectProblem(await (await app.as('sales2')).get(`/api/records/${order.id}`), 404, 'not_found');
    expectProblem(await (await app.as('manager2')).get(`/api/records/${order.id}/history`), 404, 'not_found');
    expectProblem(await sales1.get('/api/records/does-not-exist'), 404, 'not_found');
  });

  it('fields a role may not read are left out', async () => {
    const manager = await app.as('manager');
    const order = await createOrder(manager, { internalNote: '大客户，优先发货' });
    const seenByManager = await manager.get(`/api/records/${order.id}`);
    expect(seenByManager.body.data.internalNote).toBe('大客户，优先发货');
    const warehouse = await app.as('warehouse');
    const seenByWarehouse = await warehouse.get(`/api/records/${order.id}`);
    expect(seenByWarehouse.body.data).not.toHaveProperty('internalNote');
  });
});

describe('editing an order', () => {
  it('saves with If-Match (quoted or bare), bumps the version and records the changes', async () => {
    const order = await createOrder(sales1);
    const quoted = await sales1.patch(`/api/records/${order.id}`, { data: { ...order.data, remark: '第一次修改' } }, { headers: { 'if-match': '"1"' } });
    expect(quoted.status).toBe(200);
    expect(quoted.body.version).toBe(2);
    expect(quoted.headers.get('etag')).toBe('"2"');
    const bare = await sales1.patch(`/api/records/${order.id}`, { data: { ...quoted.body.data, remark: '第二次修改' } }, { headers: { 'if-match': '2' } });
    expect(bare.status).toBe(200);
    expect(bare.body).toMatchObject({ version: 3, data: { remark: '第二次修改' } });

    const history = await sales1.get(`/api/records/${order.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body).toHaveLength(3);
    expect(history.body[0]).toMatchObject({ actor: app.people.sales1.id, to: 'draft' });
    expect(history.body[2].changes).toEqual([{ path: '/remark', before: '第一次修改', after: '第二次修改' }]);
    const times = history.body.map((h: any) => h.at);
    expect(times).toEqual([...times].sort());
  });

  it('every history entry carries from and to, as the contract names them: the creation comes from null', async () => {
    const order = await createOrder(sales1);
    await act(sales1, order.id, 'confirm');
    const history = (await sales1.get(`/api/records/${order.id}/history`)).body;
    for (const entry of history) expect(Object.keys(entry)).toEqual(expect.arrayContaining(['at', 'actor', 'action', 'from', 'to']));
    expect(history[0]).toMatchObject({ action: 'create', from: null, to: 'draft' });
    expect(history[1]).toMatchObject({ action: 'confirm', from: 'draft', to: 'confirmed' });
  });

  it('a stale version is a 409 and the newer data stays', async () => {
    const order = await createOrder(sales1);
    await sales1.patch(`/api/records/${order.id}`, { data: { ...order.data, remark: 'A' } }, { headers: { 'if-match': '"1"' } });
    const before = await footprint(sales1, order.id);
    const stale = await sales1.patch(`/api/records/${order.id}`, { data: { ...order.data, remark: 'B' } }, { headers: { 'if-match': '"1"' } });
    expectProblem(stale, 409, 'version_conflict');
    expect(await footprint(sales1, order.id)).toEqual(before);
  });

  it('without If-Match the edit is a 400 that says to send it', async () => {
    const order = await createOrder(sales1);
    const before = await footprint(sales1, order.id);
    const res = await sales1.inLanguage('en').patch(`/api/records/${order.id}`, { data: { ...order.data, remark: 'x' } });
    expectProblem(res, 400, 'bad_request');
    expect(res.body.detail).toContain('If-Match');
    expectProblem(await sales1.patch(`/api/records/${order.id}`, { data: order.data }, { headers: { 'if-match': 'latest' } }), 400, 'bad_request');
    expectProblem(await sales1.patch(`/api/records/${order.id}`, { data: order.data, version: 1 }, { headers: { 'if-match': '1' } }), 400, 'bad_request');
    expect(await footprint(sales1, order.id)).toEqual(before);
  });

  it('a cancelled order is read-only for everyone: 403 and nothing changes', async () => {
    const order = await createOrder(sales1);
    const cancelled = await act(sales1, order.id, 'cancel', { reason: 'customer_request' });
    expect(cancelled.editable).toEqual([]);
    const before = await footprint(sales1, order.id);
    for (const who of ['sales1', 'manager', 'admin']) {
      const client = await app.as(who);
      const res = await client.patch(`/api/records/${order.id}`, { data: { ...order.data, remark: 'x' } }, { headers: { 'if-match': String(before.version) } });
      expectProblem(res, 403, 'read_only');
    }
    expect(await footprint(sales1, order.id)).toEqual(before);
  });

  it('fields a role may not write in this state are refused with 403', async () => {
    const order = await createOrder(sales1);
    const confirmed = await act(sales1, order.id, 'confirm');
    const before = await footprint(sales1, order.id);
    const lines = [{ product: 'MS-01', warehouse: 'WH-SH', quantity: 1, price: 1 }];
    const res = await sales1.patch(`/api/records/${order.id}`, { data: { ...confirmed.data, lines } }, { headers: { 'if-match': String(confirmed.version) } });
    expect([403]).toContain(res.status);
    expect(['read_only', 'forbidden']).toContain(res.body.code);
    expect(await footprint(sales1, order.id)).toEqual(before);
  });
});

describe('fields the caller may not read', () => {
  it('an edit that names a hidden field is refused alike whether it guesses the value right or wrong', async () => {
    const manager = await app.as('manager');
    const order = await createOrder(sales1);
    const noted = await manager.patch(`/api/records/${order.id}`, { data: { internalNote: 'slow payer' } }, { headers: { 'if-match': String(order.version) } });
    expect(noted.status).toBe(200);
    const seen = (await sales1.get(`/api/records/${order.id}`)).body;
    expect(seen.data).not.toHaveProperty('internalNote');
    const before = await footprint(manager, order.id);
    const headers = { 'if-match': String(seen.version) };
    const right = await sales1.patch(`/api/records/${order.id}`, { data: { internalNote: 'slow payer' } }, { headers });
    const wrong = await sales1.patch(`/api/records/${order.id}`, { data: { internalNote: 'good payer' } }, { headers });
    const cleared = await sales1.patch(`/api/records/${order.id}`, { data: { internalNote: null } }, { headers });
    for (const res of [right, wrong, cleared]) expectProblem(res, 403, 'read_only');
    expect(right.body).toEqual(wrong.body);
    expect(await footprint(manager, order.id)).toEqual(before);
    // What the salesperson sees, sent back whole, still saves.
    const saved = await sales1.patch(`/api/records/${order.id}`, { data: { ...seen.data, remark: 'call first' } }, { headers });
    expect(saved.status).toBe(200);
    expect((await manager.get(`/api/records/${order.id}`)).body.data).toMatchObject({ internalNote: 'slow payer', remark: 'call first' });
  });
});

describe('copying an order', () => {
  it('a cancelled order is copied into a new draft with the same data', async () => {
    const order = await createOrder(sales1, { remark: '复制我' });
    await act(sales1, order.id, 'cancel', { reason: 'price_error' });
    const copy = await sales1.post(`/api/records/${order.id}/copy`);
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ status: 'draft', version: 1, copiedFrom: order.id, data: { remark: '复制我', lines: order.data.lines } });
    expect(copy.body.id).not.toBe(order.id);
    expect(copy.body.number).not.toBe(order.number);
  });

  it('an archived order is copied too', async () => {
    const order = await createOrder(sales1);
    await act(sales1, order.id, 'cancel', { reason: 'duplicate' });
    await act(sales1, order.id, 'archive');
    const copy = await sales1.post(`/api/records/${order.id}/copy`);
    expect(copy.status).toBe(201);
    expect(copy.body.status).toBe('draft');
  });

  it('the draft of a copy is shown first and creates nothing; saved with the person\'s changes, it is the copy', async () => {
    const order = await createOrder(sales1, { remark: '复制我' });
    await act(sales1, order.id, 'cancel', { reason: 'price_error' });
    const before = (await sales1.get('/api/records')).body.total;
    const draft = await sales1.get(`/api/records/${order.id}/copy`);
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ template: 'sales-order', from: { id: order.id, number: order.number }, data: { remark: '复制我', lines: order.data.lines } });
    expect((await sales1.get('/api/records')).body.total).toBe(before);
    const copy = await sales1.post(`/api/records/${order.id}/copy`, { data: { ...draft.body.data, remark: '新的' } });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ status: 'draft', copiedFrom: order.id, data: { remark: '新的' } });
    expect((await sales1.get('/api/records')).body.total).toBe(before + 1);
  });

  it('a draft cannot be copied (409) and nothing new appears', async () => {
    const order = await createOrder(sales1);
    const before = (await sales1.get('/api/records')).body.total;
    expectProblem(await sales1.post(`/api/records/${order.id}/copy`), 409, 'invalid_transition');
    expect((await sales1.get('/api/records')).body.total).toBe(before);
  });
});
