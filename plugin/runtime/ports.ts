// The ports the runtime shell talks through. Adapters implement them; the core never sees them.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor, AuditEntry, FieldChange, Json, JsonObject, Labels, Template, Visibility, WorkRecord } from '../core/types.ts';

export interface User extends Actor {
  username: string;
  /** scrypt hash: "scrypt$<salt hex>$<key hex>". */
  passwordHash: string;
  disabled?: boolean;
  email?: string;
}

export interface Session {
  /** The SHA-256 (hex) of the token handed to the person: a copy of the store signs nobody in. */
  token: string;
  userId: string;
  expiresAt: string;
}

/** One movement of goods. `reserved` and `onHand` are the two buckets; available = onHand - reserved. */
export interface StockMovement {
  id: string;
  recordId?: string;
  product: string;
  warehouse: string;
  /** Signed change of goods on hand (shipping out is negative). */
  onHand: number;
  /** Signed change of goods reserved for orders. */
  reserved: number;
  at: string;
  note?: string;
}

export interface StockLevel {
  product: string;
  warehouse: string;
  onHand: number;
  reserved: number;
}

export interface Notification {
  id: string;
  /** A user id, or an outside address ('contact:...') delivered through the notifier. */
  to: string;
  recordId?: string;
  kind: string;
  title: string;
  body?: string;
  titles?: Labels;
  bodies?: Labels;
  at: string;
  read: boolean;
  /** Outside deliveries wait in the outbox until the notifier confirms them. */
  delivered?: boolean;
}

/** A ledger entry is never edited or deleted: a reversal is a counter-entry that names it. */
export interface LedgerEntry {
  id: string;
  recordId: string;
  account: string;
  amount: number;
  /** Accounting period, "YYYY-MM". */
  period: string;
  at: string;
  reverses?: string;
  /** Entries matched together (a write-off links receipts to a receivable). */
  matches?: string[];
  documentId?: string;
  memo?: string;
}

export interface Approval {
  id: string;
  recordId: string;
  action: string;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  requestedBy: string;
  requestedAt: string;
  /** The command as asked, carried out on approval. */
  command: JsonObject;
  recordVersion: number;
  /** Set when an approver hands the request to one person. */
  assignee?: string;
  decidedBy?: string;
  decidedAt?: string;
  comment?: string;
  history: { at: string; by: string; what: string; comment?: string }[];
}

/** A document grouping records (e.g. a settlement covering several orders). */
export interface Document {
  id: string;
  number: string;
  kind: string;
  recordIds: string[];
  status: string;
  createdAt: string;
  createdBy: string;
  data?: JsonObject;
}

/** A record's ledger entries and stock movements, oldest first: what deciding its actions reads. */
export interface RecordTrail {
  ledger: LedgerEntry[];
  stock: StockMovement[];
}

/** A record and what an action on it nearly always reads next. */
export interface RecordWithTrail extends RecordTrail {
  record: WorkRecord;
}

export interface RecordQuery {
  template?: string;
  /** Matches the number or the customer, case-insensitively. */
  q?: string;
  status?: string[];
  excludeStatus?: string[];
  from?: string;
  to?: string;
  handler?: string;
  department?: string;
  /** Only records this person worked on (acted on or approved; see core/worked-by.ts). */
  processedBy?: string;
  /** Who is looking, and so which records they may be shown. */
  visibility: Visibility;
  sort?: { field: 'number' | 'createdAt' | 'updatedAt' | 'status' | 'amount' | 'customer'; dir: 'asc' | 'desc' };
  page: number;
  pageSize: number;
}

/**
 * Something that sets off automations, committed with the change that caused it and kept until they have run:
 * a process that dies in between runs them when it starts again.
 */
export interface AutomationTrigger {
  id: string;
  recordId: string;
  event: 'action.done' | 'record.created' | 'record.updated';
  action?: string;
  changes?: FieldChange[];
  /** How deep in a chain of automations the change that caused it was. */
  depth: number;
  at: string;
}

/** The answer given to a request sent with an Idempotency-Key, kept so a retry gets it again instead of a second change. */
export interface IdempotentAnswer {
  /** The caller and their key. */
  key: string;
  /** Hash of the request (method, path, body): the same key with another request is refused. */
  fingerprint: string;
  status: number;
  contentType: string;
  body: string;
  at: string;
}

/** Names the backup a change set is taken under: the store keeps, under it, what the change overwrites. */
export interface BackupTag {
  id: string;
  label: string;
  at: string;
  /** The action it is taken before, for people to read by its label. */
  action?: string;
}

