// Seed 001: taking back an order whose books are closed. Assess the impact first, back up, unlock with an
// elevated role, reverse the invoice and the receipt by counter-entries, cancel with a reason, every step in
// the audit trail; cancel a settlement document; and what closed accounting periods allow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.ts';
import { act, createOrder, expectProblem, footprint, stockOf } from '../support/orders.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
let sales1: ApiClient;
let manager: ApiClient;
let warehouse: ApiClient;
let finance: ApiClient;
let finmanager: ApiClient;
let admin: ApiClient;

const PRODUCT = 'MON-27';
const WAREHOUSE = 'WH-BJ';
const LINES = [{ product: PRODUCT, warehouse: WAREHOUSE, quantity: 4, price: 1250 }];
const TOTAL = 5000;

beforeAll(async () => {
  app = await startTestApp();
  // Signed in at the real time: the sessions stay valid while a test holds the clock in an earlier month.
  sales1 = await app.as('sales1');
  manager = await app.as('manager');
  warehouse = await app.as('warehouse');
  finance = await app.as('finance');
  finmanager = await app.as('finmanager');
  admin = await app.as('admin');
});
afterAll(() => app.close());

async function shippedOrder(customer = '北京星河科技有限公司'): Promise<any> {
  const order = await createOrder(sales1, { customer: { name: customer, email: 'ap@xinghe.example.com' }, lines: LINES });
  await act(sales1, order.id, 'confirm');
  return act(warehouse, order.id, 'ship');
}

/** Invoiced and paid in full: the receipt writes it off by itself. */
async function invoicedAndWrittenOff(customer?: string): Promise<any> {
  const order = await shippedOrder(customer);
  await act(finance, order.id, 'invoice');
  const paid = await act(finance, order.id, 'record_receipt', { params: { amount: TOTAL } });
  expect(paid.status).toBe('written_off');
  return paid;
}

async function settledOrder(customer?: string): Promise<any> {
  const order = await invoicedAndWrittenOff(customer);
  return act(finance, order.id, 'settle');
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

async function snapshots(): Promise<any[]> {
  const res = await admin.get('/api/snapshots');
  expect(res.status).toBe(200);
  return res.body;
}

async function inbox(client: ApiClient): Promise<any[]> {
  const res = await client.get('/api/notifications');
  expect(res.status).toBe(200);
  return res.body.items;
}

async function periods(): Promise<{ current: string; closed: string[]; known: string[] }> {
  const res = await finmanager.get('/api/periods');
  expect(res.status).toBe(200);
  return res.body;
}

async function setClosed(period: string, closed: boolean): Promise<void> {
  const res = await finmanager.request('PUT', `/api/periods/${period}`, { closed });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body).toEqual({ period, closed });
}

/** Net amount per account over the ledger lines of a preview. */
function ledgerEffects(effects: any[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of effects.filter((x) => x.kind === 'ledger')) out[e.account] = (out[e.account] ?? 0) + e.amount;
  return out;
}

