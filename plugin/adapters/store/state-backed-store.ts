// The part of a Store that reads and changes a StoreState; subclasses decide where the state lives and how it is saved.
import { PluginFailure } from '../../core/errors.ts';
import { randomBytes } from 'node:crypto';
import type { AuditEntry, Json, Template, WorkRecord } from '../../core/types.ts';
import type {
  Approval,
  AuditChainReport,
  AutomationTrigger,
  ChangeSet,
  IdempotentAnswer,
  Clock,
  Document,
  LedgerEntry,
  Notification,
  RecordQuery,
  Session,
  SnapshotInfo,
  StockLevel,
  StockMovement,
  Store,
  User,
} from '../../runtime/ports.ts';
import { systemClock } from '../../runtime/ports.ts';
import type { StoreOp } from './store-ops.ts';
import { clonePieces } from './store-data.ts';
import { StoreState } from './store-state.ts';


let snapshotSeq = 0;

/** A snapshot id that sorts by time (then by order taken, within one process) and is safe as a file name. */
export function newSnapshotId(at: Date): string {
  snapshotSeq += 1;
  const time = at.toISOString().replace(/[-:.]/g, '').replace('T', '-');
  return `snap-${time}-${String(snapshotSeq).padStart(6, '0')}-${randomBytes(3).toString('hex')}`;
}

export const SNAPSHOT_ID = /^snap-[0-9A-Za-z-]+$/;

/** Newest first; a snapshot taken later in the same millisecond comes first too. */
export const newestFirst = (a: SnapshotInfo, b: SnapshotInfo): number =>
  a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;

export abstract class StateBackedStore implements Store {
  #state: StoreState | undefined;
  protected readonly clock: Clock;

  constructor(clock: Clock = systemClock) {
    this.clock = clock;
  }

