import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JournaledStore } from '../../../plugin/adapters/store/journaled-store.ts';
import { DataDirLocked } from '../../../plugin/adapters/store/journal/data-dir-lock.ts';
import { JournalWriter } from '../../../plugin/adapters/store/journal/journal-file.ts';
import { StoreUnavailable, writerScope } from '../../../plugin/runtime/ports.ts';
import { aLedgerEntry, aMovement, aRecord, anAudit, runStoreContract } from './store-contract.ts';

const tempDir = () => mkdtemp(join(tmpdir(), 'journaled-store-'));

/** Holds the next journal write back until the returned function is called. */
function holdNextAppend(): () => void {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const append = JournalWriter.prototype.append;
  vi.spyOn(JournalWriter.prototype, 'append').mockImplementationOnce(async function (this: JournalWriter, text: string) {
    await held;
    return append.call(this, text);
  });
  return release;
}

runStoreContract('JournaledStore', async () => {
  const dir = await tempDir();
  return { store: new JournaledStore({ dataDir: dir }), cleanup: () => rm(dir, { recursive: true, force: true }) };
});

describe('JournaledStore', () => {
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
    const store = new JournaledStore({ dataDir });
    await store.init();
    expect(JSON.parse(await readFile(join(dataDir, 'store.json'), 'utf8'))).toMatchObject({ format: 'order-workflow-store', records: [] });
    await store.close();
  });

  it('data survives reopening the file', async () => {
    const first = new JournaledStore({ dataDir: dir });
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

    const second = new JournaledStore({ dataDir: dir });
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

  it('a failed write leaves the files and the memory as they were, and the same change goes through after', async () => {
    const store = new JournaledStore({ dataDir: dir });
    await store.init();
    await store.commit({ records: [{ record: aRecord('1') }], counters: { 'sales-order': 1 } });
    const journalBefore = await readFile(join(dir, 'journal.log'), 'utf8');

    vi.spyOn(JournalWriter.prototype, 'append').mockRejectedValueOnce(new Error('disk full'));
    await expect(
      store.commit({
        records: [{ record: aRecord('1', { version: 2, status: 'cancelled' }), expectVersion: 1 }, { record: aRecord('2') }],
        audit: [anAudit('a1', '1')],
        stock: [aMovement('m1', { recordId: '1', reserved: 3 })],
        ledger: [aLedgerEntry('l1', '1')],
        counters: { 'sales-order': 2 },
      }),
    ).rejects.toThrow('disk full');

    expect(await readFile(join(dir, 'journal.log'), 'utf8')).toBe(journalBefore);
    expect(await store.getRecord('1')).toEqual(aRecord('1'));
    expect(await store.getRecord('2')).toBeUndefined();
    expect(await store.getAudit('1')).toEqual([]);
    expect(await store.stockLevels()).toEqual([]);
    expect(await store.allLedgerEntries()).toEqual([]);
    expect(await store.counter('sales-order')).toBe(1);
    expect(store.health()).toEqual({ ok: true, size: { bytes: expect.any(Number), limitBytes: 1024 * 1024 * 1024 } });
    await store.commit({ records: [{ record: aRecord('1', { version: 2 }), expectVersion: 1 }], ledger: [aLedgerEntry('l1', '1')] });
    expect((await store.getRecord('1'))?.version).toBe(2);
    await store.close();
  });

  it('a failed flush fails only the commits it carried; the next ones go through', async () => {
    const store = new JournaledStore({ dataDir: dir });
    await store.init();
    vi.spyOn(JournalWriter.prototype, 'append').mockRejectedValueOnce(new Error('disk full'));
    const a = store.commit({ records: [{ record: aRecord('a') }] });
    await expect(a).rejects.toThrow('disk full');
    await store.commit({ records: [{ record: aRecord('b') }] });
    expect((await store.allRecords()).map((r) => r.id)).toEqual(['b']);
    await store.close();
    const reopened = new JournaledStore({ dataDir: dir });
    await reopened.init();
    expect((await reopened.allRecords()).map((r) => r.id)).toEqual(['b']);
    await reopened.close();
  });

  it('when a failed write cannot be read back, the store says so and serves nothing', async () => {
    const store = new JournaledStore({ dataDir: dir });
    await store.init();
    await store.commit({ records: [{ record: aRecord('1') }] });
    vi.spyOn(JournalWriter.prototype, 'append').mockImplementationOnce(async () => {
      await writeFile(join(dir, 'store.json'), '{ damaged');
      throw new Error('disk gone');
    });
    await expect(store.commit({ records: [{ record: aRecord('2') }] })).rejects.toThrow('disk gone');
    expect(store.health()).toMatchObject({ ok: false, reason: expect.stringMatching(/disk gone/) });
    await expect(store.getRecord('1')).rejects.toThrow(/unavailable/);
    await expect(store.commit({ records: [{ record: aRecord('3') }] })).rejects.toThrow(/unavailable/);
    await expect(store.listUsers()).rejects.toBeInstanceOf(StoreUnavailable);
  });

  it('a failed import leaves the store as it was', async () => {
    const store = new JournaledStore({ dataDir: dir });
    await store.init();
    await store.commit({ records: [{ record: aRecord('1') }] });
    const exported = await store.exportAll();
    await store.commit({ records: [{ record: aRecord('2') }] });
    vi.spyOn(Low.prototype, 'write').mockRejectedValueOnce(new Error('disk full'));
    await expect(store.importAll(exported)).rejects.toThrow('disk full');
    expect((await store.allRecords()).map((r) => r.id)).toEqual(['1', '2']);
    await store.close();
  });

  it('an import is kept across a restart, and changes after it too', async () => {
    const store = new JournaledStore({ dataDir: dir });
    await store.init();
    await store.commit({ records: [{ record: aRecord('1') }] });
    const exported = await store.exportAll();
    await store.commit({ records: [{ record: aRecord('2') }] });
    await store.importAll(exported);
    await store.commit({ records: [{ record: aRecord('3') }] });
    await store.close();
    const reopened = new JournaledStore({ dataDir: dir });
    await reopened.init();
    expect((await reopened.allRecords()).map((r) => r.id)).toEqual(['1', '3']);
    await reopened.close();
  });

  it('concurrent commits share flushes and none is lost', async () => {
    const store = new JournaledStore({ dataDir: dir });
    await store.init();
    const flushes = vi.spyOn(JournalWriter.prototype, 'append');
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.commit({ records: [{ record: aRecord(String(i + 1)) }], counters: { n: i + 1 } })));
    expect(flushes.mock.calls.length).toBeLessThan(40);
    await store.close();
    const reopened = new JournaledStore({ dataDir: dir });
    await reopened.init();
    expect(await reopened.allRecords()).toHaveLength(40);
    expect(await reopened.counter('n')).toBe(40);
    await reopened.close();
  });

  it('a change is seen by readers only once it is on disk', async () => {
    const store = new JournaledStore({ dataDir: dir });
    await store.init();
    const release = holdNextAppend();
    const committed = store.commit({ records: [{ record: aRecord('1') }] });
    await new Promise((r) => setTimeout(r, 10)); // the change is applied and its write is under way
    let seen: unknown = 'not yet';
    const read = store.getRecord('1').then((r) => (seen = r));
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toBe('not yet');
    release();
    await committed;
    await read;
    expect(seen).toEqual(aRecord('1'));
    await store.close();
  });

  it("the runtime's writer reads a staged change at once; others wait until it is on disk", async () => {
    const store = new JournaledStore({ dataDir: dir });
    await store.init();
    const release = holdNextAppend();
    const { durable } = await store.stage({ records: [{ record: aRecord('1') }] });
    expect(await writerScope.run(true, () => store.getRecord('1'))).toEqual(aRecord('1'));
    let seen: unknown = 'not yet';
    const read = store.getRecord('1').then((r) => (seen = r));
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toBe('not yet');
    release();
    await durable;
    await read;
    expect(seen).toEqual(aRecord('1'));
    await store.close();
  });

  it('a staged change refused by the store is refused at once, before anything is written', async () => {
    const store = new JournaledStore({ dataDir: dir });
    await store.init();
    await store.commit({ records: [{ record: aRecord('1') }] });
    await expect(store.stage({ records: [{ record: aRecord('1') }] })).rejects.toThrow(/changed by someone else/);
    await store.close();
  });

  it('a torn journal tail is cut off and reported; every whole entry before it is kept', async () => {
    const store = new JournaledStore({ dataDir: dir });
    await store.init();
    await store.commit({ records: [{ record: aRecord('1') }] });
    await store.commit({ records: [{ record: aRecord('2') }] });
    await store.close();
    const journal = join(dir, 'journal.log');
    const whole = await readFile(journal, 'utf8');
    await writeFile(journal, `${whole}0badc0de {"seq":3,"op":"com`);
    const warnings: string[] = [];
    const reopened = new JournaledStore({ dataDir: dir, warn: (m) => warnings.push(m) });
    await reopened.init();
    expect((await reopened.allRecords()).map((r) => r.id)).toEqual(['1', '2']);
    expect(warnings.join()).toMatch(/torn journal tail.*journal\.log, line 3/);
    expect(await readFile(journal, 'utf8')).toBe(whole);
    await reopened.commit({ records: [{ record: aRecord('3') }] });
    await reopened.close();
    const again = new JournaledStore({ dataDir: dir });
    await again.init();
    expect(await again.allRecords()).toHaveLength(3);
    await again.close();
  });

  it('a damaged entry with whole entries after it is refused at start, naming the line', async () => {
    const store = new JournaledStore({ dataDir: dir });
    await store.init();
    for (const id of ['1', '2', '3']) await store.commit({ records: [{ record: aRecord(id) }] });
    await store.close();
    const journal = join(dir, 'journal.log');
    const lines = (await readFile(journal, 'utf8')).split('\n');
    lines[1] = lines[1].replace('"2"', '"9"');
    await writeFile(journal, lines.join('\n'));
    await expect(new JournaledStore({ dataDir: dir }).init()).rejects.toThrow(/journal\.log, line 2: checksum does not match, and whole entries follow/);
  });

  it('a second store on the same folder is refused, naming the process that holds it', async () => {
    const first = new JournaledStore({ dataDir: dir });
    await first.init();
    const second = new JournaledStore({ dataDir: dir });
    await expect(second.init()).rejects.toThrow(new RegExp(`in use by another process \\(pid ${process.pid}`));
    await expect(second.init()).rejects.toBeInstanceOf(DataDirLocked);
    await first.close();
    await second.init();
    await second.close();
  });

  it('the lock of a process that died is taken over', async () => {
    await writeFile(join(dir, 'store.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, command: 'gone', since: '2026-01-01T00:00:00.000Z' }));
    const store = new JournaledStore({ dataDir: dir });
    await store.init();
    expect(JSON.parse(await readFile(join(dir, 'store.lock'), 'utf8')).pid).toBe(process.pid);
    await store.close();
    expect(await readdir(dir)).not.toContain('store.lock');
  });

  it('a long journal is sealed and folded into store.json by compaction, nothing lost', async () => {
    const store = new JournaledStore({ dataDir: dir, compactAfterBytes: 2_000 });
    await store.init();
    for (let i = 1; i <= 30; i++) await store.commit({ records: [{ record: aRecord(String(i)) }], audit: [anAudit(`a${i}`, String(i))] });
    await store.close(); // waits for the compaction under way
    const snapshot = JSON.parse(await readFile(join(dir, 'store.json'), 'utf8'));
    expect(snapshot.records.length).toBeGreaterThan(0);
    expect(snapshot.journal.seq).toBe(snapshot.records.length);
    expect((await readdir(dir)).filter((n) => /^journal-\d+\.log$/.test(n))).toEqual([]);
    const reopened = new JournaledStore({ dataDir: dir });
    await reopened.init();
    expect(await reopened.allRecords()).toHaveLength(30);
    expect(await reopened.getAudit('30')).toEqual([anAudit('a30', '30')]);
    await reopened.close();
  });

  it('keeps snapshots as files that another instance can list and restore', async () => {
    const first = new JournaledStore({ dataDir: dir, clock: { now: () => new Date('2030-01-02T03:04:05.678Z') } });
    await first.init();
    await first.commit({ records: [{ record: aRecord('1') }] });
    const snap = await first.snapshot('nightly');
    expect(snap.at).toBe('2030-01-02T03:04:05.678Z');
    await first.commit({ records: [{ record: aRecord('2') }] });
    await first.close();
    expect(await readdir(join(dir, 'snapshots'))).toEqual([`${snap.id}.json`]);

    const second = new JournaledStore({ dataDir: dir });
    await second.init();
    expect(await second.listSnapshots()).toEqual([snap]);
    await second.restoreSnapshot(snap.id);
    expect((await second.allRecords()).map((r) => r.id)).toEqual(['1']);
    await second.close();

    const third = new JournaledStore({ dataDir: dir });
    await third.init();
    expect((await third.allRecords()).map((r) => r.id)).toEqual(['1']);
    await third.close();
  });

  it('a damaged snapshot file is refused on restore and left out of the list', async () => {
    const store = new JournaledStore({ dataDir: dir });
    await store.init();
    const good = await store.snapshot('good');
    await writeFile(join(dir, 'snapshots', 'snap-broken.json'), '{ not json');
    expect((await store.listSnapshots()).map((s) => s.id)).toEqual([good.id]);
    await expect(store.restoreSnapshot('snap-broken')).rejects.toThrow(/damaged/);
    await store.close();
  });

  it('refuses to open a file that is not a store, naming it, and lets the folder go again', async () => {
    await writeFile(join(dir, 'store.json'), JSON.stringify({ records: 42 }));
    await expect(new JournaledStore({ dataDir: dir }).init()).rejects.toThrow(/store\.json is not a valid store file/);
    await writeFile(join(dir, 'store.json'), '{ half');
    await expect(new JournaledStore({ dataDir: dir }).init()).rejects.toThrow(/store\.json is not valid JSON/);
    expect(await readdir(dir)).not.toContain('store.lock');
  });

  it('store.json is one JSON document, an item a line, that plain JSON.parse reads as the store', async () => {
    const store = new JournaledStore({ dataDir: dir, compactAfterBytes: 1 });
    await store.init();
    await store.commit({ records: [{ record: aRecord('1') }, { record: aRecord('2', { data: { note: '第一行\n第二行' } }) }], audit: [anAudit('a1', '1')] });
    await store.close();
    const text = await readFile(join(dir, 'store.json'), 'utf8');
    const parsed = JSON.parse(text);
    expect(parsed.records.map((r: { id: string }) => r.id)).toEqual(['1', '2']);
    expect(parsed.audit).toEqual({ 1: [{ ...anAudit('a1', '1'), chain: { seq: 1, prev: '0'.repeat(64), hash: expect.stringMatching(/^[0-9a-f]{64}$/) } }] });
    expect(parsed.auditHead).toEqual({ seq: 1, hash: parsed.audit[1][0].chain.hash });
    expect(text.split('\n').filter((l) => l.startsWith('{"id":')).length).toBe(2);
    const reopened = new JournaledStore({ dataDir: dir });
    await reopened.init();
    expect((await reopened.getRecord('2'))?.data).toEqual({ note: '第一行\n第二行' });
    await reopened.close();
  });

  it('reads a store.json written whole, on one line or indented (by hand, or by the earlier whole-file store)', async () => {
    for (const indent of [undefined, 2]) {
      await writeFile(join(dir, 'store.json'), JSON.stringify({ format: 'order-workflow-store', formatVersion: 1, records: [aRecord('1')] }, null, indent));
      const store = new JournaledStore({ dataDir: dir });
      await store.init();
      expect(await store.getRecord('1')).toEqual(aRecord('1'));
      await store.close();
    }
  });

  it('a store.json holding null, 0, "" or nothing is damage, not an empty folder to seed again', async () => {
    for (const content of ['null', '0', '""', '']) {
      await writeFile(join(dir, 'store.json'), content);
      await expect(new JournaledStore({ dataDir: dir }).init()).rejects.toThrow(/store\.json (does not hold a store|is not valid JSON)/);
      expect(await readFile(join(dir, 'store.json'), 'utf8')).toBe(content);
    }
  });

  it('persists every kind of change, not only commits', async () => {
    const first = new JournaledStore({ dataDir: dir });
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
    const second = new JournaledStore({ dataDir: dir });
    await second.init();
    expect(await second.closedPeriods()).toEqual(['2024-05']);
    expect((await second.notificationsFor('u1'))[0].read).toBe(true);
    expect(await second.pendingOutbox()).toEqual([]);
    await second.close();
  });
});
