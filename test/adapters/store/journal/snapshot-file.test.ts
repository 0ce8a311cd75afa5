// Writing the whole store (store.json, a snapshot before a restore, a backup) is done a line an item: no string
// of the whole store is built, so its size alone cannot make serialising it fail ("Invalid string length").
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JournaledStore } from '../../../../plugin/adapters/store/journaled-store.ts';
import { runCli } from '../../../../plugin/cli.ts';
import { aRecord, anAudit } from '../store-contract.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ow-lines-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

/** The longest string JSON.stringify makes while `work` runs. */
async function longestStringify(work: () => Promise<unknown>): Promise<number> {
  const stringify = JSON.stringify;
  let longest = 0;
  vi.spyOn(JSON, 'stringify').mockImplementation((...args: Parameters<typeof JSON.stringify>) => {
    const text = stringify(...args);
    if (typeof text === 'string') longest = Math.max(longest, text.length);
    return text;
  });
  try {
    await work();
  } finally {
    vi.restoreAllMocks();
  }
  return longest;
}

async function filledStore(dataDir: string, records = 300): Promise<JournaledStore> {
  const store = new JournaledStore({ dataDir, compactAfterBytes: Number.MAX_SAFE_INTEGER });
  await store.init();
  for (let i = 1; i <= records; i++)
    await store.commit({ records: [{ record: aRecord(String(i), { data: { note: `第 ${i} 条 ${'x'.repeat(1000)}` } }) }], audit: [anAudit(`a${i}`, String(i))] });
  return store;
}

describe('writing the whole embedded store', () => {
  it('a snapshot, an export and store.json are written a line an item, never as one string of the whole store', async () => {
    const dataDir = join(dir, 'data');
    const store = await filledStore(dataDir);
    try {
      const snapshotLongest = await longestStringify(() => store.snapshot('before something'));
      const exportLongest = await longestStringify(() => store.exportAll());
      const importLongest = await longestStringify(async () => store.importAll(await store.exportAll())); // writes store.json whole
      const size = (await readFile(join(dataDir, 'store.json'), 'utf8')).length;
      expect(size).toBeGreaterThan(300_000);
      for (const longest of [snapshotLongest, exportLongest, importLongest]) expect(longest).toBeLessThan(5_000);
      const [snap] = (await store.listSnapshots()).filter((s) => s.label === 'before something');
      const text = await readFile(join(dataDir, 'snapshots', `${snap.id}.json`), 'utf8');
      expect(JSON.parse(text).records).toHaveLength(300); // still one JSON document
      await store.commit({ records: [{ record: aRecord('after') }] });
      await store.restoreSnapshot(snap.id);
      expect(await store.getRecord('after')).toBeUndefined();
      expect((await store.getRecord('300'))?.data.note).toMatch(/^第 300 条/);
      expect(await store.verifyAudit()).toMatchObject({ ok: true, count: 300 });
    } finally {
      await store.close();
    }
  });

  it('a snapshot written whole by an earlier release is still listed and restored', async () => {
    const dataDir = join(dir, 'data');
    const store = await filledStore(dataDir, 3);
    const data = await store.exportAll();
    await store.close();
    const id = 'snap-20261201-000000000-000001-abcdef';
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dataDir, 'snapshots'), { recursive: true });
    await writeFile(join(dataDir, 'snapshots', `${id}.json`), JSON.stringify({ id, at: '2026-12-01T00:00:00.000Z', label: 'old layout', data }));
    const reopened = new JournaledStore({ dataDir });
    await reopened.init();
    try {
      expect(await reopened.listSnapshots()).toContainEqual({ id, at: '2026-12-01T00:00:00.000Z', label: 'old layout' });
      await reopened.commit({ records: [{ record: aRecord('later') }] });
      await reopened.restoreSnapshot(id);
      expect(await reopened.getRecord('later')).toBeUndefined();
      expect(await reopened.getRecord('3')).toBeDefined();
    } finally {
      await reopened.close();
    }
  });

  it('backup writes its file a line an item, and restore reads it back', async () => {
    const dataDir = join(dir, 'data');
    await (await filledStore(dataDir)).close();
    const file = join(dir, 'backup.json');
    const cli = (...argv: string[]) => runCli(argv, { dataDir, out: () => undefined, err: () => undefined });
    const longest = await longestStringify(() => cli('backup', file));
    expect(longest).toBeLessThan(5_000);
    expect(JSON.parse(await readFile(file, 'utf8')).records).toHaveLength(300);
    expect(await cli('restore', file)).toBe(0);
  });
});
