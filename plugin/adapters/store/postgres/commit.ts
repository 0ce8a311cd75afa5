// A change set applied whole in one statement, one round trip: each record it replaces is updated only where its
// stored version is still the one expected, each counter only where it has not reached the value, and a check at
// the end refuses the whole statement when any of them did not hold (a conflicting commit from any process
// waits for the rows, then finds them moved on). What it adds goes in with it. A change set kept under a backup,
// or carrying answers, runs in a transaction with those beside it.
import { PluginFailure } from '../../../core/errors.ts';
import type { ClientBase } from 'pg';
import type { WorkRecord } from '../../../core/types.ts';
import { CounterConflict, VersionConflict, type Approval, type ChangeSet, type Document } from '../../../runtime/ports.ts';
import { contentHash } from '../audit-chain.ts';
import { checkChangeSet } from '../change-set-checks.ts';
import { waitsForDelivery } from '../store-data.ts';
import { KEPT_BACKUPS, noteAfter, noteBefore, type ScopedBackup } from '../scoped-backups.ts';
import { RECORD_COLUMNS, RECORD_COLUMN_TYPES, recordFields } from './record-sql.ts';
import { docs, insertRows, prepared } from './rows.ts';

/** The function the statement ends with (migrations.ts): it raises these when a version or a counter moved on. */
const VERSION_MOVED = 'OW409';
const COUNTER_MOVED = 'OW412';
const UNIQUE_VIOLATION = '23505';
const DEADLOCK = '40P01';

type Query = Pick<ClientBase, 'query'>;

/** Applies `input` whole or not at all; `transaction` runs work around it in one transaction when it needs that. */
export async function commitChangeSet(client: Query, input: ChangeSet, transaction: <T>(work: (c: ClientBase) => Promise<T>) => Promise<T>): Promise<void> {
  // The versions the change set expects are taken as stored here; the statement checks them in the database.
  const expected = new Map<string, number | undefined>();
  for (const { record, expectVersion } of input.records ?? []) if (!expected.has(record.id)) expected.set(record.id, expectVersion);
  const changes = checkChangeSet(input, {
    recordVersion: (id) => expected.get(id),
    // Ids already stored and counters already past are refused by the statement itself.
    hasNotification: () => false,
    hasLedgerEntry: () => false,
    counter: () => 0,
  });
  const statement = changeSetStatement(changes, expected);
  if (!changes.backup && !changes.answers?.length) return run(client, statement);
  await transaction(async (c) => {
    const backup = changes.backup && (await backupFor(c, changes));
    // The statement comes last: it takes the audit chain's head, held from there to the commit only.
    if (changes.answers?.length) await addAnswers(c, changes);
    if (backup) {
      noteAfter(backup, changes);
      await insertRows(c, 'backups', [backup], 'ON CONFLICT (id) DO UPDATE SET doc = excluded.doc');
      await c.query('DELETE FROM backups WHERE seq <= (SELECT seq FROM backups ORDER BY seq DESC OFFSET $1 LIMIT 1)', [KEPT_BACKUPS]);
    }
    await run(c, statement);
  });
}

async function run(client: Query, { text, params }: { text: string; params: unknown[] }): Promise<void> {
  try {
    // Change sets come in a few shapes (a cancel, a create, a receipt…): each shape is planned once per connection.
    await client.query(prepared(text, params));
  } catch (e) {
    const { code, constraint, detail } = e as { code?: string; constraint?: string; detail?: string };
    if (code === VERSION_MOVED) throw new VersionConflict(detail ?? '?');
    if (code === COUNTER_MOVED) throw new CounterConflict(detail ?? '?');
    // Two commits locking the same records in another order: one is chosen to give way, as if it came second.
    if (code === DEADLOCK) throw new VersionConflict('?');
    if (code === UNIQUE_VIOLATION) {
      const id = /\)=\((.*)\) already exists/.exec(detail ?? '')?.[1] ?? '?';
      // Another process created the same record first.
      if (constraint === 'records_pkey') throw new VersionConflict(id);
      if (constraint === 'records_number_key') throw new PluginFailure('data_inconsistent', `record number ${id} was already issued; the number counter is behind the records`);
      if (constraint === 'ledger_id_key') throw new PluginFailure('data_inconsistent', `ledger entry ${id} already exists; ledger entries are never overwritten`);
      if (constraint === 'notifications_id_key') throw new PluginFailure('data_inconsistent', `notification id "${id}" is already stored`);
    }
    throw e;
  }
}

/** The last of each id: one statement may not touch a row twice. */
const lastById = <T extends { id: string }>(items: T[] = []): T[] => [...new Map(items.map((x) => [x.id, x])).values()];

const RECORD_SET = RECORD_COLUMNS.map((c) => `${c} ${RECORD_COLUMN_TYPES[c]}`).join(', ');

