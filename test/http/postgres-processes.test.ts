// Two real server processes on one PostgreSQL database, as behind a load balancer: they set up the database
// once between them, a session from one works on the other, conflicting actions sent to both end with one
// winner whose effects happen once, numbers stay unique, and each customer message is delivered once.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client.ts';
import { orderData } from './support/orders.ts';
import { processes, signIn } from './support/server-process.ts';
import { postgresUrl } from '../support/postgres.ts';

let dataDir: string;
let databaseUrl: string;
let database: string;
const { startServer, stop, killAll } = processes(() => ({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: '4' }));
let a: string;
let b: string;

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ow-two-'));
  database = `two_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${database}`));
  databaseUrl = postgresUrl().replace(/\/postgres$/, `/${database}`);
  // Started together on an empty database: only one of them may install the templates and seed the demo.
  [{ url: a }, { url: b }] = await Promise.all([startServer(), startServer()]);
}, 120_000);

afterAll(async () => {
  killAll();
  await rm(dataDir, { recursive: true, force: true });
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
});

async function inDatabase<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe('two server processes on one PostgreSQL database', () => {
  it('set the database up once between them', async () => {
    const templates = await inDatabase<{ id: string; n: string }>('SELECT id, count(*) AS n FROM templates GROUP BY id ORDER BY id');
    expect(templates.map((t) => [t.id, Number(t.n)])).toEqual([['order-recycling', 1], ['sales-order', 1], ['settlement', 1]]);
    const admins = await inDatabase("SELECT id FROM users WHERE username = 'admin'");
    expect(admins).toHaveLength(1);
    const numbers = await inDatabase<{ n: string; d: string }>('SELECT count(*) AS n, count(DISTINCT number) AS d FROM records');
    expect(Number(numbers[0].n)).toBeGreaterThan(0);
    expect(numbers[0].d).toBe(numbers[0].n);
  });

  it('a session from one process works on the other, and signing out there ends it on both', async () => {
    const onA = await signIn(a, 'sales1');
    const onB = new ApiClient(b, onA.token);
    expect((await onB.get('/api/me')).status).toBe(200);
    expect((await onB.delete('/api/session')).status).toBe(204);
    // The other process hears of it through the database (LISTEN/NOTIFY), within moments.
    let status = 0;
    for (let tries = 0; tries < 20 && status !== 401; tries++) {
      status = (await onA.get('/api/me')).status;
      if (status !== 401) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(401);
  });

  it('of 10 conflicting cancellations sent to both, exactly one wins and its effects happen once', async () => {
    const salesA = await signIn(a, 'sales1');
    const salesB = new ApiClient(b, salesA.token);
    const created = await salesA.post('/api/records', { template: 'sales-order', data: orderData({ lines: [{ product: 'KB-01', warehouse: 'WH-BJ', quantity: 3, price: 299 }] }) });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await salesB.post(`/api/records/${id}/actions/confirm`, {})).status).toBe(200);
    const stockBefore = await inDatabase<{ n: string }>('SELECT count(*) AS n FROM stock_movements WHERE record_id = $1', [id]);

    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? salesA : salesB).post(`/api/records/${id}/actions/cancel`, { reason: 'customer_request', version: 2 })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)]);

    const history = (await salesA.get(`/api/records/${id}/history`)).body as { action: string }[];
    expect(history.filter((h) => h.action === 'cancel')).toHaveLength(1);
    const stockAfter = await inDatabase<{ n: string }>('SELECT count(*) AS n FROM stock_movements WHERE record_id = $1', [id]);
    // Confirming reserved one line; the one cancellation released it with one movement.
    expect(Number(stockAfter[0].n) - Number(stockBefore[0].n)).toBe(1);
    const level = await inDatabase<{ reserved: string }>("SELECT reserved FROM stock_levels WHERE product = 'KB-01' AND warehouse = 'WH-BJ'");
    const reservedByOthers = await inDatabase<{ r: string }>(
      "SELECT coalesce(sum((doc->>'reserved')::numeric), 0) AS r FROM stock_movements WHERE doc->>'product' = 'KB-01' AND doc->>'warehouse' = 'WH-BJ'",
    );
    expect(Number(level[0].reserved)).toBe(Number(reservedByOthers[0].r));
    const told = await inDatabase("SELECT id FROM notifications WHERE doc->>'recordId' = $1 AND doc->>'kind' = 'orderCancelled' AND recipient LIKE 'contact:%'", [id]);
    expect(told).toHaveLength(1);
  });

  it('creates sent to both at once get numbers that are all different', async () => {
    const salesA = await signIn(a, 'sales2');
    const salesB = new ApiClient(b, salesA.token);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? salesA : salesB).post('/api/records', { template: 'sales-order', data: orderData() })),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(201));
    const numbers = answers.map((r) => r.body.number as string);
    expect(new Set(numbers).size).toBe(20);
  });

  it('each customer message is delivered once, by one of the two', async () => {
    const managerA = await signIn(a, 'manager');
    const managerB = new ApiClient(b, managerA.token);
    // Twenty confirmed orders cancelled at once, half on each process: every cancellation tells the customer,
    // and both processes deliver what waits after each command, side by side.
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const order = await managerA.post('/api/records', { template: 'sales-order', data: orderData() });
      expect((await managerB.post(`/api/records/${order.body.id}/actions/confirm`, {})).status).toBe(200);
      ids.push(order.body.id);
    }
    const cancelled = await Promise.all(ids.map((id, i) => (i % 2 ? managerA : managerB).post(`/api/records/${id}/actions/cancel`, { reason: 'customer_request' })));
    expect(cancelled.map((r) => r.status)).toEqual(Array(20).fill(200));
    // Both processes deliver after every command and on a timer; stopping them delivers what still waits.
    const waiting = async () => Number((await inDatabase<{ n: string }>('SELECT count(*) AS n FROM outbox'))[0].n);
    for (let tries = 0; tries < 50 && (await waiting()) > 0; tries++) await new Promise((r) => setTimeout(r, 100));
    expect(await waiting()).toBe(0);
    const sent = await inDatabase<{ id: string }>("SELECT id FROM notifications WHERE recipient LIKE 'contact:%'");
    const lines = (await readFile(join(dataDir, 'outbox.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { id: string });
    const delivered = lines.map((l) => l.id);
    expect(new Set(delivered).size, 'a message was delivered twice').toBe(delivered.length);
    expect(new Set(delivered)).toEqual(new Set(sent.map((n) => n.id)));
  });

  it('a process that stops leaves the other serving', async () => {
    const { child, url } = await startServer();
    const sales = await signIn(url, 'sales1');
    await stop(child);
    expect((await new ApiClient(a, sales.token).get('/api/records?pageSize=1')).status).toBe(200);
  });
});