describe('cancelling a settled order', () => {
  let order: any;
  let stockBefore: Awaited<ReturnType<typeof stockOf>>;

  it('the order is settled: invoiced, paid, closed, and locked for everyone', async () => {
    stockBefore = await stockOf(sales1, PRODUCT, WAREHOUSE);
    order = await settledOrder();
    expect(order).toMatchObject({ status: 'settled', editable: [] });
    const ledger = await ledgerOf(finance, order.id);
    expect(ledger.balances).toMatchObject({ receivable: TOTAL, invoice: TOTAL, receipt: TOTAL, writeoff: TOTAL });
  });

  it('a settled order cannot be edited: PATCH is 403 read_only for the admin and the salesperson, and nothing changes', async () => {
    const before = await footprint(admin, order.id);
    for (const who of [admin, sales1]) {
      const res = await who.patch(`/api/records/${order.id}`, { data: { remark: '改一下备注' } }, { headers: { 'if-match': String(before.version) } });
      expectProblem(res, 403, 'read_only');
    }
    expect(await footprint(admin, order.id)).toEqual(before);
  });

  it('a salesperson cannot unlock it: no unlock button, 403, and nothing changes', async () => {
    const detail = await sales1.get(`/api/records/${order.id}`);
    expect(detail.body.availableActions.map((a: any) => a.name)).not.toContain('unsettle');
    const before = await footprint(sales1, order.id);
    const ledger = await ledgerOf(sales1, order.id);

    const preview = await sales1.get(`/api/records/${order.id}/actions/unsettle/preview`);
    expect(preview.body.allowed).toBe(false);
    const res = await sales1.post(`/api/records/${order.id}/actions/unsettle`, { comment: '我来解锁' });
    expectProblem(res, 403, 'forbidden');

    expect(await footprint(sales1, order.id)).toEqual(before);
    expect(await ledgerOf(sales1, order.id)).toEqual(ledger);
    expect(await snapshots()).toEqual([]);
  });

  it('assesses the impact first: state changes, ledger reversals with amounts, stock, notifications, the approval and the backup', async () => {
    const before = await footprint(finmanager, order.id);
    const offered = (await finmanager.get(`/api/records/${order.id}`)).body.availableActions.find((a: any) => a.name === 'cancel');
    expect(offered).toMatchObject({ needsReason: true, needsApproval: true, steps: ['unsettle'] });

    const res = await finmanager.get(`/api/records/${order.id}/actions/cancel/preview?reason=customer_request`);
    expect(res.status).toBe(200);
    const preview = res.body;
    expect(preview).toMatchObject({ allowed: true, needsApproval: true, from: 'settled', to: 'cancelled' });
    const effects: any[] = preview.effects;
    const kinds = effects.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['snapshot', 'approval', 'step', 'state', 'ledger', 'stock', 'notify']));

    expect(effects.find((e) => e.kind === 'approval').approvers).toEqual(expect.arrayContaining([app.people.manager.name, app.people.admin.name]));
    expect(effects.find((e) => e.kind === 'snapshot').text['zh-CN']).toContain('备份');
    expect(effects.find((e) => e.kind === 'step')).toMatchObject({ action: 'unsettle' });

    const states = effects.filter((e) => e.kind === 'state').map((e) => `${e.from}>${e.to}`);
    expect(states).toEqual(['settled>shipped', 'shipped>cancelled']);
    // The invoice, the write-off and the receipt are reversed; the money received is owed back; the receivable goes.
    expect(ledgerEffects(effects)).toEqual({ invoice: -TOTAL, writeoff: -TOTAL, receipt: -TOTAL, refund: TOTAL, receivable: -TOTAL });
    for (const e of effects.filter((x) => x.kind === 'ledger' && x.amount < 0)) expect(e.reverses).toEqual(expect.any(String));
    expect(effects).toContainEqual(expect.objectContaining({ kind: 'stock', product: PRODUCT, warehouse: WAREHOUSE, onHand: 4 }));
    const told = effects.filter((e) => e.kind === 'notify').map((e) => e.notification);
    expect(told).toEqual(['orderUnsettled', 'orderCancelled']);
    expect(effects.find((e) => e.notification === 'orderCancelled').to).toContain('contact:ap@xinghe.example.com');

    expect(await footprint(finmanager, order.id)).toEqual(before);
    expect(await snapshots()).toEqual([]);
  });

  it('asks for it: 202, the order stays settled until someone approves', async () => {
    const before = await footprint(finmanager, order.id);
    const res = await finmanager.post(`/api/records/${order.id}/actions/cancel`, { reason: 'customer_request', comment: '客户退货，整单取消' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.approval).toMatchObject({ recordId: order.id, action: 'cancel', status: 'pending', requestedBy: app.people.finmanager.id });

    const after = await footprint(finmanager, order.id);
    expect({ ...after, history: before.history }).toEqual(before);
    expect((await historyOf(finmanager, order.id)).at(-1)).toMatchObject({ action: 'approval.requested', actor: app.people.finmanager.id });
    expect(await snapshots()).toEqual([]);
    const pending = (await manager.get('/api/approvals?status=pending')).body;
    expect(pending.map((a: any) => a.id)).toContain(res.body.approval.id);
  });

  it('the approver approves, and the same plan runs: backup, unsettle, cancel, each step in the audit trail', async () => {
    const ledgerBefore = await ledgerOf(finance, order.id);
    const historyBefore = await historyOf(finance, order.id);
    const [approval] = (await manager.get('/api/approvals?status=pending')).body.filter((a: any) => a.recordId === order.id);

    const res = await manager.post(`/api/approvals/${approval.id}/approve`, { comment: '同意' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.approval).toMatchObject({ status: 'approved', decidedBy: app.people.manager.id });
    expect(res.body.record).toMatchObject({ id: order.id, status: 'cancelled' });

    const history = await historyOf(finance, order.id);
    const steps = history.slice(historyBefore.length);
    // the decision first, with the approver's words, then each step it let happen
    expect(steps.map((e) => e.action)).toEqual(['approval.approved', 'unsettle', 'cancel']);
    expect(steps[0]).toMatchObject({ from: 'settled', to: 'settled', actor: app.people.manager.id, asked: 'cancel', comment: '同意' });
    expect(steps[1]).toMatchObject({ from: 'settled', to: 'shipped', actor: app.people.finmanager.id, approvedBy: app.people.manager.id });
    expect(steps[2]).toMatchObject({ from: 'shipped', to: 'cancelled', actor: app.people.finmanager.id, approvedBy: app.people.manager.id, reason: 'customer_request' });

    const backups = await snapshots();
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatchObject({ id: expect.any(String), at: expect.any(String) });
    expect(backups[0].label).toContain(order.number);

    expect(await stockOf(sales1, PRODUCT, WAREHOUSE)).toEqual(stockBefore);

    // The invoice and the receipt are reversed by counter-entries, never deleted.
    const ledger = await ledgerOf(finance, order.id);
    expect(ledger.entries).toEqual(expect.arrayContaining(ledgerBefore.entries));
    expect(ledger.entries.length).toBeGreaterThan(ledgerBefore.entries.length);
    const reversals = ledger.entries.filter((e) => e.reverses);
    expect(reversals.map((e) => e.account).sort()).toEqual(['invoice', 'receipt', 'receivable', 'writeoff']);
    for (const r of reversals) {
      const original = ledger.entries.find((e) => e.id === r.reverses);
      expect(original, `the original of ${r.id}`).toBeDefined();
      expect(original.account).toBe(r.account);
      expect(original.amount + r.amount).toBe(0);
    }
    expect(ledger.balances).toMatchObject({ receivable: 0, invoice: 0, receipt: 0, writeoff: 0, refund: TOTAL });

    const salesInbox = (await inbox(sales1)).filter((n) => n.recordId === order.id).map((n) => n.kind);
    expect(salesInbox).toEqual(expect.arrayContaining(['orderUnsettled', 'orderCancelled']));
  });
});

