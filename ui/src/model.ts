// The shapes the web app reads from the server (see docs/api-extras.md).
import type { AuditEntry, AvailableAction, FieldChange, Json, JsonObject, Labels, ReasonDef, Template, WorkRecord } from '../../plugin/core/types';

export type { AuditEntry, AvailableAction, FieldChange, Json, JsonObject, Labels, ReasonDef, Template, WorkRecord };
export type { LedgerEntry, StockMovement } from '../../plugin/runtime/ports';
export type { CancellationReport, PublicUser, ReportRecord, ReportRow } from '../../plugin/runtime/runtime-api';
import type { ApprovalView } from '../../plugin/runtime/runtime-api';
import type { Approval as StoredApproval } from '../../plugin/runtime/ports';

/** An approval as listed (with the order number, requester name and action label) or as just requested. */
export type Approval = StoredApproval & Partial<ApprovalView>;

/** One entry of a record's history, as the server sends it (fields the reader may not see already left out). */
export type HistoryEntry = AuditEntry;

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

export interface Notification {
  id: string;
  recordId?: string;
  kind: string;
  title: string;
  titles?: Labels;
  body?: string;
  bodies?: Labels;
  at: string;
  read: boolean;
}

export interface Department {
  id: string;
  label: Words;
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

