// The whole PostgreSQL store as one StoreData value (backup, snapshot, copy between stores) and back.
import type { ClientBase } from 'pg';
import type { AuditEntry } from '../../../core/types.ts';
import type { StockLevel } from '../../../runtime/ports.ts';
import { emptyStoreData, waitsForDelivery, type StoreData } from '../store-data.ts';
import { headOfLinked } from '../audit-chain.ts';
import { docs, insertRows } from './rows.ts';

type Reader = Pick<ClientBase, 'query'>;

/** Everything but sessions (a backup must not carry live sign-ins), in the order each kind was stored. */
export async function readWholeStore(client: Reader): Promise<StoreData> {
  const data = emptyStoreData();
  data.templates = await docs(client, 'SELECT doc FROM templates ORDER BY id, version');
  data.users = await docs(client, 'SELECT doc FROM users ORDER BY seq');
  data.records = await docs(client, 'SELECT doc FROM records ORDER BY created_at, id');
  for (const entry of await docs<AuditEntry>(client, 'SELECT doc FROM audit ORDER BY seq'))
    (Object.hasOwn(data.audit, entry.recordId) ? data.audit[entry.recordId] : defineList(data.audit, entry.recordId)).push(entry);
  data.stockMovements = await docs(client, 'SELECT doc FROM stock_movements ORDER BY seq');
  data.stockLevels = (await client.query<StockLevel>(
    'SELECT product, warehouse, on_hand::float8 AS "onHand", reserved::float8 AS reserved FROM stock_levels ORDER BY product, warehouse',
  )).rows;
  data.notifications = await docs(client, 'SELECT doc FROM notifications ORDER BY seq');
  data.ledger = await docs(client, 'SELECT doc FROM ledger ORDER BY seq');
  data.closedPeriods = (await client.query<{ period: string }>('SELECT period FROM closed_periods ORDER BY period')).rows.map((r) => r.period);
  data.approvals = await docs(client, 'SELECT doc FROM approvals ORDER BY seq');
  data.documents = await docs(client, 'SELECT doc FROM documents ORDER BY seq');
  for (const { name, value } of (await client.query<{ name: string; value: string }>('SELECT name, value FROM counters ORDER BY name')).rows)
    Object.defineProperty(data.counters, name, { value: Number(value), enumerable: true, writable: true, configurable: true });
  data.triggers = await docs(client, 'SELECT doc FROM triggers ORDER BY seq');
  data.answers = await docs(client, 'SELECT doc FROM answers ORDER BY at, key');
  data.backups = await docs(client, 'SELECT doc FROM backups ORDER BY seq');
  const [head] = (await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_chain_head')).rows;
  if (head) data.auditHead = { seq: Number(head.seq), hash: head.hash };
  return data;
}

/** Sets a list under a key that may be "__proto__" (record ids are data, not code). */
function defineList<T>(o: Record<string, T[]>, key: string): T[] {
  const list: T[] = [];
  Object.defineProperty(o, key, { value: list, enumerable: true, writable: true, configurable: true });
  return list;
}

/** What a replacement wipes: everything but sign-ins (nobody is signed out) and whole-store snapshots. */
const REPLACED = [
  'templates', 'users', 'records', 'audit', 'stock_movements', 'stock_levels', 'outbox', 'notifications', 'ledger',
  'closed_periods', 'approvals', 'documents', 'counters', 'triggers', 'answers', 'backups',
];

/** Puts checked data in place of what the store holds, inside the caller's transaction. */
export async function replaceWholeStore(client: ClientBase, data: StoreData): Promise<void> {
  // TRUNCATE, not DELETE: the audit trail and the ledger refuse deletes; a restore replaces them whole.
  await client.query(`TRUNCATE ${REPLACED.join(', ')} RESTART IDENTITY`);
  await insertRows(client, 'templates', data.templates);
  await insertRows(client, 'users', data.users);
  await insertRows(client, 'records', data.records);
  // In chain order, so that the table's own order is the chain's; older data is linked first (see headOfLinked).
  const head = data.auditHead ?? headOfLinked(data.audit);
  await insertRows(client, 'audit', Object.values(data.audit).flat().sort((a, b) => (a.chain?.seq ?? 0) - (b.chain?.seq ?? 0)));
  await client.query('UPDATE audit_chain_head SET seq = $1, hash = $2, linked_all = true', [head.seq, head.hash]);
  await insertRows(client, 'stock_movements', data.stockMovements);
  for (const l of data.stockLevels)
    await client.query('INSERT INTO stock_levels (product, warehouse, on_hand, reserved) VALUES ($1, $2, $3, $4)', [l.product, l.warehouse, l.onHand, l.reserved]);
  await insertRows(client, 'notifications', data.notifications);
  await client.query('INSERT INTO outbox (notification_id, seq) SELECT id, seq FROM notifications WHERE id = ANY($1)', [
    data.notifications.filter(waitsForDelivery).map((n) => n.id),
  ]);
  await insertRows(client, 'ledger', data.ledger);
  for (const period of data.closedPeriods) await client.query('INSERT INTO closed_periods (period) VALUES ($1)', [period]);
  await insertRows(client, 'approvals', data.approvals);
  await insertRows(client, 'documents', data.documents);
  for (const [name, value] of Object.entries(data.counters)) await client.query('INSERT INTO counters (name, value) VALUES ($1, $2)', [name, value]);
  await insertRows(client, 'triggers', data.triggers);
  await insertRows(client, 'answers', data.answers);
  await insertRows(client, 'backups', data.backups);
}
