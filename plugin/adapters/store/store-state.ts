// The store's data as one plain JSON object, with in-memory indexes over it and every operation the stores share.
import type { AuditEntry, Template, WorkRecord } from '../../core/types.ts';
import {
  VersionConflict,
  type Approval,
  type ChangeSet,
  type Document,
  type LedgerEntry,
  type Notification,
  type RecordQuery,
  type Session,
  type StockLevel,
  type StockMovement,
  type User,
} from '../../runtime/ports.ts';

export const STORE_FORMAT = 'order-workflow-store';
export const STORE_FORMAT_VERSION = 1;

/** Everything a store holds. Dates are ISO 8601 strings in UTC, as `Date#toISOString()` writes them. */
export interface StoreData {
  format: typeof STORE_FORMAT;
  formatVersion: number;
  /** Every installed version of every template. */
  templates: Template[];
  users: User[];
  sessions: Session[];
  /** Kept sorted by createdAt, then id: lists walk it without sorting and date ranges are found by bisection. */
  records: WorkRecord[];
  /** Audit entries by record id, oldest first. */
  audit: Record<string, AuditEntry[]>;
  stockMovements: StockMovement[];
  /** One row per product and warehouse: the sum of its movements. */
  stockLevels: StockLevel[];
  notifications: Notification[];
  ledger: LedgerEntry[];
  /** Closed accounting periods, "YYYY-MM", sorted. */
  closedPeriods: string[];
  approvals: Approval[];
  documents: Document[];
  counters: Record<string, number>;
}

export function emptyStoreData(): StoreData {
  return {
    format: STORE_FORMAT,
    formatVersion: STORE_FORMAT_VERSION,
    templates: [],
    users: [],
    sessions: [],
    records: [],
    audit: {},
    stockMovements: [],
    stockLevels: [],
    notifications: [],
    ledger: [],
    closedPeriods: [],
    approvals: [],
    documents: [],
    counters: {},
  };
}

/** Data that does not have the shape of a store (a bad backup, a hand-edited file, a malformed change set). */
export class StoreDataError extends Error {
  readonly problems: string[];
  constructor(what: string, problems: string[]) {
    const shown = problems.slice(0, 10).join('; ');
    const more = problems.length > 10 ? ` (and ${problems.length - 10} more)` : '';
    super(`${what}: ${shown}${more}`);
    this.name = 'StoreDataError';
    this.problems = problems;
  }
}

// ---------------------------------------------------------------- shape checks

type Problems = string[];
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function need(o: Obj, path: string, p: Problems, strings: string[], extra?: (o: Obj) => void): void {
  for (const k of strings) if (typeof o[k] !== 'string') p.push(`${path}.${k} must be a string`);
  extra?.(o);
}

function checkItem(kind: keyof typeof itemChecks, v: unknown, path: string, p: Problems): void {
  if (!isObj(v)) {
    p.push(`${path} must be an object`);
    return;
  }
  itemChecks[kind](v, path, p);
}

