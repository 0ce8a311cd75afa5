// The embedded store's size ceiling (STORE_MAX_MB): a write that would pass it is refused whole with 507
// store_full in both languages, people can still sign in, and /api/health says how full the store is.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JournaledStore } from '../../plugin/adapters/store/journaled-store.ts';
import { storeChoiceFromEnv } from '../../plugin/host/store-choice.ts';
import { StoreFull } from '../../plugin/runtime/ports.ts';
import { startServer } from '../../plugin/server.ts';
import { aRecord, anAudit } from '../adapters/store/store-contract.ts';
import { ApiClient } from './support/api-client.ts';
import { createOrder, expectProblem, orderData } from './support/orders.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ow-ceiling-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function signIn(url: string, username: string): Promise<ApiClient> {
  const res = await new ApiClient(url).post('/api/session', { username, password: 'demo' });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return new ApiClient(url, res.body.token);
}

describe('the embedded store at its size ceiling', () => {
  it('health reports the size of the store on disk and its ceiling', async () => {
    const server = await startServer({ port: 0, dataDir: await tempDir(), quiet: true, storeMaxBytes: 64 * 1024 * 1024 });
    try {
      const health = await new ApiClient(server.url).get('/api/health');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: 'ok', store: { bytes: expect.any(Number), limitBytes: 64 * 1024 * 1024, used: expect.any(Number) } });
      expect(health.body.store.bytes).toBeGreaterThan(10_000); // the demo data
      const sales = await signIn(server.url, 'sales1');
      await createOrder(sales);
      expect((await new ApiClient(server.url).get('/api/health')).body.store.bytes).toBeGreaterThan(health.body.store.bytes);
    } finally {
      await server.close();
    }
  });

  it('a new order that would pass the ceiling is refused with 507 store_full in both languages, and nothing of it is kept', async () => {
    const dataDir = await tempDir();
    const seeding = await startServer({ port: 0, dataDir, quiet: true });
    const { bytes } = (await new ApiClient(seeding.url).get('/api/health')).body.store;
    await seeding.close();

    // Room for signing in (a session), not for another order.
    const server = await startServer({ port: 0, dataDir, quiet: true, storeMaxBytes: bytes + 1500 });
    let total: number;
    try {
      const sales = await signIn(server.url, 'sales1');
      total = (await sales.get('/api/records?includeArchived=true')).body.total;
      const refused = await sales.post('/api/records', { template: 'sales-order', data: orderData() });
      expectProblem(refused, 507, 'store_full');
      expect(refused.body.detail).toMatch(/STORE_MAX_MB/);
      const english = await sales.inLanguage('en').post('/api/records', { template: 'sales-order', data: orderData() });
      expect(english.body.detail).toMatch(/size ceiling.*not saved.*STORE_MAX_MB/);
      const chinese = await sales.inLanguage('zh-CN').post('/api/records', { template: 'sales-order', data: orderData() });
      expect(chinese.body.detail).toMatch(/容量上限.*未保存.*STORE_MAX_MB/);
      expect(JSON.stringify(chinese.body)).not.toMatch(/at .*\.ts:\d+/);
      expect((await sales.get('/api/records?includeArchived=true')).body.total).toBe(total);
      const health = (await new ApiClient(server.url).get('/api/health')).body;
      expect(health.status).toBe('ok');
      expect(health.store.bytes).toBeLessThanOrEqual(health.store.limitBytes);
    } finally {
      await server.close();
    }
    // Nothing half-written: the folder opens whole, without the order, and its audit chain holds.
    const journal = await readFile(join(dataDir, 'journal.log'), 'utf8');
    expect(journal === '' || journal.endsWith('\n')).toBe(true);
    const again = await startServer({ port: 0, dataDir, quiet: true });
    try {
      const sales = await signIn(again.url, 'sales1');
      expect((await sales.get('/api/records?includeArchived=true')).body.total).toBe(total);
      await createOrder(sales); // with the default ceiling there is room again
    } finally {
      await again.close();
    }
  });

  it('the store refuses a commit past its ceiling with nothing applied, while sign-ins still go through', async () => {
    const dataDir = await tempDir();
    const store = new JournaledStore({ dataDir, maxBytes: 3000 });
    await store.init();
    try {
      await store.commit({ records: [{ record: aRecord('1') }], audit: [anAudit('a1', '1')] });
      const big = aRecord('2', { data: { note: 'x'.repeat(4000) } });
      await expect(store.commit({ records: [{ record: big }], audit: [anAudit('a2', '2')] })).rejects.toBeInstanceOf(StoreFull);
      expect(await store.getRecord('2')).toBeUndefined();
      expect(await store.getAudit('2')).toEqual([]);
      await store.putSession({ token: 't', userId: 'u', expiresAt: '2099-01-01T00:00:00.000Z' });
      expect(await store.verifyAudit()).toMatchObject({ ok: true, count: 1 });
    } finally {
      await store.close();
    }
  });

  it('STORE_MAX_MB sets the ceiling; a value that is not a whole number is refused naming it', () => {
    expect(storeChoiceFromEnv({ STORE_MAX_MB: '200' }).storeMaxBytes).toBe(200 * 1024 * 1024);
    expect(storeChoiceFromEnv({}).storeMaxBytes).toBeUndefined();
    expect(() => storeChoiceFromEnv({ STORE_MAX_MB: 'lots' })).toThrow(/STORE_MAX_MB must be a whole number/);
  });
});
