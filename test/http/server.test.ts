import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { JournalWriter } from '../../plugin/adapters/store/journal/journal-file.ts';
import { startServer, type RunningServer } from '../../plugin/server.ts';
import { ApiClient } from './support/api-client.ts';
import { expectProblem } from './support/orders.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ow-server-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function signIn(url: string, username: string, password = 'demo'): Promise<ApiClient> {
  const res = await new ApiClient(url).post('/api/session', { username, password });
  expect(res.status, `${username}: ${JSON.stringify(res.body)}`).toBe(200);
  return new ApiClient(url, res.body.token);
}

describe('the standalone server behind an HTTPS proxy it trusts (TRUST_PROXY)', () => {
  it('makes the sign-in cookie Secure when the proxy says the request came over HTTPS', async () => {
    const server = await startServer({ port: 0, dataDir: await tempDir(), quiet: true, trustProxy: 'loopback' });
    try {
      const body = { username: 'sales1', password: 'demo' };
      const overHttps = await new ApiClient(server.url).post('/api/session', body, { headers: { 'x-forwarded-proto': 'https' } });
      expect(overHttps.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
      const overHttp = await new ApiClient(server.url).post('/api/session', body);
      expect(overHttp.headers.get('set-cookie')).not.toMatch(/Secure/i);
    } finally {
      await server.close();
    }
  });
});

describe('the standalone server on a fresh data folder', () => {
  let server: RunningServer;
  let dataDir: string;
  let uiDir: string;
  let startedIn: number;

  beforeAll(async () => {
    dataDir = await tempDir();
    uiDir = await tempDir();
    await writeFile(join(uiDir, 'index.html'), '<!doctype html><title>app shell</title>');
    await mkdir(join(uiDir, 'assets'));
    await writeFile(join(uiDir, 'assets', 'app.js'), 'console.log(1)');
    const t = Date.now();
    server = await startServer({ port: 0, dataDir, uiDir, quiet: true });
    startedIn = Date.now() - t;
  });
  afterAll(() => server.close());

  it('seeds the prebuilt templates, the demo people and demo orders quickly', async () => {
    // Seeding alone is held to 5 s in test/demo; a whole start-up shares the machine with parallel test files.
    expect(startedIn).toBeLessThan(15_000);
    const admin = await signIn(server.url, 'admin');
    expect((await admin.get('/api/templates')).body.map((t: any) => t.id)).toContain('sales-order');
    for (const u of ['sales1', 'sales2', 'sales3', 'manager', 'manager2', 'finance', 'finmanager', 'warehouse']) await signIn(server.url, u);
    const me = await (await signIn(server.url, 'sales2')).get('/api/me');
    expect(me.body).toMatchObject({ roles: ['sales'], department: 'west' });
  });

  it('every answer, the web app and the API alike, carries the headers that keep the app to itself', async () => {
    for (const path of ['/', '/orders/some-client-route', '/assets/app.js', '/api/health']) {
      const res = await fetch(server.url + path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain('upgrade-insecure-requests');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it('the sign-in cookie is HttpOnly and SameSite, and Secure only over HTTPS', async () => {
    const res = await new ApiClient(server.url).post('/api/session', { username: 'sales1', password: 'demo' });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it('the demo orders cover every state the sales flow reaches, with reassignments and real audit', async () => {
    const admin = await signIn(server.url, 'admin');
    const all = await admin.get('/api/records?template=sales-order&includeArchived=true&pageSize=500');
    expect(all.body.total).toBeGreaterThanOrEqual(30);
    const states = new Set(all.body.items.map((r: any) => r.status));
    for (const s of ['draft', 'confirmed', 'shipped', 'written_off', 'settled', 'cancelled', 'archived']) expect(states, s).toContain(s);
    expect(all.body.items.some((r: any) => r.watchers.length > 0)).toBe(true);
    const handlers = new Set(all.body.items.map((r: any) => r.handler));
    expect(handlers.size).toBeGreaterThanOrEqual(4);
    const created = all.body.items.map((r: any) => r.createdAt).sort();
    expect(Date.parse(created.at(-1)) - Date.parse(created[0])).toBeGreaterThan(60 * 86_400_000);
    const shipped = all.body.items.find((r: any) => r.status === 'shipped');
    const history = (await admin.get(`/api/records/${shipped.id}/history`)).body;
    expect(history.map((h: any) => h.action)).toEqual(expect.arrayContaining(['confirm', 'ship']));
  });

  it('the other prebuilt templates get demo records in every state too: recycling orders and settlements', async () => {
    const admin = await signIn(server.url, 'admin');
    for (const id of ['order-recycling', 'settlement']) {
      const states = Object.keys((await admin.get(`/api/templates/${id}`)).body.states);
      const list = await admin.get(`/api/records?template=${id}&includeArchived=true&pageSize=100`);
      expect(new Set(list.body.items.map((r: any) => r.status)), id).toEqual(new Set(states));
    }
    // A salesperson sees their own recycling orders, finance sees the settlements.
    expect((await (await signIn(server.url, 'sales1')).get('/api/records?template=order-recycling&includeArchived=true')).body.total).toBeGreaterThan(0);
    const settlements = (await (await signIn(server.url, 'finance')).get('/api/records?template=settlement')).body.items;
    const cancelled = settlements.find((r: any) => r.status === 'cancelled');
    for (const { number } of cancelled.data.orders) {
      const found = (await admin.get(`/api/records?template=sales-order&q=${number}`)).body.items;
      expect(found).toMatchObject([{ number, status: 'written_off', data: { recheck: true } }]);
    }
  });

  it('demo stock is real: opening stock, and confirmed orders hold reservations', async () => {
    const stock = (await (await signIn(server.url, 'warehouse')).get('/api/stock')).body;
    expect(stock.length).toBe(12);
    expect(stock.some((l: any) => l.reserved > 0)).toBe(true);
    for (const l of stock) expect(l.available).toBeGreaterThanOrEqual(0);
  });

  it('serves the web app, with client-side routes falling back to index.html', async () => {
    const root = await fetch(`${server.url}/`);
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('app shell');
    const deep = await fetch(`${server.url}/orders/123`);
    expect(await deep.text()).toContain('app shell');
    const asset = await fetch(`${server.url}/assets/app.js`);
    expect(await asset.text()).toBe('console.log(1)');
  });

  it('API paths never fall back to the web app', async () => {
    const res = await new ApiClient(server.url).get('/api/not-a-thing');
    expectProblem(res, 401, 'unauthenticated');
    const admin = await signIn(server.url, 'admin');
    expectProblem(await admin.get('/api/not-a-thing'), 404, 'not_found');
  });

  it('keeps its data across a restart without seeding again', async () => {
    const before = (await (await signIn(server.url, 'admin')).get('/api/records?includeArchived=true')).body.total;
    await server.close();
    server = await startServer({ port: 0, dataDir, uiDir, quiet: true });
    const after = (await (await signIn(server.url, 'admin')).get('/api/records?includeArchived=true')).body.total;
    expect(after).toBe(before);
    expect((await (await signIn(server.url, 'admin')).get('/api/users')).body).toHaveLength(9);
  });
});

describe('the data folder belongs to one server', () => {
  it('a second server on the same data folder refuses to start, naming the process that holds it', async () => {
    const dataDir = await tempDir();
    const first = await startServer({ port: 0, dataDir, quiet: true });
    try {
      await expect(startServer({ port: 0, dataDir, quiet: true })).rejects.toThrow(new RegExp(`in use by another process \\(pid ${process.pid}.*Stop that process first`));
      expect((await new ApiClient(first.url).get('/api/health')).status).toBe(200);
    } finally {
      await first.close();
    }
    const again = await startServer({ port: 0, dataDir, quiet: true });
    await again.close();
  });

  it('when a write fails and the folder cannot be read back, health says 503 and nothing is served', async () => {
    const dataDir = await tempDir();
    const server = await startServer({ port: 0, dataDir, quiet: true });
    try {
      const admin = await signIn(server.url, 'admin');
      vi.spyOn(JournalWriter.prototype, 'append').mockImplementationOnce(async () => {
        await writeFile(join(dataDir, 'store.json'), '');
        throw new Error('EIO: i/o error, write');
      });
      // Signing in writes a session: that write fails.
      expectProblem(await new ApiClient(server.url).post('/api/session', { username: 'admin', password: 'demo' }), 500, 'internal');
      const health = await new ApiClient(server.url).get('/api/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ status: 'unavailable', reason: expect.stringMatching(/EIO.*restart the server/) });
      expectProblem(await admin.get('/api/records'), 503, 'store_unavailable');
    } finally {
      vi.restoreAllMocks();
      await server.close();
    }
  });
});

describe('the standalone server without demo data', () => {
  it('starts with the templates but nobody to sign in, and says how to build the UI when it is missing', async () => {
    const server = await startServer({ port: 0, dataDir: await tempDir(), demo: false, uiDir: join(await tempDir(), 'missing'), quiet: true });
    try {
      expectProblem(await new ApiClient(server.url).post('/api/session', { username: 'admin', password: 'demo' }), 401, 'unauthenticated');
      expect((await new ApiClient(server.url).get('/api/health')).status).toBe(200);
      const page = await fetch(`${server.url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('npm run build:ui');
    } finally {
      await server.close();
    }
  });

  it('uses the demo password it is given', async () => {
    const server = await startServer({ port: 0, dataDir: await tempDir(), demoPassword: 's3cret', quiet: true });
    try {
      await signIn(server.url, 'sales1', 's3cret');
      expectProblem(await new ApiClient(server.url).post('/api/session', { username: 'sales1', password: 'demo' }), 401, 'unauthenticated');
    } finally {
      await server.close();
    }
  });
});