// Only what keeps indexes, queries and sums from breaking; the runtime validates meaning.
const itemChecks = {
  templates: (o: Obj, path: string, p: Problems) =>
    need(o, path, p, ['id'], () => {
      if (!Number.isInteger(o.version)) p.push(`${path}.version must be an integer`);
    }),
  users: (o: Obj, path: string, p: Problems) =>
    need(o, path, p, ['id', 'username', 'name'], () => {
      if (!Array.isArray(o.roles) || !o.roles.every((r) => typeof r === 'string')) p.push(`${path}.roles must be a list of strings`);
    }),
  sessions: (o: Obj, path: string, p: Problems) => need(o, path, p, ['token', 'userId', 'expiresAt']),
  records: (o: Obj, path: string, p: Problems) =>
    need(o, path, p, ['id', 'number', 'template', 'status', 'handler', 'department', 'createdAt', 'updatedAt'], () => {
      if (!Number.isInteger(o.version)) p.push(`${path}.version must be an integer`);
      if (!Number.isInteger(o.templateVersion)) p.push(`${path}.templateVersion must be an integer`);
      if (!isObj(o.data)) p.push(`${path}.data must be an object`);
      if (!isObj(o.summary)) p.push(`${path}.summary must be an object`);
      else {
        if (o.summary.customer !== undefined && typeof o.summary.customer !== 'string') p.push(`${path}.summary.customer must be a string`);
        if (o.summary.amount !== undefined && !isFiniteNumber(o.summary.amount)) p.push(`${path}.summary.amount must be a number`);
      }
      if (!Array.isArray(o.watchers) || !o.watchers.every((w) => typeof w === 'string')) p.push(`${path}.watchers must be a list of strings`);
      if (typeof o.createdAt === 'string' && Number.isNaN(Date.parse(o.createdAt))) p.push(`${path}.createdAt must be a date`);
    }),
  audit: (o: Obj, path: string, p: Problems) => need(o, path, p, ['id', 'recordId', 'at', 'actor', 'action']),
  stockMovements: (o: Obj, path: string, p: Problems) =>
    need(o, path, p, ['id', 'product', 'warehouse', 'at'], () => {
      if (!isFiniteNumber(o.onHand)) p.push(`${path}.onHand must be a number`);
      if (!isFiniteNumber(o.reserved)) p.push(`${path}.reserved must be a number`);
    }),
  stockLevels: (o: Obj, path: string, p: Problems) =>
    need(o, path, p, ['product', 'warehouse'], () => {
      if (!isFiniteNumber(o.onHand)) p.push(`${path}.onHand must be a number`);
      if (!isFiniteNumber(o.reserved)) p.push(`${path}.reserved must be a number`);
    }),
  notifications: (o: Obj, path: string, p: Problems) =>
    need(o, path, p, ['id', 'to', 'kind', 'title', 'at'], () => {
      if (typeof o.read !== 'boolean') p.push(`${path}.read must be true or false`);
    }),
  ledger: (o: Obj, path: string, p: Problems) =>
    need(o, path, p, ['id', 'recordId', 'account', 'period', 'at'], () => {
      if (!isFiniteNumber(o.amount)) p.push(`${path}.amount must be a number`);
    }),
  approvals: (o: Obj, path: string, p: Problems) =>
    need(o, path, p, ['id', 'recordId', 'action', 'status'], () => {
      if (!Array.isArray(o.history)) p.push(`${path}.history must be a list`);
    }),
  documents: (o: Obj, path: string, p: Problems) =>
    need(o, path, p, ['id', 'kind', 'status'], () => {
      if (!Array.isArray(o.recordIds)) p.push(`${path}.recordIds must be a list`);
    }),
};

const LIST_KEYS = [
  'templates',
  'users',
  'sessions',
  'records',
  'stockMovements',
  'stockLevels',
  'notifications',
  'ledger',
  'approvals',
  'documents',
] as const;

function checkList(kind: keyof typeof itemChecks, list: unknown, path: string, p: Problems, uniqueBy: string[] = []): void {
  if (!Array.isArray(list)) {
    p.push(`${path} must be a list`);
    return;
  }
  const seen = uniqueBy.map(() => new Set<unknown>());
  list.forEach((item, i) => {
    checkItem(kind, item, `${path}[${i}]`, p);
    if (!isObj(item)) return;
    uniqueBy.forEach((key, k) => {
      if (seen[k].has(item[key])) p.push(`${path}[${i}].${key} ${JSON.stringify(item[key])} appears twice`);
      seen[k].add(item[key]);
    });
  });
}

