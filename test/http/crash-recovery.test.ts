// Real server processes killed with SIGKILL in the middle of a storm of writes: after each restart every
// acknowledged write is there, no automation that a committed change set off is left unrun, numbers stay unique.
// Also: a second server, or a writing CLI command, on the same data folder is refused while one runs.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from './support/api-client.ts';
import { processes, signIn } from './support/server-process.ts';

const ROUNDS = 5;

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ow-crash-'));
});
const { run, startServer, finish, killAll } = processes(() => ({ DATA_DIR: dataDir, DATABASE_URL: '' }));
afterAll(async () => {
  // A failed check must not leave a server running.
  killAll();
  await rm(dataDir, { recursive: true, force: true });
});

interface Acknowledged {
  created: string[];
  /** Record id → the highest version an answer reported. */
  versions: Map<string, number>;
}

const line = { product: 'KB-01', warehouse: 'WH-BJ', quantity: 1, price: 199 };

/** Writes until stopped: creates, confirms, ships, full receipts (write-off automation), cancellation requests (cancel automation). */
async function storm([sales, warehouse, finance]: ApiClient[], acked: Acknowledged, stopped: () => boolean): Promise<void> {
  const note = (body: any) => {
    if (body?.id && Number.isInteger(body.version)) acked.versions.set(body.id, Math.max(acked.versions.get(body.id) ?? 0, body.version));
  };
  const lifecycle = async (i: number) => {
    const created = await sales.post('/api/records', { template: 'sales-order', data: { orderDate: '2026-11-01', customer: { name: `崩溃测试 ${i}` }, lines: [line] } });
    if (created.status !== 201) return;
    acked.created.push(created.body.id);
    note(created.body);
    const id = created.body.id;
    const confirmed = await sales.post(`/api/records/${id}/actions/confirm`, {});
    if (confirmed.status !== 200) return;
    note(confirmed.body);
    if (i % 3 === 0) {
      // The customer asks to cancel: the automation cancels the confirmed order.
      note((await sales.patch(`/api/records/${id}`, { data: { customerCancelRequest: true } }, { headers: { 'if-match': String(confirmed.body.version) } })).body);
      return;
    }
    const shipped = await warehouse.post(`/api/records/${id}/actions/ship`, {});
    if (shipped.status !== 200) return;
    note(shipped.body);
    note((await finance.post(`/api/records/${id}/actions/record_receipt`, { params: { amount: shipped.body.summary.amount } })).body);
  };
  const worker = async (w: number) => {
    for (let i = w; !stopped(); i += 3) await lifecycle(i).catch(() => undefined);
  };
  await Promise.all([0, 1, 2].map(worker));
}

async function allRecords(admin: ApiClient): Promise<any[]> {
  const items: any[] = [];
  for (let page = 1; ; page++) {
    const res = await admin.get(`/api/records?template=sales-order&includeArchived=true&pageSize=500&page=${page}`);
    items.push(...res.body.items);
    if (items.length >= res.body.total || res.body.items.length === 0) return items;
  }
}

/** What must hold after a restart, whatever moment the kill came at. */
async function checkRecovered(url: string, acked: Acknowledged): Promise<void> {
  const admin = await signIn(url, 'admin');
  const records = await allRecords(admin);
  const byId = new Map(records.map((r) => [r.id, r]));
  for (const id of acked.created) expect(byId.has(id), `acknowledged create ${id} is gone`).toBe(true);
  for (const [id, version] of acked.versions) expect(byId.get(id)?.version, `record ${id} lost an acknowledged change`).toBeGreaterThanOrEqual(version);
  expect(new Set(records.map((r) => r.number)).size, 'record numbers issued twice').toBe(records.length);

  for (const r of records.filter((x) => x.data.customer?.name?.startsWith('崩溃测试'))) {
    if (r.data.customerCancelRequest === true) expect(['cancelled', 'archived'], `${r.number}: the customer's cancellation request was left unrun`).toContain(r.status);
    if (r.status === 'shipped') {
      const { balances } = (await admin.get(`/api/records/${r.id}/ledger`)).body;
      expect(balances.receipt >= balances.receivable && balances.receivable > 0, `${r.number}: paid in full but not written off`).toBe(false);
    }
  }
}

describe('a server killed with SIGKILL during a storm of writes', () => {
  it(`loses no acknowledged write and leaves no automation unrun, over ${ROUNDS} kills`, async () => {
    const acked: Acknowledged = { created: [], versions: new Map() };
    let checkedWrites = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const { child, url } = await startServer();
      if (round > 0) await checkRecovered(url, acked);
      checkedWrites = acked.versions.size;
      let stop = false;
      // Signed in before the storm, so that the kill always lands among writes.
      const people = await Promise.all(['sales1', 'warehouse', 'finance'].map((u) => signIn(url, u)));
      const writing = storm(people, acked, () => stop);
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 900));
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      stop = true;
      await writing;
    }
    const { child, url } = await startServer();
    try {
      await checkRecovered(url, acked);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    expect(checkedWrites).toBeGreaterThan(20); // the storm really wrote something
  }, 180_000);

  it('a second server and a writing CLI command on the same folder are refused while one runs', async () => {
    const { child, url } = await startServer();
    try {
      const second = await finish(run('plugin/server.ts', [], { PORT: '0' }));
      expect(second.code).toBe(1);
      expect(second.output).toMatch(new RegExp(`in use by another process \\(pid ${child.pid}`));
      const cli = await finish(run('plugin/cli.ts', ['user', 'create', '--username', 'late', '--name', 'Late', '--password', 'late-password-1', '--roles', 'sales'], {}));
      expect(cli.code).toBe(1);
      expect(cli.output).toMatch(/in use by another process.*Stop that process first/);
      // The running server still has everything and still writes.
      const admin = await signIn(url, 'admin');
      expect((await admin.get('/api/users?q=late')).body).toEqual([]);
      const made = await admin.post('/api/records', { template: 'sales-order', data: { orderDate: '2026-11-01', customer: { name: '锁测试' }, lines: [line] } });
      expect(made.status).toBe(201);
      // Reading commands work beside it, and see what it acknowledged.
      const file = join(dataDir, '..', `${Date.now()}-backup.json`);
      const backup = await finish(run('plugin/cli.ts', ['backup', file], {}));
      expect(backup.output).toContain('Backed up');
      const saved = JSON.parse(await readFile(file, 'utf8'));
      await rm(file);
      expect(saved.records.map((r: any) => r.number)).toContain(made.body.number);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }, 60_000);
});
