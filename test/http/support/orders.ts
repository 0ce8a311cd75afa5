// Building and inspecting sales orders in tests.
import { expect } from 'vitest';
import type { ApiClient } from './api-client.ts';

export interface OrderLine {
  product: string;
  warehouse: string;
  quantity: number;
  price: number;
}

export function orderData(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orderDate: '2025-03-01',
    customer: { name: '测试客户有限公司', contact: '张三', email: 'buyer@customer.example.com' },
    lines: [{ product: 'NB-14', warehouse: 'WH-SH', quantity: 2, price: 5999 }],
    ...overrides,
  };
}

/** Creates an order and expects it to succeed; returns the record. */
export async function createOrder(client: ApiClient, overrides: Record<string, unknown> = {}): Promise<any> {
  const res = await client.post('/api/records', { template: 'sales-order', data: orderData(overrides) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

export async function act(client: ApiClient, id: string, action: string, body: Record<string, unknown> = {}): Promise<any> {
  const res = await client.post(`/api/records/${id}/actions/${action}`, body);
  expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

/** What a refused call must leave alone: the record's version, state, data and its history. */
export async function footprint(client: ApiClient, id: string): Promise<{ version: number; status: string; data: unknown; history: number }> {
  const record = await client.get(`/api/records/${id}`);
  const history = await client.get(`/api/records/${id}/history`);
  expect(record.status).toBe(200);
  expect(history.status).toBe(200);
  return { version: record.body.version, status: record.body.status, data: record.body.data, history: history.body.length };
}

export async function stockOf(client: ApiClient, product: string, warehouse: string): Promise<{ onHand: number; reserved: number; available: number }> {
  const res = await client.get(`/api/stock?product=${product}&warehouse=${warehouse}`);
  expect(res.status).toBe(200);
  const level = res.body.find((l: any) => l.product === product && l.warehouse === warehouse);
  return { onHand: level?.onHand ?? 0, reserved: level?.reserved ?? 0, available: level?.available ?? 0 };
}

export function expectProblem(res: { status: number; body: any; contentType: string }, status: number, code: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.contentType).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status, code });
  expect(typeof res.body.type).toBe('string');
  expect(typeof res.body.title).toBe('string');
  expect(typeof res.body.detail).toBe('string');
  expect(res.body.detail.length).toBeGreaterThan(0);
  expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
}