/** Checks a whole store value; missing collections count as empty. Throws StoreDataError listing what is wrong. */
export function checkStoreData(value: unknown, what = 'not a valid store export'): StoreData {
  const p: Problems = [];
  if (!isObj(value)) throw new StoreDataError(what, ['expected a JSON object']);
  if (value.format !== STORE_FORMAT) p.push(`format must be "${STORE_FORMAT}" (got ${JSON.stringify(value.format ?? null)})`);
  if (value.formatVersion !== undefined && (!Number.isInteger(value.formatVersion) || (value.formatVersion as number) > STORE_FORMAT_VERSION)) {
    p.push(`formatVersion ${JSON.stringify(value.formatVersion)} is not one this version reads (≤ ${STORE_FORMAT_VERSION})`);
  }
  const known = new Set<string>(['format', 'formatVersion', 'audit', 'closedPeriods', 'counters', ...LIST_KEYS]);
  for (const k of Object.keys(value)) if (!known.has(k)) p.push(`unknown key "${k}"`);
  if (p.length) throw new StoreDataError(what, p);

  // The keys the indexes look things up by.
  const unique: Partial<Record<(typeof LIST_KEYS)[number], string[]>> = {
    users: ['id', 'username'],
    sessions: ['token'],
    records: ['id'],
    notifications: ['id'],
    ledger: ['id'],
    approvals: ['id'],
    documents: ['id'],
  };
  for (const k of LIST_KEYS) if (value[k] !== undefined) checkList(k, value[k], k, p, unique[k]);
  if (value.audit !== undefined) {
    if (!isObj(value.audit)) p.push('audit must be an object of lists by record id');
    else for (const [id, list] of Object.entries(value.audit)) checkList('audit', list, `audit[${JSON.stringify(id)}]`, p);
  }
  if (value.closedPeriods !== undefined && (!Array.isArray(value.closedPeriods) || !value.closedPeriods.every((x) => typeof x === 'string'))) {
    p.push('closedPeriods must be a list of strings');
  }
  if (value.counters !== undefined) {
    if (!isObj(value.counters)) p.push('counters must be an object');
    else for (const [k, n] of Object.entries(value.counters)) if (!isFiniteNumber(n)) p.push(`counters.${k} must be a number`);
  }
  if (p.length) throw new StoreDataError(what, p);

  const data = { ...emptyStoreData(), ...(value as Partial<StoreData>) } as StoreData;
  data.formatVersion = STORE_FORMAT_VERSION;
  // Older exports may lack levels: they are the sum of the movements.
  if (value.stockLevels === undefined) data.stockLevels = levelsFromMovements(data.stockMovements);
  return data;
}

// ---------------------------------------------------------------- helpers

// JSON, not structuredClone: stored data is JSON anyway, and V8 reads JSON.parse objects over twice as fast in long scans.
const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

// Quantities are counted to 6 decimals at most; rounding stops float drift in long sums (0.1 + 0.2).
const roundQty = (n: number): number => Math.round(n * 1e6) / 1e6;

const levelKey = (product: string, warehouse: string): string => `${product}\u0000${warehouse}`;

function levelsFromMovements(movements: StockMovement[]): StockLevel[] {
  const levels = new Map<string, StockLevel>();
  for (const m of movements) {
    const key = levelKey(m.product, m.warehouse);
    let level = levels.get(key);
    if (!level) levels.set(key, (level = { product: m.product, warehouse: m.warehouse, onHand: 0, reserved: 0 }));
    level.onHand = roundQty(level.onHand + m.onHand);
    level.reserved = roundQty(level.reserved + m.reserved);
  }
  return [...levels.values()];
}

/** Orders records by (createdAt, id): the order of StoreData.records. */
function compareCreated(a: WorkRecord, b: WorkRecord): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CANONICAL_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** createdAt in the one form whose string order is time order (ranges and sorting compare strings). */
function canonicalCreatedAt(r: WorkRecord): void {
  if (!CANONICAL_ISO.test(r.createdAt)) r.createdAt = new Date(r.createdAt).toISOString();
}

