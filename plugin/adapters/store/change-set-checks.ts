// A change set is checked whole before any of it is applied: record versions, item shapes, ids that must be new.
import { PluginFailure } from '../../core/errors.ts';
import { CounterConflict, VersionConflict, type ChangeSet } from '../../runtime/ports.ts';
import { StoreDataError, checkCounters, checkItem, clone, type ItemKind, type Problems } from './store-data.ts';

/** What the checks need to know of the data already stored. */
export interface Stored {
  recordVersion(id: string): number | undefined;
  hasNotification(id: string): boolean;
  hasLedgerEntry(id: string): boolean;
  counter(name: string): number;
}

/** The lists of a change set besides records, in the order they are checked, with the kind of their items. */
const PARTS = [
  ['audit', 'audit'],
  ['stock', 'stockMovements'],
  ['notifications', 'notifications'],
  ['ledger', 'ledger'],
  ['approvals', 'approvals'],
  ['documents', 'documents'],
  ['triggers', 'triggers'],
  ['answers', 'answers'],
] as const satisfies readonly (readonly [keyof ChangeSet, ItemKind])[];

/**
 * A private copy of `input`, safe to apply whole; throws before anything is touched:
 * VersionConflict when a record moved on, CounterConflict when a number was issued meanwhile, StoreDataError for a malformed part, Error for a ledger id reused.
 */
export function checkChangeSet(input: ChangeSet, stored: Stored): ChangeSet {
  // A private copy: nothing stored stays reachable from the caller's objects.
  const changes = clone(input);
  const records = changes.records ?? [];

  // Versions as they stand after the earlier puts of this same change set.
  const versions = new Map<string, number | undefined>();
  for (const { record, expectVersion } of records) {
    const current = versions.has(record.id) ? versions.get(record.id) : stored.recordVersion(record.id);
    if (expectVersion === undefined ? current !== undefined : current !== expectVersion) throw new VersionConflict(record.id);
    versions.set(record.id, record.version);
  }

  const p: Problems = [];
  records.forEach(({ record }, i) => checkItem('records', record, `records[${i}].record`, p));
  for (const [part, kind] of PARTS) (changes[part] as unknown[] | undefined)?.forEach((x, i) => checkItem(kind, x, `${part}[${i}]`, p));
  for (const { i, id } of repeats(changes.notifications, stored.hasNotification)) p.push(`notifications[${i}].id "${id}" is already stored`);
  checkCounters(changes.counters ?? {}, p);
  // Numbers are never issued twice: a counter committed at or below where it stands lost a race.
  for (const [name, value] of Object.entries(changes.counters ?? {})) if (typeof value === 'number' && value <= stored.counter(name)) throw new CounterConflict(name);
  if (changes.backup) checkItem('backups', { ...changes.backup, records: [], approvals: [], documents: [], stock: [], ledger: [] }, 'backup', p);
  if (p.length) throw new StoreDataError('change set refused', p);

  // The ledger is append-only: an id already written (or written twice here) is refused outright.
  const [reused] = repeats(changes.ledger, stored.hasLedgerEntry);
  if (reused) throw new PluginFailure('data_inconsistent', `ledger entry ${reused.id} already exists; ledger entries are never overwritten`);
  return changes;
}

/** The items whose id is already stored or came earlier in the list. */
function repeats(items: { id: string }[] | undefined, isStored: (id: string) => boolean): { i: number; id: string }[] {
  const found: { i: number; id: string }[] = [];
  if (!items) return found;
  const seen = new Set<string>();
  items.forEach(({ id }, i) => {
    if (isStored(id) || seen.has(id)) found.push({ i, id });
    seen.add(id);
  });
  return found;
}
