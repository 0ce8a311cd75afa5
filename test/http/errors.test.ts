import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../../plugin/adapters/http/create-router.ts';
import { ApiClient } from './support/api-client.ts';
import { createOrder, expectProblem, footprint } from './support/orders.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
let sales1: ApiClient;

beforeAll(async () => {
  app = await startTestApp();
  sales1 = await app.as('sales1');
});
afterAll(() => app.close());

describe('bodies the server cannot take', () => {
  it('malformed JSON is a 400 that says where it broke, and nothing changes', async () => {
    const order = await createOrder(sales1);
    const before = await footprint(sales1, order.id);
    const res = await sales1.inLanguage('en').request('POST', `/api/records/${order.id}/actions/cancel`, undefined, { raw: '{"reason": "other",' });
    expectProblem(res, 400, 'bad_request');
    expect(res.body.detail).toMatch(/not valid JSON/);
    const patch = await sales1.request('PATCH', `/api/records/${order.id}`, undefined, { raw: "{data: 1}", headers: { 'if-match': '1' } });
    expectProblem(patch, 400, 'bad_request');
    expect(await footprint(sales1, order.id)).toEqual(before);
  });

  it('a body that is not what its Content-Encoding says is a 400 naming the mismatch, and nothing is created', async () => {
    const admin = await app.as('admin');
    const before = (await admin.get('/api/records?includeArchived=true')).body.total;
    const res = await sales1.inLanguage('en').request('POST', '/api/records', undefined, { raw: 'not gzip at all', headers: { 'content-encoding': 'gzip' } });
    expectProblem(res, 400, 'bad_request');
    expect(res.body.detail).toMatch(/Content-Encoding/);
    expect((await admin.get('/api/records?includeArchived=true')).body.total).toBe(before);
  });

  it('a field the form does not declare is refused at its pointer, on create and on edit, and nothing is stored', async () => {
    const admin = await app.as('admin');
    const before = (await admin.get('/api/records?includeArchived=true')).body.total;
    const stuffed = await sales1.inLanguage('en').post('/api/records', { template: 'sales-order', data: { orderDate: '2025-03-01', customer: { name: 'X', nickname: 'y' }, lines: [], hidden: 'x'.repeat(1000) } });
    expectProblem(stuffed, 422, 'validation_failed');
    expect(stuffed.body.errors).toEqual(expect.arrayContaining([
      { path: '/hidden', message: 'is not a field of this form' },
      { path: '/customer/nickname', message: 'is not a field of this form' },
    ]));
    expect((await admin.get('/api/records?includeArchived=true')).body.total).toBe(before);
    const order = await createOrder(sales1);
    const edit = await sales1.patch(`/api/records/${order.id}`, { data: { ...order.data, lines: [{ ...(order.data.lines as any[])[0], colour: 'red' }] } }, { headers: { 'if-match': String(order.version) } });
    expectProblem(edit, 422, 'validation_failed');
    expect(edit.body.errors).toEqual([{ path: '/lines/0/colour', message: '不是此表单的字段' }]);
  });

  it('malformed JSON at sign-in is a 400 too', async () => {
    expectProblem(await app.anonymous().request('POST', '/api/session', undefined, { raw: '{"username":' }), 400, 'bad_request');
  });

  it('a body over the limit is a 413 and nothing is created', async () => {
    const admin = await app.as('admin');
    const before = (await admin.get('/api/records?includeArchived=true')).body.total;
    const huge = { template: 'sales-order', data: { orderDate: '2025-01-01', customer: { name: 'x' }, lines: [], remark: 'x'.repeat(600 * 1024) } };
    const res = await sales1.post('/api/records', huge);
    expectProblem(res, 413, 'payload_too_large');
    expect((await admin.get('/api/records?includeArchived=true')).body.total).toBe(before);
  });

  it('a JSON array or a bare value where an object belongs is a 400', async () => {
    expectProblem(await sales1.post('/api/records', [{ template: 'sales-order' }]), 400, 'bad_request');
    expectProblem(await sales1.request('POST', '/api/records', undefined, { raw: '"hello"' }), 400, 'bad_request');
  });

  it('a field named like a member of every JavaScript object is an unknown field too: 400 naming it, nothing changes', async () => {
    const order = await createOrder(sales1);
    const before = await footprint(sales1, order.id);
    for (const field of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const action = await sales1.post(`/api/records/${order.id}/actions/confirm`, { [field]: 'x' });
      expectProblem(action, 400, 'bad_request');
      expect(action.body.errors).toEqual([{ path: `/${field}`, message: expect.any(String) }]);
      expectProblem(await sales1.request('PATCH', `/api/records/${order.id}`, { data: { remark: 'x' }, [field]: 1 }, { headers: { 'if-match': String(order.version) } }), 400, 'bad_request');
      expectProblem(await sales1.post('/api/notifications/read', { all: true, [field]: 1 }), 400, 'bad_request');
    }
    expect(await footprint(sales1, order.id)).toEqual(before);
  });

  it('a body that is not JSON at all is a 400 asking for JSON', async () => {
    const res = await sales1.request('POST', '/api/records', undefined, { raw: 'template=sales-order', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expectProblem(res, 400, 'bad_request');
  });
});

describe('bodies nested too deep', () => {
  it('a body nested deeper than any form needs is a 400, never a 500, and nothing is created or changed', async () => {
    const admin = await app.as('admin');
    const order = await createOrder(sales1);
    const before = await footprint(sales1, order.id);
    const total = (await admin.get('/api/records?includeArchived=true')).body.total;
    const deepList = '['.repeat(50_000) + ']'.repeat(50_000);
    const deepObject = '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000);
    const patch = await sales1.request('PATCH', `/api/records/${order.id}`, undefined, { raw: `{"data":{"remark":${deepList}}}`, headers: { 'if-match': String(order.version) } });
    expectProblem(patch, 400, 'bad_request');
    const create = await sales1.request('POST', '/api/records', undefined, {
      raw: `{"template":"sales-order","data":{"orderDate":"2025-01-01","customer":{"name":"x"},"lines":[{"product":"KB-01","warehouse":"WH-SH","quantity":1,"price":1}],"extra":${deepObject}}}`,
    });
    expectProblem(create, 400, 'bad_request');
    expectProblem(await admin.request('POST', '/api/templates', undefined, { raw: `{"id":"deep","form":${deepObject}}` }), 400, 'bad_request');
    expect(await footprint(sales1, order.id)).toEqual(before);
    expect((await admin.get('/api/records?includeArchived=true')).body.total).toBe(total);
  });
});

describe('keys that name the prototype', () => {
  it('a "__proto__" key anywhere in a body is a 400 naming where it is, nothing changes and nothing leaks into Object.prototype', async () => {
    const order = await createOrder(sales1);
    const before = await footprint(sales1, order.id);
    const patch = await sales1.request('PATCH', `/api/records/${order.id}`, undefined, {
      raw: '{"data":{"customer":{"name":"A","__proto__":{"disabled":true}}}}',
      headers: { 'if-match': String(order.version) },
    });
    expectProblem(patch, 400, 'bad_request');
    expect(patch.body.errors).toEqual([{ path: '/data/customer/__proto__', message: expect.any(String) }]);
    const create = await sales1.request('POST', '/api/records', undefined, {
      raw: '{"template":"sales-order","data":{"orderDate":"2025-01-01","customer":{"name":"x"},"lines":[{"__proto__":{"disabled":true},"product":"KB-01","warehouse":"WH-SH","quantity":1,"price":1}]}}',
    });
    expectProblem(create, 400, 'bad_request');
    expect(create.body.errors).toEqual([{ path: '/data/lines/0/__proto__', message: expect.any(String) }]);
    expectProblem(await app.anonymous().request('POST', '/api/session', undefined, { raw: '{"username":"sales1","password":"demo","__proto__":{}}' }), 400, 'bad_request');

    expect(await footprint(sales1, order.id)).toEqual(before);
    expect(Object.prototype).not.toHaveProperty('disabled');
    expect((await app.anonymous().post('/api/session', { username: 'sales2', password: 'demo' })).status).toBe(200);
  });

  it('a "__proto__" key already in stored data does not reach Object.prototype when the history is read', async () => {
    // Hosts may call the runtime directly; the history must still redact without walking into prototypes.
    // Such a key cannot come in any more (it is no field of the form): it is put in the store as an older
    // release could have left it, with the audit entry that records it.
    const order = await createOrder(sales1);
    const stored = (await app.store.getRecord(order.id))!;
    const data = JSON.parse('{"customer":{"name":"A","__proto__":{"disabled":true}}}');
    await app.store.commit({
      records: [{ record: { ...stored, data: { ...stored.data, ...data }, version: stored.version + 1 }, expectVersion: stored.version }],
      audit: [{ id: `${order.id}-legacy`, recordId: order.id, at: stored.updatedAt, actor: app.people.sales1.id, actorName: 'sales1', action: 'edit',
        changes: JSON.parse('[{"path":"/customer/__proto__","after":{"disabled":true}}]') }],
    });
    const history = await sales1.get(`/api/records/${order.id}/history`);
    expect(history.status).toBe(200);
    expect(Object.prototype).not.toHaveProperty('disabled');
    expect((await app.anonymous().post('/api/session', { username: 'sales2', password: 'demo' })).status).toBe(200);
  });
});

describe('paths the server does not have', () => {
  it('an unknown endpoint under /api is a 404 problem', async () => {
    expectProblem(await sales1.get('/api/nothing-here'), 404, 'not_found');
    expectProblem(await sales1.request('PUT', '/api/records'), 404, 'not_found');
  });
});

describe('failures inside the server', () => {
  let server: Server;
  let url: string;
  const logged: unknown[] = [];

  beforeAll(async () => {
    const broken = { ...app.runtime, getRecord: async () => { throw new Error('disk on fire at /var/lib/secret/store.json'); } };
    const web = express();
    web.use(createRouter(broken, { logError: (err) => logged.push(err) }));
    server = await new Promise<Server>((ok) => { const s = web.listen(0, () => ok(s)); });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('an unexpected error is a generic 500 problem, logged on the server, with no stack or message leaked', async () => {
    const client = new ApiClient(url, (await app.as('sales1')).token);
    const res = await client.get('/api/records/any');
    expectProblem(res, 500, 'internal');
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('disk on fire');
    expect(text).not.toContain('/var/lib');
    expect(text).not.toContain('stack');
    expect(logged).toHaveLength(1);
  });
});