/** One statement for the whole change set (backups and answers aside). */
function changeSetStatement(changes: ChangeSet, expected: Map<string, number | undefined>): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (value: unknown): string => `$${params.push(value)}`;
  const items = (list: unknown[]) => `jsonb_array_elements(${p(JSON.stringify(list))}::jsonb) WITH ORDINALITY AS x(doc, i)`;
  const parts: string[] = [];
  const add = (name: string, sql: string) => parts.push(`${name} AS (${sql})`);

  const counters = Object.keys(changes.counters ?? {});
  if (counters.length)
    add('counted', `INSERT INTO counters (name, value) SELECT key, value::bigint FROM jsonb_each_text(${p(JSON.stringify(changes.counters))}::jsonb)
      ON CONFLICT (name) DO UPDATE SET value = excluded.value WHERE counters.value < excluded.value RETURNING name`);

  // Each record once, as the change set leaves it: inserted when new, else updated if still at the version expected.
  const final = lastById((changes.records ?? []).map((r) => r.record));
  const added = final.filter((r) => expected.get(r.id) === undefined);
  const replaced = final.filter((r) => expected.get(r.id) !== undefined);
  const cols = RECORD_COLUMNS.join(', ');
  if (added.length)
    add('records_added', `INSERT INTO records (${cols}) SELECT ${cols} FROM jsonb_to_recordset(${p(JSON.stringify(added.map(recordFields)))}::jsonb) AS x(${RECORD_SET})`);
  if (replaced.length)
    add('records_replaced', `UPDATE records r SET ${RECORD_COLUMNS.slice(1).map((c) => `${c} = x.${c}`).join(', ')}
      FROM jsonb_to_recordset(${p(JSON.stringify(replaced.map((r) => ({ ...recordFields(r), expected: expected.get(r.id) }))))}::jsonb) AS x(${RECORD_SET}, expected integer)
      WHERE r.id = x.id AND r.version = x.expected RETURNING r.id`);

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
  if (changes.backupsRestored?.length) add('backups_restored', `DELETE FROM backups WHERE id = ANY(${p(changes.backupsRestored)})`);

  // The audit chain's head is taken last, after the records' and counters' rows (the checks' arguments run first),
  // so its lock is held only for the rest of this statement, and always in the same order.
  const audit = changes.audit?.length ? `, audit_append(${p(JSON.stringify(changes.audit.map((a) => ({ entry: { ...a, chain: undefined }, content: contentHash(a) }))))}::jsonb)` : '';
  const check = `SELECT commit_check(${p(replaced.map((r) => r.id))}::text[], ${replaced.length ? 'ARRAY(SELECT id FROM records_replaced)' : "'{}'"}, ` +
    `${p(counters)}::text[], ${counters.length ? 'ARRAY(SELECT name FROM counted)' : "'{}'"})${audit}`;
  return { text: parts.length ? `WITH ${parts.join(',\n')}\n${check}` : check, params };
}

/** Keeps a day of answers, counted from the newest, as the embedded store does. */
async function addAnswers(client: ClientBase, changes: ChangeSet): Promise<void> {
  const answers = [...new Map(changes.answers!.map((a) => [a.key, a])).values()];
  await insertRows(client, 'answers', answers, 'ON CONFLICT (key) DO UPDATE SET at = excluded.at, doc = excluded.doc');
  const horizon = new Date(Date.parse(answers.at(-1)!.at) - 24 * 3600_000).toISOString();
  await client.query('DELETE FROM answers WHERE at < $1', [horizon]);
}

/** The backup this change set is kept under, noted with what the change set is about to overwrite (locked). */
async function backupFor(client: ClientBase, changes: ChangeSet): Promise<ScopedBackup> {
  const tag = changes.backup!;
  const [known] = await docs<ScopedBackup>(client, 'SELECT doc FROM backups WHERE id = $1 FOR UPDATE', [tag.id]);
  const backup = known ?? { ...tag, records: [], approvals: [], documents: [], stock: [], ledger: [] };
  const records = await byId<WorkRecord>(client, 'records', (changes.records ?? []).map((r) => r.record.id), 'FOR UPDATE');
  const approvals = await byId<Approval>(client, 'approvals', (changes.approvals ?? []).map((a) => a.id));
  const documents = await byId<Document>(client, 'documents', (changes.documents ?? []).map((d) => d.id));
  noteBefore(backup, changes, { record: (id) => records.get(id), approval: (id) => approvals.get(id), document: (id) => documents.get(id) });
  return backup;
}

export async function byId<T extends { id: string }>(client: Query, table: string, ids: string[], lock = ''): Promise<Map<string, T>> {
  if (!ids.length) return new Map();
  return new Map((await docs<T>(client, `SELECT doc FROM ${table} WHERE id = ANY($1) ORDER BY id ${lock}`, [ids])).map((x) => [x.id, x]));
}
