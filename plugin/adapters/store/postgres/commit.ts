// A change set applied in one transaction, in as few round trips as it can: each record it replaces is updated
// only where its stored version is still the one expected (a conflicting commit from any process waits for the
// row, then finds the version moved on), and everything it adds goes in one statement. All of it, or none.
import type { ClientBase } from 'pg';
import type { WorkRecord } from '../../../core/types.ts';
import { CounterConflict, VersionConflict, type Approval, type ChangeSet, type Document } from '../../../runtime/ports.ts';
import { checkChangeSet } from '../change-set-checks.ts';
import { KEPT_BACKUPS, noteAfter, noteBefore, type ScopedBackup } from '../scoped-backups.ts';
import { RECORD_COLUMNS, recordRow } from './record-sql.ts';
import { docs, insertRows } from './rows.ts';

/** Outbox rule, as the embedded store's: explicitly undelivered, or an outside address never marked either way. */
export const waitsForDelivery = (n: { to: string; delivered?: boolean }): boolean =>
  n.delivered === false || (n.delivered === undefined && n.to.startsWith('contact:'));

const UNIQUE_VIOLATION = '23505';

/** Applies `input` inside the caller's transaction; throws, leaving the rollback to the caller, when refused. */
export async function applyChangeSet(client: ClientBase, input: ChangeSet): Promise<void> {
  // The versions the change set expects are taken as stored here; the updates below check them in the database.
  const expected = new Map<string, number | undefined>();
  for (const { record, expectVersion } of input.records ?? []) if (!expected.has(record.id)) expected.set(record.id, expectVersion);
  const changes = checkChangeSet(input, {
    recordVersion: (id) => expected.get(id),
    // Ids already stored, and counters already past, are refused by the tables themselves below.
    hasNotification: () => false,
    hasLedgerEntry: () => false,
    counter: () => 0,
  });

  // Counters first: a number another process issued meanwhile is a conflict to retry, before its record collides.
  for (const [name, value] of Object.entries(changes.counters ?? {})) {
    // The row stays locked to the end: a second process issuing the same number waits, then finds it taken.
    const { rowCount } = await client.query(
      'INSERT INTO counters (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value WHERE counters.value < excluded.value',
      [name, value],
    );
    if (rowCount !== 1) throw new CounterConflict(name);
  }
  const backup = changes.backup && (await backupFor(client, changes));
  await putRecords(client, changes, expected);
  await addEverythingElse(client, changes);
  if (changes.answers?.length) await addAnswers(client, changes);
  if (backup) {
    noteAfter(backup, changes);
    await insertRows(client, 'backups', [backup], 'ON CONFLICT (id) DO UPDATE SET doc = excluded.doc');
    await client.query('DELETE FROM backups WHERE seq <= (SELECT seq FROM backups ORDER BY seq DESC OFFSET $1 LIMIT 1)', [KEPT_BACKUPS]);
  }
  if (changes.backupsRestored?.length) await client.query('DELETE FROM backups WHERE id = ANY($1)', [changes.backupsRestored]);
}

const SET_RECORD = RECORD_COLUMNS.slice(1).map((c, i) => `${c} = $${i + 2}`).join(', ');

/** Each record once, as the change set leaves it: inserted when new, else updated if still at the version expected. */
async function putRecords(client: ClientBase, changes: ChangeSet, expected: Map<string, number | undefined>): Promise<void> {
  const last = new Map<string, WorkRecord>();
  for (const { record } of changes.records ?? []) last.set(record.id, record);
  const added = [...last.values()].filter((r) => expected.get(r.id) === undefined);
  try {
    await insertRows(client, 'records', added);
  } catch (e) {
    // Another process created the same record first.
    if (isUnique(e, 'records_pkey')) throw new VersionConflict(idIn(e));
    if (isUnique(e, 'records_number_key')) throw new Error(`record number already issued: ${(e as { detail?: string }).detail ?? ''}`);
    throw e;
  }
  for (const r of last.values()) {
    const version = expected.get(r.id);
    if (version === undefined) continue;
    const row = recordRow(r);
    const { rowCount } = await client.query(`UPDATE records SET ${SET_RECORD} WHERE id = $1 AND version = $${row.length + 1}`, [...row, version]);
    if (rowCount !== 1) throw new VersionConflict(r.id);
  }
}

/** The last of each id: one statement may not touch a row twice. */
const lastById = <T extends { id: string }>(items: T[] = []): T[] => [...new Map(items.map((x) => [x.id, x])).values()];

