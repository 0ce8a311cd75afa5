// The embedded Store: the whole state in one JSON file (<dataDir>/store.json), rewritten on every change.
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Clock, SnapshotInfo } from '../../runtime/ports.ts';
import { StoreState, emptyStoreData, type StoreData } from './store-state.ts';
import { SNAPSHOT_ID, StateBackedStore, newSnapshotId, newestFirst } from './state-backed-store.ts';

export interface LowdbStoreOptions {
  /** Folder of store.json and snapshots/; created when missing. */
  dataDir: string;
  /** Times snapshots; defaults to the system clock. */
  clock?: Clock;
}

interface SnapshotFile extends SnapshotInfo {
  data: StoreData;
}

/** Runs tasks one after another, so two commits never interleave their apply and write. */
class Queue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

export class LowdbStore extends StateBackedStore {
  readonly dataDir: string;
  readonly file: string;
  private readonly snapshotDir: string;
  private readonly db: Low<StoreData>;
  private readonly queue = new Queue();
  // Parsing a snapshot file only to list it is costly; their headers never change once written.
  private readonly snapshotInfo = new Map<string, SnapshotInfo>();

  constructor({ dataDir, clock }: LowdbStoreOptions) {
    super(clock);
    this.dataDir = dataDir;
    this.file = join(dataDir, 'store.json');
    this.snapshotDir = join(dataDir, 'snapshots');
    // Not JSONFilePreset: it silently keeps data in memory when NODE_ENV=test.
    this.db = new Low<StoreData>(new JSONFile<StoreData>(this.file), emptyStoreData());
  }

  async init(): Promise<void> {
    if (this.isOpen) return;
    await mkdir(this.dataDir, { recursive: true });
    const existed = await this.load();
    if (!existed) await this.db.write();
  }

  /** Waits for writes under way, then lets go of the state; init() opens it again from the file. */
  async close(): Promise<void> {
    await this.queue.run(async () => {
      this.state = undefined;
    });
  }

  /** Reads the file into a fresh state; false when there is no file yet. */
  private async load(): Promise<boolean> {
    this.db.data = null as unknown as StoreData;
    try {
      await this.db.read();
    } catch (error) {
      if (error instanceof SyntaxError) throw new Error(`${this.file} is not valid JSON: ${error.message}`);
      throw error;
    }
    const existed = this.db.data !== null;
    this.state = existed ? StoreState.load(this.db.data, `${this.file} is not a valid store file`) : StoreState.empty();
    this.db.data = this.state.data;
    return existed;
  }

  protected mutate<T>(change: (state: StoreState) => T): Promise<T> {
    return this.queue.run(async () => {
      // A refused change throws before it mutates anything, so there is nothing to undo here.
      const result = change(this.state);
      this.db.data = this.state.data;
      try {
        await this.db.write();
      } catch (error) {
        // The file still holds the last good state: take it back so memory matches the disk.
        try {
          await this.load();
        } catch {
          // Memory holds a change the disk refused and cannot be reset: stop serving it.
          this.state = undefined;
        }
        throw error;
      }
      return result;
    });
  }

  async snapshot(label: string): Promise<SnapshotInfo> {
    // Queued so the snapshot sees a state that is on disk, not one mid-write.
    return this.queue.run(async () => {
      const at = this.clock.now();
      const info: SnapshotInfo = { id: newSnapshotId(at), at: at.toISOString(), label };
      // Serialised straight from the live state (no copy first); sessions stay out as in every export.
      const file: SnapshotFile = { ...info, data: { ...this.state.data, sessions: [] } };
      await mkdir(this.snapshotDir, { recursive: true });
      const target = join(this.snapshotDir, `${info.id}.json`);
      // Temp file and rename: a crash never leaves a half snapshot under a real id.
      await writeFile(`${target}.tmp`, JSON.stringify(file));
      await rename(`${target}.tmp`, target);
      this.snapshotInfo.set(info.id, info);
      return { ...info };
    });
  }

  async listSnapshots(): Promise<SnapshotInfo[]> {
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

  async restoreSnapshot(id: string): Promise<void> {
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
