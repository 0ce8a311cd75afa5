import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from './support/api-client.ts';
import { createOrder, expectProblem, footprint } from './support/orders.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
let sales1: ApiClient;
let manager: ApiClient;

async function inbox(username: string): Promise<any[]> {
  const res = await (await app.as(username)).get('/api/notifications');
  expect(res.status).toBe(200);
  return res.body.items;
}

beforeAll(async () => {
  app = await startTestApp();
  sales1 = await app.as('sales1');
  manager = await app.as('manager');
});
afterAll(() => app.close());

describe('comments on a record', () => {
  it('anyone who sees the record may comment: the comment is in its history, and the record keeps its data and version', async () => {
    const order = await createOrder(sales1);
    const before = await footprint(sales1, order.id);
    const res = await manager.post(`/api/records/${order.id}/comments`, { text: '  客户来电询问交期  ' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ id: expect.any(String), action: 'comment', comment: '客户来电询问交期', actor: app.people.manager.id, actorName: '刘洋', from: 'draft', to: 'draft' });
    const history = (await sales1.get(`/api/records/${order.id}/history`)).body;
    expect(history.at(-1)).toMatchObject({ id: res.body.id, action: 'comment', comment: '客户来电询问交期', actorName: '刘洋' });
    const after = await footprint(sales1, order.id);
    expect(after).toEqual({ ...before, history: before.history + 1 });
    // the record can still be edited with the version read before the comment
    const edited = await sales1.patch(`/api/records/${order.id}`, { data: { ...order.data, remark: '加急' } }, { headers: { 'If-Match': String(before.version) } });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
  });

  it('someone who may not see the record gets 404, and nothing is kept', async () => {
    const order = await createOrder(sales1);
    const before = await footprint(sales1, order.id);
    expectProblem(await (await app.as('sales2')).post(`/api/records/${order.id}/comments`, { text: '你好' }), 404, 'not_found');
    expectProblem(await sales1.post('/api/records/no-such-record/comments', { text: '你好' }), 404, 'not_found');
    expect(await footprint(sales1, order.id)).toEqual(before);
  });

  it('an empty or over-long comment is refused, naming the field; a body without text or with other fields is malformed', async () => {
    const order = await createOrder(sales1);
    const before = await footprint(sales1, order.id);
    for (const text of ['', '   \n ']) {
      const res = await sales1.post(`/api/records/${order.id}/comments`, { text });
      expectProblem(res, 422, 'validation_failed');
      expect(res.body.errors).toEqual([{ path: '/text', message: 'required' }]);
    }
    const long = await sales1.post(`/api/records/${order.id}/comments`, { text: '长'.repeat(2001) }, { headers: { 'Accept-Language': 'en' } });
    expectProblem(long, 422, 'validation_failed');
    expect(long.body.errors[0].path).toBe('/text');
    expect(long.body.detail).toContain('2000');
    expect((await sales1.post(`/api/records/${order.id}/comments`, { text: '长'.repeat(2000) })).status).toBe(201);
    expectProblem(await sales1.post(`/api/records/${order.id}/comments`, {}), 400, 'bad_request');
    expectProblem(await sales1.post(`/api/records/${order.id}/comments`, { text: 5 }), 400, 'bad_request');
    expectProblem(await sales1.post(`/api/records/${order.id}/comments`, { text: 'hi', extra: 1 }), 400, 'bad_request');
    expect(await footprint(sales1, order.id)).toEqual({ ...before, history: before.history + 1 });
  });
});

describe('@mentions in a comment', () => {
  it('each person mentioned by username or by name is notified with the record number, the commenter and the text', async () => {
    const order = await createOrder(sales1);
    const text = '@manager 请确认价格，@赵敏 请看一下付款。';
    const res = await sales1.post(`/api/records/${order.id}/comments`, { text });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.mentions).toEqual([app.people.manager.id, app.people.finance.id]);
    for (const username of ['manager', 'finance']) {
      const note = (await inbox(username)).find((n) => n.recordId === order.id && n.kind === 'comment.mention');
      expect(note, username).toMatchObject({ read: false, body: text, titles: { 'zh-CN': `张伟 在 ${order.number} 的评论中提到了您`, en: `张伟 mentioned you in a comment on ${order.number}` } });
    }
    // nobody else is told, and the commenter is not told of their own words
    expect((await inbox('warehouse')).some((n) => n.recordId === order.id)).toBe(false);
    expect((await inbox('sales1')).some((n) => n.recordId === order.id && n.kind === 'comment.mention')).toBe(false);
  });

  it('an @ inside a word is no mention ("buyer@customer.example.com"), and mentioning oneself tells nobody', async () => {
    const order = await createOrder(sales1);
    const res = await sales1.post(`/api/records/${order.id}/comments`, { text: '客户邮箱 buyer@customer.example.com，@sales1 记得回复' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.mentions).toEqual([app.people.sales1.id]);
    expect((await inbox('sales1')).some((n) => n.recordId === order.id)).toBe(false);
  });

  it('mentioning someone who may not see the record is refused, naming them in both languages, and nothing changes', async () => {
    const order = await createOrder(sales1);
    const before = await footprint(sales1, order.id);
    const zh = await sales1.post(`/api/records/${order.id}/comments`, { text: '@manager @李娜 请看' });
    expectProblem(zh, 422, 'validation_failed');
    expect(zh.body.detail).toContain('李娜（@sales2）');
    expect(zh.body.detail).toContain(order.number);
    expect(zh.body.errors).toEqual([{ path: '/text', message: 'cannot see the record: sales2' }]);
    const en = await sales1.post(`/api/records/${order.id}/comments`, { text: '@sales2 please look' }, { headers: { 'Accept-Language': 'en' } });
    expectProblem(en, 422, 'validation_failed');
    expect(en.body.detail).toMatch(/李娜 \(@sales2\) may not see/);
    expect(await footprint(sales1, order.id)).toEqual(before);
    // the person who may see it is not told either: the comment was never made
    expect((await inbox('manager')).some((n) => n.recordId === order.id)).toBe(false);
    expect((await inbox('sales2')).some((n) => n.recordId === order.id)).toBe(false);
  });

  it('mentioning nobody known is refused, naming the word', async () => {
    const order = await createOrder(sales1);
    const before = await footprint(sales1, order.id);
    const res = await sales1.post(`/api/records/${order.id}/comments`, { text: '@nobody-here 你好' }, { headers: { 'Accept-Language': 'en' } });
    expectProblem(res, 422, 'validation_failed');
    expect(res.body.detail).toContain('@nobody-here');
    expect(await footprint(sales1, order.id)).toEqual(before);
  });
});
