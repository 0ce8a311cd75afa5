// Seed 000: an order the system wrote off by itself once the receipts covered the receivable, and now it has
// to be cancelled. Walked as the article walks it: sign in, find the order, open it, cancel, check the list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { act, createOrder, expectProblem, footprint, stockOf } from '../support/orders.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
let warehouse: ApiClient;
let finance: ApiClient;
let finmanager: ApiClient;
let admin: ApiClient;

const PRODUCT = 'DOCK-01';
const WAREHOUSE = 'WH-SH';
const CUSTOMER = '杭州云帆电子商务有限公司';
const LINES = [{ product: PRODUCT, warehouse: WAREHOUSE, quantity: 3, price: 800 }];
const TOTAL = 2400;

beforeAll(async () => {
  app = await startTestApp();
  warehouse = await app.as('warehouse');
  finance = await app.as('finance');
  finmanager = await app.as('finmanager');
  admin = await app.as('admin');
});
afterAll(() => app.close());

/** A confirmed, shipped order; finance then records receipts that together cover the receivable. */
async function paidInTwoReceipts(by: ApiClient, customer: string): Promise<any> {
  const order = await createOrder(by, { customer: { name: customer, contact: '陈晓', email: 'orders@yunfan.example.com' }, lines: LINES });
  await act(by, order.id, 'confirm');
  await act(warehouse, order.id, 'ship');
  const partly = await act(finance, order.id, 'record_receipt', { params: { amount: 1000 }, comment: '首笔货款' });
  expect(partly.status).toBe('shipped');
  return act(finance, order.id, 'record_receipt', { params: { amount: TOTAL - 1000 }, comment: '尾款' });
}

async function ledgerOf(client: ApiClient, id: string): Promise<{ entries: any[]; balances: Record<string, number> }> {
  const res = await client.get(`/api/records/${id}/ledger`);
  expect(res.status).toBe(200);
  return res.body;
}

async function historyOf(client: ApiClient, id: string): Promise<any[]> {
  const res = await client.get(`/api/records/${id}/history`);
  expect(res.status).toBe(200);
  return res.body;
}

/** Net amount per account over the ledger lines of a preview. */
function ledgerEffects(effects: any[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of effects.filter((x) => x.kind === 'ledger')) out[e.account] = (out[e.account] ?? 0) + e.amount;
  return out;
}

const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((r) => r.id);

