// What the runtime offers its hosts (the HTTP adapter, the CLI, a host platform).
import type { Actor, AuditEntry, AvailableAction, JsonObject, Labels, Refusal, Template, WorkRecord } from '../core/types.ts';
import type { Approval, LedgerEntry, Notification, IdempotentAnswer, RuleTrace, SnapshotInfo, StockLevel, StoreHealth, StockMovement } from './ports.ts';

export type Result<T> = { ok: true; value: T } | Refusal;

/** A record as one caller sees it: fields they may not read are left out. */
export interface RecordView extends WorkRecord {
  availableActions?: AvailableAction[];
  /** JSON pointers the caller may write now; empty = read-only for them. */
  editable: string[];
  handlerName: string;
  /** The department's name in 简体中文 (`GET /api/departments` has both languages). */
  departmentLabel: string;
  /** Requests on this record still waiting for a decision (with the record opened alone, not in lists). */
  pendingApprovals?: { id: string; action: string; actionLabel: Labels; requesterName: string; requestedAt: string }[];
}

export interface ActionInput {
  reason?: string;
  comment?: string;
  params?: JsonObject;
  version?: number;
}

export interface PreviewEffect {
  kind: 'state' | 'stock' | 'ledger' | 'notify' | 'assign' | 'set' | 'approval' | 'snapshot' | 'step' | string;
  text: Labels;
  [detail: string]: unknown;
}

export interface Preview {
  allowed: boolean;
  code?: string;
  message?: Labels;
  /** Every reason the action is refused, when it is. */
  reasons?: Labels[];
  needsApproval: boolean;
  from: string;
  to: string;
  effects: PreviewEffect[];
}

export type ActionOutcome = { kind: 'done'; record: RecordView } | { kind: 'approval'; approval: Approval };

export interface RecordListQuery {
  template?: string;
  q?: string;
  status?: string[];
  includeArchived?: boolean;
  from?: string;
  to?: string;
  handler?: string;
  department?: string;
  /** A user id: only the records that person worked on. */
  processedBy?: string;
  sort?: string;
  dir?: 'asc' | 'desc';
  page?: number;
  /** 1 to MAX_PAGE_SIZE; 20 when absent. */
  pageSize?: number;
}

/** The largest page a record list serves; the HTTP API refuses larger ones rather than serve fewer silently. */
export const MAX_PAGE_SIZE = 500;

/** One record for a spreadsheet: as the caller may see it, with its template and the handler's name. */
export interface ExportRow {
  template: Template;
  record: WorkRecord;
  handlerName: string;
}

export interface PublicUser {
  id: string;
  username: string;
  name: string;
  roles: string[];
  department?: string;
  disabled?: boolean;
  email?: string;
}

/** A person to add: what the admin's form and the CLI give. */
export interface NewUser {
  username: string;
  name: string;
  password: string;
  roles: string[];
  department?: string;
  email?: string;
}

export interface RuleTrialInput {
  /** The template as drafted (not yet installed): its rules and form are the ones tried. */
  template: unknown;
  rule: string;
  record: string;
}

/** What moving a template's older records to its newest version would do. */
export interface MigrationPreview {
  template: string;
  /** The newest version, where records move to. */
  to: number;
  /** Records on an older version, and how many per version. */
  older: number;
  byVersion: Record<string, number>;
  /** Those the newest version accepts as they are. */
  movable: number;
  /** Those it does not, with the reasons (the first fifty by name; all are counted). */
  blocked: { id: string; number: string; version: number; status: string; problems: { path: string; message: string; zh?: string }[] }[];
  blockedCount: number;
}

export interface MigrationResult {
  moved: number;
  /** Movable records left for the next call. */
  remaining: number;
}

export interface TemplateCheck {
  ok: boolean;
  errors: { path: string; message: string }[];
  warnings: { path: string; message: string }[];
}

export interface BulkResult {
  id: string;
  ok: boolean;
  status: number;
  code?: string;
  message?: Labels;
  record?: RecordView;
  approval?: Approval;
}

/** An approval with what a person needs to decide it without looking anything up. */
export interface ApprovalView extends Approval {
  template: string;
  templateVersion: number;
  recordNumber: string;
  recordStatus: string;
  requesterName: string;
  actionLabel: Labels;
  assigneeName?: string;
}

export interface ReportRow {
  key: string;
  label?: Labels;
  /** Cancelled records in this group; grouped by product, the records naming the product (one record may name several). */
  count: number;
  /** Their amounts; grouped by product, the amounts of that product's lines. */
  amount: number;
}

/** One cancelled record behind a report row (the drill-down), as the caller may see it. */
export interface ReportRecord {
  id: string;
  number: string;
  template: string;
  status: string;
  customer?: string;
  amount?: number;
  /** When it was cancelled, and why. */
  at: string;
  reason: string;
  reasonLabel?: Labels;
}

export type ReportGroupBy = 'reason' | 'customer' | 'product' | 'month';

export interface ReportQuery {
  template?: string;
  from?: string;
  to?: string;
  groupBy: ReportGroupBy;
  /** A row's key: the answer then also lists the records behind that row. */
  key?: string;
}

export interface CancellationReport {
  rows: ReportRow[];
  /** Each cancelled record once, with its whole amount, whatever the grouping (rows by product overlap). */
  total: { count: number; amount: number };
  /** Only when the query names a key: the records behind that row, newest cancellation first. */
  records?: ReportRecord[];
}