/** Everything one command changes, committed together or not at all. */
export interface ChangeSet {
  /** Records put, each only if the stored version still equals `expectVersion` (absent = must be new). */
  records?: { record: WorkRecord; expectVersion?: number }[];
  audit?: AuditEntry[];
  stock?: StockMovement[];
  notifications?: Notification[];
  ledger?: LedgerEntry[];
  approvals?: Approval[];
  documents?: Document[];
  /** Next value of named counters (record numbers); a counter only moves up (else CounterConflict). */
  counters?: Record<string, number>;
  /** Automations to run once this is committed. */
  triggers?: AutomationTrigger[];
  /** Triggers whose automations have run. */
  triggersDone?: string[];
  /** Answers to remember; those a day older than the newest are forgotten. */
  answers?: IdempotentAnswer[];
  /** Keep what this change overwrites under that backup, so that it can be restored (major operations). */
  backup?: BackupTag;
  /** Backups restored by this change: they are not offered again. */
  backupsRestored?: string[];
}

export class VersionConflict extends Error {
  readonly recordId: string;
  constructor(recordId: string) {
    super(`record ${recordId} was changed by someone else`);
    this.recordId = recordId;
  }
}

/**
 * A record number was issued meanwhile by another writer (another process on the same database): the counter
 * already stands at or past the value committed. Nothing was applied; the command is planned again.
 */
export class CounterConflict extends Error {
  readonly counter: string;
  constructor(counter: string) {
    super(`counter ${counter} moved on: the number was issued by another writer`);
    this.name = 'CounterConflict';
    this.counter = counter;
  }
}

/** The store's memory can no longer be trusted to match its data; nothing is served until it is restarted. */
export class StoreUnavailable extends Error {
  constructor(reason: string) {
    super(`the store is unavailable: ${reason}`);
    this.name = 'StoreUnavailable';
  }
}

export interface SnapshotInfo {
  id: string;
  at: string;
  label: string;
  /** Set on the backup of one operation: the numbers of the records it covers (a whole-store snapshot has none). */
  records?: string[];
  /** Set on the backup of one operation: the action it was taken before. */
  action?: string;
}

/** Where the audit chain ends: the position and hash of its last entry (0 and the genesis hash when empty). */
export interface AuditHead {
  seq: number;
  hash: string;
}

/** The first place where the audit chain does not hold, and what is wrong there. */
export interface AuditChainBreak {
  /** The position in the chain where it breaks. */
  seq: number;
  /** The entry found there, when there is one (a deleted tail leaves none). */
  id?: string;
  recordId?: string;
  at?: string;
  problem: 'changed' | 'missing' | 'reordered' | 'unchained';
  /** What is wrong, in English, for logs and the command line. */
  detail: string;
}

/** What a walk of the chain found: `count` entries held before the break, if any. */
export type AuditChainResult = { ok: true; count: number; head: AuditHead } | { ok: false; count: number; broken: AuditChainBreak };

/** `from`: the position the walk started after (0 for the whole chain; see `verifyAudit`'s `sinceCheckpoint`). */
export type AuditChainReport = AuditChainResult & { tookMs: number; from: number };

/** How much a store holds on its disk, and the most it may (a store without a ceiling gives none). */
export interface StoreSize {
  bytes: number;
  limitBytes?: number;
}

/** Whether a store's memory can be trusted to match what it keeps; a store that cannot says why. */
export type StoreHealth = ({ ok: true } | { ok: false; reason: string }) & { size?: StoreSize };

/** A change would take the store past its size ceiling: nothing of it was applied or written. */
export class StoreFull extends Error {
  readonly size: Required<StoreSize>;
  constructor(size: Required<StoreSize>, needed: number) {
    super(`the store holds ${size.bytes} bytes; ${needed} more would pass its ceiling of ${size.limitBytes} bytes`);
    this.name = 'StoreFull';
    this.size = size;
  }
}

export interface Store {
  init(): Promise<void>;
  close(): Promise<void>;
  /** Absent on stores that cannot fall out of step with their data. */
  health?(): StoreHealth;
  /**
   * Walks the audit chain in commit order and reports the first entry that does not hold (edited, deleted,
   * reordered). Absent on stores that keep no chain.
   */
  verifyAudit?(options?: {
    /**
     * Walk only what was added since the last walk that held (and check that its last entry is unchanged): a
     * store shared by processes that start often (PostgreSQL) checks quickly at start; `audit verify` walks it all.
     */
    sinceCheckpoint?: boolean;
  }): Promise<AuditChainReport>;
  /** Runs `work` while no other process sharing this store runs its own (first-start setup); absent where only one process can. */
  alone?<T>(work: () => Promise<T>): Promise<T>;

  listTemplates(): Promise<Template[]>;
  getTemplate(id: string, version?: number): Promise<Template | undefined>;
  putTemplate(template: Template): Promise<void>;

  listUsers(): Promise<User[]>;
  getUser(id: string): Promise<User | undefined>;
  getUserByUsername(username: string): Promise<User | undefined>;
  putUser(user: User): Promise<void>;

