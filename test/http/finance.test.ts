import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from './support/api-client.ts';
import { act, createOrder, expectProblem, footprint, stockOf } from './support/orders.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
let sales1: ApiClient;
let warehouse: ApiClient;
let finance: ApiClient;

const LINES = [{ product: 'MS-01', warehouse: 'WH-BJ', quantity: 10, price: 100 }];

beforeAll(async () => {
  app = await startTestApp();
  sales1 = await app.as('sales1');
  warehouse = await app.as('warehouse');
  finance = await app.as('finance');
});
afterAll(() => app.close());

async function shippedOrder(): Promise<any> {
  const order = await createOrder(sales1, { lines: LINES });
  await act(sales1, order.id, 'confirm');
  return act(warehouse, order.id, 'ship');
}

describe('money after shipping', () => {
  it('shipping books the receivable; a full receipt writes the order off by itself', async () => {
    const order = await shippedOrder();
    const ledger = await finance.get(`/api/records/${order.id}/ledger`);
    expect(ledger.status).toBe(200);
    expect(ledger.body.balances.receivable).toBe(1000);
    const paid = await act(finance, order.id, 'record_receipt', { params: { amount: 1000 } });
    expect(paid.status).toBe('written_off');
    const after = (await finance.get(`/api/records/${order.id}/ledger`)).body;
    expect(after.balances).toMatchObject({ receivable: 1000, receipt: 1000, writeoff: 1000 });
  });

  it('ten receipts at once on a 1,000 order: once it is paid, the rest are refused, and the order is written off once', async () => {
    const order = await shippedOrder();
    const answers = await Promise.all(Array.from({ length: 10 }, () => finance.post(`/api/records/${order.id}/actions/record_receipt`, { params: { amount: 300 } })));
    const accepted = answers.filter((a) => a.status === 200);
    expect(accepted).toHaveLength(4);
    for (const a of answers.filter((x) => x.status !== 200)) expect(['guard_failed', 'invalid_transition']).toContain(a.body.code);
    const after = (await finance.get(`/api/records/${order.id}/ledger`)).body;
    expect(after.balances).toMatchObject({ receivable: 1000, receipt: 1200, writeoff: 1000 });
    expect((await finance.get(`/api/records/${order.id}`)).body.status).toBe('written_off');
  });

  it('a receipt of less than a cent is refused at its field, and nothing changes', async () => {
    const order = await shippedOrder();
    const before = await footprint(finance, order.id);
    const tiny = await finance.post(`/api/records/${order.id}/actions/record_receipt`, { params: { amount: 1e-9 } });
    expectProblem(tiny, 422, 'validation_failed');
    expect(tiny.body.errors.map((e: { path: string }) => e.path)).toEqual(['/params/amount']);
    expect(await footprint(finance, order.id)).toEqual(before);
  });

  it.each([1e-12, 0.01000000000001, 999.999])('a receipt of %s, finer than a cent, is refused at its field in both languages, and nothing is booked', async (amount) => {
    const order = await shippedOrder();
    const before = await footprint(finance, order.id);
    const zh = await finance.post(`/api/records/${order.id}/actions/record_receipt`, { params: { amount } });
    expectProblem(zh, 422, 'validation_failed');
    expect(zh.body.errors).toEqual([{ path: '/params/amount', message: '应当是 0.01 的整数倍' }]);
    expect(zh.body.detail).toMatch(/\/params\/amount/);
    const en = await finance.inLanguage('en').post(`/api/records/${order.id}/actions/record_receipt`, { params: { amount } });
    expectProblem(en, 422, 'validation_failed');
    expect(en.body.detail).toMatch(/\/params\/amount must be multiple of 0\.01/);
    expect(await footprint(finance, order.id)).toEqual(before);
    expect((await finance.get(`/api/records/${order.id}/ledger`)).body.balances.receipt).toBe(0);
  });

  it('an order of 1 × 1.005 is 1.01 (half a cent up, not 1.00 from binary), books 1.01, and 1.01 pays it exactly', async () => {
    const order = await createOrder(sales1, { lines: [{ product: 'MS-01', warehouse: 'WH-BJ', quantity: 1, price: 1.005 }] });
    expect(order.summary.amount).toBe(1.01);
    await act(sales1, order.id, 'confirm');
    await act(warehouse, order.id, 'ship');
    expect((await finance.get(`/api/records/${order.id}/ledger`)).body.balances.receivable).toBe(1.01);
    expect((await act(finance, order.id, 'record_receipt', { params: { amount: 1.01 } })).status).toBe('written_off');
    expect((await finance.get(`/api/records/${order.id}/ledger`)).body.balances).toMatchObject({ receivable: 1.01, receipt: 1.01, writeoff: 1.01 });
  });

  it('ten at 0.07, paid 0.1 + 0.2 + 0.4: owed exactly 0.70, paid exactly, written off, and a further receipt is refused', async () => {
    const order = await createOrder(sales1, { lines: [{ product: 'MS-01', warehouse: 'WH-BJ', quantity: 10, price: 0.07 }] });
    expect(order.summary.amount).toBe(0.7);
    await act(sales1, order.id, 'confirm');
    await act(warehouse, order.id, 'ship');
    expect((await act(finance, order.id, 'record_receipt', { params: { amount: 0.1 } })).status).toBe('shipped');
    expect((await act(finance, order.id, 'record_receipt', { params: { amount: 0.2 } })).status).toBe('shipped');
    expect((await act(finance, order.id, 'record_receipt', { params: { amount: 0.4 } })).status).toBe('written_off');
    expect((await finance.get(`/api/records/${order.id}/ledger`)).body.balances).toMatchObject({ receivable: 0.7, receipt: 0.7, writeoff: 0.7 });
    const again = await finance.post(`/api/records/${order.id}/actions/record_receipt`, { params: { amount: 0.01 } });
    expect(['guard_failed', 'invalid_transition']).toContain(again.body.code);
  });

  it('a partial receipt leaves the order shipped', async () => {
    const order = await shippedOrder();
    const paid = await act(finance, order.id, 'record_receipt', { params: { amount: 400 } });
    expect(paid.status).toBe('shipped');
  });

  it('a receipt without an amount is refused as invalid params, and nothing is booked', async () => {
    const order = await shippedOrder();
    const before = await footprint(finance, order.id);
    const res = await finance.post(`/api/records/${order.id}/actions/record_receipt`, { params: {} });
    expect([400, 422]).toContain(res.status);
    expect(await footprint(finance, order.id)).toEqual(before);
    expect((await finance.get(`/api/records/${order.id}/ledger`)).body.balances.receipt ?? 0).toBe(0);
  });

  it('a write-off is reversed back to shipped', async () => {
    const order = await shippedOrder();
    await act(finance, order.id, 'record_receipt', { params: { amount: 1000 } });
    const reversed = await act(finance, order.id, 'reverse_write_off', { comment: '收款有误' });
    expect(reversed.status).toBe('shipped');
  });

  it('invoiced and paid, finance settles it; unsettle takes it back', async () => {
    const order = await shippedOrder();
    await act(finance, order.id, 'invoice');
    await act(finance, order.id, 'record_receipt', { params: { amount: 1000 } });
    const settled = await act(finance, order.id, 'settle');
    expect(settled).toMatchObject({ status: 'settled', editable: [] });
    const unsettled = await act(await app.as('finmanager'), order.id, 'unsettle', { comment: '需调整' });
    expect(unsettled.status).toBe('shipped');
  });

  it('a salesperson cannot cancel a settled order, and nothing changes', async () => {
    const order = await shippedOrder();
    await act(finance, order.id, 'invoice');
    await act(finance, order.id, 'record_receipt', { params: { amount: 1000 } });
    await act(finance, order.id, 'settle');
    const before = await footprint(sales1, order.id);
    const open = await sales1.get(`/api/records/${order.id}`);
    expect(open.body.availableActions.map((a: any) => a.name)).not.toContain('cancel');
    const res = await sales1.post(`/api/records/${order.id}/actions/cancel`, { reason: 'other' });
    expectProblem(res, 403, 'forbidden');
    expect(await footprint(sales1, order.id)).toEqual(before);
  });

  it('an invoiced order cannot be cancelled until the invoice is reversed (422 saying so)', async () => {
    const order = await shippedOrder();
    await act(finance, order.id, 'invoice');
    const before = await footprint(sales1, order.id);
    const stock = await stockOf(sales1, 'MS-01', 'WH-BJ');
    const res = await sales1.inLanguage('en').post(`/api/records/${order.id}/actions/cancel`, { reason: 'other' });
    expectProblem(res, 422, 'guard_failed');
    expect(res.body.detail).toMatch(/invoice/i);
    expect(await footprint(sales1, order.id)).toEqual(before);
    expect(await stockOf(sales1, 'MS-01', 'WH-BJ')).toEqual(stock);
    await act(finance, order.id, 'credit_note', { comment: '红冲' });
    expect((await sales1.post(`/api/records/${order.id}/actions/cancel`, { reason: 'other' })).status).toBe(200);
  });
});