/** Audit, stock, notifications and the outbox, ledger, approvals, documents and triggers: one statement. */
async function addEverythingElse(client: ClientBase, changes: ChangeSet): Promise<void> {
  const params: unknown[] = [];
  const p = (value: unknown): string => `$${params.push(value)}`;
  const items = (list: unknown[]) => `jsonb_array_elements(${p(JSON.stringify(list))}::jsonb) WITH ORDINALITY AS x(doc, i)`;
  const parts: string[] = [];
  const add = (name: string, sql: string) => parts.push(`${name} AS (${sql})`);

  if (changes.audit?.length) add('audit_added', `INSERT INTO audit (id, record_id, doc) SELECT doc->>'id', doc->>'recordId', doc FROM ${items(changes.audit)} ORDER BY i`);
  if (changes.stock?.length) {
    add('moved', `INSERT INTO stock_movements (id, record_id, doc) SELECT doc->>'id', doc->>'recordId', doc FROM ${items(changes.stock)} ORDER BY i`);
    // Levels are running sums, counted to 6 decimals as the embedded store does (no float drift in long sums).
    add('levels', `INSERT INTO stock_levels (product, warehouse, on_hand, reserved)
        SELECT doc->>'product', doc->>'warehouse', round(sum((doc->>'onHand')::numeric), 6), round(sum((doc->>'reserved')::numeric), 6)
        FROM ${items(changes.stock)} GROUP BY 1, 2
      ON CONFLICT (product, warehouse) DO UPDATE
        SET on_hand = round(stock_levels.on_hand + excluded.on_hand, 6), reserved = round(stock_levels.reserved + excluded.reserved, 6)`);
  }
  if (changes.notifications?.length) {
    add('notified', `INSERT INTO notifications (id, recipient, at, doc) SELECT doc->>'id', doc->>'to', (doc->>'at')::timestamptz, doc FROM ${items(changes.notifications)} ORDER BY i RETURNING id, seq`);
    const waiting = changes.notifications.filter(waitsForDelivery).map((n) => n.id);
    if (waiting.length) add('queued', `INSERT INTO outbox (notification_id, seq) SELECT id, seq FROM notified WHERE id = ANY(${p(waiting)})`);
  }
  if (changes.ledger?.length) add('posted', `INSERT INTO ledger (id, record_id, doc) SELECT doc->>'id', doc->>'recordId', doc FROM ${items(changes.ledger)} ORDER BY i`);
  const approvals = lastById(changes.approvals);
  if (approvals.length)
    add('approvals_put', `INSERT INTO approvals (id, record_id, status, doc) SELECT doc->>'id', doc->>'recordId', doc->>'status', doc FROM ${items(approvals)} ORDER BY i
      ON CONFLICT (id) DO UPDATE SET record_id = excluded.record_id, status = excluded.status, doc = excluded.doc`);
  const documents = lastById(changes.documents);
  if (documents.length)
    add('documents_put', `INSERT INTO documents (id, kind, doc) SELECT doc->>'id', doc->>'kind', doc FROM ${items(documents)} ORDER BY i
      ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, doc = excluded.doc`);
  if (changes.triggers?.length) add('triggered', `INSERT INTO triggers (id, doc) SELECT doc->>'id', doc FROM ${items(changes.triggers)} ORDER BY i`);
  if (changes.triggersDone?.length) add('triggers_done', `DELETE FROM triggers WHERE id = ANY(${p(changes.triggersDone)})`);
  if (!parts.length) return;

  try {
    await client.query(`WITH ${parts.join(',\n')} SELECT 1`, params);
  } catch (e) {
    // An id already stored is refused with the store's own words, naming it.
    if (isUnique(e, 'ledger_id_key')) throw new Error(`ledger entry ${idIn(e)} already exists; ledger entries are never overwritten`);
    if (isUnique(e, 'notifications_id_key')) throw new Error(`notification id "${idIn(e)}" is already stored`);
    throw e;
  }
}

/** Keeps a day of answers, counted from the newest, as the embedded store does. */
async function addAnswers(client: ClientBase, changes: ChangeSet): Promise<void> {
  const answers = lastByKey(changes.answers!);
  await insertRows(client, 'answers', answers, 'ON CONFLICT (key) DO UPDATE SET at = excluded.at, doc = excluded.doc');
  const horizon = new Date(Date.parse(answers.at(-1)!.at) - 24 * 3600_000).toISOString();
  await client.query('DELETE FROM answers WHERE at < $1', [horizon]);
}

const lastByKey = <T extends { key: string }>(items: T[]): T[] => [...new Map(items.map((x) => [x.key, x])).values()];

/** The backup this change set is kept under, noted with what the change set is about to overwrite (locked). */
async function backupFor(client: ClientBase, changes: ChangeSet): Promise<ScopedBackup> {
  const tag = changes.backup!;
  const [known] = await docs<ScopedBackup>(client, 'SELECT doc FROM backups WHERE id = $1 FOR UPDATE', [tag.id]);
  const backup = known ?? { id: tag.id, label: tag.label, at: tag.at, records: [], approvals: [], documents: [], stock: [], ledger: [] };
  const records = await byId<WorkRecord>(client, 'records', (changes.records ?? []).map((r) => r.record.id), 'FOR UPDATE');
  const approvals = await byId<Approval>(client, 'approvals', (changes.approvals ?? []).map((a) => a.id));
  const documents = await byId<Document>(client, 'documents', (changes.documents ?? []).map((d) => d.id));
  noteBefore(backup, changes, { record: (id) => records.get(id), approval: (id) => approvals.get(id), document: (id) => documents.get(id) });
  return backup;
}

export async function byId<T extends { id: string }>(client: Pick<ClientBase, 'query'>, table: string, ids: string[], lock = ''): Promise<Map<string, T>> {
  if (!ids.length) return new Map();
  return new Map((await docs<T>(client, `SELECT doc FROM ${table} WHERE id = ANY($1) ORDER BY id ${lock}`, [ids])).map((x) => [x.id, x]));
}

const isUnique = (e: unknown, constraint: string): boolean =>
  (e as { code?: string }).code === UNIQUE_VIOLATION && (e as { constraint?: string }).constraint === constraint;

/** The id a unique violation names ("Key (id)=(n1) already exists."). */
const idIn = (e: unknown): string => /\)=\((.*)\) already exists/.exec((e as { detail?: string }).detail ?? '')?.[1] ?? '?';