describe('cancelling an order after automatic write-off, step by step', () => {
  let sales1: ApiClient;
  let order: any;
  let otherCustomersOrder: any;
  let stockBefore: Awaited<ReturnType<typeof stockOf>>;

  it('signs in to the system with a user name and password', async () => {
    const wrong = await app.anonymous().post('/api/session', { username: 'sales1', password: 'not-it' });
    expectProblem(wrong, 401, 'unauthenticated');
    const res = await app.anonymous().post('/api/session', { username: 'sales1', password: 'demo' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token: expect.any(String), user: { id: app.people.sales1.id, roles: ['sales'], department: 'east' } });
    sales1 = new ApiClient(app.url, res.body.token);
    expect((await sales1.get('/api/me')).body).toMatchObject({ id: app.people.sales1.id });

    // What happened before the salesperson came looking: shipped, and paid in two receipts.
    stockBefore = await stockOf(sales1, PRODUCT, WAREHOUSE);
    order = await paidInTwoReceipts(sales1, CUSTOMER);
    otherCustomersOrder = await createOrder(sales1, { customer: { name: '宁波港湾贸易有限公司' } });
  });

  it('finds the order in the order list by its number and by the customer', async () => {
    const list = await sales1.get('/api/records?template=sales-order');
    expect(list.status).toBe(200);
    expect(ids(list)).toEqual(expect.arrayContaining([order.id, otherCustomersOrder.id]));

    const byNumber = await sales1.get(`/api/records?template=sales-order&q=${encodeURIComponent(order.number)}`);
    expect(ids(byNumber)).toEqual([order.id]);
    const byCustomer = await sales1.get(`/api/records?template=sales-order&q=${encodeURIComponent('云帆')}`);
    expect(ids(byCustomer)).toEqual([order.id]);
    expect(byCustomer.body.items[0]).toMatchObject({ number: order.number, status: 'written_off', summary: { customer: CUSTOMER, amount: TOTAL } });
  });

  it('narrows the list by status and by date', async () => {
    const writtenOff = await sales1.get('/api/records?template=sales-order&status=written_off');
    expect(ids(writtenOff)).toContain(order.id);
    expect(ids(writtenOff)).not.toContain(otherCustomersOrder.id);
    expect(ids(await sales1.get('/api/records?template=sales-order&status=draft,shipped'))).not.toContain(order.id);

    const day = order.createdAt.slice(0, 10);
    const dayBefore = new Date(Date.parse(day) - 86_400_000).toISOString().slice(0, 10);
    expect(ids(await sales1.get(`/api/records?template=sales-order&from=${day}&to=${day}`))).toContain(order.id);
    expect(ids(await sales1.get(`/api/records?template=sales-order&to=${dayBefore}`))).not.toContain(order.id);
    expect(ids(await sales1.get(`/api/records?template=sales-order&status=written_off&from=${day}&q=${encodeURIComponent(CUSTOMER)}`))).toEqual([order.id]);
  });

  it('opens the detail: written off by the automation once the receipts covered the receivable', async () => {
    const detail = await sales1.get(`/api/records/${order.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ number: order.number, status: 'written_off', handler: app.people.sales1.id, data: { customer: { name: CUSTOMER } } });

    const ledger = await ledgerOf(sales1, order.id);
    expect(ledger.balances).toMatchObject({ receivable: TOTAL, receipt: TOTAL, writeoff: TOTAL });
    const writeoff = ledger.entries.find((e) => e.account === 'writeoff');
    const linked = ledger.entries.filter((e) => e.account === 'receivable' || e.account === 'receipt').map((e) => e.id);
    expect(writeoff.matches).toEqual(expect.arrayContaining(linked));

    const history = await historyOf(sales1, order.id);
    expect(history.map((e) => e.action)).toEqual(['create', 'confirm', 'ship', 'record_receipt', 'record_receipt', 'write_off']);
    const auto = history.at(-1);
    expect(auto).toMatchObject({ action: 'write_off', from: 'shipped', to: 'written_off', automation: 'autoWriteOff', actor: 'automation:autoWriteOff' });
    expect(auto.actorName).toContain('自动核销');
    // The receipt that covered the receivable was finance's; the write-off was nobody's hand.
    expect(history.at(-2)).toMatchObject({ action: 'record_receipt', actor: app.people.finance.id });
  });

  it('the salesperson presses cancel: refused, told to have the write-off reversed first, and nothing changes', async () => {
    const detail = await sales1.get(`/api/records/${order.id}`);
    expect(detail.body.availableActions.map((a: any) => a.name)).not.toContain('cancel');
    const before = await footprint(sales1, order.id);
    const ledger = await ledgerOf(sales1, order.id);
    const stock = await stockOf(sales1, PRODUCT, WAREHOUSE);

    const preview = await sales1.get(`/api/records/${order.id}/actions/cancel/preview?reason=customer_request`);
    expect(preview.status).toBe(200);
    expect(preview.body.allowed).toBe(false);
    expect(preview.body.message['zh-CN']).toContain('撤销核销');

    const res = await sales1.post(`/api/records/${order.id}/actions/cancel`, { reason: 'customer_request', comment: '客户不要了' });
    expectProblem(res, 403, 'forbidden');
    expect(res.body.detail).toContain('撤销核销');
    const inEnglish = await sales1.inLanguage('en').post(`/api/records/${order.id}/actions/cancel`, { reason: 'customer_request' });
    expectProblem(inEnglish, 403, 'forbidden');
    expect(inEnglish.body.detail).toContain('Reverse write-off');

    expect(await footprint(sales1, order.id)).toEqual(before);
    expect(await ledgerOf(sales1, order.id)).toEqual(ledger);
    expect(await stockOf(sales1, PRODUCT, WAREHOUSE)).toEqual(stock);
  });

  it('finance, who may not cancel orders, is refused too, and nothing changes', async () => {
    const before = await footprint(finance, order.id);
    const res = await finance.post(`/api/records/${order.id}/actions/cancel`, { reason: 'customer_request' });
    expectProblem(res, 403, 'forbidden');
    expect(await footprint(finance, order.id)).toEqual(before);
  });

  it('finance reverses the write-off: the receipts are unlinked by a counter-entry and the receivable is open again', async () => {
    const before = await ledgerOf(finance, order.id);
    const writeoff = before.entries.find((e) => e.account === 'writeoff');
    const statusBeforeWriteOff = (await historyOf(finance, order.id)).find((e) => e.action === 'write_off').from;

    const preview = await finance.get(`/api/records/${order.id}/actions/reverse_write_off/preview`);
    expect(preview.body).toMatchObject({ allowed: true, from: 'written_off', to: 'shipped' });
    expect(preview.body.effects).toContainEqual(expect.objectContaining({ kind: 'ledger', account: 'writeoff', amount: -TOTAL, reverses: writeoff.id }));

    const reversed = await act(finance, order.id, 'reverse_write_off', { comment: '客户要求取消订单，先撤销核销' });
    expect(reversed.status).toBe(statusBeforeWriteOff);
    expect(reversed.status).toBe('shipped');

    const after = await ledgerOf(finance, order.id);
    // Nothing was deleted: the original write-off is still there, and a counter-entry names it.
    expect(after.entries).toEqual(expect.arrayContaining(before.entries));
    expect(after.entries).toHaveLength(before.entries.length + 1);
    const counter = after.entries.find((e) => e.reverses === writeoff.id);
    expect(counter).toMatchObject({ account: 'writeoff', amount: -TOTAL });
    expect(after.balances).toMatchObject({ receivable: TOTAL, receipt: TOTAL, writeoff: 0 });

    const last = (await historyOf(finance, order.id)).at(-1);
    expect(last).toMatchObject({ action: 'reverse_write_off', actor: app.people.finance.id, from: 'written_off', to: 'shipped' });

    const told = (await sales1.get('/api/notifications')).body.items.filter((n: any) => n.recordId === order.id && n.kind === 'writeOffReversed');
    expect(told).toHaveLength(1);
  });

  it('now the salesperson sees the cancel button; a reason is required', async () => {
    const detail = await sales1.get(`/api/records/${order.id}`);
    expect(detail.body.availableActions.find((a: any) => a.name === 'cancel')).toMatchObject({ needsReason: true, needsApproval: false });

    const before = await footprint(sales1, order.id);
    const res = await sales1.post(`/api/records/${order.id}/actions/cancel`, {});
    expectProblem(res, 422, 'reason_required');
    expect(await footprint(sales1, order.id)).toEqual(before);
  });

  it('cancels with a reason: the shipped goods go back into stock and the money is owed back', async () => {
    const shippedStock = await stockOf(sales1, PRODUCT, WAREHOUSE);
    expect(shippedStock.onHand).toBe(stockBefore.onHand - 3);
    expect(shippedStock.reserved).toBe(stockBefore.reserved);

    const preview = await sales1.get(`/api/records/${order.id}/actions/cancel/preview?reason=customer_request`);
    expect(preview.body).toMatchObject({ allowed: true, from: 'shipped', to: 'cancelled', needsApproval: false });
    expect(preview.body.effects).toContainEqual(expect.objectContaining({ kind: 'stock', product: PRODUCT, warehouse: WAREHOUSE, onHand: 3 }));

    const cancelled = await act(sales1, order.id, 'cancel', { reason: 'customer_request', comment: '客户取消购买' });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.availableActions.map((a: any) => a.name)).not.toContain('cancel');
    expect(await stockOf(sales1, PRODUCT, WAREHOUSE)).toEqual(stockBefore);

    const ledger = await ledgerOf(sales1, order.id);
    expect(ledger.balances).toMatchObject({ receivable: 0, receipt: 0, writeoff: 0, refund: TOTAL });
    const last = (await historyOf(sales1, order.id)).at(-1);
    expect(last).toMatchObject({ action: 'cancel', actor: app.people.sales1.id, from: 'shipped', to: 'cancelled', reason: 'customer_request', comment: '客户取消购买' });
  });

  it('back in the list, the order shows 已取消', async () => {
    const found = await sales1.get(`/api/records?template=sales-order&q=${encodeURIComponent(order.number)}`);
    expect(found.body.items).toEqual([expect.objectContaining({ id: order.id, status: 'cancelled' })]);
    expect(ids(await sales1.get('/api/records?template=sales-order&status=cancelled'))).toContain(order.id);
    expect(ids(await sales1.get('/api/records?template=sales-order&status=written_off'))).not.toContain(order.id);
    const template = (await sales1.get('/api/templates/sales-order')).body;
    expect(template.states[found.body.items[0].status].label['zh-CN']).toBe('已取消');
  });

  it('what follows: the refund is on the books, and a re-order starts from a copy of the cancelled order', async () => {
    expect((await ledgerOf(finance, order.id)).entries.filter((e) => e.account === 'refund').reduce((s, e) => s + e.amount, 0)).toBe(TOTAL);
    const before = await footprint(sales1, order.id);
    const again = await sales1.post(`/api/records/${order.id}/copy`);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    // the same order again, dated the day it is made (the business's day; an embedded runtime's zone is UTC unless told)
    const today = app.clock.now().toISOString().slice(0, 10);
    expect(again.body).toMatchObject({ status: 'draft', copiedFrom: order.id, data: { ...order.data, orderDate: today }, handler: app.people.sales1.id });
    expect(again.body.number).not.toBe(order.number);
    expect(await footprint(sales1, order.id)).toEqual(before);
  });
});

describe('cancelling a written-off order in one plan, by someone who may do both', () => {
  it('the finance manager reads a preview that lists the reverse write-off step, then cancels in one call', async () => {
    const sales1 = await app.as('sales1');
    const stockBefore = await stockOf(sales1, PRODUCT, WAREHOUSE);
    const order = await paidInTwoReceipts(sales1, '苏州恒达商贸有限公司');
    expect(order.status).toBe('written_off');

    const offered = (await finmanager.get(`/api/records/${order.id}`)).body.availableActions.find((a: any) => a.name === 'cancel');
    expect(offered).toMatchObject({ needsReason: true, steps: ['reverse_write_off'] });
    expect((await admin.get(`/api/records/${order.id}`)).body.availableActions.find((a: any) => a.name === 'cancel')).toMatchObject({ steps: ['reverse_write_off'] });

    const before = await footprint(finmanager, order.id);
    const preview = await finmanager.get(`/api/records/${order.id}/actions/cancel/preview?reason=customer_request`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ allowed: true, needsApproval: false, from: 'written_off', to: 'cancelled' });
    const effects: any[] = preview.body.effects;
    const step = effects.findIndex((e) => e.kind === 'step' && e.action === 'reverse_write_off');
    expect(step).toBeGreaterThanOrEqual(0);
    expect(effects[step].text['zh-CN']).toContain('撤销核销');
    const unmatch = effects.findIndex((e) => e.kind === 'state' && e.from === 'written_off' && e.to === 'shipped');
    const cancel = effects.findIndex((e) => e.kind === 'state' && e.from === 'shipped' && e.to === 'cancelled');
    expect(step).toBeLessThan(unmatch);
    expect(unmatch).toBeLessThan(cancel);
    // Each receipt is reversed on its own; together they are what the customer is owed back.
    expect(ledgerEffects(effects)).toEqual({ writeoff: -TOTAL, receivable: -TOTAL, receipt: -TOTAL, refund: TOTAL });
    expect(effects).toContainEqual(expect.objectContaining({ kind: 'stock', onHand: 3 }));
    expect(await footprint(finmanager, order.id)).toEqual(before);

    const done = await act(finmanager, order.id, 'cancel', { reason: 'customer_request', comment: '客户取消购买' });
    expect(done.status).toBe('cancelled');
    const history = await historyOf(finmanager, order.id);
    const [reverse, cancelled] = history.slice(-2);
    expect(reverse).toMatchObject({ action: 'reverse_write_off', actor: app.people.finmanager.id, from: 'written_off', to: 'shipped' });
    expect(cancelled).toMatchObject({ action: 'cancel', actor: app.people.finmanager.id, from: 'shipped', to: 'cancelled', reason: 'customer_request' });
    expect(cancelled.at).toBe(reverse.at);
    expect(history).toHaveLength(before.history + 2);

    expect((await ledgerOf(finmanager, order.id)).balances).toMatchObject({ receivable: 0, receipt: 0, writeoff: 0, refund: TOTAL });
    expect(await stockOf(finmanager, PRODUCT, WAREHOUSE)).toEqual(stockBefore);
    const told = (await sales1.get('/api/notifications')).body.items.filter((n: any) => n.recordId === order.id && n.kind === 'orderCancelled');
    expect(told).toHaveLength(1);
  });
});