describe('a settled invoice', () => {
  it('is never deleted: no delete, no credit note while settled, and the unlock reverses it by a counter-entry', async () => {
    const order = await settledOrder('石家庄华北仪器有限公司');
    const before = await footprint(finmanager, order.id);
    const ledger = await ledgerOf(finmanager, order.id);
    const invoice = ledger.entries.find((e) => e.account === 'invoice');

    expectProblem(await admin.delete(`/api/records/${order.id}`), 404, 'not_found');
    expectProblem(await finance.post(`/api/records/${order.id}/actions/credit_note`, { comment: '删除发票' }), 409, 'invalid_transition');
    expect(await footprint(finmanager, order.id)).toEqual(before);
    expect(await ledgerOf(finmanager, order.id)).toEqual(ledger);

    const backups = (await snapshots()).length;
    const unlocked = await act(finmanager, order.id, 'unsettle', { comment: '发票开错，需重开' });
    expect(unlocked.status).toBe('shipped');
    expect(await snapshots()).toHaveLength(backups + 1);
    const after = await ledgerOf(finmanager, order.id);
    expect(after.entries).toEqual(expect.arrayContaining(ledger.entries));
    expect(after.entries.find((e) => e.reverses === invoice.id)).toMatchObject({ account: 'invoice', amount: -TOTAL });
    expect(after.balances).toMatchObject({ invoice: 0, receipt: 0, writeoff: 0, refund: TOTAL, receivable: TOTAL });
    expect((await historyOf(finmanager, order.id)).at(-1)).toMatchObject({ action: 'unsettle', actor: app.people.finmanager.id, from: 'settled', to: 'shipped' });
  });
});

