import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from './support/api-client.ts';
import { act, createOrder, expectProblem, footprint, stockOf } from './support/orders.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
let sales1: ApiClient;
let finance: ApiClient;
let finmanager: ApiClient;
let admin: ApiClient;

beforeAll(async () => {
  app = await startTestApp();
  sales1 = await app.as('sales1');
  finance = await app.as('finance');
  finmanager = await app.as('finmanager');
  admin = await app.as('admin');
});
afterAll(() => app.close());

async function periods(client: ApiClient = finmanager): Promise<{ current: string; closed: string[]; known: string[] }> {
  const res = await client.get('/api/periods');
  expect(res.status).toBe(200);
  return res.body;
}

const put = (client: ApiClient, period: string, body: unknown) => client.request('PUT', `/api/periods/${period}`, body);

describe('accounting periods', () => {
  it('lists the current period (the clock\'s month) and none closed', async () => {
    const now = app.clock.now().toISOString().slice(0, 7);
    expect(await periods()).toEqual({ current: now, closed: [], known: [] });
    // Everyone signed in may read them: forms say when a posting would be refused.
    expect(await periods(sales1)).toEqual({ current: now, closed: [], known: [] });
    expectProblem(await app.anonymous().get('/api/periods'), 401, 'unauthenticated');
  });

  it('the current period follows the clock', async () => {
    app.clock.set(new Date('2025-12-31T23:59:00Z'));
    try {
      expect((await periods()).current).toBe('2025-12');
    } finally {
      app.clock.set(undefined);
    }
  });

  it('the finance manager closes a period and reopens it; closed ones are listed in order', async () => {
    const closed = await put(finmanager, '2026-03', { closed: true });
    expect(closed.status).toBe(200);
    expect(closed.body).toEqual({ period: '2026-03', closed: true });
    expect((await put(finmanager, '2026-01', { closed: true })).status).toBe(200);
    expect((await periods()).closed).toEqual(['2026-01', '2026-03']);

    // Closing what is closed is no change.
    expect((await put(finmanager, '2026-01', { closed: true })).status).toBe(200);
    expect((await periods()).closed).toEqual(['2026-01', '2026-03']);

    const reopened = await put(finmanager, '2026-03', { closed: false });
    expect(reopened.body).toEqual({ period: '2026-03', closed: false });
    expect((await put(finmanager, '2026-01', { closed: false })).status).toBe(200);
    expect((await periods()).closed).toEqual([]);
  });

  it('an administrator may close and reopen too', async () => {
    expect((await put(admin, '2026-05', { closed: true })).status).toBe(200);
    expect((await periods()).closed).toEqual(['2026-05']);
    expect((await put(admin, '2026-05', { closed: false })).status).toBe(200);
    expect((await periods()).closed).toEqual([]);
  });

  it('sales and plain finance get 403, and nothing changes', async () => {
    await put(finmanager, '2026-02', { closed: true });
    const before = await periods();
    for (const who of [sales1, finance]) {
      expectProblem(await put(who, '2026-04', { closed: true }), 403, 'forbidden');
      expectProblem(await put(who, '2026-02', { closed: false }), 403, 'forbidden');
    }
    expectProblem(await put(app.anonymous(), '2026-04', { closed: true }), 401, 'unauthenticated');
    expect(await periods()).toEqual(before);
    await put(finmanager, '2026-02', { closed: false });
  });

  it('a malformed period is a 422 naming it, and nothing changes', async () => {
    const before = await periods();
    for (const period of ['2026-13', '2026-00', '202611', '26-11', '2026-1', 'current']) {
      const res = await put(finmanager, period, { closed: true });
      expectProblem(res, 422, 'validation_failed');
      expect(res.body.detail).toContain(period);
      expect(res.body.errors).toEqual([{ path: '/period', message: expect.any(String) }]);
    }
    expect(await periods()).toEqual(before);
  });

  it('a body without a boolean "closed" is a 400, and nothing changes', async () => {
    const before = await periods();
    expectProblem(await put(finmanager, '2026-06', {}), 400, 'bad_request');
    expectProblem(await put(finmanager, '2026-06', { closed: 'yes' }), 400, 'bad_request');
    expectProblem(await put(finmanager, '2026-06', { closed: true, period: '2026-07' }), 400, 'bad_request');
    expect(await periods()).toEqual(before);
  });

  it('a closed current period refuses postings with 422 period_closed; reopened, they go through', async () => {
    const order = await createOrder(sales1, { lines: [{ product: 'KB-01', warehouse: 'WH-BJ', quantity: 2, price: 150 }] });
    await act(sales1, order.id, 'confirm');
    const { current } = await periods();
    await put(finmanager, current, { closed: true });
    try {
      const before = await footprint(sales1, order.id);
      const stock = await stockOf(sales1, 'KB-01', 'WH-BJ');
      const res = await (await app.as('warehouse')).post(`/api/records/${order.id}/actions/ship`, {});
      expectProblem(res, 422, 'period_closed');
      expect(res.body.detail).toContain(current);
      expect(await footprint(sales1, order.id)).toEqual(before);
      expect(await stockOf(sales1, 'KB-01', 'WH-BJ')).toEqual(stock);
      expect((await finance.get(`/api/records/${order.id}/ledger`)).body.entries).toEqual([]);
    } finally {
      await put(finmanager, current, { closed: false });
    }
    expect((await act(await app.as('warehouse'), order.id, 'ship')).status).toBe('shipped');
  });
});

