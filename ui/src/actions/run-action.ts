// Run one action on one record. 200 → the updated record; 202 → an approval request.
import { api } from '../api';
import type { Approval, RecordView } from '../model';
import type { JsonObject } from '../model';

export type ActionResult = { kind: 'done'; record: RecordView } | { kind: 'approval'; approval: Approval };

export async function runAction(
  recordId: string,
  action: string,
  input: { reason?: string; comment?: string; params?: JsonObject; version?: number },
): Promise<ActionResult> {
  const body: Record<string, unknown> = {};
  if (input.reason) body.reason = input.reason;
  if (input.comment) body.comment = input.comment;
  if (input.params && Object.keys(input.params).length) body.params = input.params;
  if (input.version !== undefined) body.version = input.version;
  const res = await api<RecordView | { approval: Approval }>('POST', `/records/${encodeURIComponent(recordId)}/actions/${encodeURIComponent(action)}`, body);
  if (res && typeof res === 'object' && 'approval' in res && !('number' in res)) return { kind: 'approval', approval: res.approval };
  return { kind: 'done', record: res as RecordView };
}
