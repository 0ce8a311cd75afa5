// The embedded Store: the state in memory, each change appended to a journal and made durable before
// anyone sees it, and lowdb's store.json as a snapshot that a background compaction rewrites.
// A commit costs what it changes (one appended line and one fsync shared by every commit waiting),
// not what the store holds.
import { PluginFailure } from '../../core/errors.ts';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreFull, StoreUnavailable, writerScope, type AuditChainReport, type AuditHead, type Clock, type SnapshotInfo, type StoreHealth } from '../../runtime/ports.ts';
import { compactInBackground } from './journal/compaction.ts';
import { LIVE_JOURNAL, loadDataDir, readCheckpoint, sealLiveJournal, storeFileBytes, writeCheckpoint, writeSnapshot, type SnapshotMark } from './journal/data-dir-files.ts';
import { lockDataDir, type DataDirLock } from './journal/data-dir-lock.ts';
import { JournalWriter, encodeEntry } from './journal/journal-file.ts';
import { applyOp, type StoreOp } from './store-ops.ts';
import { SnapshotFiles } from './journal/snapshot-files.ts';
import type { StoreState } from './store-state.ts';
import { StateBackedStore } from './state-backed-store.ts';

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
   * The most the data folder's store files (store.json and the journals) may hold, in bytes (default 1 GiB): a
   * change that would pass it is refused whole (StoreFull). Sign-ins and read marks are let through, so that
   * people can still sign in and an administrator can act.
   */
  maxBytes?: number;
  /**
   * Reads the folder as it stands, beside the process that writes it (backups, exports): takes no lock,
   * repairs nothing and refuses every change.
   */
  readOnly?: boolean;
}

/** A change applied to memory, waiting for its line to reach the disk. */
interface Pending {
  line: string;
  bytes: number;
  seq: number;
  resolve(): void;
  reject(error: unknown): void;
}

/** 1 GiB: the state is held in memory as well, at some three times its size on disk. */
export const DEFAULT_MAX_BYTES = 1024 * 1024 * 1024;

/** Changes that add what people keep (records, templates, users); the others stay small and keep the server usable. */
const GROWS = new Set<StoreOp['op']>(['commit', 'putTemplate', 'putUser', 'setPeriodClosed']);

export class JournaledStore extends StateBackedStore {
  readonly dataDir: string;
  private readonly compactAfterBytes: number;
  private readonly warn: (message: string) => void;
  private lock: DataDirLock | undefined;
  private journal: JournalWriter | undefined;
  /** The last change applied to memory, and the last one on the disk. */
  private seq = 0;
  private durableSeq = 0;
  /** The last change readers must not see before it is durable (see `ready`). */
  private visibleSeq = 0;
  private durableWaiters: { seq: number; resolve(): void }[] = [];
  private unwritten: Pending[] = [];
  private writeScheduled = false;
  /** The disk operation under way (an append, a journal switch, a whole snapshot): one at a time. */
  private writing: Promise<void> | undefined;
  private recovering = false;
  private compacting: Promise<void> | undefined;
  private broken: string | undefined;
  private readonly readOnly: boolean;
  private readonly snapshots: SnapshotFiles;
  readonly maxBytes: number;
  /** Bytes of store.json and the sealed journals, as last measured; the live journal and lines not yet written add to it. */
  private baseBytes = 0;
  private pendingBytes = 0;
  /** store.json as this process read it at start (see verifyAudit). */
  private loadedSnapshot: SnapshotMark | undefined;

  constructor({ dataDir, clock, compactAfterBytes = 64 * 1024 * 1024, warn = (m) => console.warn(m), readOnly = false, maxBytes = DEFAULT_MAX_BYTES }: JournaledStoreOptions) {
    super(clock);
    this.maxBytes = maxBytes;
    this.dataDir = dataDir;
    this.snapshots = new SnapshotFiles(join(dataDir, 'snapshots'));
    this.compactAfterBytes = compactAfterBytes;
    this.warn = warn;
    this.readOnly = readOnly;
  }

