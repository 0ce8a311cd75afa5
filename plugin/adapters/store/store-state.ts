// The store's data with in-memory indexes over it, and every read and change the stores share.
import { PluginFailure } from '../../core/errors.ts';
import type { AuditEntry, Template, WorkRecord } from '../../core/types.ts';
import { workedBy } from '../../core/worked-by.ts';
import type {
  Approval,
  AuditChainResult,
  AuditHead,
  AutomationTrigger,
  ChangeSet,
  IdempotentAnswer,
  Document,
  LedgerEntry,
  Notification,
  RecordQuery,
  BackupTag,
  Session,
  SnapshotInfo,
  StockLevel,
  StockMovement,
  User,
} from '../../runtime/ports.ts';
import { ChainWalker, EMPTY_HEAD, headOfLinked, linkEntry } from './audit-chain.ts';
import { checkChangeSet, type Stored } from './change-set-checks.ts';
import { placeRecord, putInOrder } from './record-order.ts';
import { indexSearchText, queryRecords } from './record-query.ts';
import { KEPT_BACKUPS, backupInfo, noteAfter, noteBefore, restoreChanges, type Lookup, type ScopedBackup } from './scoped-backups.ts';
import { addToLevel, levelKey } from './stock-levels.ts';
import { checkStoreData, clone, clonePieces, deepFreeze, emptyStoreData, refuseMalformed, waitsForDelivery, type StoreData } from './store-data.ts';

// The rest of the code imports these from here.
export { STORE_FORMAT, STORE_FORMAT_VERSION, StoreDataError, checkStoreData, emptyStoreData, type StoreData } from './store-data.ts';
export { dateBound, sliceInOrder } from './record-query.ts';

/** Sets an own property even for keys like "__proto__", which plain assignment would treat specially. */
function setOwn<T>(o: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, item: V): V[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  list.push(item);
  return list;
}

/** Replaces the item at `key`'s position in `list`, or appends it and notes where; returns the item replaced. */
function putAt<K, T>(list: T[], positions: Map<K, number>, key: K, item: T): T | undefined {
  const i = positions.get(key);
  if (i === undefined) {
    positions.set(key, list.push(item) - 1);
    return undefined;
  }
  const old = list[i];
  list[i] = item;
  return old;
}

function copyAt<K, T>(list: T[], positions: Map<K, number>, key: K): T | undefined {
  const i = positions.get(key);
  return i === undefined ? undefined : clone(list[i]);
}

function indexWorker(index: Map<string, Set<string>>, a: AuditEntry): void {
  for (const person of workedBy(a)) index.set(person, (index.get(person) ?? new Set<string>()).add(a.recordId));
}

export class StoreState {
  readonly data: StoreData;

  // Indexes over `data`; they point at the same objects (or positions) and are rebuilt on load.
  private recordsById = new Map<string, WorkRecord>();
  private templatesById = new Map<string, Map<number, number>>();
  private usersById = new Map<string, number>();
  private userIdByUsername = new Map<string, string>();
  private sessionsByToken = new Map<string, Session>();
  private auditByRecord = new Map<string, AuditEntry[]>();
  // Built on the first "processed by" query, not at start (it walks every audit entry: 70–170 ms at 100k orders).
  private recordsWorkedBy?: Map<string, Set<string>>;
  private movementsByRecord = new Map<string, StockMovement[]>();
  private levelsByKey = new Map<string, StockLevel>();
  private notificationsById = new Map<string, Notification>();
  private notificationsByTo = new Map<string, Notification[]>();
  private outbox = new Set<string>();
  private ledgerIds = new Set<string>();
  private ledgerByRecord = new Map<string, LedgerEntry[]>();
  private approvalsById = new Map<string, number>();
  private documentsById = new Map<string, number>();
  private answersByKey = new Map<string, IdempotentAnswer>();
  // What checkChangeSet asks of the indexes; made once, as building it on each commit cost more than the checks.
  private readonly stored: Stored = {
    recordVersion: (id) => this.recordsById.get(id)?.version,
    hasNotification: (id) => this.notificationsById.has(id),
    hasLedgerEntry: (id) => this.ledgerIds.has(id),
    counter: (name) => this.counter(name),
  };

