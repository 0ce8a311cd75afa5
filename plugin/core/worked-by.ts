// Who worked on a record, as its audit trail tells: the basis of a person's "processed by me" list.
import type { AuditEntry } from './types.ts';

/** The audit entry's action for a comment: a word of the runtime, not of any template. */
export const COMMENT_ACTION = 'comment';

/**
 * The people an audit entry counts as having worked on its record: whoever did it, and the approver whose
 * decision let it happen. A comment works on nothing; an automation's actor is no person of the directory.
 */
export function workedBy(entry: Pick<AuditEntry, 'actor' | 'action' | 'approvedBy'>): string[] {
  if (entry.action === COMMENT_ACTION) return [];
  return entry.approvedBy && entry.approvedBy !== entry.actor ? [entry.actor, entry.approvedBy] : [entry.actor];
}