describe('cancelling a settlement', () => {
  let first: any;
  let second: any;
  let settlement: any;

  it('finance posts a settlement covering two written-off, invoiced orders: both become settled', async () => {
    first = await invoicedAndWrittenOff('上海明远贸易有限公司');
    second = await invoicedAndWrittenOff('广州嘉和电子有限公司');
    const created = await finance.post('/api/records', {
      template: 'settlement',
      data: { settlementDate: first.createdAt.slice(0, 10), orders: [{ number: first.number }, { number: second.number }], memo: '月度结算' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.status).toBe('draft');
    settlement = await act(finance, created.body.id, 'post');
    expect(settlement.status).toBe('posted');
    for (const o of [first, second]) {
      const now = (await finance.get(`/api/records/${o.id}`)).body;
      expect(now.status).toBe('settled');
      expect((await historyOf(finance, o.id)).at(-1)).toMatchObject({ action: 'settle', actor: app.people.finance.id, from: 'written_off', to: 'settled' });
    }
  });

  it('a settlement that lists an order twice is refused with 422 naming it, and nothing changes', async () => {
    const order = await invoicedAndWrittenOff('杭州西湖茶叶有限公司');
    const created = await finance.post('/api/records', {
      template: 'settlement',
      data: { settlementDate: order.createdAt.slice(0, 10), orders: [{ number: order.number }, { number: order.number }] },
    });
    expect(created.status).toBe(201);
    const before = await Promise.all([created.body, order].map((r) => footprint(finance, r.id)));
    const res = await finance.post(`/api/records/${created.body.id}/actions/post`, {});
    expectProblem(res, 422, 'validation_failed');
    expect(res.body.detail).toContain(order.number);
    expect(await Promise.all([created.body, order].map((r) => footprint(finance, r.id)))).toEqual(before);
  });

  it('a settlement covering an order that cannot be settled posts nothing at all', async () => {
    const ready = await invoicedAndWrittenOff('重庆两江机电有限公司');
    const notInvoiced = await shippedOrder('成都天府家电有限公司');
    await act(finance, notInvoiced.id, 'record_receipt', { params: { amount: TOTAL } });
    const created = await finance.post('/api/records', {
      template: 'settlement',
      data: { settlementDate: ready.createdAt.slice(0, 10), orders: [{ number: ready.number }, { number: notInvoiced.number }] },
    });
    const before = await Promise.all([created.body, ready, notInvoiced].map((r) => footprint(finance, r.id)));
    const res = await finance.post(`/api/records/${created.body.id}/actions/post`, {});
    expectProblem(res, 422, 'guard_failed');
    expect(res.body.detail).toContain(notInvoiced.number);
    expect(await Promise.all([created.body, ready, notInvoiced].map((r) => footprint(finance, r.id)))).toEqual(before);
  });

  it('a settlement one of whose orders was unlocked on its own can still be cancelled: that order is left as it is, and the preview says so', async () => {
    const [a, b] = [await invoicedAndWrittenOff('杭州西湖电子有限公司'), await invoicedAndWrittenOff('南京紫金机械有限公司')];
    const created = await finance.post('/api/records', { template: 'settlement', data: { settlementDate: a.createdAt.slice(0, 10), orders: [{ number: a.number }, { number: b.number }] } });
    expect(created.status).toBe(201);
    await act(finance, created.body.id, 'post');
    await act(finmanager, b.id, 'unsettle', { comment: '客户退货，单独解锁' });
    const preview = (await admin.get(`/api/records/${created.body.id}/actions/cancel_settlement/preview?reason=wrong_orders`)).body;
    expect(preview.allowed).toBe(true);
    expect(preview.effects.map((e: any) => e.text['zh-CN'])).toContain(`${b.number}：已是“已发货”，保持不变`);
    const done = await act(admin, created.body.id, 'cancel_settlement', { reason: 'wrong_orders' });
    expect(done.status).toBe('cancelled');
    expect((await admin.get(`/api/records/${a.id}`)).body).toMatchObject({ status: 'written_off', data: { recheck: true } });
    expect((await admin.get(`/api/records/${b.id}`)).body.status).toBe('shipped');
  });

  it('the administrator finds the settlement document in the list, by number and by date', async () => {
    const day = settlement.createdAt.slice(0, 10);
    const onTheDay = await admin.get(`/api/records?template=settlement&status=posted&from=${day}&to=${day}`);
    expect(onTheDay.body.items.map((r: any) => r.id)).toEqual([settlement.id]);
    const found = await admin.get(`/api/records?template=settlement&q=${encodeURIComponent(settlement.number)}`);
    expect(found.body.items).toEqual([expect.objectContaining({ id: settlement.id, status: 'posted' })]);
    const offered = (await admin.get(`/api/records/${settlement.id}`)).body.availableActions.find((a: any) => a.name === 'cancel_settlement');
    expect(offered).toMatchObject({ needsReason: true, danger: true });
    expect(offered.reasons.map((r: any) => r.code)).toEqual(['wrong_amount', 'wrong_orders', 'customer_dispute', 'other']);
  });

  it('a non-admin cannot cancel it, and nothing changes', async () => {
    const before = await Promise.all([settlement, first, second].map((r) => footprint(admin, r.id)));
    for (const who of [finmanager, finance]) {
      expect((await who.get(`/api/records/${settlement.id}`)).body.availableActions.map((a: any) => a.name)).not.toContain('cancel_settlement');
      const res = await who.post(`/api/records/${settlement.id}/actions/cancel_settlement`, { reason: 'wrong_amount' });
      expectProblem(res, 403, 'forbidden');
    }
    expect(await Promise.all([settlement, first, second].map((r) => footprint(admin, r.id)))).toEqual(before);
  });

  it('the admin previews it: the settlement is reversed and both orders go back to written off for a re-check', async () => {
    const before = await Promise.all([settlement, first, second].map((r) => footprint(admin, r.id)));
    const res = await admin.get(`/api/records/${settlement.id}/actions/cancel_settlement/preview?reason=wrong_orders`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ allowed: true, needsApproval: false, from: 'posted', to: 'cancelled' });
    const effects: any[] = res.body.effects;
    expect(effects[0].kind).toBe('snapshot');
    expect(effects).toContainEqual(expect.objectContaining({ kind: 'state', from: 'posted', to: 'cancelled' }));
    for (const o of [first, second]) {
      expect(effects).toContainEqual(expect.objectContaining({ record: o.number, kind: 'state', from: 'settled', to: 'written_off' }));
      expect(effects).toContainEqual(expect.objectContaining({ record: o.number, kind: 'set', path: '/recheck', value: true }));
      expect(effects).toContainEqual(expect.objectContaining({ record: o.number, kind: 'notify', notification: 'orderNeedsRecheck' }));
    }
    // people read the field by its label, never by its pointer
    const set = effects.find((e) => e.kind === 'set');
    expect(set.text).toEqual({ 'zh-CN': `${set.record}：字段“需复核”设为 是`, en: `${set.record}: Set "Needs re-check" to yes` });
    expect(await Promise.all([settlement, first, second].map((r) => footprint(admin, r.id)))).toEqual(before);
  });

  it('a reason from the list is required: 422 without one or with one not on the list, and nothing changes', async () => {
    const before = await Promise.all([settlement, first, second].map((r) => footprint(admin, r.id)));
    const backups = await snapshots();
    expectProblem(await admin.post(`/api/records/${settlement.id}/actions/cancel_settlement`, {}), 422, 'reason_required');
    expectProblem(await admin.post(`/api/records/${settlement.id}/actions/cancel_settlement`, { reason: 'changed_my_mind' }), 422, 'reason_unknown');
    expect(await Promise.all([settlement, first, second].map((r) => footprint(admin, r.id)))).toEqual(before);
    expect(await snapshots()).toEqual(backups);
  });

  it('the admin cancels it with a reason: the orders are written off again, flagged for re-check, and their handler is told', async () => {
    const backups = await snapshots();
    const cancelled = await act(admin, settlement.id, 'cancel_settlement', { reason: 'wrong_orders', comment: '包含了不该结算的订单' });
    expect(cancelled.status).toBe('cancelled');
    expect((await historyOf(admin, settlement.id)).at(-1)).toMatchObject({ action: 'cancel_settlement', actor: app.people.admin.id, reason: 'wrong_orders' });

    const after = await snapshots();
    expect(after).toHaveLength(backups.length + 1);
    expect(after.find((s) => !backups.some((b) => b.id === s.id)).label).toContain(settlement.number);

    const told = await inbox(sales1);
    for (const o of [first, second]) {
      const now = (await finance.get(`/api/records/${o.id}`)).body;
      expect(now.status).toBe('written_off');
      expect(now.data.recheck).toBe(true);
      expect((await historyOf(finance, o.id)).at(-1)).toMatchObject({ action: 'reopen', actor: app.people.admin.id, from: 'settled', to: 'written_off' });
      expect(told.filter((n) => n.recordId === o.id && n.kind === 'orderNeedsRecheck')).toHaveLength(1);
    }
    expect((await inbox(finance)).filter((n) => n.recordId === settlement.id && n.kind === 'settlementCancelled')).toHaveLength(1);
  });
});

describe('closed accounting periods', () => {
  it('with the current period closed a receipt is refused and nothing changes; reopened, it goes through', async () => {
    const order = await shippedOrder('深圳瑞丰实业有限公司');
    const { current } = await periods();
    expect(current).toBe(app.clock.now().toISOString().slice(0, 7));
    await setClosed(current, true);
    try {
      expect((await periods()).closed).toContain(current);
      const before = await footprint(finance, order.id);
      const ledger = await ledgerOf(finance, order.id);
      const res = await finance.post(`/api/records/${order.id}/actions/record_receipt`, { params: { amount: TOTAL } });
      expectProblem(res, 422, 'period_closed');
      expect(res.body.detail).toContain(current);
      expect(await footprint(finance, order.id)).toEqual(before);
      expect(await ledgerOf(finance, order.id)).toEqual(ledger);
    } finally {
      await setClosed(current, false);
    }
    expect((await periods()).closed).not.toContain(current);
    const paid = await act(finance, order.id, 'record_receipt', { params: { amount: TOTAL } });
    expect(paid.status).toBe('written_off');
  });

  it('a reversal of an entry from a period that was closed since is posted in the open period', async () => {
    app.clock.set(new Date('2026-01-20T03:00:00Z'));
    try {
      const order = await shippedOrder('天津宏图机电有限公司');
      await act(finance, order.id, 'invoice');
      const invoice = (await ledgerOf(finance, order.id)).entries.find((e) => e.account === 'invoice');
      expect(invoice.period).toBe('2026-01');

      app.clock.set(new Date('2026-02-10T03:00:00Z'));
      await setClosed('2026-01', true);
      expect(await periods()).toMatchObject({ current: '2026-02', closed: ['2026-01'] });

      const preview = await finance.get(`/api/records/${order.id}/actions/credit_note/preview`);
      const line = preview.body.effects.find((e: any) => e.kind === 'ledger' && e.reverses === invoice.id);
      expect(line).toMatchObject({ account: 'invoice', amount: -TOTAL, period: '2026-02' });
      expect(line.text['zh-CN']).toContain('2026-01');

      await act(finance, order.id, 'credit_note', { comment: '发票抬头有误' });
      const ledger = await ledgerOf(finance, order.id);
      expect(ledger.entries.find((e) => e.id === invoice.id)).toEqual(invoice);
      expect(ledger.entries.find((e) => e.reverses === invoice.id)).toMatchObject({ account: 'invoice', amount: -TOTAL, period: '2026-02' });
      expect(ledger.balances.invoice).toBe(0);
    } finally {
      app.clock.set(undefined);
      await setClosed('2026-01', false);
    }
  });
});

describe('the orders a settlement lists', () => {
  it('orders whose customer names mention the order number do not hide it from the settlement', async () => {
    const order = await invoicedAndWrittenOff('南京紫金贸易有限公司');
    // Anyone may name a customer after an order number; a handful of such drafts must not hide the order.
    const sales2 = await app.as('sales2');
    for (let i = 0; i < 6; i++) await createOrder(sales2, { customer: { name: `参见 ${order.number} 第 ${i} 号` } });
    const created = await finance.post('/api/records', {
      template: 'settlement',
      data: { settlementDate: order.createdAt.slice(0, 10), orders: [{ number: order.number }] },
    });
    expect(created.status).toBe(201);
    const posted = await act(finance, created.body.id, 'post');
    expect(posted.status).toBe('posted');
    expect((await finance.get(`/api/records/${order.id}`)).body.status).toBe('settled');
  });
});