  async init(): Promise<void> {
    if (this.isOpen) return;
    if (this.readOnly) {
      // The writer may be mid-append: an incomplete last line is its business, not damage.
      const loaded = await loadDataDir(this.dataDir);
      this.state = loaded.state;
      this.loadedSnapshot = loaded.snapshot;
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
      this.durableSeq = loaded.seq;
      this.visibleSeq = loaded.seq;
      this.state = loaded.state;
      this.loadedSnapshot = loaded.snapshot;
      this.broken = undefined;
      this.baseBytes = await storeFileBytes(this.dataDir);
      this.pendingBytes = 0;
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
    while (this.writing || this.unwritten.length) await (this.writing?.catch(() => undefined) ?? new Promise((r) => setImmediate(r)));
    await this.compacting?.catch(() => undefined);
    await this.journal?.close();
    this.journal = undefined;
    this.state = undefined;
    await this.lock?.release();
    this.lock = undefined;
  }

  health(): StoreHealth {
    const size = this.size();
    return this.broken ? { ok: false, reason: this.broken, size } : { ok: true, size };
  }

  /** What the data folder's store files hold, with what is on its way to the disk. */
  size(): { bytes: number; limitBytes: number } {
    return { bytes: this.baseBytes + (this.journal?.bytes ?? 0) + this.pendingBytes, limitBytes: this.maxBytes };
  }

  /** Measures store.json and the sealed journals again (after a compaction or a new snapshot changed them). */
  private async measure(): Promise<void> {
    this.baseBytes = await storeFileBytes(this.dataDir).catch(() => this.baseBytes);
  }

  /**
   * Readers see a change only once it is on the disk: they wait for what was applied before they came.
   * The runtime's writer is the exception: what it commits is journaled after what it read, and it answers
   * only once its own change is durable, so reading applied changes early loses nothing.
   */
  protected ready(): Promise<void> | void {
    if (this.broken) throw new StoreUnavailable(this.broken);
    if (this.durableSeq >= this.visibleSeq || writerScope.getStore()) return;
    return this.untilDurable(this.visibleSeq);
  }

  private async untilDurable(seq: number): Promise<void> {
    await new Promise<void>((resolve) => this.durableWaiters.push({ seq, resolve }));
    if (this.broken) throw new StoreUnavailable(this.broken);
  }

  private markDurable(seq: number): void {
    this.durableSeq = seq;
    const waiting = this.durableWaiters;
    this.durableWaiters = waiting.filter((w) => w.seq > seq);
    for (const w of waiting) if (w.seq <= seq) w.resolve();
  }

  /** Applies the change now (throwing, with nothing touched, when it is refused); settles once it is on the disk. */
  protected write(change: StoreOp): Promise<void> {
    if (this.readOnly) throw new PluginFailure('store_unavailable', `${this.dataDir} was opened read-only; this change needs the process that writes it`);
    if (this.broken) throw new StoreUnavailable(this.broken);
    if (this.recovering) throw new StoreUnavailable('a write failed a moment ago and the store is being read back from the disk; try again');
    // Encoded before it is applied: a change that would pass the ceiling is refused with nothing touched.
    const line = encodeEntry({ seq: this.seq + 1, ...change });
    const bytes = Buffer.byteLength(line);
    if (GROWS.has(change.op)) {
      const size = this.size();
      if (size.bytes + bytes > size.limitBytes) throw new StoreFull(size, bytes);
    }
    applyOp(this.state, change);
    this.seq += 1;
    this.pendingBytes += bytes;
    // A delivery mark lost in a crash only means the message goes out again, which the outbox allows:
    // readers need not wait for it (they would, after every action that tells a customer).
    if (change.op !== 'markDelivered') this.visibleSeq = this.seq;
    const seq = this.seq;
    return new Promise((resolve, reject) => {
      this.unwritten.push({ line, bytes, seq, resolve, reject });
      this.writeSoon();
    });
  }

  private writeSoon(): void {
    if (this.writing || this.writeScheduled) return;
    this.writeScheduled = true;
    // A microtask: changes applied in this same turn go out in the same write.
    queueMicrotask(() => {
      this.writeScheduled = false;
      void this.writeOut();
    });
  }

  /** Appends every change applied so far in one write, flushed once; those applied meanwhile go in the next. */
  private async writeOut(): Promise<void> {
    if (this.writing || !this.unwritten.length || !this.journal) return;
    const batch = this.unwritten;
    this.unwritten = [];
    const lastSeq = batch[batch.length - 1].seq;
    const failed = await this.onDisk(this.journal.append(batch.map((p) => p.line).join('')), batch[0].seq - 1, batch);
    if (failed) return; // every change of the batch has been told
    for (const p of batch) this.pendingBytes -= p.bytes; // the journal counts them now
    this.markDurable(lastSeq);
    for (const p of batch) p.resolve();
    this.afterWrite();
  }

  /**
   * Runs one disk operation at a time. When it fails, every change applied but not yet written fails with
   * it, memory is read back from the disk as it was after change `lastGood`, and the error is handed back.
   */
  private async onDisk(operation: Promise<void>, lastGood: number, failing: Pending[] = []): Promise<unknown> {
    this.writing = operation;
    try {
      await operation;
      return undefined;
    } catch (error) {
      this.recovering = true;
      const lost = [...failing, ...this.unwritten];
      this.unwritten = [];
      this.pendingBytes = 0;
      await this.reloadAfterFailedWrite(lastGood, error);
      this.recovering = false;
      for (const p of lost) p.reject(error);
      this.markDurable(Number.MAX_SAFE_INTEGER); // memory is what the disk holds: readers go on (or hear it is broken)
      this.durableSeq = this.seq;
      this.visibleSeq = this.seq;
      return error;
    } finally {
      this.writing = undefined;
    }
  }

  private afterWrite(): void {
    if (this.unwritten.length) this.writeSoon();
    else if (this.journal && this.journal.bytes > this.compactAfterBytes) void this.sealAndCompact();
  }

  /** Memory holds changes the disk refused: rebuild it from the files, or stop serving. */
  private async reloadAfterFailedWrite(lastDurable: number, error: unknown): Promise<void> {
    try {
      const loaded = await loadDataDir(this.dataDir);
      if (loaded.seq !== lastDurable) throw new PluginFailure('store_damaged', `the files hold ${loaded.seq} changes, ${lastDurable} were acknowledged`);
      this.state = loaded.state;
      this.seq = loaded.seq;
    } catch (reloadError) {
      this.broken = `a write failed (${(error as Error).message}) and the data folder could not be read back (${(reloadError as Error).message}); restart the server once ${this.dataDir} is readable`;
    }
  }

  private async sealAndCompact(): Promise<void> {
    if (this.compacting || !this.journal || this.writing || this.unwritten.length) return;
    // Sealing happens between writes, so no append is under way on the file being renamed.
    const journal = this.journal;
    const seq = this.seq;
    this.journal = undefined;
    const sealing = (async () => {
      await journal.close();
      await sealLiveJournal(this.dataDir, seq);
      this.journal = await JournalWriter.open(join(this.dataDir, LIVE_JOURNAL), 0);
    })();
    const sealedBytes = journal.bytes;
    const failed = await this.onDisk(sealing, seq);
    if (failed) {
      this.broken ??= `could not start a new journal file (${(failed as Error).message})`;
      return;
    }
    this.baseBytes += sealedBytes; // the live journal's bytes now sit in a sealed file
    this.compactSoon();
    this.afterWrite();
  }

  private compactSoon(): void {
    if (this.compacting) return;
    this.compacting = compactInBackground(this.dataDir)
      .catch((error: Error) => this.warn(`store: ${error.message}; the journal is kept and folded in later.`))
      .then(() => this.measure())
      .finally(() => {
        this.compacting = undefined;
      });
  }

  /** A restored or imported state is written as a new snapshot at once; the journal before it no longer applies. */
  protected async replaceState(next: StoreState): Promise<void> {
    while (this.writing || this.unwritten.length || this.compacting)
      await (this.writing?.catch(() => undefined) ?? this.compacting ?? new Promise((r) => setImmediate(r)));
    this.swapIn(next);
    // A journal entry would not hold a whole store; a snapshot at a later seq makes every older entry moot.
    this.seq += 1;
    const seq = this.seq;
    this.visibleSeq = seq;
    const failed = await this.onDisk(writeSnapshot(this.dataDir, next, seq), seq - 1);
    if (failed) throw failed;
    await this.measure();
    this.markDurable(seq);
    this.afterWrite();
  }

  /**
   * With `sinceCheckpoint` (the server's start): when store.json is byte for byte the one a whole walk passed
   * (its SHA-256, taken as it was read, is the one noted in audit-checked.json), only the entries after those it
   * held are walked; otherwise, and for `audit verify`, the whole chain. A whole walk that holds notes store.json.
   */
  async verifyAudit({ sinceCheckpoint = false } = {}): Promise<AuditChainReport> {
    const started = performance.now();
    const state = await this.settled();
    const mark = this.loadedSnapshot;
    let from: AuditHead | undefined;
    if (sinceCheckpoint && mark) {
      const noted = await readCheckpoint(this.dataDir);
      if (noted?.digest === mark.digest && noted.seq <= mark.auditHead.seq) from = { seq: noted.seq, hash: noted.hash };
    }
    const result = state.verifyAuditChain(from);
    if (result.ok && !from && mark && !this.readOnly) await writeCheckpoint(this.dataDir, { digest: mark.digest, ...mark.auditHead }).catch(() => undefined);
    return { ...result, tookMs: Math.round(performance.now() - started), from: from?.seq ?? 0 };
  }

  async snapshot(label: string): Promise<SnapshotInfo> {
    return this.snapshots.take(await this.settled(), label, this.clock.now());
  }

  protected wholeSnapshots(): Promise<SnapshotInfo[]> {
    return this.snapshots.list();
  }

  protected async restoreWholeSnapshot(id: string): Promise<void> {
    await this.replaceWith(await this.snapshots.read(id), `snapshot ${id} is damaged`);
  }
}
