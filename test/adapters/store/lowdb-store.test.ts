import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LowdbStore } from '../../../plugin/adapters/store/lowdb-store.ts';
import { aLedgerEntry, aMovement, aRecord, anAudit, runStoreContract } from './store-contract.ts';

const tempDir = () => mkdtemp(join(tmpdir(), 'lowdb-store-'));

runStoreContract('LowdbStore', async () => {
  const dir = await tempDir();
  return { store: new LowdbStore({ dataDir: dir }), cleanup: () => rm(dir, { recursive: true, force: true }) };
});

describe('LowdbStore', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await tempDir();
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates a missing data dir and its file on init', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const store = new LowdbStore({ dataDir });
    await store.init();
    expect(JSON.parse(await readFile(join(dataDir, 'store.json'), 'utf8'))).toMatchObject({ format: 'order-workflow-store', records: [] });
    await store.close();
  });

  it('data survives reopening the file', async () => {
    const first = new LowdbStore({ dataDir: dir });
    await first.init();
    await first.putSession({ token: 't1', userId: 'u1', expiresAt: '2099-01-01T00:00:00.000Z' });
    await first.commit({
      records: [{ record: aRecord('1') }],
      audit: [anAudit('a1', '1')],
      stock: [aMovement('m1', { recordId: '1', onHand: 5 })],
      ledger: [aLedgerEntry('l1', '1')],
      counters: { 'sales-order': 1 },
    });
    await first.close();

    const second = new LowdbStore({ dataDir: dir });
    await second.init();
    expect(await second.getRecord('1')).toEqual(aRecord('1'));
    expect(await second.getAudit('1')).toEqual([anAudit('a1', '1')]);
    expect(await second.stockLevels()).toEqual([{ product: 'NB-14', warehouse: 'WH-SH', onHand: 5, reserved: 0 }]);
    expect(await second.counter('sales-order')).toBe(1);
    expect(await second.getSession('t1')).toBeDefined();
    // The indexes are rebuilt too: versions are checked and ledger ids stay taken.
    await expect(second.commit({ records: [{ record: aRecord('1') }] })).rejects.toThrow(/changed by someone else/);
    await expect(second.commit({ ledger: [aLedgerEntry('l1', '1')] })).rejects.toThrow(/l1/);
    await second.close();
  });

  it('a failed write leaves the file and the memory unchanged', async () => {
    const store = new LowdbStore({ dataDir: dir });
    await store.init();
    await store.commit({ records: [{ record: aRecord('1') }], counters: { 'sales-order': 1 } });
    const fileBefore = await readFile(join(dir, 'store.json'), 'utf8');

    vi.spyOn(Low.prototype, 'write').mockRejectedValueOnce(new Error('disk full'));
    await expect(
      store.commit({
        records: [{ record: aRecord('1', { version: 2, status: 'cancelled' }), expectVersion: 1 }, { record: aRecord('2') }],
        audit: [anAudit('a1', '1')],
        stock: [aMovement('m1', { recordId: '1', reserved: 3 })],
        ledger: [aLedgerEntry('l1', '1')],
        counters: { 'sales-order': 2 },
      }),
    ).rejects.toThrow('disk full');

    expect(await readFile(join(dir, 'store.json'), 'utf8')).toBe(fileBefore);
    expect(await store.getRecord('1')).toEqual(aRecord('1'));
    expect(await store.getRecord('2')).toBeUndefined();
    expect(await store.getAudit('1')).toEqual([]);
    expect(await store.stockLevels()).toEqual([]);
    expect(await store.allLedgerEntries()).toEqual([]);
    expect(await store.counter('sales-order')).toBe(1);
    // Nothing of the failed attempt lingers in the indexes: the same change now goes through.
    await store.commit({ records: [{ record: aRecord('1', { version: 2 }), expectVersion: 1 }], ledger: [aLedgerEntry('l1', '1')] });
    expect((await store.getRecord('1'))?.version).toBe(2);
    await store.close();
  });

  it('a failed write does not take the commit queued behind it down too', async () => {
    const store = new LowdbStore({ dataDir: dir });
    await store.init();
    vi.spyOn(Low.prototype, 'write').mockImplementationOnce(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error('disk full');
    });
    const [a, b] = await Promise.allSettled([
      store.commit({ records: [{ record: aRecord('a') }] }),
      store.commit({ records: [{ record: aRecord('b') }] }),
    ]);
    expect(a.status).toBe('rejected');
    expect(b.status).toBe('fulfilled');
    expect((await store.allRecords()).map((r) => r.id)).toEqual(['b']);
    await store.close();
    const reopened = new LowdbStore({ dataDir: dir });
    await reopened.init();
    expect((await reopened.allRecords()).map((r) => r.id)).toEqual(['b']);
    await reopened.close();
  });

  it('a failed import leaves the store as it was', async () => {
    const store = new LowdbStore({ dataDir: dir });
    await store.init();
    await store.commit({ records: [{ record: aRecord('1') }] });
    const exported = await store.exportAll();
    await store.commit({ records: [{ record: aRecord('2') }] });
    vi.spyOn(Low.prototype, 'write').mockRejectedValueOnce(new Error('disk full'));
    await expect(store.importAll(exported)).rejects.toThrow('disk full');
    expect((await store.allRecords()).map((r) => r.id)).toEqual(['1', '2']);
    await store.close();
  });

  it('concurrent commits are written one after another, none lost', async () => {
    const store = new LowdbStore({ dataDir: dir });
    await store.init();
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.commit({ records: [{ record: aRecord(String(i + 1)) }], counters: { n: i + 1 } })));
    await store.close();
    const reopened = new LowdbStore({ dataDir: dir });
    await reopened.init();
    expect(await reopened.allRecords()).toHaveLength(40);
    expect(await reopened.counter('n')).toBe(40);
    await reopened.close();
  });

  it('keeps snapshots as files that another instance can list and restore', async () => {
    const first = new LowdbStore({ dataDir: dir, clock: { now: () => new Date('2030-01-02T03:04:05.678Z') } });
    await first.init();
    await first.commit({ records: [{ record: aRecord('1') }] });
    const snap = await first.snapshot('nightly');
    expect(snap.at).toBe('2030-01-02T03:04:05.678Z');
    await first.commit({ records: [{ record: aRecord('2') }] });
    await first.close();
    expect(await readdir(join(dir, 'snapshots'))).toEqual([`${snap.id}.json`]);

    const second = new LowdbStore({ dataDir: dir });
    await second.init();
    expect(await second.listSnapshots()).toEqual([snap]);
    await second.restoreSnapshot(snap.id);
    expect((await second.allRecords()).map((r) => r.id)).toEqual(['1']);
    await second.close();

    const third = new LowdbStore({ dataDir: dir });
    await third.init();
    expect((await third.allRecords()).map((r) => r.id)).toEqual(['1']);
    await third.close();
  });

  it('a damaged snapshot file is refused on restore and left out of the list', async () => {
    const store = new LowdbStore({ dataDir: dir });
    await store.init();
    const good = await store.snapshot('good');
    await writeFile(join(dir, 'snapshots', 'snap-broken.json'), '{ not json');
    expect((await store.listSnapshots()).map((s) => s.id)).toEqual([good.id]);
    await expect(store.restoreSnapshot('snap-broken')).rejects.toThrow(/damaged/);
    await store.close();
  });

  it('refuses to open a file that is not a store, naming it', async () => {
    await writeFile(join(dir, 'store.json'), JSON.stringify({ records: 42 }));
    await expect(new LowdbStore({ dataDir: dir }).init()).rejects.toThrow(/store\.json is not a valid store file/);
    await writeFile(join(dir, 'store.json'), '{ half');
    await expect(new LowdbStore({ dataDir: dir }).init()).rejects.toThrow(/store\.json is not valid JSON/);
  });

  it('persists every kind of change, not only commits', async () => {
    const first = new LowdbStore({ dataDir: dir });
    await first.init();
    await first.setPeriodClosed('2024-05', true);
    await first.commit({
      notifications: [
        { id: 'n1', to: 'u1', kind: 'k', title: 't', at: '2024-05-01T00:00:00.000Z', read: false },
        { id: 'n2', to: 'contact:a@example.com', kind: 'k', title: 't', at: '2024-05-01T00:00:00.000Z', read: false },
      ],
    });
    await first.markNotificationsRead('u1', 'all');
    await first.markDelivered(['n2']);
    await first.close();
    const second = new LowdbStore({ dataDir: dir });
    await second.init();
    expect(await second.closedPeriods()).toEqual(['2024-05']);
    expect((await second.notificationsFor('u1'))[0].read).toBe(true);
    expect(await second.pendingOutbox()).toEqual([]);
    await second.close();
  });
});