  putSession(session: Session): Promise<void>;
  getSession(token: string): Promise<Session | undefined>;
  deleteSession(token: string): Promise<void>;
  /** Signs a person out everywhere (password changed, account disabled). */
  deleteSessionsOf(userId: string): Promise<void>;
  /** Forgets sign-ins that expired before `now` (ISO time). */
  purgeSessions(now: string): Promise<void>;

  getRecord(id: string): Promise<WorkRecord | undefined>;
  /** Optional: a record with its ledger entries and stock movements, read together (one round trip on a database). */
  getRecordWithTrail?(id: string): Promise<RecordWithTrail | undefined>;
  /** Optional: the trails of many records in one read (a page of a list; one round trip on a database). */
  trailsOf?(ids: string[]): Promise<Map<string, RecordTrail>>;
  findRecords(query: RecordQuery): Promise<{ items: WorkRecord[]; total: number }>;
  /** Every record of a template (reports, automations); unpaged. */
  allRecords(template?: string): Promise<WorkRecord[]>;
  getAudit(recordId: string): Promise<AuditEntry[]>;
  counter(name: string): Promise<number>;

  stockLevels(filter?: { product?: string; warehouse?: string }): Promise<StockLevel[]>;
  stockMovements(recordId: string): Promise<StockMovement[]>;

  notificationsFor(to: string): Promise<Notification[]>;
  markNotificationsRead(to: string, ids: string[] | 'all'): Promise<void>;
  pendingOutbox(): Promise<Notification[]>;
  markDelivered(ids: string[]): Promise<void>;
  /**
   * Optional, for stores several processes share: the waiting deliveries, each handed to this process alone for
   * a while (a claim that lapses, so that one whose delivery failed is tried again later, by any process).
   */
  claimOutbox?(): Promise<Notification[]>;

  ledgerEntries(recordId: string): Promise<LedgerEntry[]>;
  allLedgerEntries(): Promise<LedgerEntry[]>;
  /** Optional: the months ("YYYY-MM") that have ledger entries, in order, without reading every entry (a database). */
  ledgerPeriods?(): Promise<string[]>;
  closedPeriods(): Promise<string[]>;
  setPeriodClosed(period: string, closed: boolean): Promise<void>;

  getApproval(id: string): Promise<Approval | undefined>;
  listApprovals(filter?: { status?: Approval['status']; recordId?: string }): Promise<Approval[]>;

  getAnswer(key: string): Promise<IdempotentAnswer | undefined>;

  /** Triggers committed whose automations have not run yet, oldest first. */
  pendingTriggers(): Promise<AutomationTrigger[]>;

  getDocument(id: string): Promise<Document | undefined>;
  listDocuments(kind?: string): Promise<Document[]>;

  /** Applies every part or none; throws VersionConflict when a record moved on. Settles once durable. */
  commit(changes: ChangeSet): Promise<void>;
  /**
   * Optional: applies a commit at once (refusing as commit does) and hands back its durability to await apart,
   * so that the runtime's writer can plan the next command while this one reaches the disk.
   */
  stage?(changes: ChangeSet): Promise<{ durable: Promise<void> }>;

  /** A copy of the whole store (before a restore from a file); major operations use `ChangeSet.backup` instead. */
  snapshot(label: string): Promise<SnapshotInfo>;
  /** Whole-store snapshots and the backups of major operations, newest first. */
  listSnapshots(): Promise<SnapshotInfo[]>;
  /** A backup of an operation is restored only while its records have not moved on since (else it throws, naming them). */
  restoreSnapshot(id: string): Promise<void>;
  /** The whole store as one JSON value (backup) and back (restore). */
  exportAll(): Promise<Json>;
  importAll(data: Json): Promise<void>;
}

/** Evaluates json-rules-engine rules against facts; async because engines are. */
export interface GuardEvaluator {
  /** `shared`: the template's named conditions, which rules refer to as { "condition": "<name>" }. */
  evaluate(rules: Record<string, JsonObject>, names: string[], facts: JsonObject, shared?: Record<string, JsonObject>): Promise<Record<string, boolean>>;
  /** One rule against facts, with the reason: its conditions as written, each with the fact's value and its result. */
  explain(rule: JsonObject, facts: JsonObject, shared?: Record<string, JsonObject>): Promise<RuleTrace>;
}

export interface RuleTrace {
  holds: boolean;
  /** The rule's conditions; every comparison carries `factResult` (the value found) and `result` (true/false). */
  conditions: JsonObject;
}

/** Delivers notifications that leave the process (customer contacts). Delivering twice must be harmless. */
export interface Notifier {
  deliver(notification: Notification): Promise<void>;
  /** Lets go of what it holds open (the host calls it on shutdown). */
  close?(): Promise<void>;
}

/**
 * Marks the runtime's writer section (one command planned and committed at a time). A store that holds
 * readers back until a change is durable may let this section read changes that are applied but not yet
 * durable: it commits after them, and answers only once its own commit is durable.
 */
export const writerScope = new AsyncLocalStorage<true>();

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface IdSource {
  next(prefix: string): string;
}
