// A Store held in memory only: for tests, demos and as the reference the other stores are compared against.
import { PluginFailure } from '../../core/errors.ts';
import type { Clock, SnapshotInfo } from '../../runtime/ports.ts';
import { applyOp, type StoreOp } from './store-ops.ts';
import { clonePieces } from './store-data.ts';
import { StoreState, type StoreData } from './store-state.ts';
import { StateBackedStore, newSnapshotId, newestFirst } from './state-backed-store.ts';

export interface MemoryStoreOptions {
  /** Times snapshots; defaults to the system clock. */
  clock?: Clock;
  /** Starting content, e.g. an export of another store; checked like an import. */
  data?: unknown;
}

export class MemoryStore extends StateBackedStore {
  private snapshots = new Map<string, { info: SnapshotInfo; data: StoreData }>();

  constructor(options: MemoryStoreOptions = {}) {
    super(options.clock);
    this.state = options.data === undefined ? StoreState.empty() : StoreState.load(clonePieces(options.data), 'MemoryStore: bad starting data');
  }

  // Kept while closed, so init() after close() reopens the same data, as a file-backed store would.
  private closedState: StoreState | undefined;

  async init(): Promise<void> {
    if (this.isOpen) return;
    this.state = this.closedState ?? StoreState.empty();
    this.closedState = undefined;
  }

  async close(): Promise<void> {
    if (this.isOpen) this.closedState = this.state;
    this.state = undefined;
  }

  // Every state change is synchronous and checks before it mutates, so there is nothing to undo.
  protected write(change: StoreOp): Promise<void> {
    applyOp(this.state, change);
    return Promise.resolve();
  }

  protected async replaceState(next: StoreState): Promise<void> {
    this.swapIn(next);
  }

  async snapshot(label: string): Promise<SnapshotInfo> {
    const at = this.clock.now();
    const info: SnapshotInfo = { id: newSnapshotId(at), at: at.toISOString(), label };
    this.snapshots.set(info.id, { info, data: this.state.exportData() });
    return { ...info };
  }

  protected async wholeSnapshots(): Promise<SnapshotInfo[]> {
    return [...this.snapshots.values()].map((s) => ({ ...s.info })).sort(newestFirst);
  }

  protected async restoreWholeSnapshot(id: string): Promise<void> {
    const snap = this.snapshots.get(id);
    if (!snap) throw new PluginFailure('snapshot_missing', `no snapshot "${id}"`);
    await this.replaceWith(snap.data, `snapshot ${id} is damaged`);
  }
}
