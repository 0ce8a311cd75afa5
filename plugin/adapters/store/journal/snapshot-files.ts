// Whole-store snapshots as files in snapshots/ (taken before `cli restore` replaces the store): one JSON file
// each, written beside its name and renamed into place so that a crash never leaves half a snapshot.
import { PluginFailure } from '../../../core/errors.ts';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SnapshotInfo } from '../../../runtime/ports.ts';
import { SNAPSHOT_ID, newSnapshotId, newestFirst } from '../state-backed-store.ts';
import type { StoreData, StoreState } from '../store-state.ts';

interface SnapshotFile extends SnapshotInfo {
  data: StoreData;
}

export class SnapshotFiles {
  // Parsing a snapshot file only to list it is costly; their headers never change once written.
  private readonly known = new Map<string, SnapshotInfo>();

  constructor(private readonly dir: string) {}

  async take(state: StoreState, label: string, at: Date): Promise<SnapshotInfo> {
    const info: SnapshotInfo = { id: newSnapshotId(at), at: at.toISOString(), label };
    // Serialised straight from the live state, synchronously: no change can come in between. Sessions stay out.
    const text = JSON.stringify({ ...info, data: { ...state.data, sessions: [] } } satisfies SnapshotFile);
    await mkdir(this.dir, { recursive: true });
    const target = join(this.dir, `${info.id}.json`);
    await writeFile(`${target}.tmp`, text);
    await rename(`${target}.tmp`, target);
    this.known.set(info.id, info);
    return { ...info };
  }

  async list(): Promise<SnapshotInfo[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const list: SnapshotInfo[] = [];
    for (const name of names) {
      const id = name.endsWith('.json') ? name.slice(0, -'.json'.length) : '';
      if (!SNAPSHOT_ID.test(id)) continue;
      let info = this.known.get(id);
      if (!info) {
        try {
          const parsed = JSON.parse(await readFile(join(this.dir, name), 'utf8')) as Partial<SnapshotFile>;
          info = { id, at: String(parsed.at ?? ''), label: String(parsed.label ?? '') };
        } catch {
          continue; // An unreadable file cannot be restored either; it is not offered.
        }
        this.known.set(id, info);
      }
      list.push({ ...info });
    }
    return list.sort(newestFirst);
  }

  /** The data a snapshot holds, unchecked (the store checks it as it would an import). */
  async read(id: string): Promise<unknown> {
    // The id becomes a file name: only the shape this store hands out is accepted.
    if (!SNAPSHOT_ID.test(id)) throw new PluginFailure('snapshot_missing', `no snapshot "${id}"`);
    let text: string;
    try {
      text = await readFile(join(this.dir, `${id}.json`), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new PluginFailure('snapshot_missing', `no snapshot "${id}"`);
      throw error;
    }
    try {
      return (JSON.parse(text) as Partial<SnapshotFile>).data;
    } catch {
      throw new PluginFailure('store_damaged', `snapshot ${id} is damaged: not JSON`);
    }
  }
}
