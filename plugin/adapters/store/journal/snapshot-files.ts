// Whole-store snapshots as files in snapshots/ (taken before `cli restore` replaces the store): one JSON file
// each, written beside its name and renamed into place so that a crash never leaves half a snapshot.
import { PluginFailure } from '../../../core/errors.ts';
import { mkdir, open, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SnapshotInfo } from '../../../runtime/ports.ts';
import { SNAPSHOT_ID, newSnapshotId, newestFirst } from '../state-backed-store.ts';
import type { StoreData, StoreState } from '../store-state.ts';
import { readJsonFile, writeJsonLines } from './snapshot-file.ts';

/** Written before 2026-12: the header and the data as one JSON value. */
interface SnapshotFile extends SnapshotInfo {
  data: StoreData;
}

/** Now: the store's data laid out as store.json is (a line an item), with the header in its first line. */
type SnapshotLines = { snapshot: SnapshotInfo } & Record<string, unknown>;

/** The header of a snapshot file, read from its first bytes (the whole file only for the older layout). */
async function readHeader(file: string): Promise<SnapshotInfo | undefined> {
  const handle = await open(file, 'r');
  let head: string;
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.toString('utf8', 0, bytesRead);
  } finally {
    await handle.close();
  }
  const [first, second] = head.split('\n');
  if (first === '{' && second?.startsWith('"snapshot":')) {
    const header = JSON.parse(second.slice('"snapshot":'.length).replace(/,$/, '')) as SnapshotInfo;
    return { id: String(header.id), at: String(header.at ?? ''), label: String(header.label ?? '') };
  }
  const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<SnapshotFile>;
  return { id: String(parsed.id ?? ''), at: String(parsed.at ?? ''), label: String(parsed.label ?? '') };
}

export class SnapshotFiles {
  // Parsing a snapshot file only to list it is costly; their headers never change once written.
  private readonly known = new Map<string, SnapshotInfo>();

  constructor(private readonly dir: string) {}

  async take(state: StoreState, label: string, at: Date): Promise<SnapshotInfo> {
    const info: SnapshotInfo = { id: newSnapshotId(at), at: at.toISOString(), label };
    // Laid out from the live state in one synchronous pass (no change can come in between), a line an item:
    // no single string of the whole store is built. Sessions stay out.
    await mkdir(this.dir, { recursive: true });
    await writeJsonLines(join(this.dir, `${info.id}.json`), { snapshot: info, ...state.data, sessions: [] } satisfies SnapshotLines);
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
          info = { ...(await readHeader(join(this.dir, name)))!, id };
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
    let value: unknown;
    try {
      value = await readJsonFile(join(this.dir, `${id}.json`));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new PluginFailure('snapshot_missing', `no snapshot "${id}"`);
      if (error instanceof SyntaxError) throw new PluginFailure('store_damaged', `snapshot ${id} is damaged: not JSON`);
      throw error;
    }
    if (typeof value !== 'object' || value === null) return value;
    if ('snapshot' in value) {
      const { snapshot: _header, ...data } = value as SnapshotLines;
      return data;
    }
    return (value as Partial<SnapshotFile>).data;
  }
}
