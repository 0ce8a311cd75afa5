// Idempotency-Key: a retried request gets its first answer again, never a second change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from './support/api-client.ts';
import { createOrder, expectProblem, orderData } from './support/orders.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
let sales1: ApiClient;
let sales2: ApiClient;

beforeAll(async () => {
  app = await startTestApp();
  sales1 = await app.as('sales1');
  sales2 = await app.as('sales2');
});
afterAll(() => app.close());

const keyed = (key: string) => ({ headers: { 'idempotency-key': key } });
const countOrders = async (client: ApiClient) => (await client.get('/api/records?template=sales-order&pageSize=1')).body.total;

describe('Idempotency-Key', () => {
  it('the same create sent twice makes one order and answers the same both times', async () => {
    const before = await countOrders(sales1);
    const body = { template: 'sales-order', data: orderData({ remark: 'once' }) };
    const first = await sales1.post('/api/records', body, keyed('create-1'));
    const again = await sales1.post('/api/records', body, keyed('create-1'));
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await countOrders(sales1)).toBe(before + 1);
  });

  it('retries sent at the same moment still make one change', async () => {
    const before = await countOrders(sales1);
    const body = { template: 'sales-order', data: orderData({ remark: 'storm' }) };
    const answers = await Promise.all(Array.from({ length: 5 }, () => sales1.post('/api/records', body, keyed('create-storm'))));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await countOrders(sales1)).toBe(before + 1);
  });

  it('an action retried with its key is not run twice', async () => {
    const order = await createOrder(sales1);
    const confirm = await sales1.post(`/api/records/${order.id}/actions/confirm`, {}, keyed('confirm-1'));
    const retry = await sales1.post(`/api/records/${order.id}/actions/confirm`, {}, keyed('confirm-1'));
    expect(retry.status).toBe(200);
    expect(retry.body.version).toBe(confirm.body.version);
    const history = (await sales1.get(`/api/records/${order.id}/history`)).body;
    expect(history.filter((e: any) => e.action === 'confirm')).toHaveLength(1);
  });

  it('the same key with another body is a 422 and changes nothing', async () => {
    await sales1.post('/api/records', { template: 'sales-order', data: orderData({ remark: 'a' }) }, keyed('create-2'));
    const before = await countOrders(sales1);
    const other = await sales1.post('/api/records', { template: 'sales-order', data: orderData({ remark: 'b' }) }, keyed('create-2'));
    expectProblem(other, 422, 'idempotency_key_reused');
    expect(other.body.detail).toMatch(/已用于另一个请求/);
    expect(await countOrders(sales1)).toBe(before);
  });

  it("one person's key is not another's: the same key from someone else is a new request", async () => {
    const body = { template: 'sales-order', data: orderData() };
    const mine = await sales1.post('/api/records', body, keyed('shared-key'));
    const theirs = await sales2.post('/api/records', body, keyed('shared-key'));
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('a key that is not visible ASCII is refused with a 400 saying what a key may be', async () => {
    const res = await sales1.post('/api/records', { template: 'sales-order', data: orderData() }, keyed('x'.repeat(256)));
    expectProblem(res, 400, 'bad_request');
    expect(res.body.detail).toMatch(/255/);
  });
});