/** Sets an own property even for keys like "__proto__", which plain assignment would treat specially. */
function setOwn<T>(o: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A query bound as a comparable ISO string; a bare day means its first (from) or last (to) millisecond, in UTC. */
export function dateBound(value: string, end: boolean, name: string): string {
  if (DAY.test(value)) return end ? `${value}T23:59:59.999Z` : `${value}T00:00:00.000Z`;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new RangeError(`record query: ${name} "${value}" is not a date`);
  return new Date(t).toISOString();
}

// What `q` searches, lower-cased once per stored version of a record. Kept on the record under symbols:
// a property read is the cheapest lookup in a 100k-record scan, and JSON (files, copies) never sees symbols.
const NUMBER_TEXT = Symbol('numberText');
const CUSTOMER_TEXT = Symbol('customerText');
type Indexed = WorkRecord & { [NUMBER_TEXT]: string; [CUSTOMER_TEXT]: string };

type SortField = NonNullable<RecordQuery['sort']>['field'];

type SortKey = string | number | undefined;

/** Up to this many records (page end), other sorts keep a sorted buffer instead of sorting every match. */
const TOP_K = 500;

function sortValue(r: WorkRecord, field: SortField): SortKey {
  switch (field) {
    case 'number':
      return r.number;
    case 'createdAt':
      return r.createdAt;
    case 'updatedAt':
      return r.updatedAt;
    case 'status':
      return r.status;
    case 'amount':
      return r.summary?.amount;
    case 'customer':
      return r.summary?.customer;
  }
}

/** Outbox rule: explicitly undelivered, or an outside address never marked either way. */
const waitsForDelivery = (n: Notification): boolean =>
  n.delivered === false || (n.delivered === undefined && n.to.startsWith('contact:'));

// ---------------------------------------------------------------- the state

export class StoreState {
  readonly data: StoreData;

  // Indexes over `data`; they point at the same objects and are rebuilt on load.
  private recordsById = new Map<string, WorkRecord>();
  private templatesById = new Map<string, Map<number, number>>();
  private usersById = new Map<string, number>();
  private userIdByUsername = new Map<string, string>();
  private sessionsByToken = new Map<string, Session>();
  private auditByRecord = new Map<string, AuditEntry[]>();
  private movementsByRecord = new Map<string, StockMovement[]>();
  private levelsByKey = new Map<string, StockLevel>();
  private notificationsById = new Map<string, Notification>();
  private notificationsByTo = new Map<string, Notification[]>();
  private outbox = new Set<string>();
  private ledgerIds = new Set<string>();
  private ledgerByRecord = new Map<string, LedgerEntry[]>();
  private approvalsById = new Map<string, number>();
  private documentsById = new Map<string, number>();

  /** Takes ownership of `data` (already checked): later changes mutate it in place. */
  private constructor(data: StoreData) {
    this.data = data;
    data.records.forEach(canonicalCreatedAt);
    if (!isSortedByCreated(data.records)) data.records.sort(compareCreated);
    for (const r of data.records) this.indexRecord(r);
    data.templates.forEach((t, i) => this.indexTemplate(t, i));
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
    data.closedPeriods.sort();
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
    return clone({ ...this.data, sessions: [] });
  }

  /** Carries the live sessions over from another state (on restore and import nobody is signed out). */
  adoptSessions(from: StoreState): void {
    this.data.sessions = clone(from.data.sessions);
    this.sessionsByToken = new Map(this.data.sessions.map((s) => [s.token, s]));
  }

  // ------------------------------------------------------------ templates

  private indexTemplate(t: Template, i: number): void {
    let versions = this.templatesById.get(t.id);
    if (!versions) this.templatesById.set(t.id, (versions = new Map()));
    versions.set(t.version, i);
  }

  /** All versions, by id then version. */
  listTemplates(): Template[] {
    return clone([...this.data.templates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.version - b.version)));
  }

  /** A given version, or the highest one. */
  getTemplate(id: string, version?: number): Template | undefined {
    const versions = this.templatesById.get(id);
    if (!versions) return undefined;
    const v = version ?? Math.max(...versions.keys());
    const i = versions.get(v);
    return i === undefined ? undefined : clone(this.data.templates[i]);
  }

  /** Installs a version beside the others, or replaces the same id and version. */
  putTemplate(template: Template): void {
    const t = clone(template);
    const p: Problems = [];
    checkItem('templates', t, 'template', p);
    if (p.length) throw new StoreDataError('cannot store template', p);
    const i = this.templatesById.get(t.id)?.get(t.version);
    if (i === undefined) {
      this.data.templates.push(t);
      this.indexTemplate(t, this.data.templates.length - 1);
    } else this.data.templates[i] = t;
  }

  // ------------------------------------------------------------ users and sessions

  listUsers(): User[] {
    return clone(this.data.users);
  }

  getUser(id: string): User | undefined {
    const i = this.usersById.get(id);
    return i === undefined ? undefined : clone(this.data.users[i]);
  }

  getUserByUsername(username: string): User | undefined {
    const id = this.userIdByUsername.get(username);
    return id === undefined ? undefined : this.getUser(id);
  }

  /** Adds or replaces by id; a username belongs to one user only. */
  putUser(user: User): void {
    const u = clone(user);
    const p: Problems = [];
    checkItem('users', u, 'user', p);
    if (p.length) throw new StoreDataError('cannot store user', p);
    const owner = this.userIdByUsername.get(u.username);
    if (owner !== undefined && owner !== u.id) throw new Error(`username "${u.username}" already belongs to user ${owner}`);
    const i = this.usersById.get(u.id);
    if (i === undefined) {
      this.data.users.push(u);
      this.usersById.set(u.id, this.data.users.length - 1);
    } else {
      this.userIdByUsername.delete(this.data.users[i].username);
      this.data.users[i] = u;
    }
    this.userIdByUsername.set(u.username, u.id);
  }

  putSession(session: Session): void {
    const s = clone(session);
    const p: Problems = [];
    checkItem('sessions', s, 'session', p);
    if (p.length) throw new StoreDataError('cannot store session', p);
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

  // ------------------------------------------------------------ records

  private indexRecord(r: WorkRecord): void {
    this.recordsById.set(r.id, r);
    (r as Indexed)[NUMBER_TEXT] = r.number.toLowerCase();
    (r as Indexed)[CUSTOMER_TEXT] = (r.summary.customer ?? '').toLowerCase();
  }

  /** Position of the first record not before `r` in (createdAt, id) order. */
  private lowerBound(r: WorkRecord): number {
    const list = this.data.records;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareCreated(list[mid], r) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Position of the first record created at or after `iso` (strict: after). */
  private boundAt(iso: string, strict: boolean): number {
    const list = this.data.records;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = list[mid].createdAt;
      if (c < iso || (strict && c === iso)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private putRecord(r: WorkRecord): void {
    canonicalCreatedAt(r);
    const list = this.data.records;
    const old = this.recordsById.get(r.id);
    if (old) {
      let i = this.lowerBound(old);
      if (list[i] !== old) i = list.indexOf(old);
      if (old.createdAt === r.createdAt) list[i] = r;
      else {
        list.splice(i, 1);
        list.splice(this.lowerBound(r), 0, r);
      }
    } else {
      // New records are nearly always the newest: appending is the common case.
      const last = list[list.length - 1];
      if (!last || compareCreated(last, r) < 0) list.push(r);
      else list.splice(this.lowerBound(r), 0, r);
    }
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
    const { page, pageSize } = query;
    if (!Number.isInteger(page) || page < 1) throw new RangeError(`record query: page must be an integer from 1 (got ${page})`);
    if (!Number.isInteger(pageSize) || pageSize < 0) throw new RangeError(`record query: pageSize must be a whole number (got ${pageSize})`);
    const list = this.data.records;
    // createdAt order lets a date range cut the walk down before any record is looked at.
    const lo = query.from === undefined ? 0 : this.boundAt(dateBound(query.from, false, 'from'), false);
    const hi = query.to === undefined ? list.length : this.boundAt(dateBound(query.to, true, 'to'), true);
    const matches = this.matcher(query);
    const sort = query.sort ?? { field: 'createdAt', dir: 'desc' };
    const start = (page - 1) * pageSize;
    const end = start + pageSize;
    const items: WorkRecord[] = [];
    let total = 0;

    if (sort.field === 'createdAt') {
      // Already in order: one walk counts the total and keeps only the page.
      if (sort.dir === 'desc') {
        for (let i = hi - 1; i >= lo; i--) {
          const r = list[i];
          if (!matches(r)) continue;
          if (total >= start && total < end) items.push(r);
          total++;
        }
      } else {
        for (let i = lo; i < hi; i++) {
          const r = list[i];
          if (!matches(r)) continue;
          if (total >= start && total < end) items.push(r);
          total++;
        }
      }
      return { items: clone(items), total };
    }

    const sign = sort.dir === 'desc' ? -1 : 1;
    const field = sort.field;
    // Records without the value go last whatever the direction; ties fall back to creation order.
    const order = (ka: SortKey, a: WorkRecord, kb: SortKey, b: WorkRecord): number => {
      if (ka !== kb) {
        if (ka === undefined) return 1;
        if (kb === undefined) return -1;
        return (ka < kb ? -1 : 1) * sign;
      }
      return compareCreated(a, b) * sign;
    };

    if (end <= TOP_K) {
      // Only the first `end` matches in order are needed: a small sorted buffer beats sorting them all.
      const keys: SortKey[] = [];
      const top: WorkRecord[] = [];
      // Walk in the direction asked: numbers and dates mostly grow with creation, so most records then fall off the end.
      const step = sign;
      for (let i = step > 0 ? lo : hi - 1; i >= lo && i < hi; i += step) {
        const r = list[i];
        if (!matches(r)) continue;
        total++;
        const k = sortValue(r, field);
        const n = top.length;
        if (n === end && (n === 0 || order(k, r, keys[n - 1], top[n - 1]) > 0)) continue;
        let a = 0;
        let b = n;
        while (a < b) {
          const m = (a + b) >>> 1;
          if (order(keys[m], top[m], k, r) < 0) a = m + 1;
          else b = m;
        }
        keys.splice(a, 0, k);
        top.splice(a, 0, r);
        if (top.length > end) {
          keys.pop();
          top.pop();
        }
      }
      return { items: clone(top.slice(start)), total };
    }

    const found: { k: SortKey; r: WorkRecord }[] = [];
    for (let i = lo; i < hi; i++) if (matches(list[i])) found.push({ k: sortValue(list[i], field), r: list[i] });
    // A deep page: select its slice in linear time, then sort only the slice (a full sort of 100k took ~95 ms).
    const slice = sliceInOrder(found, start, end, (x, y) => order(x.k, x.r, y.k, y.r));
    return { items: clone(slice.map((x) => x.r)), total: found.length };
  }

  /** One predicate for the query's filters; the cheapest tests run first. */
  private matcher(query: RecordQuery): (r: WorkRecord) => boolean {
    const { template, handler, department, visibility } = query;
    const status = query.status && query.status.length ? new Set(query.status) : undefined;
    const exclude = query.excludeStatus && query.excludeStatus.length ? new Set(query.excludeStatus) : undefined;
    const q = query.q?.trim().toLowerCase() || undefined;
    const viewer = 'all' in visibility && visibility.all ? undefined : (visibility as { userId: string; departments: string[]; ownOnly: boolean });
    const departments = viewer && !viewer.ownOnly ? new Set(viewer.departments) : undefined;
    return (r) => {
      if (template !== undefined && r.template !== template) return false;
      if (status && !status.has(r.status)) return false;
      if (exclude && exclude.has(r.status)) return false;
      if (handler !== undefined && r.handler !== handler) return false;
      if (department !== undefined && r.department !== department) return false;
      if (viewer && r.handler !== viewer.userId && !(departments?.has(r.department) ?? false) && !r.watchers.includes(viewer.userId)) {
        return false;
      }
      if (q !== undefined && !(r as Indexed)[NUMBER_TEXT].includes(q) && !(r as Indexed)[CUSTOMER_TEXT].includes(q)) return false;
      return true;
    };
  }

  getAudit(recordId: string): AuditEntry[] {
    return clone(this.auditByRecord.get(recordId) ?? []);
  }

  counter(name: string): number {
    return Object.hasOwn(this.data.counters, name) ? this.data.counters[name] : 0;
  }

  // ------------------------------------------------------------ stock

  private indexMovement(m: StockMovement): void {
    if (m.recordId === undefined) return;
    let list = this.movementsByRecord.get(m.recordId);
    if (!list) this.movementsByRecord.set(m.recordId, (list = []));
    list.push(m);
  }

  private applyMovement(m: StockMovement): void {
    this.data.stockMovements.push(m);
    this.indexMovement(m);
    const key = levelKey(m.product, m.warehouse);
    let level = this.levelsByKey.get(key);
    if (!level) {
      level = { product: m.product, warehouse: m.warehouse, onHand: 0, reserved: 0 };
      this.levelsByKey.set(key, level);
      this.data.stockLevels.push(level);
    }
    level.onHand = roundQty(level.onHand + m.onHand);
    level.reserved = roundQty(level.reserved + m.reserved);
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
    let list = this.notificationsByTo.get(n.to);
    if (!list) this.notificationsByTo.set(n.to, (list = []));
    list.push(n);
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
    let list = this.ledgerByRecord.get(e.recordId);
    if (!list) this.ledgerByRecord.set(e.recordId, (list = []));
    list.push(e);
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
    const i = this.approvalsById.get(id);
    return i === undefined ? undefined : clone(this.data.approvals[i]);
  }

  listApprovals(filter: { status?: Approval['status']; recordId?: string } = {}): Approval[] {
    return clone(
      this.data.approvals.filter(
        (a) => (filter.status === undefined || a.status === filter.status) && (filter.recordId === undefined || a.recordId === filter.recordId),
      ),
    );
  }

  getDocument(id: string): Document | undefined {
    const i = this.documentsById.get(id);
    return i === undefined ? undefined : clone(this.data.documents[i]);
  }

  listDocuments(kind?: string): Document[] {
    return clone(kind === undefined ? this.data.documents : this.data.documents.filter((d) => d.kind === kind));
  }

  // ------------------------------------------------------------ commit

  /**
   * Applies a change set whole, or throws before touching anything:
   * VersionConflict when a record moved on, StoreDataError for a malformed part, Error for a ledger id reused.
   */
  commit(input: ChangeSet): void {
    // A private copy: nothing stored stays reachable from the caller's objects.
    const changes = clone(input);
    const records = changes.records ?? [];

    // Versions as they stand after the earlier puts of this same change set.
    const versions = new Map<string, number | undefined>();
    for (const { record, expectVersion } of records) {
      const current = versions.has(record.id) ? versions.get(record.id) : this.recordsById.get(record.id)?.version;
      if (expectVersion === undefined ? current !== undefined : current !== expectVersion) throw new VersionConflict(record.id);
      versions.set(record.id, record.version);
    }

    const p: Problems = [];
    records.forEach(({ record }, i) => checkItem('records', record, `records[${i}].record`, p));
    changes.audit?.forEach((x, i) => checkItem('audit', x, `audit[${i}]`, p));
    changes.stock?.forEach((x, i) => checkItem('stockMovements', x, `stock[${i}]`, p));
    const notificationIds = new Set<string>();
    changes.notifications?.forEach((x, i) => {
      checkItem('notifications', x, `notifications[${i}]`, p);
      if (this.notificationsById.has(x.id) || notificationIds.has(x.id)) p.push(`notifications[${i}].id "${x.id}" is already stored`);
      notificationIds.add(x.id);
    });
    changes.ledger?.forEach((x, i) => checkItem('ledger', x, `ledger[${i}]`, p));
    changes.approvals?.forEach((x, i) => checkItem('approvals', x, `approvals[${i}]`, p));
    changes.documents?.forEach((x, i) => checkItem('documents', x, `documents[${i}]`, p));
    for (const [k, n] of Object.entries(changes.counters ?? {})) if (!isFiniteNumber(n)) p.push(`counters.${k} must be a number`);
    if (p.length) throw new StoreDataError('change set refused', p);

    // The ledger is append-only: an id already written (or written twice here) is refused outright.
    const ledgerIds = new Set<string>();
    for (const e of changes.ledger ?? []) {
      if (this.ledgerIds.has(e.id) || ledgerIds.has(e.id)) throw new Error(`ledger entry ${e.id} already exists; ledger entries are never overwritten`);
      ledgerIds.add(e.id);
    }

    // Nothing below can refuse: the change set is checked.
    for (const { record } of records) this.putRecord(record);
    for (const a of changes.audit ?? []) {
      let list = this.auditByRecord.get(a.recordId);
      if (!list) {
        list = [];
        this.auditByRecord.set(a.recordId, list);
        setOwn(this.data.audit, a.recordId, list);
      }
      list.push(a);
    }
    for (const m of changes.stock ?? []) this.applyMovement(m);
    for (const n of changes.notifications ?? []) {
      this.data.notifications.push(n);
      this.indexNotification(n);
    }
    for (const e of changes.ledger ?? []) {
      this.data.ledger.push(e);
      this.indexLedger(e);
    }
    for (const a of changes.approvals ?? []) {
      const i = this.approvalsById.get(a.id);
      if (i === undefined) {
        this.data.approvals.push(a);
        this.approvalsById.set(a.id, this.data.approvals.length - 1);
      } else this.data.approvals[i] = a;
    }
    for (const d of changes.documents ?? []) {
      const i = this.documentsById.get(d.id);
      if (i === undefined) {
        this.data.documents.push(d);
        this.documentsById.set(d.id, this.data.documents.length - 1);
      } else this.data.documents[i] = d;
    }
    for (const [name, value] of Object.entries(changes.counters ?? {})) setOwn(this.data.counters, name, value);
  }
}

/** The elements of ranks [start, end) under `cmp`, in order; reorders `list`. `cmp` must be a total order. */
export function sliceInOrder<T>(list: T[], start: number, end: number, cmp: (a: T, b: T) => number): T[] {
  const n = list.length;
  if (start >= n || end <= start) return [];
  const stop = Math.min(end, n);
  if (start > 0) select(list, start, 0, n, cmp);
  if (stop < n) select(list, stop, start, n, cmp);
  return list.slice(start, stop).sort(cmp);
}

/** Quickselect: puts the element of rank k at k, smaller ones before it, larger after (within [lo, hi)). */
function select<T>(a: T[], k: number, lo: number, hi: number, cmp: (a: T, b: T) => number): void {
  while (hi - lo > 1) {
    // A random pivot keeps sorted or adversarial input from going quadratic.
    const p = lo + Math.floor(Math.random() * (hi - lo));
    const pivot = a[p];
    a[p] = a[hi - 1];
    a[hi - 1] = pivot;
    let at = lo;
    for (let i = lo; i < hi - 1; i++) {
      if (cmp(a[i], pivot) < 0) {
        const t = a[i];
        a[i] = a[at];
        a[at] = t;
        at++;
      }
    }
    a[hi - 1] = a[at];
    a[at] = pivot;
    if (at === k) return;
    if (k < at) hi = at;
    else lo = at + 1;
  }
}

function isSortedByCreated(list: WorkRecord[]): boolean {
  for (let i = 1; i < list.length; i++) if (compareCreated(list[i - 1], list[i]) > 0) return false;
  return true;
}
