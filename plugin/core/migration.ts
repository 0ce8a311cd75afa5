// Moving a record made with an older version of its template onto a newer one: allowed only when the record
// is already what the newer version accepts (its state exists there, its data passes the new form), so a move
// never loses or invents anything. Otherwise the reasons, at their pointers.
import { summarize } from './derived.ts';
import { validateRecordData, type DataError } from './data-validation.ts';
import type { Actor, AuditEntry, Template, WorkRecord } from './types.ts';

export function migrationProblems(target: Template, record: WorkRecord): DataError[] {
  const problems: DataError[] = [];
  if (!Object.hasOwn(target.states, record.status))
    problems.push({ path: '/status', message: `state '${record.status}' is not in version ${target.version}`, zh: `第 ${target.version} 版没有状态“${record.status}”` });
  return [...problems, ...validateRecordData(target, record.data).map((e) => ({ ...e, path: `/data${e.path}` }))];
}

/** The record on the new version (its summary as the new version computes it) and its history entry. */
export function migrate(target: Template, record: WorkRecord, actor: Actor, now: string): { record: WorkRecord; audit: Omit<AuditEntry, 'id' | 'recordId'> } {
  return {
    record: { ...record, templateVersion: target.version, summary: summarize(target, record.data), version: record.version + 1, updatedAt: now },
    audit: { at: now, actor: actor.id, actorName: actor.name, action: 'migrate', from: record.status, to: record.status, comment: `v${record.templateVersion} → v${target.version}` },
  };
}
