// The embedded Store: the state in memory, each change appended to a journal and made durable before
// anyone sees it, and lowdb's store.json as a snapshot that a background compaction rewrites.
// A commit costs what it changes (one appended line and one fsync shared by every commit waiting),
// not what the store holds.
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreUnavailable, type Clock, type SnapshotInfo, type StoreHealth } from '../../runtime/ports.ts';
import { compactInBackground } from './journal/compaction.ts';
import { LIVE_JOURNAL, loadDataDir, sealLiveJournal, writeSnapshot } from './journal/data-dir-files.ts';
import { lockDataDir, type DataDirLock } from './journal/data-dir-lock.ts';
import { JournalWriter, encodeEntry } from './journal/journal-file.ts';
import { applyOp, type StoreOp } from './store-ops.ts';
import type { StoreData, StoreState } from './store-state.ts';
import { SNAPSHOT_ID, StateBackedStore, newSnapshotId, newestFirst } from './state-backed-store.ts';

export interface JournaledStoreOptions {
  /** Folder of store.json, the journal and snapshots/; created when missing. */
  dataDir: string;
  /** Times snapshots; defaults to the system clock. */
  clock?: Clock;
  /** The live journal is sealed and folded into store.json once it grows past this (default 64 MB). */
  compactAfterBytes?: number;
  /** Told of what the store repaired or could not do in the background (a torn journal tail, a failed compaction). */
  warn?: (message: string) => void;
  /**
   * Reads the folder as it stands, beside the process that writes it (backups, exports): takes no lock,
   * repairs nothing and refuses every change.
   */
  readOnly?: boolean;
}

interface SnapshotFile extends SnapshotInfo {
  data: StoreData;
}

interface Waiting {
  change: StoreOp;
  resolve(): void;
  reject(error: unknown): void;
}

export class JournaledStore extends StateBackedStore {
  readonly dataDir: string;
  private readonly snapshotDir: string;
  private readonly compactAfterBytes: number;
  private readonly warn: (message: string) => void;
  private lock: DataDirLock | undefined;
  private journal: JournalWriter | undefined;
  private seq = 0;
  private waiting: Waiting[] = [];
  private flushScheduled = false;
  /** Set while applied changes are being made durable: readers wait for it. */
  private flushing: Promise<void> | undefined;
  private compacting: Promise<void> | undefined;
  private broken: string | undefined;
  private readonly readOnly: boolean;
  // Parsing a snapshot file only to list it is costly; their headers never change once written.
  private readonly snapshotInfo = new Map<string, SnapshotInfo>();

  constructor({ dataDir, clock, compactAfterBytes = 64 * 1024 * 1024, warn = (m) => console.warn(m), readOnly = false }: JournaledStoreOptions) {
    super(clock);
    this.dataDir = dataDir;
    this.snapshotDir = join(dataDir, 'snapshots');
    this.compactAfterBytes = compactAfterBytes;
    this.warn = warn;
    this.readOnly = readOnly;
  }

  async init(): Promise<void> {
    if (this.isOpen) return;
    if (this.readOnly) {
      // The writer may be mid-append: an incomplete last line is its business, not damage.
      this.state = (await loadDataDir(this.dataDir)).state;
      return;
    }
    await mkdir(this.dataDir, { recursive: true });
    this.lock = await lockDataDir(this.dataDir);
    let sealed = 0;
    try {
      const loaded = await loadDataDir(this.dataDir);
      sealed = loaded.sealed;
      if (loaded.damagedTail) this.warn(`store: cut off a torn journal tail (${loaded.damagedTail}); every acknowledged change before it is kept.`);
      if (!loaded.existed) await writeSnapshot(this.dataDir, loaded.state, 0);
      this.journal = await JournalWriter.open(join(this.dataDir, LIVE_JOURNAL), loaded.liveGoodBytes);
      this.seq = loaded.seq;
      this.state = loaded.state;
      this.broken = undefined;
    } catch (error) {
      await this.lock.release();
      this.lock = undefined;
      throw error;
    }
    // Journals sealed by a process that stopped before folding them in.
    if (sealed) this.compactSoon();
  }