  /** Takes ownership of `data` (already checked): later changes mutate it in place. */
  private constructor(data: StoreData) {
    this.data = data;
    putInOrder(data.records);
    for (const r of data.records) this.indexRecord(r);
    data.templates.forEach((t, i) => this.versionsOf(t.id).set(t.version, i));
    data.users.forEach((u, i) => {
      this.usersById.set(u.id, i);
      this.userIdByUsername.set(u.username, u.id);
    });
    for (const s of data.sessions) this.sessionsByToken.set(s.token, s);
    for (const [recordId, entries] of Object.entries(data.audit)) this.auditByRecord.set(recordId, entries);
    for (const m of data.stockMovements) this.indexMovement(m);
    for (const l of data.stockLevels) this.levelsByKey.set(levelKey(l.product, l.warehouse), l);
    for (const n of data.notifications) this.indexNotification(n);
    for (const e of data.ledger) this.indexLedger(e);
    data.approvals.forEach((a, i) => this.approvalsById.set(a.id, i));
    data.documents.forEach((d, i) => this.documentsById.set(d.id, i));
    for (const a of data.answers) this.answersByKey.set(a.key, a);
    data.closedPeriods.sort();
    // A store written before the chain: its entries are linked once, and a snapshot keeps them linked.
    data.auditHead ??= headOfLinked(data.audit);
  }

  get auditHead(): AuditHead {
    return { ...(this.data.auditHead ?? EMPTY_HEAD) };
  }

  /** The change set with its audit entries linked after the chain's head (the store commits it next, unchanged). */
  linkAudit(changes: ChangeSet): ChangeSet {
    if (!changes.audit?.length) return changes;
    let head = this.auditHead;
    const audit = changes.audit.map((a) => {
      const linked = linkEntry({ ...a, chain: undefined }, head);
      head = { seq: linked.chain.seq, hash: linked.chain.hash };
      return linked;
    });
    return { ...changes, audit };
  }

  /**
   * Walks the linked entries in chain order, after `from` when given (the entry there must still be the one
   * checked before); the first that does not hold, or how many did.
   */
  verifyAuditChain(from: AuditHead = EMPTY_HEAD): AuditChainResult {
    const linked: AuditEntry[] = [];
    let unlinked: AuditEntry | undefined;
    let atMark: AuditEntry | undefined;
    for (const list of this.auditByRecord.values())
      for (const a of list) {
        if (!a.chain) unlinked ??= a;
        else if (a.chain.seq > from.seq) linked.push(a);
        else if (a.chain.seq === from.seq) atMark = a;
      }
    if (from.seq > 0 && (atMark?.chain?.hash !== from.hash || new ChainWalker({ seq: from.seq - 1, hash: atMark.chain.prev }).next(atMark)))
      return {
        ok: false,
        count: 0,
        broken: {
          seq: from.seq,
          ...(atMark && { id: atMark.id, recordId: atMark.recordId, at: atMark.at }),
          problem: atMark ? 'changed' : 'missing',
          detail: atMark ? 'the entry where the last check ended is no longer what it was' : 'the entry where the last check ended is missing (deleted)',
        },
      };
    linked.sort((x, y) => x.chain!.seq - y.chain!.seq);
    const walker = new ChainWalker(from);
    for (const a of linked) {
      const broken = walker.next(a);
      if (broken) return { ok: false, count: walker.count, broken };
    }
    const broken = walker.end(this.auditHead) ?? (unlinked && walker.next(unlinked));
    if (broken) return { ok: false, count: walker.count, broken };
    return { ok: true, count: walker.count, head: walker.last };
  }

  static empty(): StoreState {
    return new StoreState(emptyStoreData());
  }

  /** Checks `value` and builds a state that owns it (no copy: pass a fresh object). */
  static load(value: unknown, what?: string): StoreState {
    return new StoreState(checkStoreData(value, what));
  }

  /** The whole state as a fresh JSON value. Sessions stay out: a backup must not carry live login tokens. */
  exportData(): StoreData {
    return clonePieces({ ...this.data, sessions: [] });
  }

  /** Carries the live sessions over from another state (on restore and import nobody is signed out). */
  adoptSessions(from: StoreState): void {
    this.data.sessions = clone(from.data.sessions);
    this.sessionsByToken = new Map(this.data.sessions.map((s) => [s.token, s]));
  }

  // ------------------------------------------------------------ templates

  private versionsOf(id: string): Map<number, number> {
    let versions = this.templatesById.get(id);
    if (!versions) this.templatesById.set(id, (versions = new Map()));
    return versions;
  }