/** The current month, the closed ones and those with ledger entries, each "YYYY-MM", in order. */
export interface PeriodList {
  current: string;
  closed: string[];
  known: string[];
}

export interface Runtime {
  // people
  login(username: string, password: string): Promise<Result<{ token: string; user: PublicUser }>>;
  authenticate(token: string): Promise<Actor | undefined>;
  logout(token: string): Promise<void>;
  listUsers(actor: Actor, filter?: { q?: string; department?: string; role?: string }): Promise<PublicUser[]>;
  createUser(actor: Actor, input: NewUser): Promise<Result<PublicUser>>;
  updateUser(actor: Actor, id: string, patch: { name?: string; roles?: string[]; department?: string; disabled?: boolean; password?: string; email?: string }): Promise<Result<PublicUser>>;
  departments(): Promise<{ id: string; label: Labels }[]>;

  // templates
  listTemplates(): Promise<Template[]>;
  getTemplate(id: string, version?: number): Promise<Template | undefined>;
  checkTemplate(bundle: unknown): TemplateCheck;
  importTemplate(actor: Actor, bundle: unknown): Promise<Result<{ id: string; version: number; created: boolean }>>;
  previewMigration(actor: Actor, template: string): Promise<Result<MigrationPreview>>;
  migrateRecords(actor: Actor, template: string, limit?: number): Promise<Result<MigrationResult>>;
  /** A rule of a drafted template tried on one of its records (administrators): the result and why. */
  tryRule(actor: Actor, input: RuleTrialInput): Promise<Result<RuleTrace>>;

  // records
  createRecord(actor: Actor, template: string, data: unknown): Promise<Result<RecordView>>;
  /** Many records at once, all or none (a spreadsheet import); a refusal names each row and field. */
  createRecords(actor: Actor, template: string, rows: JsonObject[]): Promise<Result<{ numbers: string[] }>>;
  listRecords(actor: Actor, query: RecordListQuery): Promise<{ items: RecordView[]; total: number }>;
  /** Every record the list would show (up to a limit), for a spreadsheet. */
  recordsForExport(actor: Actor, query: RecordListQuery): Promise<{ rows: ExportRow[]; total: number; truncated: boolean }>;
  getRecord(actor: Actor, id: string): Promise<Result<RecordView>>;
  editRecord(actor: Actor, id: string, data: unknown, version: number): Promise<Result<RecordView>>;
  /** What a copy would start with; nothing is created. */
  copyDraft(actor: Actor, id: string): Promise<Result<{ template: string; data: JsonObject; from: { id: string; number: string } }>>;
  copyRecord(actor: Actor, id: string, data?: JsonObject): Promise<Result<RecordView>>;
  history(actor: Actor, id: string): Promise<Result<AuditEntry[]>>;
  /** A comment in the record's history (action `comment`); the people it @mentions are notified. */
  addComment(actor: Actor, id: string, text: string): Promise<Result<AuditEntry>>;
  recordStock(actor: Actor, id: string): Promise<Result<StockMovement[]>>;
  recordLedger(actor: Actor, id: string): Promise<Result<{ entries: LedgerEntry[]; balances: Record<string, number> }>>;

  // actions
  previewAction(actor: Actor, id: string, action: string, input: ActionInput): Promise<Result<Preview>>;
  runAction(actor: Actor, id: string, action: string, input: ActionInput): Promise<Result<ActionOutcome>>;
  bulkAction(actor: Actor, ids: string[], action: string, input: ActionInput): Promise<BulkResult[]>;

  // approvals
  listApprovals(actor: Actor, filter: { status?: Approval['status']; mine?: boolean; decided?: boolean }): Promise<ApprovalView[]>;
  /** What approving would do (for the approver, and the requester), as the action's preview shows it. */
  previewApproval(actor: Actor, id: string): Promise<Result<Preview>>;
  decideApproval(actor: Actor, id: string, decision: 'approve' | 'reject', comment?: string): Promise<Result<{ approval: Approval; record?: RecordView }>>;
  withdrawApproval(actor: Actor, id: string, comment?: string): Promise<Result<Approval>>;
  transferApproval(actor: Actor, id: string, to: string, comment?: string): Promise<Result<Approval>>;

  // inbox, stock, reports
  notifications(actor: Actor): Promise<{ items: Notification[]; unread: number }>;
  markNotificationsRead(actor: Actor, ids: string[] | 'all'): Promise<void>;
  stockLevels(filter?: { product?: string; warehouse?: string }): Promise<(StockLevel & { available: number })[]>;
  cancellationReport(actor: Actor, query: ReportQuery): Promise<Result<CancellationReport>>;

  // accounting periods
  listPeriods(): Promise<PeriodList>;
  setPeriodClosed(actor: Actor, period: string, closed: boolean): Promise<Result<{ period: string; closed: boolean }>>;

  // backups
  listSnapshots(): Promise<SnapshotInfo[]>;
  /** The answer remembered for an Idempotency-Key of this caller, if any. */
  recallAnswer(key: string): Promise<IdempotentAnswer | undefined>;
  /** Remembers an answer (durably, before it is sent) so that a retry with the same key gets it again. */
  rememberAnswer(answer: Omit<IdempotentAnswer, 'at'>): Promise<void>;
  /** Whether the store can be trusted; `/api/health` answers 503 with the reason when it cannot. */
  storeHealth(): StoreHealth;
}
