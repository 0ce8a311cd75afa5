// The request log: one JSON line per API request with its id (echoed to the caller), the actor, and for a
// change the action and the record; no token, cookie or password in any line.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrder } from './support/orders.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

const lines: Record<string, any>[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
    done();
  },
});
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ logger: pino({ level: 'info' }, sink), logError: undefined });
});
afterAll(() => app.close());

describe('the request log', () => {
  it('gives every request an id, echoed back, or keeps the one the caller sent', async () => {
    const res = await fetch(`${app.url}/api/health`, { headers: { 'X-Request-Id': 'proxy-abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('proxy-abc-123');
    const other = await fetch(`${app.url}/api/health`, { headers: { 'X-Request-Id': 'bad id with spaces' } });
    expect(other.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => lines.find((l) => l.req?.id === 'proxy-abc-123')).toMatchObject({ level: 30, req: { method: 'GET', path: '/api/health' }, res: { statusCode: 200 } });
  });

  it('names the actor, and for a change the action and the record; secrets never appear', async () => {
    const sales = await app.as('sales1');
    const order = await createOrder(sales);
    const done = await sales.post(`/api/records/${order.id}/actions/confirm`, {});
    expect(done.status).toBe(200);
    await fetch(`${app.url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'sales2', password: 'wrong-secret-pw' }) });
    const actor = app.people.sales1.id;
    await expect.poll(() => lines.find((l) => l.change?.action === 'confirm')).toMatchObject({ actor, change: { route: '/records/:id/actions/:action', record: order.id, number: order.number } });
    expect(lines.find((l) => l.req?.path === '/api/records' && l.req.method === 'POST')).toMatchObject({ actor, change: { route: '/records', record: order.id } });
    expect(lines.find((l) => l.req?.path === '/api/session' && l.res.statusCode === 401)).not.toHaveProperty('change');
    const all = JSON.stringify(lines);
    expect(all).not.toContain('wrong-secret-pw');
    expect(all).not.toContain((sales as unknown as { token: string }).token);
    expect(all).not.toMatch(/authorization|cookie/i);
  });
});
