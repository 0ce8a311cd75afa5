// The backup before a major operation holds what the operation touches, not the whole store: the records,
// approvals and documents as they were, and the stock and ledger lines it added. Restoring it puts those
// records back (as a new version, with an audit entry), reverses its stock and ledger lines by counter-entries,
// and refuses, naming them, when any of those records moved on since: it never undoes later work silently.
import type { AuditEntry, WorkRecord } from '../../core/types.ts';
import type { Approval, BackupTag, ChangeSet, Document, LedgerEntry, SnapshotInfo, StockMovement } from '../../runtime/ports.ts';
import { clone } from './store-data.ts';

export interface ScopedBackup extends BackupTag {
  /** Each record as it was before its first change under this backup, and the version the last change left. */
  records: { id: string; number: string; before: WorkRecord | null; after: number }[];
  approvals: { id: string; before: Approval | null }[];
  documents: { id: string; before: Document | null }[];
  /** Ids of what the operation added. */
  stock: string[];
  ledger: string[];
}

/** Enough for weeks of major operations; the oldest backups are dropped first. */
export const KEPT_BACKUPS = 200;

/** What the backup must hold of the data a change set is about to overwrite. */
export interface Current {
  record(id: string): WorkRecord | undefined;
  approval(id: string): Approval | undefined;
  document(id: string): Document | undefined;
}

/** Notes, before a change set is applied, what it is about to change; several change sets may share one backup. */
export function noteBefore(backup: ScopedBackup, changes: ChangeSet, current: Current): void {
  const has = <T extends { id: string }>(list: T[], id: string) => list.some((x) => x.id === id);
  for (const { record } of changes.records ?? [])
    if (!has(backup.records, record.id)) backup.records.push({ id: record.id, number: record.number, before: clone(current.record(record.id)) ?? null, after: record.version });
  for (const a of changes.approvals ?? []) if (!has(backup.approvals, a.id)) backup.approvals.push({ id: a.id, before: clone(current.approval(a.id)) ?? null });
  for (const d of changes.documents ?? []) if (!has(backup.documents, d.id)) backup.documents.push({ id: d.id, before: clone(current.document(d.id)) ?? null });
  for (const m of changes.stock ?? []) backup.stock.push(m.id);
  for (const e of changes.ledger ?? []) backup.ledger.push(e.id);
}

/** Notes the versions a change set left, once applied. */
export function noteAfter(backup: ScopedBackup, changes: ChangeSet): void {
  for (const { record } of changes.records ?? []) backup.records.find((r) => r.id === record.id)!.after = record.version;
}

export const backupInfo = (b: ScopedBackup): SnapshotInfo => ({ id: b.id, at: b.at, label: b.label, records: b.records.map((r) => r.number), ...(b.action ? { action: b.action } : {}) });

/** Thrown when restoring would undo work done after the backup. */
export class BackupOvertaken extends Error {
  constructor(backup: ScopedBackup, moved: string[]) {
    super(
      `cannot restore backup ${backup.id} ("${backup.label}"): ${moved.join(', ')} changed after it was taken, ` +
        'and restoring would undo that later work; nothing was restored',
    );
    this.name = 'BackupOvertaken';
  }
}

export interface Lookup extends Current {
  movement(id: string): StockMovement | undefined;
  ledgerEntry(id: string): LedgerEntry | undefined;
}

/** The change set that restores a backup, checked against the records as they stand now. */
export function restoreChanges(backup: ScopedBackup, now: string, data: Lookup): ChangeSet {
  const moved = backup.records.filter((r) => r.before && data.record(r.id)?.version !== r.after).map((r) => r.number);
  if (moved.length) throw new BackupOvertaken(backup, moved);
  const restored = backup.records.filter((r) => r.before);
  const records = restored.map(({ id, before }) => {
    const current = data.record(id)!;
    return { record: { ...before!, version: current.version + 1, updatedAt: now }, expectVersion: current.version };
  });
  const audit: AuditEntry[] = restored.map(({ id, before }) => ({
    id: `${backup.id}:restore:${id}`, recordId: id, at: now, actor: 'system:restore', actorName: '备份恢复 / Backup restore',
    action: 'backup.restored', from: data.record(id)!.status, to: before!.status, comment: backup.label,
  }));
  const stock = backup.stock.flatMap((mid) => {
    const m = data.movement(mid);
    return m ? [{ ...m, id: `${mid}:restore`, onHand: -m.onHand, reserved: -m.reserved, at: now, note: `restore ${backup.id}` }] : [];
  });
  const ledger = backup.ledger.flatMap((eid) => {
    const e = data.ledgerEntry(eid);
    if (!e) return [];
    const { matches: _m, documentId: _d, ...entry } = e;
    return [{ ...entry, id: `${eid}:restore`, amount: -e.amount, at: now, reverses: eid, memo: `restore ${backup.id}` }];
  });
  // Approvals the operation opened are withdrawn; those it changed go back to what they were.
  const approvals = backup.approvals.flatMap(({ id, before }) => {
    if (before) return [before];
    const opened = data.approval(id);
    return opened?.status === 'pending' ? [{ ...opened, status: 'withdrawn' as const, history: [...opened.history, { at: now, by: 'system:restore', what: 'withdrawn' }] }] : [];
  });
  const documents = backup.documents.flatMap(({ before }) => (before ? [before] : []));
  return { records, audit, stock, ledger, approvals, documents, backupsRestored: [backup.id] };
}
