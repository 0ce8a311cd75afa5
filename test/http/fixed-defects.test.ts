// Defects once found through the HTTP API and since fixed, kept as reproductions that guard their fixes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from './support/api-client.ts';
import { act, createOrder } from './support/orders.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
let sales1: ApiClient;
let admin: ApiClient;

beforeAll(async () => {
  app = await startTestApp();
  sales1 = await app.as('sales1');
  admin = await app.as('admin');
});
afterAll(() => app.close());

describe('defects that stay fixed', () => {
  it('asking twice for the same approval does not open a second pending request', async () => {
    const order = await createOrder(sales1, { lines: [{ product: 'NB-16', warehouse: 'WH-BJ', quantity: 8, price: 7999 }] });
    await act(sales1, order.id, 'confirm');
    const first = await sales1.post(`/api/records/${order.id}/actions/cancel`, { reason: 'other' });
    const second = await sales1.post(`/api/records/${order.id}/actions/cancel`, { reason: 'other' });
    expect(first.status).toBe(202);
    const pending = (await sales1.get('/api/approvals?mine=1&status=pending')).body.filter((a: any) => a.recordId === order.id);
    expect(pending).toHaveLength(1);
    expect(second.status === 409 || second.body.approval?.id === first.body.approval.id).toBe(true);
  });

  it('a record names its department with the label /api/departments gives', async () => {
    const order = await createOrder(sales1);
    const departments = (await sales1.get('/api/departments')).body;
    const east = departments.find((d: any) => d.id === 'east');
    expect([east.label['zh-CN'], east.label.en]).toContain(order.departmentLabel);
  });
});