describe('stock limits', () => {
  it('confirming more than is available is a 422 naming the product, and nothing is reserved', async () => {
    const order = await createOrder(sales1, { lines: [{ product: 'KB-01', warehouse: 'WH-SH', quantity: 100000, price: 1 }] });
    const before = await footprint(sales1, order.id);
    const stock = await stockOf(sales1, 'KB-01', 'WH-SH');
    const res = await sales1.post(`/api/records/${order.id}/actions/confirm`, {});
    expectProblem(res, 422, 'stock_insufficient');
    expect(res.body.detail).toContain('KB-01');
    expect(await footprint(sales1, order.id)).toEqual(before);
    expect(await stockOf(sales1, 'KB-01', 'WH-SH')).toEqual(stock);
  });
});

describe('two people at once', () => {
  it('two saves of the same version: one wins, the other gets 409', async () => {
    const order = await createOrder(sales1);
    const [a, b] = await Promise.all([
      sales1.patch(`/api/records/${order.id}`, { data: { ...order.data, remark: 'one' } }, { headers: { 'if-match': '1' } }),
      sales1.patch(`/api/records/${order.id}`, { data: { ...order.data, remark: 'two' } }, { headers: { 'if-match': '1' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((await footprint(sales1, order.id)).version).toBe(2);
  });
});

describe('accounts', () => {
  it('a disabled user\'s session stops working at once', async () => {
    const sales3 = await app.as('sales3');
    const admin = await app.as('admin');
    expect((await admin.patch(`/api/users/${app.people.sales3.id}`, { disabled: true })).status).toBe(200);
    expectProblem(await sales3.get('/api/me'), 401, 'unauthenticated');
    expectProblem(await app.anonymous().post('/api/session', { username: 'sales3', password: 'demo' }), 401, 'unauthenticated');
    await admin.patch(`/api/users/${app.people.sales3.id}`, { disabled: false });
  });
});