describe('months close in order and reopen in reverse order', () => {
  // An app of its own: the ledger entries made here would hold up the months the tests above close.
  let own: TestApp;
  let boss: ApiClient;
  const shippedIn = async (instant: string) => {
    // signed in at the real time, so that the sessions are valid whatever the clock says later
    const seller = await own.as('sales1');
    const warehouse = await own.as('warehouse');
    const order = await createOrder(seller, { lines: [{ product: 'KB-01', warehouse: 'WH-BJ', quantity: 1, price: 150 }] });
    await act(seller, order.id, 'confirm');
    own.clock.set(new Date(instant));
    try {
      await act(warehouse, order.id, 'ship');
    } finally {
      own.clock.set(undefined);
    }
  };
  const state = async () => (await boss.get('/api/periods')).body as { current: string; closed: string[]; known: string[] };

  beforeAll(async () => {
    own = await startTestApp();
    boss = await own.as('finmanager');
    // Ledger entries in January and March 2025; February has none.
    await shippedIn('2025-01-15T03:00:00Z');
    await shippedIn('2025-03-10T03:00:00Z');
  });
  afterAll(() => own.close());

  it('the months with ledger entries are listed as known', async () => {
    expect((await state()).known).toEqual(['2025-01', '2025-03']);
  });

  it('a later month cannot be closed while an earlier month with entries is open: 409 naming that month, in both languages', async () => {
    const before = await state();
    for (const later of ['2025-02', '2025-03', '2025-07']) {
      const zh = await put(boss, later, { closed: true });
      expectProblem(zh, 409, 'conflict');
      expect(zh.body.detail).toContain('2025-01');
      expect(zh.body.detail).toMatch(/先/);
      const en = await put(boss.inLanguage('en'), later, { closed: true });
      expectProblem(en, 409, 'conflict');
      expect(en.body.detail).toMatch(/close 2025-01 first/i);
    }
    expect(await state()).toEqual(before);
  });

  it('closed in order they close; a month without entries between them does not hold the next one up', async () => {
    expect((await put(boss, '2025-01', { closed: true })).status).toBe(200);
    expect((await put(boss, '2025-03', { closed: true })).status).toBe(200);
    expect((await state()).closed).toEqual(['2025-01', '2025-03']);
    // closing a closed month again is still no change
    expect((await put(boss, '2025-01', { closed: true })).status).toBe(200);
  });

  it('a month cannot be reopened while a later one is closed: 409 naming the month to reopen first', async () => {
    const before = await state();
    const zh = await put(boss, '2025-01', { closed: false });
    expectProblem(zh, 409, 'conflict');
    expect(zh.body.detail).toContain('2025-03');
    const en = await put(boss.inLanguage('en'), '2025-01', { closed: false });
    expect(en.body.detail).toMatch(/reopen 2025-03 first/i);
    expect(await state()).toEqual(before);
  });

  it('reopened in reverse order they reopen; reopening an open month is no change', async () => {
    expect((await put(boss, '2025-03', { closed: false })).status).toBe(200);
    expect((await put(boss, '2025-01', { closed: false })).status).toBe(200);
    expect((await put(boss, '2025-01', { closed: false })).status).toBe(200);
    expect((await state()).closed).toEqual([]);
  });
});

describe('snapshots', () => {
  it('only an administrator lists them: 403 for everyone else, and nothing changes', async () => {
    const before = await admin.get('/api/snapshots');
    expect(before.status).toBe(200);
    expect(Array.isArray(before.body)).toBe(true);
    for (const who of ['sales1', 'manager', 'finance', 'finmanager', 'warehouse']) {
      expectProblem(await (await app.as(who)).get('/api/snapshots'), 403, 'forbidden');
    }
    expectProblem(await app.anonymous().get('/api/snapshots'), 401, 'unauthenticated');
    expect((await admin.get('/api/snapshots')).body).toEqual(before.body);
  });

  it('a major operation leaves a snapshot named after the record and the action, newest first', async () => {
    const before = (await admin.get('/api/snapshots')).body;
    const order = await createOrder(sales1, { lines: [{ product: 'MS-01', warehouse: 'WH-BJ', quantity: 1, price: 300 }] });
    await act(sales1, order.id, 'confirm');
    await act(await app.as('warehouse'), order.id, 'ship');
    await act(finance, order.id, 'invoice');
    await act(finance, order.id, 'record_receipt', { params: { amount: 300 } });
    await act(finance, order.id, 'settle');
    expect((await admin.get('/api/snapshots')).body).toEqual(before);

    await act(finmanager, order.id, 'unsettle', { comment: '调整' });
    const after = (await admin.get('/api/snapshots')).body;
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]).toEqual({ id: expect.any(String), at: expect.any(String), label: expect.stringContaining(order.number), records: [order.number], action: 'unsettle' });
    expect(after[0].label).toContain('unsettle');
    expect(Number.isNaN(Date.parse(after[0].at))).toBe(false);
  });
});
