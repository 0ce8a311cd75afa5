// Items of the store as table rows, and many rows put in one statement.
import { createHash } from 'node:crypto';
import type { ClientBase, QueryConfig } from 'pg';
import type { AuditEntry, Template } from '../../../core/types.ts';
import type { Approval, AutomationTrigger, Document, IdempotentAnswer, LedgerEntry, Notification, StockMovement, User } from '../../../runtime/ports.ts';
import type { ScopedBackup } from '../scoped-backups.ts';
import { RECORD_COLUMNS, recordRow } from './record-sql.ts';

const doc = (item: unknown): string => JSON.stringify(item);

/** For each table: its columns, and the values of one item in that order. */
export const TABLES = {
  templates: { columns: ['id', 'version', 'doc'], row: (t: Template) => [t.id, t.version, doc(t)] },
  users: { columns: ['id', 'username', 'doc'], row: (u: User) => [u.id, u.username, doc(u)] },
  records: { columns: RECORD_COLUMNS, row: recordRow },
  audit: { columns: ['id', 'record_id', 'chain_seq', 'doc'], row: (a: AuditEntry) => [a.id, a.recordId, a.chain?.seq ?? null, doc(a)] },
  stock_movements: { columns: ['id', 'record_id', 'doc'], row: (m: StockMovement) => [m.id, m.recordId ?? null, doc(m)] },
  notifications: { columns: ['id', 'recipient', 'at', 'doc'], row: (n: Notification) => [n.id, n.to, n.at, doc(n)] },
  ledger: { columns: ['id', 'record_id', 'doc'], row: (e: LedgerEntry) => [e.id, e.recordId, doc(e)] },
  approvals: { columns: ['id', 'record_id', 'status', 'doc'], row: (a: Approval) => [a.id, a.recordId, a.status, doc(a)] },
  documents: { columns: ['id', 'kind', 'doc'], row: (d: Document) => [d.id, d.kind, doc(d)] },
  triggers: { columns: ['id', 'doc'], row: (t: AutomationTrigger) => [t.id, doc(t)] },
  answers: { columns: ['key', 'at', 'doc'], row: (a: IdempotentAnswer) => [a.key, a.at, doc(a)] },
  backups: { columns: ['id', 'doc'], row: (b: ScopedBackup) => [b.id, doc(b)] },
} as const;

type Tables = typeof TABLES;
export type Table = keyof Tables;
type ItemOf<T extends Table> = Parameters<Tables[T]['row']>[0];

/** PostgreSQL takes at most 65,535 parameters in one statement. */
const MAX_PARAMS = 60_000;

/**
 * Inserts the items in their order (sequence columns follow it), in as few statements as the parameter limit
 * allows; `onConflict` is appended as written (e.g. an upsert's `ON CONFLICT (id) DO UPDATE …`).
 */
export async function insertRows<T extends Table>(client: ClientBase, table: T, items: readonly ItemOf<T>[], onConflict = ''): Promise<void> {
  const { columns, row } = TABLES[table] as { columns: readonly string[]; row: (item: ItemOf<T>) => unknown[] };
  const perStatement = Math.floor(MAX_PARAMS / columns.length);
  for (let from = 0; from < items.length; from += perStatement) {
    const chunk = items.slice(from, from + perStatement);
    const params: unknown[] = [];
    const tuples = chunk.map((item) => `(${row(item).map((v) => `$${params.push(v)}`).join(', ')})`);
    await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${onConflict}`, params);
  }
}

/** The `doc` of each row, in the order the query gives. */
export async function docs<T>(client: Pick<ClientBase, 'query'>, sql: string, params: unknown[] = []): Promise<T[]> {
  const { rows } = await client.query<{ doc: T }>(sql, params);
  return rows.map((r) => r.doc);
}

/**
 * A statement the server parses and plans once per connection, then only runs: the store's reads, and the shapes
 * of its commits, are the same few texts over and over. Lists build their text per query and are sent as they are.
 */
export function prepared(text: string, values: unknown[]): QueryConfig {
  return { name: `ow_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`, text, values };
}
