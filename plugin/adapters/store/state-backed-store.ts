// The part of a Store that reads and changes a StoreState; subclasses decide where the state lives and how it is saved.
import { randomBytes } from 'node:crypto';
import type { AuditEntry, Json, Template, WorkRecord } from '../../core/types.ts';
import type {
  Approval,
  ChangeSet,
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
    if (!this.#state) throw new Error(`${this.constructor.name} is not open: call init() first (or it was closed)`);
    return this.#state;
  }

  protected set state(next: StoreState | undefined) {
    this.#state = next;
  }

  protected get isOpen(): boolean {
    return this.#state !== undefined;
  }

  /** Runs a change of the state and makes it durable; when it cannot, the state must end as it was. */
  protected abstract mutate<T>(change: (state: StoreState) => T): Promise<T>;

  abstract init(): Promise<void>;
  abstract close(): Promise<void>;
  abstract snapshot(label: string): Promise<SnapshotInfo>;
  abstract listSnapshots(): Promise<SnapshotInfo[]>;
  abstract restoreSnapshot(id: string): Promise<void>;

  /** Replaces the whole state with checked data, keeping who is signed in. */
  protected async replaceWith(data: unknown, what: string): Promise<void> {
    // Checked and indexed before any lock is taken: garbage is refused without touching anything.
    const next = StoreState.load(JSON.parse(JSON.stringify(data ?? null)), what);
    await this.mutate(() => {
      next.adoptSessions(this.state);
      this.state = next;
    });
  }

  async listTemplates(): Promise<Template[]> {
    return this.state.listTemplates();
  }
  async getTemplate(id: string, version?: number): Promise<Template | undefined> {
    return this.state.getTemplate(id, version);
  }
  putTemplate(template: Template): Promise<void> {
    return this.mutate((s) => s.putTemplate(template));
  }

  async listUsers(): Promise<User[]> {
    return this.state.listUsers();
  }
  async getUser(id: string): Promise<User | undefined> {
    return this.state.getUser(id);
  }
  async getUserByUsername(username: string): Promise<User | undefined> {
    return this.state.getUserByUsername(username);
  }
  putUser(user: User): Promise<void> {
    return this.mutate((s) => s.putUser(user));
  }

  putSession(session: Session): Promise<void> {
    return this.mutate((s) => s.putSession(session));
  }
  async getSession(token: string): Promise<Session | undefined> {
    return this.state.getSession(token);
  }
  deleteSession(token: string): Promise<void> {
    return this.mutate((s) => s.deleteSession(token));
  }
  deleteSessionsOf(userId: string): Promise<void> {
    return this.mutate((s) => s.deleteSessionsOf(userId));
  }

  async getRecord(id: string): Promise<WorkRecord | undefined> {
    return this.state.getRecord(id);
  }
  async findRecords(query: RecordQuery): Promise<{ items: WorkRecord[]; total: number }> {
    return this.state.findRecords(query);
  }
  async allRecords(template?: string): Promise<WorkRecord[]> {
    return this.state.allRecords(template);
  }
  async getAudit(recordId: string): Promise<AuditEntry[]> {
    return this.state.getAudit(recordId);
  }
  async counter(name: string): Promise<number> {
    return this.state.counter(name);
  }

  async stockLevels(filter?: { product?: string; warehouse?: string }): Promise<StockLevel[]> {
    return this.state.stockLevels(filter);
  }
  async stockMovements(recordId: string): Promise<StockMovement[]> {
    return this.state.stockMovements(recordId);
  }

  async notificationsFor(to: string): Promise<Notification[]> {
    return this.state.notificationsFor(to);
  }
  markNotificationsRead(to: string, ids: string[] | 'all'): Promise<void> {
    return this.mutate((s) => s.markNotificationsRead(to, ids));
  }
  async pendingOutbox(): Promise<Notification[]> {
    return this.state.pendingOutbox();
  }
  markDelivered(ids: string[]): Promise<void> {
    return this.mutate((s) => s.markDelivered(ids));
  }

  async ledgerEntries(recordId: string): Promise<LedgerEntry[]> {
    return this.state.ledgerEntries(recordId);
  }
  async allLedgerEntries(): Promise<LedgerEntry[]> {
    return this.state.allLedgerEntries();
  }
  async closedPeriods(): Promise<string[]> {
    return this.state.closedPeriods();
  }
  setPeriodClosed(period: string, closed: boolean): Promise<void> {
    return this.mutate((s) => s.setPeriodClosed(period, closed));
  }

  async getApproval(id: string): Promise<Approval | undefined> {
    return this.state.getApproval(id);
  }
  async listApprovals(filter?: { status?: Approval['status']; recordId?: string }): Promise<Approval[]> {
    return this.state.listApprovals(filter);
  }

  async getDocument(id: string): Promise<Document | undefined> {
    return this.state.getDocument(id);
  }
  async listDocuments(kind?: string): Promise<Document[]> {
    return this.state.listDocuments(kind);
  }

  commit(changes: ChangeSet): Promise<void> {
    return this.mutate((s) => s.commit(changes));
  }

  async exportAll(): Promise<Json> {
    return this.state.exportData() as unknown as Json;
  }
  importAll(data: Json): Promise<void> {
    return this.replaceWith(data, 'cannot import: not a valid store export');
  }
}
