// The store's data as one plain JSON object: its shape, the empty value, and the checks a loaded or committed value must pass.
import type { AuditEntry, Template, WorkRecord } from '../../core/types.ts';
import type { Approval, AuditHead, AutomationTrigger, Document, IdempotentAnswer, LedgerEntry, Notification, Session, StockLevel, StockMovement, User } from '../../runtime/ports.ts';
import type { ScopedBackup } from './scoped-backups.ts';
import { levelsFromMovements } from './stock-levels.ts';

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
  /** Automation triggers not yet run, oldest first. */
  triggers: AutomationTrigger[];
  /** Answers to requests sent with an Idempotency-Key, for a day. */
  answers: IdempotentAnswer[];
  /** The backups of major operations, oldest first. */
  backups: ScopedBackup[];
  /** Where the audit chain ends (see audit-chain.ts); absent in stores written before the chain. */
  auditHead?: AuditHead;
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
    triggers: [],
    answers: [],
    backups: [],
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

// JSON, not structuredClone: stored data is JSON anyway, and V8 reads JSON.parse objects over twice as fast in long scans.
export const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/**
 * A copy of a whole store value made a part at a time (each list item, each record's audit list): one JSON
 * string of the whole store would fail past V8's longest string (about 512 MB) however much memory there is.
 */
export function clonePieces<T>(value: T, depth = 2): T {
  if (depth === 0 || typeof value !== 'object' || value === null) return clone(value);
  if (Array.isArray(value)) return value.map((v) => clone(v)) as T;
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    if (v !== undefined) Object.defineProperty(copy, k, { value: clonePieces(v, depth - 1), enumerable: true, writable: true, configurable: true });
  return copy as T;
}

/** Outbox rule of every store: explicitly undelivered, or an outside address never marked either way. */
export const waitsForDelivery = (n: Pick<Notification, 'to' | 'delivered'>): boolean =>
  n.delivered === false || (n.delivered === undefined && n.to.startsWith('contact:'));

/** Freezes a value to its leaves: what stores hand to many readers at once (templates, the directory) is shared, not copied. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

// ---------------------------------------------------------------- item shapes

export type Problems = string[];
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStringList = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** What a field must be, as the end of "… must be …", or undefined when it is fine. */
const faults = {
  string: (v: unknown) => (typeof v === 'string' ? undefined : 'a string'),
  integer: (v: unknown) => (Number.isInteger(v) ? undefined : 'an integer'),
  number: (v: unknown) => (isFiniteNumber(v) ? undefined : 'a number'),
  boolean: (v: unknown) => (typeof v === 'boolean' ? undefined : 'true or false'),
  list: (v: unknown) => (Array.isArray(v) ? undefined : 'a list'),
  strings: (v: unknown) => (isStringList(v) ? undefined : 'a list of strings'),
  date: (v: unknown) => (typeof v !== 'string' ? 'a string' : Number.isNaN(Date.parse(v)) ? 'a date' : undefined),
  object: (v: unknown) => (isObj(v) ? undefined : 'an object'),
};

/** A field's rule; "?" lets it be missing, and a nested shape is an object whose fields are checked too. */
type Rule = keyof typeof faults | `${keyof typeof faults}?` | Shape;
interface Shape {
  [field: string]: Rule;
}

// Only what keeps indexes, queries and sums from breaking; the runtime validates meaning.
const itemShapes = {
  templates: { id: 'string', version: 'integer' },
  users: { id: 'string', username: 'string', name: 'string', roles: 'strings' },
  sessions: { token: 'string', userId: 'string', expiresAt: 'string' },
  records: {
    id: 'string',
    number: 'string',
    template: 'string',
    status: 'string',
    handler: 'string',
    department: 'string',
    createdAt: 'date',
    updatedAt: 'string',
    version: 'integer',
    templateVersion: 'integer',
    data: 'object',
    summary: { customer: 'string?', amount: 'number?' },
    watchers: 'strings',
  },
  audit: { id: 'string', recordId: 'string', at: 'string', actor: 'string', action: 'string' },
  stockMovements: { id: 'string', product: 'string', warehouse: 'string', at: 'string', onHand: 'number', reserved: 'number' },
  stockLevels: { product: 'string', warehouse: 'string', onHand: 'number', reserved: 'number' },
  notifications: { id: 'string', to: 'string', kind: 'string', title: 'string', at: 'string', read: 'boolean' },
  ledger: { id: 'string', recordId: 'string', account: 'string', period: 'string', at: 'string', amount: 'number' },
  approvals: { id: 'string', recordId: 'string', action: 'string', status: 'string', history: 'list' },
  documents: { id: 'string', kind: 'string', status: 'string', recordIds: 'list' },
  triggers: { id: 'string', recordId: 'string', event: 'string', depth: 'integer', at: 'string' },
  answers: { key: 'string', fingerprint: 'string', status: 'integer', contentType: 'string', body: 'string', at: 'date' },
  backups: { id: 'string', label: 'string', at: 'string', records: 'list', approvals: 'list', documents: 'list', stock: 'strings', ledger: 'strings' },
} satisfies Record<string, Shape>;

