// A change set applied in one transaction: the records it puts are locked and their versions checked first,
// so that of two processes committing from the same version exactly one wins, and all of it or none is kept.
import type { ClientBase } from 'pg';
import type { WorkRecord } from '../../../core/types.ts';
import { CounterConflict, VersionConflict, type Approval, type ChangeSet, type Document } from '../../../runtime/ports.ts';
import { checkChangeSet } from '../change-set-checks.ts';
import { KEPT_BACKUPS, noteAfter, noteBefore, type ScopedBackup } from '../scoped-backups.ts';
import { docs, insertRows } from './rows.ts';

/** Outbox rule, as the embedded store's: explicitly undelivered, or an outside address never marked either way. */
export const waitsForDelivery = (n: { to: string; delivered?: boolean }): boolean =>
  n.delivered === false || (n.delivered === undefined && n.to.startsWith('contact:'));

const UNIQUE_VIOLATION = '23505';

/** Applies `input` inside the caller's transaction; throws, leaving the rollback to the caller, when refused. */
export async function applyChangeSet(client: ClientBase, input: ChangeSet): Promise<void> {
  const recordIds = [...new Set((input.records ?? []).map((r) => r.record.id))];
  const counterNames = Object.keys(input.counters ?? {});
  // Locked until the transaction ends: a second committer of the same records waits here, then sees the new version.
  const stored = new Map<string, WorkRecord>();
  if (recordIds.length)
    for (const r of await docs<WorkRecord>(client, 'SELECT doc FROM records WHERE id = ANY($1) ORDER BY id FOR UPDATE', [recordIds])) stored.set(r.id, r);
  const counters = new Map<string, number>();
  if (counterNames.length) {
    const { rows } = await client.query<{ name: string; value: string }>('SELECT name, value FROM counters WHERE name = ANY($1) ORDER BY name FOR UPDATE', [counterNames]);
    for (const { name, value } of rows) counters.set(name, Number(value));
  }
  // Ids already stored are refused by the tables' keys below; the checks here see the change set itself.
  const changes = checkChangeSet(input, {
    recordVersion: (id) => stored.get(id)?.version,
    hasNotification: () => false,
    hasLedgerEntry: () => false,
    counter: (name) => counters.get(name) ?? 0,
  });

  const backup = changes.backup && (await backupFor(client, changes, stored));
  await putRecords(client, changes, stored);
  await insertRows(client, 'audit', changes.audit ?? []);
  await addStock(client, changes);
  await addNotifications(client, changes);
  await refusingReuse(insertRows(client, 'ledger', changes.ledger ?? []), (id) => `ledger entry ${id} already exists; ledger entries are never overwritten`);
  const replace = 'ON CONFLICT (id) DO UPDATE SET';
  await insertRows(client, 'approvals', changes.approvals ?? [], `${replace} record_id = excluded.record_id, status = excluded.status, doc = excluded.doc`);
  await insertRows(client, 'documents', changes.documents ?? [], `${replace} kind = excluded.kind, doc = excluded.doc`);
  for (const [name, value] of Object.entries(changes.counters ?? {})) {
    // A counter first issued by two processes at once has no row to lock above: the second insert finds it here.
    const { rowCount } = await client.query(
      'INSERT INTO counters (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value WHERE counters.value < excluded.value',
      [name, value],
    );
    if (rowCount !== 1) throw new CounterConflict(name);
  }
  await insertRows(client, 'triggers', changes.triggers ?? []);
  if (changes.triggersDone?.length) await client.query('DELETE FROM triggers WHERE id = ANY($1)', [changes.triggersDone]);
  if (changes.answers?.length) await addAnswers(client, changes);
  if (backup) {
    noteAfter(backup, changes);
    await insertRows(client, 'backups', [backup], 'ON CONFLICT (id) DO UPDATE SET doc = excluded.doc');
    await client.query('DELETE FROM backups WHERE seq <= (SELECT seq FROM backups ORDER BY seq DESC OFFSET $1 LIMIT 1)', [KEPT_BACKUPS]);
  }
  if (changes.backupsRestored?.length) await client.query('DELETE FROM backups WHERE id = ANY($1)', [changes.backupsRestored]);
}

/** Each record once, as the change set leaves it: inserted when new, else replaced (it is locked). */
async function putRecords(client: ClientBase, changes: ChangeSet, stored: Map<string, WorkRecord>): Promise<void> {
  const last = new Map<string, WorkRecord>();
  for (const { record } of changes.records ?? []) last.set(record.id, record);
  const added = [...last.values()].filter((r) => !stored.has(r.id));
  const replaced = [...last.values()].filter((r) => stored.has(r.id));
  try {
    await insertRows(client, 'records', added);
  } catch (e) {
    // Another process created the same record first (its key was free when this one looked).
    if (isUnique(e, 'records_pkey')) throw new VersionConflict(added[0].id);
    if (isUnique(e, 'records_number_key')) throw new Error(`record number already issued: ${(e as { detail?: string }).detail ?? ''}`);
    throw e;
  }
  if (replaced.length)
    await insertRows(client, 'records', replaced, `ON CONFLICT (id) DO UPDATE SET ${UPDATED_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}`);
}

