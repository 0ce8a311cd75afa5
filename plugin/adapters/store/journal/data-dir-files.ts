// The files of a data folder and how a state is rebuilt from them: the lowdb snapshot (store.json, which
// says up to which journal entry it holds), sealed journal files waiting for compaction, and the live journal.
import { PluginFailure } from '../../../core/errors.ts';
import { open, readFile, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { LineJsonFile } from './snapshot-file.ts';
import { applyOp, type StoreOp } from '../store-ops.ts';
import type { AuditHead } from '../../../runtime/ports.ts';
import { StoreState } from '../store-state.ts';
import { readJournal, type JournalEntry } from './journal-file.ts';

/** store.json: the store's data, plus the last journal entry folded into it. */
type SnapshotFileData = Record<string, unknown> & { journal?: { seq: number } };

export const SNAPSHOT_FILE = 'store.json';
export const LIVE_JOURNAL = 'journal.log';
const SEALED = /^journal-(\d+)\.log$/;

export const sealedName = (lastSeq: number): string => `journal-${String(lastSeq).padStart(12, '0')}.log`;

export async function sealedJournals(dataDir: string): Promise<string[]> {
  const names = await readdir(dataDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  return names.filter((n) => SEALED.test(n)).sort();
}

function snapshotFile(dataDir: string): Low<SnapshotFileData | null> {
  return new Low(new LineJsonFile<SnapshotFileData | null>(join(dataDir, SNAPSHOT_FILE)), null);
}

export interface Loaded {
  state: StoreState;
  seq: number;
  /** False when the folder had neither a snapshot nor a journal. */
  existed: boolean;
  /** Bytes of whole entries in the live journal; a damaged tail after them is cut off when it is opened. */
  liveGoodBytes: number;
  damagedTail?: string;
  /** How many sealed journals wait to be folded into store.json. */
  sealed: number;
  /** store.json as read: the SHA-256 of its bytes, and where the audit chain ended in it. */
  snapshot?: SnapshotMark;
}

export interface SnapshotMark {
  digest: string;
  auditHead: AuditHead;
}

type SnapshotRead = { state: StoreState; seq: number; existed: boolean; snapshot?: SnapshotMark };

async function readSnapshot(dataDir: string): Promise<SnapshotRead> {
  const db = snapshotFile(dataDir);
  const file = join(dataDir, SNAPSHOT_FILE);
  try {
    await db.read();
  } catch (error) {
    if (error instanceof SyntaxError) throw new PluginFailure('store_damaged', `${file} is not valid JSON: ${error.message}`);
    throw error;
  }
  if (db.data === null) return { state: StoreState.empty(), seq: 0, existed: false };
  const { journal, ...data } = db.data;
  const state = StoreState.load(data, `${file} is not a valid store file`);
  const digest = (db.adapter as LineJsonFile<unknown>).digest;
  return { state, seq: journal?.seq ?? 0, existed: true, snapshot: digest ? { digest, auditHead: state.auditHead } : undefined };
}

/** Applies entries after `seq` in order; a gap means a journal file is missing. */
function replay(state: StoreState, seq: number, entries: JournalEntry[], where: string): number {
  for (const entry of entries) {
    if (entry.seq <= seq) continue;
    if (entry.seq !== seq + 1) throw new PluginFailure('store_damaged', `${where}: entry ${entry.seq} follows ${seq}; journal entries are missing. Restore DATA_DIR from a backup.`);
    try {
      applyOp(state, entry as unknown as StoreOp);
    } catch (error) {
      throw new PluginFailure('store_damaged', `${where}: entry ${entry.seq} does not apply to the data before it (${(error as Error).message}); store.json and the journal do not belong together. Restore DATA_DIR from a backup.`);
    }
    seq = entry.seq;
  }
  return seq;
}

/** Snapshot, then sealed journals, then the live journal. Retried when a compaction finished in between. */
export async function loadDataDir(dataDir: string): Promise<Loaded> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await loadOnce(dataDir);
    } catch (error) {
      // A compaction folded a sealed journal into a newer snapshot and removed it while we read: read again.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 3) throw error;
    }
  }
}

/** The snapshot with the given sealed journals applied. */
export async function loadSnapshotAndSealed(dataDir: string, sealed: string[]): Promise<SnapshotRead> {
  const snap = await readSnapshot(dataDir);
  const { state, snapshot } = snap;
  let { seq, existed } = snap;
  for (const name of sealed) {
    const file = join(dataDir, name);
    const read = await readJournal(file, { mustExist: true });
    if (read.damagedTail) throw new PluginFailure('store_damaged', `${read.damagedTail}; a sealed journal must be whole. Restore DATA_DIR from a backup.`);
    seq = replay(state, seq, read.entries, file);
    existed = true;
  }
  return { state, seq, existed, snapshot };
}

async function loadOnce(dataDir: string): Promise<Loaded> {
  const sealed = await sealedJournals(dataDir);
  const fromSnapshot = await loadSnapshotAndSealed(dataDir, sealed);
  const { state, snapshot } = fromSnapshot;
  let { seq, existed } = fromSnapshot;
  const live = join(dataDir, LIVE_JOURNAL);
  const read = await readJournal(live);
  seq = replay(state, seq, read.entries, live);
  return { state, seq, existed: existed || read.goodBytes > 0, liveGoodBytes: read.goodBytes, damagedTail: read.damagedTail, sealed: sealed.length, snapshot };
}

/** Writes a snapshot of `state` holding entries up to `seq`: lowdb's temp file and rename, then fsync of file and folder. */
export async function writeSnapshot(dataDir: string, state: StoreState, seq: number): Promise<void> {
  const db = snapshotFile(dataDir);
  db.data = { ...(state.data as unknown as Record<string, unknown>), sessions: state.data.sessions, journal: { seq } };
  await db.write(); // flushed before it is renamed into place
  await syncPath(dataDir);
}

/** Bytes of store.json and the sealed journals (the live journal's writer counts its own). */
export async function storeFileBytes(dataDir: string): Promise<number> {
  let bytes = 0;
  for (const name of [SNAPSHOT_FILE, ...(await sealedJournals(dataDir))]) {
    try {
      bytes += (await stat(join(dataDir, name))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error; // folded in and removed meanwhile
    }
  }
  return bytes;
}

/** Where the last whole walk of the audit chain that held left store.json: its SHA-256 and the chain's end in it. */
export const CHECKPOINT_FILE = 'audit-checked.json';

export async function readCheckpoint(dataDir: string): Promise<{ digest: string; seq: number; hash: string } | undefined> {
  try {
    const noted = JSON.parse(await readFile(join(dataDir, CHECKPOINT_FILE), 'utf8')) as { digest?: unknown; seq?: unknown; hash?: unknown };
    return typeof noted.digest === 'string' && Number.isInteger(noted.seq) && typeof noted.hash === 'string' ? (noted as { digest: string; seq: number; hash: string }) : undefined;
  } catch {
    return undefined; // none, or unreadable: the whole chain is walked
  }
}

export async function writeCheckpoint(dataDir: string, noted: { digest: string; seq: number; hash: string }): Promise<void> {
  const file = join(dataDir, CHECKPOINT_FILE);
  await writeFile(`${file}.tmp`, `${JSON.stringify(noted)}\n`);
  await rename(`${file}.tmp`, file);
}

/** Seals the live journal under the number of its last entry, for compaction to fold in. */
export async function sealLiveJournal(dataDir: string, lastSeq: number): Promise<void> {
  await rename(join(dataDir, LIVE_JOURNAL), join(dataDir, sealedName(lastSeq)));
  await syncPath(dataDir);
}

export async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
