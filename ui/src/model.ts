// The shapes the web app reads from the server (see docs/api-extras.md).
import type { AuditEntry, AvailableAction, FieldChange, Json, JsonObject, Labels, ReasonDef, Template, WorkRecord } from '../../plugin/core/types';

export type { AuditEntry, AvailableAction, FieldChange, Json, JsonObject, Labels, ReasonDef, Template, WorkRecord };
export type { LedgerEntry, StockMovement } from '../../plugin/runtime/ports';
export type { PublicUser } from '../../plugin/runtime/runtime-api';

/** Server words: usually a text in every language, sometimes a plain string. */
export type Words = Labels | string;

export interface RecordView extends WorkRecord {
  pendingApprovals?: { id: string; action: string; actionLabel: Labels; requesterName: string; requestedAt: string }[];
  availableActions?: AvailableAction[];
  editable: string[];
  handlerName?: string;
  departmentLabel?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface PreviewEffect {
  kind: string;
  text: Words;
  [detail: string]: unknown;
}

export interface Preview {
  allowed: boolean;
  code?: string;
  message?: Words;
  reasons?: Words[];
  needsApproval: boolean;
  approvers?: unknown[];
  from?: string;
  to?: string;
  effects: PreviewEffect[];
}

export interface Approval {
  id: string;
  recordId: string;
  action: string;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  requestedBy: string;
  requestedByName?: string;
  requestedAt: string;
  command: { reason?: string; comment?: string; params?: Record<string, unknown>; [k: string]: unknown };
  recordVersion?: number;
  assignee?: string;
  decidedBy?: string;
  decidedAt?: string;
  comment?: string;
  history?: { at: string; by: string; byName?: string; what: string; comment?: string }[];
  /** Extra fields the server may add for display. */
  recordNumber?: string;
  record?: RecordView;
  actionLabel?: Labels;
  template?: string;
}

export interface Notification {
  id: string;
  recordId?: string;
  kind: string;
  title: string;
  titles?: Labels;
  body?: string;
  at: string;
  read: boolean;
}

export interface Department {
  id: string;
  label: Words;
}

export interface HistoryEntry extends Partial<AuditEntry> {
  at: string;
  actor: string;
  actorName?: string;
  action: string;
  from?: string;
  to?: string;
  reason?: string;
  comment?: string;
  changes?: FieldChange[];
  onBehalfOf?: string;
  onBehalfOfName?: string;
}

export interface BulkResult {
  id: string;
  ok: boolean;
  status: number;
  code?: string;
  message?: Words;
  record?: RecordView;
  approval?: Approval;
}

export interface ReportRow {
  key: string;
  label?: Words;
  count: number;
  amount: number;
}