  /** All versions, by id then version. */
  listTemplates(): Template[] {
    return this.data.templates.map((t) => this.shared(t)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.version - b.version));
  }

  /** A given version, or the highest one. */
  getTemplate(id: string, version?: number): Template | undefined {
    const versions = this.templatesById.get(id);
    const i = versions?.get(version ?? Math.max(...versions.keys()));
    return i === undefined ? undefined : this.shared(this.data.templates[i]);
  }

  // Every action reads its template several times; a copy each time (tens of KB) was a fifth of an action's
  // cost. A stored version never changes in place, so readers share one deep-frozen copy of it.
  private readonly frozenTemplates = new WeakMap<Template, Template>();
  private shared(t: Template): Template {
    let frozen = this.frozenTemplates.get(t);
    if (!frozen) this.frozenTemplates.set(t, (frozen = deepFreeze(clone(t))));
    return frozen;
  }

  /** Installs a version beside the others, or replaces the same id and version. */
  putTemplate(template: Template): void {
    const t = clone(template);
    refuseMalformed('templates', t, 'template', 'cannot store template');
    putAt(this.data.templates, this.versionsOf(t.id), t.version, t);
  }

  // ------------------------------------------------------------ users and sessions

  // Every command reads the whole directory (names, roles, approvers); it changes rarely, so readers share
  // one deep-frozen copy until a user is put.
  private frozenUsers: User[] | undefined;
  listUsers(): User[] {
    this.frozenUsers ??= deepFreeze(clone(this.data.users));
    return [...this.frozenUsers];
  }

  getUser(id: string): User | undefined {
    return copyAt(this.data.users, this.usersById, id);
  }

  getUserByUsername(username: string): User | undefined {
    const id = this.userIdByUsername.get(username);
    return id === undefined ? undefined : this.getUser(id);
  }

  /** Adds or replaces by id; a username belongs to one user only. */
  putUser(user: User): void {
    const u = clone(user);
    refuseMalformed('users', u, 'user', 'cannot store user');
    const owner = this.userIdByUsername.get(u.username);
    if (owner !== undefined && owner !== u.id) throw new PluginFailure('data_inconsistent', `username "${u.username}" already belongs to user ${owner}`);
    const old = putAt(this.data.users, this.usersById, u.id, u);
    this.frozenUsers = undefined;
    if (old) this.userIdByUsername.delete(old.username);
    this.userIdByUsername.set(u.username, u.id);
  }

  putSession(session: Session): void {
    const s = clone(session);
    refuseMalformed('sessions', s, 'session', 'cannot store session');
    if (this.sessionsByToken.has(s.token)) this.data.sessions = this.data.sessions.filter((x) => x.token !== s.token);
    this.data.sessions.push(s);
    this.sessionsByToken.set(s.token, s);
  }

  getSession(token: string): Session | undefined {
    const s = this.sessionsByToken.get(token);
    return s && clone(s);
  }

  deleteSession(token: string): void {
    if (!this.sessionsByToken.delete(token)) return;
    this.data.sessions = this.data.sessions.filter((s) => s.token !== token);
  }

  purgeSessions(now: string): void {
    for (const s of this.data.sessions) if (s.expiresAt < now) this.sessionsByToken.delete(s.token);
    this.data.sessions = this.data.sessions.filter((s) => s.expiresAt >= now);
  }

  deleteSessionsOf(userId: string): void {
    for (const s of this.data.sessions) if (s.userId === userId) this.sessionsByToken.delete(s.token);
    this.data.sessions = this.data.sessions.filter((s) => s.userId !== userId);
  }

  // ------------------------------------------------------------ records

  private indexRecord(r: WorkRecord): void {
    this.recordsById.set(r.id, r);
    indexSearchText(r);
  }

  private putRecord(r: WorkRecord): void {
    placeRecord(this.data.records, r, this.recordsById.get(r.id));
    this.indexRecord(r);
  }

  getRecord(id: string): WorkRecord | undefined {
    const r = this.recordsById.get(id);
    return r && clone(r);
  }

  /** Every record (of a template), oldest first. */
  allRecords(template?: string): WorkRecord[] {
    const list = template === undefined ? this.data.records : this.data.records.filter((r) => r.template === template);
    return clone(list);
  }

  findRecords(query: RecordQuery): { items: WorkRecord[]; total: number } {
    const worked = query.processedBy === undefined ? undefined : (this.workers().get(query.processedBy) ?? new Set<string>());
    return queryRecords(this.data.records, query, worked);
  }

  /** Entries as committed; their chain links are the store's own (export and `audit verify` carry them). */
  getAudit(recordId: string): AuditEntry[] {
    const list = clone(this.auditByRecord.get(recordId) ?? []);
    for (const a of list) delete a.chain;
    return list;
  }

  private addAudit(a: AuditEntry): void {
    const known = this.auditByRecord.has(a.recordId);
    const list = pushTo(this.auditByRecord, a.recordId, a);
    if (!known) setOwn(this.data.audit, a.recordId, list);
    if (this.recordsWorkedBy) indexWorker(this.recordsWorkedBy, a);
  }

  /** Who worked on which records (core/worked-by.ts), made from the audit trail when first asked. */
  private workers(): Map<string, Set<string>> {
    if (!this.recordsWorkedBy) {
      const index = new Map<string, Set<string>>();
      for (const entries of this.auditByRecord.values()) for (const a of entries) indexWorker(index, a);
      this.recordsWorkedBy = index;
    }
    return this.recordsWorkedBy;
  }

  counter(name: string): number {
    return Object.hasOwn(this.data.counters, name) ? this.data.counters[name] : 0;
  }

  // ------------------------------------------------------------ stock

  private indexMovement(m: StockMovement): void {
    if (m.recordId !== undefined) pushTo(this.movementsByRecord, m.recordId, m);
  }

  private addMovement(m: StockMovement): void {
    this.data.stockMovements.push(m);
    this.indexMovement(m);
    const created = addToLevel(this.levelsByKey, m);
    if (created) this.data.stockLevels.push(created);
  }

  /** Levels by product then warehouse. */
  stockLevels(filter: { product?: string; warehouse?: string } = {}): StockLevel[] {
    const levels = this.data.stockLevels.filter(
      (l) => (filter.product === undefined || l.product === filter.product) && (filter.warehouse === undefined || l.warehouse === filter.warehouse),
    );
    levels.sort((a, b) => (a.product !== b.product ? (a.product < b.product ? -1 : 1) : a.warehouse < b.warehouse ? -1 : a.warehouse > b.warehouse ? 1 : 0));
    return clone(levels);
  }

  stockMovements(recordId: string): StockMovement[] {
    return clone(this.movementsByRecord.get(recordId) ?? []);
  }

  // ------------------------------------------------------------ notifications

  private indexNotification(n: Notification): void {
    this.notificationsById.set(n.id, n);
    pushTo(this.notificationsByTo, n.to, n);
    if (waitsForDelivery(n)) this.outbox.add(n.id);
  }

  /** Newest first; among equal times the one stored last comes first. */
  notificationsFor(to: string): Notification[] {
    const list = [...(this.notificationsByTo.get(to) ?? [])].reverse();
    list.sort((a, b) => (a.at === b.at ? 0 : a.at < b.at ? 1 : -1));
    return clone(list);
  }

  markNotificationsRead(to: string, ids: string[] | 'all'): void {
    const list = this.notificationsByTo.get(to) ?? [];
    const wanted = ids === 'all' ? undefined : new Set(ids);
    for (const n of list) if (!wanted || wanted.has(n.id)) n.read = true;
  }

  /** Outside deliveries still waiting, oldest first. */
  pendingOutbox(): Notification[] {
    return clone([...this.outbox].map((id) => this.notificationsById.get(id)!));
  }

  markDelivered(ids: string[]): void {
    for (const id of ids) {
      const n = this.notificationsById.get(id);
      if (!n) continue;
      n.delivered = true;
      this.outbox.delete(id);
    }
  }

  // ------------------------------------------------------------ ledger

  private indexLedger(e: LedgerEntry): void {
    this.ledgerIds.add(e.id);
    pushTo(this.ledgerByRecord, e.recordId, e);
  }

  ledgerEntries(recordId: string): LedgerEntry[] {
    return clone(this.ledgerByRecord.get(recordId) ?? []);
  }

  allLedgerEntries(): LedgerEntry[] {
    return clone(this.data.ledger);
  }

  closedPeriods(): string[] {
    return [...this.data.closedPeriods];
  }

  setPeriodClosed(period: string, closed: boolean): void {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw new RangeError(`period must be "YYYY-MM" (got "${period}")`);
    const set = new Set(this.data.closedPeriods);
    if (closed) set.add(period);
    else set.delete(period);
    this.data.closedPeriods = [...set].sort();
  }

  // ------------------------------------------------------------ approvals and documents

  getApproval(id: string): Approval | undefined {
    return copyAt(this.data.approvals, this.approvalsById, id);
  }

  listApprovals(filter: { status?: Approval['status']; recordId?: string } = {}): Approval[] {
    return clone(
      this.data.approvals.filter(
        (a) => (filter.status === undefined || a.status === filter.status) && (filter.recordId === undefined || a.recordId === filter.recordId),
      ),
    );
  }

  getDocument(id: string): Document | undefined {
    return copyAt(this.data.documents, this.documentsById, id);
  }

  listDocuments(kind?: string): Document[] {
    return clone(kind === undefined ? this.data.documents : this.data.documents.filter((d) => d.kind === kind));
  }

  // ------------------------------------------------------------ commit

  /** Applies a change set whole, or throws before touching anything (see checkChangeSet for what is refused). */
  commit(input: ChangeSet): void {
    const changes = checkChangeSet(input, this.stored);
    const backup = changes.backup && this.backupFor(changes.backup);
    if (backup) noteBefore(backup, changes, this.lookup);
    // Nothing below can refuse: the change set is checked.
    for (const { record } of changes.records ?? []) this.putRecord(record);
    for (const a of changes.audit ?? []) {
      // Entries come linked (see linkAudit); one from a journal written before the chain is linked as it is replayed.
      const entry = a.chain ? a : linkEntry(a, this.auditHead);
      this.addAudit(entry);
      this.data.auditHead = { seq: entry.chain!.seq, hash: entry.chain!.hash };
    }
    for (const m of changes.stock ?? []) this.addMovement(m);
    for (const n of changes.notifications ?? []) {
      this.data.notifications.push(n);
      this.indexNotification(n);
    }
    for (const e of changes.ledger ?? []) {
      this.data.ledger.push(e);
      this.indexLedger(e);
    }
    for (const a of changes.approvals ?? []) putAt(this.data.approvals, this.approvalsById, a.id, a);
    for (const d of changes.documents ?? []) putAt(this.data.documents, this.documentsById, d.id, d);
    for (const [name, value] of Object.entries(changes.counters ?? {})) setOwn(this.data.counters, name, value);
    this.data.triggers.push(...(changes.triggers ?? []));
    if (changes.answers?.length) this.addAnswers(changes.answers);
    if (backup) noteAfter(backup, changes);
    if (changes.backupsRestored?.length) {
      const restored = new Set(changes.backupsRestored);
      this.data.backups = this.data.backups.filter((b) => !restored.has(b.id));
    }
    if (changes.triggersDone?.length) {
      const done = new Set(changes.triggersDone);
      this.data.triggers = this.data.triggers.filter((t) => !done.has(t.id));
    }
  }

  // ------------------------------------------------------------ backups of major operations

  private readonly lookup: Lookup = {
    record: (id) => this.recordsById.get(id),
    approval: (id) => {
      const i = this.approvalsById.get(id);
      return i === undefined ? undefined : this.data.approvals[i];
    },
    document: (id) => {
      const i = this.documentsById.get(id);
      return i === undefined ? undefined : this.data.documents[i];
    },
    movement: (id) => this.data.stockMovements.find((m) => m.id === id),
    ledgerEntry: (id) => this.data.ledger.find((e) => e.id === id),
  };

  private backupFor(tag: BackupTag): ScopedBackup {
    const known = this.data.backups.find((b) => b.id === tag.id);
    if (known) return known;
    const backup: ScopedBackup = { ...tag, records: [], approvals: [], documents: [], stock: [], ledger: [] };
    this.data.backups.push(backup);
    if (this.data.backups.length > KEPT_BACKUPS) this.data.backups.shift();
    return backup;
  }

  listBackups(): SnapshotInfo[] {
    return this.data.backups.map(backupInfo);
  }

  hasBackup(id: string): boolean {
    return this.data.backups.some((b) => b.id === id);
  }

  /** The change set that restores a backup; throws when its records moved on since. */
  restoreBackupChanges(id: string, now: string): ChangeSet {
    const backup = this.data.backups.find((b) => b.id === id);
    if (!backup) throw new PluginFailure('snapshot_missing', `no backup "${id}"`);
    return restoreChanges(backup, now, this.lookup);
  }

  getAnswer(key: string): IdempotentAnswer | undefined {
    const a = this.answersByKey.get(key);
    return a && clone(a);
  }

  /** Keeps a day of answers, counted from the newest: the same input always leaves the same state. */
  private addAnswers(answers: IdempotentAnswer[]): void {
    for (const a of answers) {
      if (this.answersByKey.has(a.key)) this.data.answers = this.data.answers.filter((x) => x.key !== a.key);
      this.data.answers.push(a);
      this.answersByKey.set(a.key, a);
    }
    const horizon = new Date(Date.parse(answers.at(-1)!.at) - 24 * 3600_000).toISOString();
    if (this.data.answers[0].at >= horizon) return;
    for (const a of this.data.answers) if (a.at < horizon) this.answersByKey.delete(a.key);
    this.data.answers = this.data.answers.filter((a) => a.at >= horizon);
  }

  pendingTriggers(): AutomationTrigger[] {
    return clone(this.data.triggers);
  }
}
