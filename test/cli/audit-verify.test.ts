// The audit chain on the embedded store: `audit verify` names the first entry edited or deleted in the data
// file, and the server will not start on a broken chain unless told to.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { crc32 } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../plugin/adapters/http/gallery.ts';
import { loadDataDir, writeSnapshot } from '../../plugin/adapters/store/journal/data-dir-files.ts';
import { JournaledStore } from '../../plugin/adapters/store/journaled-store.ts';
import { runCli } from '../../plugin/cli.ts';
import type { AuditEntry } from '../../plugin/core/types.ts';
import { startServer } from '../../plugin/server.ts';

let dir: string;
let seeded: string;

async function cli(dataDir: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { dataDir, rootDir: PROJECT_ROOT, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let copies = 0;
async function copyOfSeeded(): Promise<string> {
  const to = join(dir, `copy-${++copies}`);
  await cp(seeded, to, { recursive: true });
  return to;
}

/** Rewrites the data folder's store.json with `edit` applied, as someone with an editor could (the journal is folded in first). */
async function tamper(dataDir: string, edit: (entries: AuditEntry[], audit: Record<string, AuditEntry[]>) => void): Promise<void> {
  const { state, seq } = await loadDataDir(dataDir);
  const all = Object.values(state.data.audit).flat().sort((a, b) => a.chain!.seq - b.chain!.seq);
  edit(all, state.data.audit);
  await writeSnapshot(dataDir, state, seq);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ow-audit-'));
  seeded = join(dir, 'seeded');
  // The demo seed runs every kind of action: a chain of a few hundred entries over many records.
  const server = await startServer({ port: 0, dataDir: seeded, quiet: true });
  await server.close();
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('audit verify on the embedded store', () => {
  it('says the chain holds and how many entries it covers, exiting 0', async () => {
    const res = await cli(await copyOfSeeded(), 'audit', 'verify');
    expect(res.code, res.err).toBe(0);
    expect(res.out).toMatch(/审计链完整：\d+ 条/);
    const count = Number(/holds: (\d+) entries/.exec(res.out)?.[1]);
    expect(count).toBeGreaterThan(100);
  });

  it('an entry whose actor was edited in the data file is named, with its record, time and "changed", exiting 1', async () => {
    const dataDir = await copyOfSeeded();
    let victim!: AuditEntry;
    await tamper(dataDir, (entries) => {
      victim = entries[Math.floor(entries.length / 2)];
      victim.actor = 'someone-else';
    });
    const res = await cli(dataDir, 'audit', 'verify');
    expect(res.code).toBe(1);
    expect(res.err).toContain(`entry ${victim.id} (record ${victim.recordId}, ${victim.at}, chain position ${victim.chain!.seq}): changed`);
    expect(res.err).toContain('内容被修改');
    expect(res.err).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it('a deleted entry is caught: the entry after the gap is named and the missing position given', async () => {
    const dataDir = await copyOfSeeded();
    let next!: AuditEntry;
    let gone!: number;
    await tamper(dataDir, (entries, audit) => {
      const victim = entries[10];
      gone = victim.chain!.seq;
      next = entries[11];
      audit[victim.recordId] = audit[victim.recordId].filter((a) => a !== victim);
    });
    const res = await cli(dataDir, 'audit', 'verify');
    expect(res.code).toBe(1);
    expect(res.err).toContain(`entry ${next.id} (record ${next.recordId}`);
    expect(res.err).toContain(`missing: chain position ${gone} is missing (deleted`);
  });

  it('deleting the last entry is caught too: the chain ends past its entries', async () => {
    const dataDir = await copyOfSeeded();
    let last!: number;
    await tamper(dataDir, (entries, audit) => {
      const victim = entries.at(-1)!;
      last = victim.chain!.seq;
      audit[victim.recordId] = audit[victim.recordId].filter((a) => a !== victim);
    });
    const res = await cli(dataDir, 'audit', 'verify');
    expect(res.code).toBe(1);
    expect(res.err).toContain(`chain position ${last}: missing`);
  });

  it('a store written before the chain loads: its entries are linked oldest first, and later edits are caught', async () => {
    const dataDir = await copyOfSeeded();
    await tamper(dataDir, (entries) => {
      for (const a of entries) delete a.chain;
    });
    const file = join(dataDir, 'store.json');
    // As an older release wrote it: no chain head either.
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^"auditHead":.*\n/m, ''));
    expect(await readFile(file, 'utf8')).not.toContain('"chain"');
    const res = await cli(dataDir, 'audit', 'verify');
    expect(res.code, res.err).toBe(0);
    await tamper(dataDir, (entries) => {
      entries[0].comment = 'added later';
    });
    expect((await cli(dataDir, 'audit', 'verify')).err).toContain('changed');
  });
});

describe('the check at start on the embedded store', () => {
  it('walks only what came after a store.json that a whole walk passed; a store.json edited since is walked whole', async () => {
    const dataDir = await copyOfSeeded();
    await tamper(dataDir, () => undefined); // everything in store.json, as after a compaction
    const open = async () => {
      const store = new JournaledStore({ dataDir });
      await store.init();
      return store;
    };
    let store = await open();
    const whole = await store.verifyAudit({ sinceCheckpoint: true });
    expect(whole).toMatchObject({ ok: true, from: 0 });
    const total = whole.count;
    await store.commit({ audit: [{ id: 'late', recordId: 'r-late', at: '2026-12-05T00:00:00.000Z', actor: 'u', actorName: 'U', action: 'note' }] });
    await store.close();

    store = await open();
    const quick = await store.verifyAudit({ sinceCheckpoint: true });
    expect(quick).toMatchObject({ ok: true, count: 1, from: total }); // only the entry in the journal
    expect(await store.verifyAudit()).toMatchObject({ ok: true, count: total + 1, from: 0 }); // audit verify: everything
    await store.close();

    let victim!: AuditEntry;
    await tamper(dataDir, (entries) => {
      victim = entries[5];
      victim.actor = 'someone-else';
    });
    store = await open();
    expect(await store.verifyAudit({ sinceCheckpoint: true })).toMatchObject({ ok: false, from: 0, broken: { id: victim.id, problem: 'changed' } });
    await store.close();
  });
});

describe('the check at start on the embedded store, journal', () => {
  it('an entry edited in the journal, its checksum made to match, is caught at the next start even after a check passed', async () => {
    const dataDir = await copyOfSeeded();
    const store = new JournaledStore({ dataDir });
    await store.init();
    expect(await store.verifyAudit({ sinceCheckpoint: true })).toMatchObject({ ok: true });
    await store.close();
    // The seeded changes are still in the journal: edit one audit entry there as a careful intruder would.
    const file = join(dataDir, 'journal.log');
    const lines = (await readFile(file, 'utf8')).split('\n');
    const k = lines.findIndex((l) => l.includes('"audit":[{') && l.includes('"action":"confirm"'));
    const entry = JSON.parse(lines[k].slice(9));
    const victim = entry.changes.audit[0] as AuditEntry;
    victim.actor = 'someone-else';
    const json = JSON.stringify(entry);
    lines[k] = `${crc32(json).toString(16).padStart(8, '0')} ${json}`;
    await writeFile(file, lines.join('\n'));
    const refused = await startServer({ port: 0, dataDir, quiet: true }).then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(refused).toContain(`The audit chain is broken at entry ${victim.id}`);
  });
});

describe('the server on a broken audit chain', () => {
  it('refuses to start, naming the entry in Chinese and English and saying how to proceed; starts when told to', async () => {
    const dataDir = await copyOfSeeded();
    let victim!: AuditEntry;
    await tamper(dataDir, (entries) => {
      victim = entries[3];
      victim.actor = 'someone-else';
    });
    const refused = await startServer({ port: 0, dataDir, quiet: true }).then(
      () => undefined,
      (error: Error) => error.message,
    );
    expect(refused).toContain(`审计链在 条目 ${victim.id}`);
    expect(refused).toContain(`The audit chain is broken at entry ${victim.id}`);
    expect(refused).toContain('AUDIT_ALLOW_BROKEN=1');
    // The folder was let go: the override starts on it.
    const server = await startServer({ port: 0, dataDir, quiet: true, allowBrokenAudit: true });
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    await server.close();
  });
});
