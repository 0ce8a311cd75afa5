import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from './support/api-client.ts';
import { act, createOrder, expectProblem } from './support/orders.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
let sales1: ApiClient;
let admin: ApiClient;
const o: Record<string, any> = {};

async function at<T>(iso: string, fn: () => Promise<T>): Promise<T> {
  app.clock.set(new Date(iso));
  try {
    return await fn();
  } finally {
    app.clock.set(undefined);
  }
}

const numbers = (res: { body: { items: { number: string }[] } }) => res.body.items.map((r) => r.number).sort();

beforeAll(async () => {
  app = await startTestApp();
  sales1 = await app.as('sales1');
  admin = await app.as('admin');
  const sales2 = await app.as('sales2');
  const sales3 = await app.as('sales3');
  o.alpha = await at('2025-01-10T03:00:00Z', () => createOrder(sales1, { customer: { name: 'Alpha Trading Co.' } }));
  o.beta = await at('2025-02-15T03:00:00Z', () => createOrder(sales1, { customer: { name: '贝塔贸易有限公司' } }));
  o.lastFeb = await at('2025-02-28T10:00:00Z', () => createOrder(sales1, { customer: { name: 'Gamma GmbH' } }));
  o.confirmed = await at('2025-03-20T03:00:00Z', () => createOrder(sales1, { customer: { name: 'Delta Ltd' } }));
  await at('2025-03-21T03:00:00Z', () => act(sales1, o.confirmed.id, 'confirm'));
  o.archived = await at('2025-03-22T03:00:00Z', () => createOrder(sales1, { customer: { name: 'Epsilon SA' } }));
  await at('2025-03-23T03:00:00Z', () => act(sales1, o.archived.id, 'cancel', { reason: 'duplicate' }));
  await at('2025-03-24T03:00:00Z', () => act(sales1, o.archived.id, 'archive'));
  o.sales3 = await at('2025-03-25T03:00:00Z', () => createOrder(sales3, { customer: { name: 'Zeta East' } }));
  o.west = await at('2025-03-26T03:00:00Z', () => createOrder(sales2, { customer: { name: 'Alpha West Inc.' } }));
});
afterAll(() => app.close());