export type ItemKind = keyof typeof itemShapes;

/** A shape turned into a list once: loading 100k records then only walks it. */
interface FieldCheck {
  field: string;
  optional: boolean;
  fault: (v: unknown) => string | undefined;
  nested: FieldCheck[] | undefined;
}

function compile(shape: Shape): FieldCheck[] {
  return Object.entries(shape).map(([field, rule]) => {
    if (typeof rule === 'object') return { field, optional: false, fault: faults.object, nested: compile(rule) };
    const optional = rule.endsWith('?');
    const kind = (optional ? rule.slice(0, -1) : rule) as keyof typeof faults;
    return { field, optional, fault: faults[kind], nested: undefined };
  });
}

const itemChecks = Object.fromEntries(Object.entries(itemShapes).map(([kind, shape]) => [kind, compile(shape)])) as Record<ItemKind, FieldCheck[]>;

function checkFields(o: Obj, checks: FieldCheck[], path: string, p: Problems): void {
  for (let i = 0; i < checks.length; i++) {
    const c = checks[i];
    const v = o[c.field];
    if (c.optional && v === undefined) continue;
    const says = c.fault(v);
    if (says) p.push(`${path}.${c.field} must be ${says}`);
    else if (c.nested) checkFields(v as Obj, c.nested, `${path}.${c.field}`, p);
  }
}

export function checkItem(kind: ItemKind, v: unknown, path: string, p: Problems): void {
  if (isObj(v)) checkFields(v, itemChecks[kind], path, p);
  else p.push(`${path} must be an object`);
}

/** Throws StoreDataError, headed `what`, when a single item is malformed. */
export function refuseMalformed(kind: ItemKind, v: unknown, path: string, what: string): void {
  const p: Problems = [];
  checkItem(kind, v, path, p);
  if (p.length) throw new StoreDataError(what, p);
}

// ---------------------------------------------------------------- the whole value

/** The stored lists, each with the keys the indexes look its items up by. */
const LISTS = {
  templates: [],
  users: ['id', 'username'],
  sessions: ['token'],
  records: ['id'],
  stockMovements: [],
  stockLevels: [],
  notifications: ['id'],
  ledger: ['id'],
  approvals: ['id'],
  documents: ['id'],
  triggers: ['id'],
  answers: ['key'],
  backups: ['id'],
} satisfies Partial<Record<ItemKind, string[]>>;

function checkList(kind: ItemKind, list: unknown, path: string, p: Problems, uniqueBy: string[] = []): void {
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
  const known = new Set<string>(['format', 'formatVersion', 'audit', 'auditHead', 'closedPeriods', 'counters', ...Object.keys(LISTS)]);
  for (const k of Object.keys(value)) if (!known.has(k)) p.push(`unknown key "${k}"`);
  if (p.length) throw new StoreDataError(what, p);

  for (const [k, uniqueBy] of Object.entries(LISTS)) if (value[k] !== undefined) checkList(k as ItemKind, value[k], k, p, uniqueBy);
  if (value.audit !== undefined) {
    if (!isObj(value.audit)) p.push('audit must be an object of lists by record id');
    else for (const [id, list] of Object.entries(value.audit)) checkList('audit', list, `audit[${JSON.stringify(id)}]`, p);
  }
  if (value.auditHead !== undefined) {
    const h = value.auditHead as Obj;
    if (!isObj(h) || !Number.isInteger(h.seq) || typeof h.hash !== 'string') p.push('auditHead must be { seq: integer, hash: string }');
  }
  if (value.closedPeriods !== undefined && !isStringList(value.closedPeriods)) p.push('closedPeriods must be a list of strings');
  if (value.counters !== undefined) {
    if (!isObj(value.counters)) p.push('counters must be an object');
    else checkCounters(value.counters, p);
  }
  if (p.length) throw new StoreDataError(what, p);

  const data = { ...emptyStoreData(), ...(value as Partial<StoreData>) } as StoreData;
  data.formatVersion = STORE_FORMAT_VERSION;
  // Older exports may lack levels: they are the sum of the movements.
  if (value.stockLevels === undefined) data.stockLevels = levelsFromMovements(data.stockMovements);
  return data;
}

export function checkCounters(counters: object, p: Problems): void {
  for (const [k, n] of Object.entries(counters)) if (!isFiniteNumber(n)) p.push(`counters.${k} must be a number`);
}