  /** Waits for writes under way, then lets the folder go; init() opens it again from the files. */
  async close(): Promise<void> {
    while (this.flushing || this.waiting.length || this.flushScheduled) await (this.flushing ?? new Promise((r) => setImmediate(r)));
    await this.compacting?.catch(() => undefined);
    await this.journal?.close();
    this.journal = undefined;
    this.state = undefined;
    await this.lock?.release();
    this.lock = undefined;
  }

  health(): StoreHealth {
    return this.broken ? { ok: false, reason: this.broken } : { ok: true };
  }

  protected ready(): Promise<void> | void {
    if (this.broken) throw new StoreUnavailable(this.broken);
    if (this.flushing) return this.afterFlushes();
  }

  private async afterFlushes(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.broken) throw new StoreUnavailable(this.broken);
  }

  protected mutate(change: StoreOp): Promise<void> {
    if (this.readOnly) return Promise.reject(new Error(`${this.dataDir} was opened read-only; this change needs the process that writes it`));
    if (this.broken) return Promise.reject(new StoreUnavailable(this.broken));
    if (!this.isOpen) return Promise.reject(new Error('JournaledStore is not open: call init() first (or it was closed)'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ change, resolve, reject });
      this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.flushing) return;
    this.flushScheduled = true;
    // setImmediate, not a microtask: commits made in this turn share the flush, and readers woken by the
    // last flush read before the next batch is applied.
    setImmediate(() => void this.flush());
  }

  /** Applies every waiting change, appends those that went through, one fsync for all, then answers them. */
  private async flush(): Promise<void> {
    this.flushScheduled = false;
    if (this.flushing) return; // a restore or a journal switch is under way; it flushes what waits when done
    const batch = this.waiting;
    this.waiting = [];
    const applied: Waiting[] = [];
    let text = '';
    for (const item of batch) {
      try {
        applyOp(this.state, item.change);
      } catch (error) {
        item.reject(error); // refused before anything was touched
        continue;
      }
      this.seq += 1;
      text += encodeEntry({ seq: this.seq, ...item.change });
      applied.push(item);
    }
    if (!applied.length) return this.afterFlush();
    const firstSeq = this.seq - applied.length + 1;
    this.flushing = this.journal!.append(text).then(
      () => applied.forEach((a) => a.resolve()),
      async (error: unknown) => {
        await this.reloadAfterFailedWrite(firstSeq - 1, error);
        applied.forEach((a) => a.reject(error));
      },
    );
    await this.flushing;
    this.flushing = undefined;
    this.afterFlush();
  }

  private afterFlush(): void {
    if (this.waiting.length) this.scheduleFlush();
    else if (this.journal && this.journal.bytes > this.compactAfterBytes) void this.sealAndCompact();
  }

  /** Memory holds changes the disk refused: rebuild it from the files, or stop serving. */
  private async reloadAfterFailedWrite(lastDurable: number, error: unknown): Promise<void> {
    let sealed = 0;
    try {
      const loaded = await loadDataDir(this.dataDir);
      sealed = loaded.sealed;
      if (loaded.seq !== lastDurable) throw new Error(`the files hold ${loaded.seq} changes, ${lastDurable} were acknowledged`);
      this.state = loaded.state;
      this.seq = loaded.seq;
    } catch (reloadError) {
      this.broken = `a write failed (${(error as Error).message}) and the data folder could not be read back (${(reloadError as Error).message}); restart the server once ${this.dataDir} is readable`;
    }
  }

  private async sealAndCompact(): Promise<void> {
    if (this.compacting || !this.journal || this.flushing || this.waiting.length) return;
    // Sealing happens between flushes, so no append is under way on the file being renamed.
    const journal = this.journal;
    this.journal = undefined;
    this.flushing = (async () => {
      await journal.close();
      await sealLiveJournal(this.dataDir, this.seq);
      this.journal = await JournalWriter.open(join(this.dataDir, LIVE_JOURNAL), 0);
    })().catch((error: Error) => {
      this.broken = `could not start a new journal file (${error.message})`;
    });
    await this.flushing;
    this.flushing = undefined;
    this.compactSoon();
    if (this.waiting.length) this.scheduleFlush();
  }

  private compactSoon(): void {
    if (this.compacting) return;
    this.compacting = compactInBackground(this.dataDir)
      .catch((error: Error) => this.warn(`store: ${error.message}; the journal is kept and folded in later.`))
      .finally(() => {
        this.compacting = undefined;
      });
  }

  /** A restored or imported state is written as a new snapshot at once; the journal before it no longer applies. */
  protected async replaceState(next: StoreState): Promise<void> {
    await this.afterFlushes();
    await this.compacting?.catch(() => undefined);
    if (this.flushing) return this.replaceState(next);
    this.swapIn(next);
    // A journal entry would not hold a whole store; a snapshot at a later seq makes every older entry moot.
    this.seq += 1;
    let failure: unknown;
    this.flushing = writeSnapshot(this.dataDir, next, this.seq).catch(async (error: unknown) => {
      failure = error;
      await this.reloadAfterFailedWrite(this.seq - 1, error);
    });
    await this.flushing;
    this.flushing = undefined;
    this.afterFlush();
    if (failure) throw failure;
  }

  async snapshot(label: string): Promise<SnapshotInfo> {
    const state = await this.settled();
    const at = this.clock.now();
    const info: SnapshotInfo = { id: newSnapshotId(at), at: at.toISOString(), label };
    // Serialised straight from the live state, synchronously: no change can come in between.
    const file: SnapshotFile = { ...info, data: { ...state.data, sessions: [] } };
    const text = JSON.stringify(file);
    await mkdir(this.snapshotDir, { recursive: true });
    const target = join(this.snapshotDir, `${info.id}.json`);
    // Temp file and rename: a crash never leaves a half snapshot under a real id.
    await writeFile(`${target}.tmp`, text);
    await rename(`${target}.tmp`, target);
    this.snapshotInfo.set(info.id, info);
    return { ...info };
  }

  protected async wholeSnapshots(): Promise<SnapshotInfo[]> {
    let names: string[];
    try {
      names = await readdir(this.snapshotDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const list: SnapshotInfo[] = [];
    for (const name of names) {
      const id = name.endsWith('.json') ? name.slice(0, -'.json'.length) : '';
      if (!SNAPSHOT_ID.test(id)) continue;
      let info = this.snapshotInfo.get(id);
      if (!info) {
        try {
          const parsed = JSON.parse(await readFile(join(this.snapshotDir, name), 'utf8')) as Partial<SnapshotFile>;
          info = { id, at: String(parsed.at ?? ''), label: String(parsed.label ?? '') };
        } catch {
          continue; // An unreadable file cannot be restored either; it is not offered.
        }
        this.snapshotInfo.set(id, info);
      }
      list.push({ ...info });
    }
    return list.sort(newestFirst);
  }

  protected async restoreWholeSnapshot(id: string): Promise<void> {
    // The id becomes a file name: only the shape this store hands out is accepted.
    if (!SNAPSHOT_ID.test(id)) throw new Error(`no snapshot "${id}"`);
    let text: string;
    try {
      text = await readFile(join(this.snapshotDir, `${id}.json`), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`no snapshot "${id}"`);
      throw error;
    }
    let parsed: Partial<SnapshotFile>;
    try {
      parsed = JSON.parse(text) as Partial<SnapshotFile>;
    } catch {
      throw new Error(`snapshot ${id} is damaged: not JSON`);
    }
    await this.replaceWith(parsed.data, `snapshot ${id} is damaged`);
  }
}