describe('listing and searching orders', () => {
  it('a salesperson lists only their own orders, newest work first, archived ones left out', async () => {
    const res = await sales1.get('/api/records?template=sales-order');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(4);
    expect(numbers(res)).toEqual([o.alpha.number, o.beta.number, o.lastFeb.number, o.confirmed.number].sort());
  });

  it('list items are records as the contract has them: with the actions this caller may run now, as on their own page', async () => {
    const res = await sales1.get('/api/records');
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const item of res.body.items) {
      expect(item).toMatchObject({ id: expect.any(String), number: expect.any(String), status: expect.any(String), version: expect.any(Number), handlerName: expect.any(String) });
      const own = await sales1.get(`/api/records/${item.id}`);
      expect(item.availableActions, item.number).toEqual(own.body.availableActions);
    }
    const draft = res.body.items.find((i: any) => i.status === 'draft');
    expect(draft.availableActions.map((a: any) => a.name)).toContain('confirm');
    expect(draft.availableActions[0]).toMatchObject({ name: expect.any(String), label: expect.any(Object), needsReason: expect.any(Boolean), needsApproval: expect.any(Boolean) });
  });

  it('q finds an order by its number', async () => {
    const res = await sales1.get(`/api/records?q=${encodeURIComponent(o.beta.number)}`);
    expect(numbers(res)).toEqual([o.beta.number]);
  });

  it('q finds orders by customer, case-insensitively, and only in the caller\'s scope', async () => {
    expect(numbers(await sales1.get('/api/records?q=alpha'))).toEqual([o.alpha.number]);
    expect(numbers(await admin.get('/api/records?q=ALPHA'))).toEqual([o.alpha.number, o.west.number].sort());
    expect(numbers(await sales1.get(`/api/records?q=${encodeURIComponent('贝塔')}`))).toEqual([o.beta.number]);
  });

  it('status filters, repeated or comma-separated', async () => {
    expect(numbers(await sales1.get('/api/records?status=confirmed'))).toEqual([o.confirmed.number]);
    const both = await sales1.get('/api/records?status=confirmed&status=draft');
    expect(both.body.total).toBe(4);
    const comma = await sales1.get('/api/records?status=confirmed,draft');
    expect(comma.body.total).toBe(4);
  });

  it('from/to filter the creation date, both days included', async () => {
    const feb = await sales1.get('/api/records?from=2025-02-01&to=2025-02-28');
    expect(numbers(feb)).toEqual([o.beta.number, o.lastFeb.number].sort());
    const fromMarch = await sales1.get('/api/records?from=2025-03-01');
    expect(numbers(fromMarch)).toEqual([o.confirmed.number]);
  });

  it('handler and department narrow what an admin or a manager sees', async () => {
    const byHandler = await admin.get(`/api/records?handler=${app.people.sales3.id}`);
    expect(numbers(byHandler)).toEqual([o.sales3.number]);
    const west = await admin.get('/api/records?department=west');
    expect(numbers(west)).toEqual([o.west.number]);
    const manager = await app.as('manager');
    const east = await manager.get('/api/records');
    expect(numbers(east)).toEqual([o.alpha.number, o.beta.number, o.lastFeb.number, o.confirmed.number, o.sales3.number].sort());
    const manager2 = await app.as('manager2');
    expect(numbers(await manager2.get('/api/records'))).toEqual([o.west.number]);
  });

  it('pages split the list without losing or repeating anything', async () => {
    const p1 = await admin.get('/api/records?pageSize=2&page=1&sort=number&dir=asc');
    const p2 = await admin.get('/api/records?pageSize=2&page=2&sort=number&dir=asc');
    const p3 = await admin.get('/api/records?pageSize=2&page=3&sort=number&dir=asc');
    expect(p1.body.total).toBe(6);
    expect(p1.body.items).toHaveLength(2);
    expect(p3.body.items).toHaveLength(2);
    const all = [...p1.body.items, ...p2.body.items, ...p3.body.items].map((r: any) => r.number);
    expect(new Set(all).size).toBe(6);
    expect(all).toEqual([...all].sort());
  });

  it('archived orders appear only with status=archived or includeArchived=true', async () => {
    expect(numbers(await sales1.get('/api/records?status=archived'))).toEqual([o.archived.number]);
    const all = await sales1.get('/api/records?includeArchived=true');
    expect(all.body.total).toBe(5);
    expect(numbers(all)).toContain(o.archived.number);
    expect(numbers(await sales1.get(`/api/records?q=${o.archived.number}`))).toEqual([]);
  });

  it('nonsense query values are a 400 that names the parameter', async () => {
    const page = await sales1.get('/api/records?page=abc');
    expectProblem(page, 400, 'bad_request');
    expect(page.body.errors[0].path).toBe('/page');
    expectProblem(await sales1.get('/api/records?pageSize=100000'), 400, 'bad_request');
    expectProblem(await sales1.get('/api/records?from=yesterday'), 400, 'bad_request');
    expectProblem(await sales1.get('/api/records?sort=password'), 400, 'bad_request');
  });
});