const UPDATED_COLUMNS = [
  'number', 'template', 'template_version', 'status', 'version', 'handler', 'department', 'watchers',
  'customer', 'amount', 'created_at', 'updated_at', 'number_search', 'customer_search', 'doc',
];

async function addStock(client: ClientBase, changes: ChangeSet): Promise<void> {
  const stock = changes.stock ?? [];
  if (!stock.length) return;
  await insertRows(client, 'stock_movements', stock);
  // Levels are running sums, counted to 6 decimals as the embedded store does (no float drift in long sums).
  await client.query(
    `INSERT INTO stock_levels (product, warehouse, on_hand, reserved)
       SELECT product, warehouse, round(sum(on_hand), 6), round(sum(reserved), 6)
       FROM jsonb_to_recordset($1::jsonb) AS m(product text, warehouse text, on_hand numeric, reserved numeric)
       GROUP BY product, warehouse
     ON CONFLICT (product, warehouse) DO UPDATE
       SET on_hand = round(stock_levels.on_hand + excluded.on_hand, 6), reserved = round(stock_levels.reserved + excluded.reserved, 6)`,
    [JSON.stringify(stock.map((m) => ({ product: m.product, warehouse: m.warehouse, on_hand: m.onHand, reserved: m.reserved })))],
  );
}

async function addNotifications(client: ClientBase, changes: ChangeSet): Promise<void> {
  const notifications = changes.notifications ?? [];
  if (!notifications.length) return;
  await refusingReuse(insertRows(client, 'notifications', notifications), (id) => `notification id "${id}" is already stored`);
  const waiting = notifications.filter(waitsForDelivery).map((n) => n.id);
  if (waiting.length) await client.query('INSERT INTO outbox (notification_id, seq) SELECT id, seq FROM notifications WHERE id = ANY($1)', [waiting]);
}

/** Keeps a day of answers, counted from the newest, as the embedded store does. */
async function addAnswers(client: ClientBase, changes: ChangeSet): Promise<void> {
  const answers = changes.answers!;
  await insertRows(client, 'answers', answers, 'ON CONFLICT (key) DO UPDATE SET at = excluded.at, doc = excluded.doc');
  const horizon = new Date(Date.parse(answers.at(-1)!.at) - 24 * 3600_000).toISOString();
  await client.query('DELETE FROM answers WHERE at < $1', [horizon]);
}

/** The backup this change set is kept under, noted with what the change set is about to overwrite. */
async function backupFor(client: ClientBase, changes: ChangeSet, stored: Map<string, WorkRecord>): Promise<ScopedBackup> {
  const tag = changes.backup!;
  const [known] = await docs<ScopedBackup>(client, 'SELECT doc FROM backups WHERE id = $1 FOR UPDATE', [tag.id]);
  const backup = known ?? { id: tag.id, label: tag.label, at: tag.at, records: [], approvals: [], documents: [], stock: [], ledger: [] };
  const approvals = await byId<Approval>(client, 'approvals', (changes.approvals ?? []).map((a) => a.id));
  const documents = await byId<Document>(client, 'documents', (changes.documents ?? []).map((d) => d.id));
  noteBefore(backup, changes, { record: (id) => stored.get(id), approval: (id) => approvals.get(id), document: (id) => documents.get(id) });
  return backup;
}

export async function byId<T extends { id: string }>(client: Pick<ClientBase, 'query'>, table: string, ids: string[]): Promise<Map<string, T>> {
  if (!ids.length) return new Map();
  return new Map((await docs<T>(client, `SELECT doc FROM ${table} WHERE id = ANY($1)`, [ids])).map((x) => [x.id, x]));
}

const isUnique = (e: unknown, constraint: string): boolean =>
  (e as { code?: string }).code === UNIQUE_VIOLATION && (e as { constraint?: string }).constraint === constraint;

/** An id the table already holds is refused with the store's own words, naming it. */
async function refusingReuse(insert: Promise<void>, message: (id: string) => string): Promise<void> {
  try {
    await insert;
  } catch (e) {
    if ((e as { code?: string }).code !== UNIQUE_VIOLATION) throw e;
    const id = /\(id\)=\((.*)\)/.exec((e as { detail?: string }).detail ?? '')?.[1] ?? '?';
    throw new Error(message(id));
  }
}