  protected get state(): StoreState {
    if (!this.#state) throw new PluginFailure('store_unavailable', `${this.constructor.name} is not open: call init() first (or it was closed)`);
    return this.#state;
  }

  protected set state(next: StoreState | undefined) {
    this.#state = next;
  }

  protected get isOpen(): boolean {
    return this.#state !== undefined;
  }

  /**
   * Applies a change to the state before it returns (throwing, with nothing touched, when the state refuses it)
   * and settles once the change is durable; when it cannot be made durable, the state must end as it was.
   */
  protected abstract write(change: StoreOp): Promise<void>;

  protected async mutate(change: StoreOp): Promise<void> {
    await this.write(change);
  }

  /** Applies a commit now; its durability is awaited apart, so a writer can let the next one in meanwhile. */
  async stage(changes: ChangeSet): Promise<{ durable: Promise<void> }> {
    const durable = this.write({ op: 'commit', changes: this.state.linkAudit(changes) });
    durable.catch(() => undefined); // awaited by the caller later; not an unhandled rejection meanwhile
    return { durable };
  }

  /** Puts a whole new state in place (restore, import) and makes it durable, or leaves the old one. */
  protected abstract replaceState(next: StoreState): Promise<void>;

  /** Settles when the state may be read: a store that writes later holds readers back until its changes are durable. */
  protected ready(): Promise<void> | void {}

  /** Takes `next` as the state, keeping who is signed in. */
  protected swapIn(next: StoreState): void {
    next.adoptSessions(this.state);
    this.state = next;
  }

  /** The state, once every change applied to it is durable. */
  protected async settled(): Promise<StoreState> {
    await this.ready();
    return this.state;
  }

  abstract init(): Promise<void>;
  abstract close(): Promise<void>;
  abstract snapshot(label: string): Promise<SnapshotInfo>;
  /** Copies of the whole store, wherever this store keeps them. */
  protected abstract wholeSnapshots(): Promise<SnapshotInfo[]>;
  protected abstract restoreWholeSnapshot(id: string): Promise<void>;

  async listSnapshots(): Promise<SnapshotInfo[]> {
    const backups = (await this.settled()).listBackups();
    return [...(await this.wholeSnapshots()), ...backups].sort(newestFirst);
  }

  async restoreSnapshot(id: string): Promise<void> {
    const state = await this.settled();
    if (!state.hasBackup(id)) return this.restoreWholeSnapshot(id);
    await this.commit(state.restoreBackupChanges(id, this.clock.now().toISOString()));
  }

  /** Replaces the whole state with checked data, keeping who is signed in. */
  protected async replaceWith(data: unknown, what: string): Promise<void> {
    // Checked and indexed before any lock is taken: garbage is refused without touching anything.
    const next = StoreState.load(clonePieces(data ?? null), what);
    await this.replaceState(next);
  }

  async listTemplates(): Promise<Template[]> {
    return (await this.settled()).listTemplates();
  }
  async getTemplate(id: string, version?: number): Promise<Template | undefined> {
    return (await this.settled()).getTemplate(id, version);
  }
  putTemplate(template: Template): Promise<void> {
    return this.mutate({ op: 'putTemplate', template });
  }

  async listUsers(): Promise<User[]> {
    return (await this.settled()).listUsers();
  }
  async getUser(id: string): Promise<User | undefined> {
    return (await this.settled()).getUser(id);
  }
  async getUserByUsername(username: string): Promise<User | undefined> {
    return (await this.settled()).getUserByUsername(username);
  }
  putUser(user: User): Promise<void> {
    return this.mutate({ op: 'putUser', user });
  }

  putSession(session: Session): Promise<void> {
    return this.mutate({ op: 'putSession', session });
  }
  async getSession(token: string): Promise<Session | undefined> {
    return (await this.settled()).getSession(token);
  }
  deleteSession(token: string): Promise<void> {
    return this.mutate({ op: 'deleteSession', token });
  }
  deleteSessionsOf(userId: string): Promise<void> {
    return this.mutate({ op: 'deleteSessionsOf', userId });
  }
  purgeSessions(now: string): Promise<void> {
    return this.mutate({ op: 'purgeSessions', now });
  }

  async getRecord(id: string): Promise<WorkRecord | undefined> {
    return (await this.settled()).getRecord(id);
  }
  async findRecords(query: RecordQuery): Promise<{ items: WorkRecord[]; total: number }> {
    return (await this.settled()).findRecords(query);
  }
  async allRecords(template?: string): Promise<WorkRecord[]> {
    return (await this.settled()).allRecords(template);
  }
  async getAudit(recordId: string): Promise<AuditEntry[]> {
    return (await this.settled()).getAudit(recordId);
  }
  async counter(name: string): Promise<number> {
    return (await this.settled()).counter(name);
  }

  async stockLevels(filter?: { product?: string; warehouse?: string }): Promise<StockLevel[]> {
    return (await this.settled()).stockLevels(filter);
  }
  async stockMovements(recordId: string): Promise<StockMovement[]> {
    return (await this.settled()).stockMovements(recordId);
  }

  async notificationsFor(to: string): Promise<Notification[]> {
    return (await this.settled()).notificationsFor(to);
  }
  markNotificationsRead(to: string, ids: string[] | 'all'): Promise<void> {
    return this.mutate({ op: 'markNotificationsRead', to, ids });
  }
  async pendingOutbox(): Promise<Notification[]> {
    return (await this.settled()).pendingOutbox();
  }
  markDelivered(ids: string[]): Promise<void> {
    return this.mutate({ op: 'markDelivered', ids });
  }

  async ledgerEntries(recordId: string): Promise<LedgerEntry[]> {
    return (await this.settled()).ledgerEntries(recordId);
  }
  async allLedgerEntries(): Promise<LedgerEntry[]> {
    return (await this.settled()).allLedgerEntries();
  }
  async closedPeriods(): Promise<string[]> {
    return (await this.settled()).closedPeriods();
  }
  setPeriodClosed(period: string, closed: boolean): Promise<void> {
    return this.mutate({ op: 'setPeriodClosed', period, closed });
  }

  async getApproval(id: string): Promise<Approval | undefined> {
    return (await this.settled()).getApproval(id);
  }
  async listApprovals(filter?: { status?: Approval['status']; recordId?: string }): Promise<Approval[]> {
    return (await this.settled()).listApprovals(filter);
  }

  async getAnswer(key: string): Promise<IdempotentAnswer | undefined> {
    return (await this.settled()).getAnswer(key);
  }

  async pendingTriggers(): Promise<AutomationTrigger[]> {
    return (await this.settled()).pendingTriggers();
  }

  async getDocument(id: string): Promise<Document | undefined> {
    return (await this.settled()).getDocument(id);
  }
  async listDocuments(kind?: string): Promise<Document[]> {
    return (await this.settled()).listDocuments(kind);
  }

  // Linked and applied in the same turn: no other commit can take the chain's head in between.
  async commit(changes: ChangeSet): Promise<void> {
    await this.mutate({ op: 'commit', changes: this.state.linkAudit(changes) });
  }

  async verifyAudit(): Promise<AuditChainReport> {
    const started = performance.now();
    const report = (await this.settled()).verifyAuditChain();
    // Always whole: the data file may have been edited anywhere while the store was closed.
    return { ...report, tookMs: Math.round(performance.now() - started), from: 0 };
  }

  async exportAll(): Promise<Json> {
    return (await this.settled()).exportData() as unknown as Json;
  }
  importAll(data: Json): Promise<void> {
    return this.replaceWith(data, 'cannot import: not a valid store export');
  }
}