describe('records of templates the caller has no role in', () => {
  it('are not listed, just as they cannot be opened: finance and recycling orders, the warehouse and settlements', async () => {
    const finance = await app.as('finance');
    const warehouse = await app.as('warehouse');
    const recycling = await sales1.post('/api/records', { template: 'order-recycling', data: { orderDate: '2025-04-01', customer: { name: 'Recycler' }, lines: [{ product: 'KB-01', warehouse: 'WH-SH', quantity: 1, price: 10 }] } });
    expect(recycling.status, JSON.stringify(recycling.body)).toBe(201);
    const settlement = await finance.post('/api/records', { template: 'settlement', data: { settlementDate: '2025-04-01', orders: [{ number: o.alpha.number }] } });
    expect(settlement.status, JSON.stringify(settlement.body)).toBe(201);

    expectProblem(await finance.get(`/api/records/${recycling.body.id}`), 404, 'not_found');
    expect((await finance.get('/api/records?template=order-recycling&includeArchived=true')).body).toEqual({ items: [], total: 0 });
    expect(numbers(await finance.get('/api/records?pageSize=500&includeArchived=true'))).not.toContain(recycling.body.number);

    expectProblem(await warehouse.get(`/api/records/${settlement.body.id}`), 404, 'not_found');
    expect((await warehouse.get('/api/records?template=settlement&includeArchived=true')).body).toEqual({ items: [], total: 0 });
    // What they do see is still theirs to see.
    expect(numbers(await warehouse.get('/api/records?pageSize=500'))).toEqual(expect.arrayContaining([o.alpha.number, recycling.body.number]));
    expect(numbers(await finance.get('/api/records?pageSize=500'))).toEqual(expect.arrayContaining([o.alpha.number, settlement.body.number]));
  });

  it('a department view in one template does not reach another template\'s records of that department', async () => {
    const manager = await app.as('manager');
    const finmanager = await app.as('finmanager');
    // A finance manager who belongs to the east department writes a settlement: the record is "east".
    const moved = await admin.patch(`/api/users/${app.people.finmanager.id}`, { department: 'east' });
    expect(moved.status).toBe(200);
    const settlement = await finmanager.post('/api/records', { template: 'settlement', data: { settlementDate: '2025-04-02', orders: [{ number: o.beta.number }] } });
    expect(settlement.status, JSON.stringify(settlement.body)).toBe(201);
    expect(settlement.body.department).toBe('east');

    expectProblem(await manager.get(`/api/records/${settlement.body.id}`), 404, 'not_found');
    expect((await manager.get('/api/records?template=settlement')).body).toEqual({ items: [], total: 0 });
    expect(numbers(await manager.get('/api/records?pageSize=500'))).toEqual(expect.arrayContaining([o.alpha.number, o.sales3.number]));
  });
});

describe('page sizes', () => {
  it('every page size the API accepts (up to 500) is the page size served', async () => {
    const sales3 = await app.as('sales3');
    for (let i = 0; i < 210; i++) {
      const created = await app.runtime.createRecord(app.people.sales3.actor, 'sales-order', { orderDate: '2025-05-01', customer: { name: `Bulk ${i}` }, lines: [{ product: 'KB-01', warehouse: 'WH-SH', quantity: 1, price: 1 }] });
      expect(created.ok).toBe(true);
    }
    const all = await sales3.get('/api/records?pageSize=300');
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThan(210);
    expect(all.body.items).toHaveLength(all.body.total);
    const first = await sales3.get('/api/records?pageSize=205&page=1&sort=number&dir=asc');
    const second = await sales3.get('/api/records?pageSize=205&page=2&sort=number&dir=asc');
    expect(first.body.items).toHaveLength(205);
    expect(first.body.items.length + second.body.items.length).toBe(all.body.total);
    expect(numbers(first).concat(numbers(second)).sort()).toEqual(numbers(all));
  });
});

describe('what I processed', () => {
  it('processedBy lists the records a person created or acted on, not those they only commented on, within what the caller may see', async () => {
    const manager = await app.as('manager');
    await act(manager, o.beta.id, 'confirm');
    expect((await manager.post(`/api/records/${o.alpha.id}/comments`, { text: '请看一下' })).status).toBe(201);
    expect(numbers(await manager.get(`/api/records?processedBy=${app.people.manager.id}`))).toEqual([o.beta.number]);
    // the archived order sales1 cancelled and archived counts when archived ones are asked for
    const sales1Worked = await sales1.get(`/api/records?template=sales-order&processedBy=${app.people.sales1.id}&includeArchived=true`);
    expect(numbers(sales1Worked)).toEqual([o.alpha.number, o.beta.number, o.lastFeb.number, o.confirmed.number, o.archived.number].sort());
    // another salesperson asking what the manager processed sees none of sales1's orders
    const sales2 = await app.as('sales2');
    expect((await sales2.get(`/api/records?processedBy=${app.people.manager.id}`)).body).toMatchObject({ items: [], total: 0 });
  });
});
