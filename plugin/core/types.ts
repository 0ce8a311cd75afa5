// The data shapes the runtime works with. Pure types: no behaviour, no I/O.

export type { Json, JsonObject } from './json.ts';
// The template's types come from its meta-schema (schemas/template.schema.json) through `npm run types`.
export type {
  ActionDef,
  ActionInput,
  ApprovalDef,
  AutomationDef,
  CopyDef,
  DerivedDef,
  EffectDef,
  FieldPermission,
  Grant,
  GuardRef,
  Labels,
  ListColumn,
  ListDef,
  NotificationDef,
  ReasonDef,
  ReasonInput,
  RecordLimitsDef,
  RoleDef,
  RuleDef,
  Scope,
  StateDef,
  SummaryDef,
  Template,
} from './template-types.ts';
import type { Json, JsonObject } from './json.ts';
import type { Labels, ReasonDef } from './template-types.ts';

// ---------------------------------------------------------------- people

export interface Actor {
  id: string;
  name: string;
  roles: string[];
  department?: string;
  /** An automation acting under its own name. */
  system?: boolean;
}

// ---------------------------------------------------------------- records

/**
 * The records a list may show someone: all; or what they handle or watch plus the records of these departments
 * (none with ownOnly); or, where their view differs between templates, what they handle or watch plus, per
 * template ("id@version"), all of its records or those of the departments named.
 */
export type Visibility =
  | { all: true }
  | { userId: string; departments: string[]; ownOnly: boolean }
  | { userId: string; templates: Record<string, { all: true } | { departments: string[] }> };

export interface RecordSummary {
  customer?: string;
  contact?: string;
  amount?: number;
}

export interface WorkRecord {
  id: string;
  number: string;
  template: string;
  templateVersion: number;
  status: string;
  version: number;
  data: JsonObject;
  handler: string;
  department: string;
  /** Earlier handlers: they keep read-only access and follow progress. */
  watchers: string[];
  summary: RecordSummary;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** Set on records made by "copy to new". */
  copiedFrom?: string;
  /** Where the last action came from, for returning to a previous state (e.g. reverse write-off). */
  previousStatus?: string;
}

export interface FieldChange {
  path: string;
  before?: Json;
  after?: Json;
}

export interface AuditEntry {
  id: string;
  recordId: string;
  at: string;
  actor: string;
  actorName: string;
  action: string;
  from?: string;
  to?: string;
  reason?: string;
  comment?: string;
  changes?: FieldChange[];
  /** The approver whose decision let this entry happen. */
  approvedBy?: string;
  /** For an approval's request or rejection: the action asked for (the comment stays the person's own words). */
  asked?: string;
  /** The automation that did it, when no person did. */
  automation?: string;
  /** The people (user ids) a comment mentions. */
  mentions?: string[];
  /** Its link in the store's one audit chain, set by the store when it commits the entry (tamper evidence). */
  chain?: AuditLink;
}

/** Position in the chain (1, 2, 3… in commit order), the hash of the entry before it, and this entry's hash. */
export interface AuditLink {
  seq: number;
  prev: string;
  hash: string;
}

// ---------------------------------------------------------------- commands and decisions

export interface ActionCommand {
  kind: 'action';
  action: string;
  reason?: string;
  comment?: string;
  params?: JsonObject;
  /** The version the caller read; absent = no check. */
  version?: number;
  /** Set when an approved request is being carried out: the approval is not asked again. */
  approved?: boolean;
  /** Who asked for it, when someone else (an approver) carries it out. */
  requestedBy?: string;
  /** Set when the action runs as a step of another one (a cascade or a document's linked run). */
  asStep?: boolean;
}

export interface EditCommand {
  kind: 'edit';
  data: JsonObject;
  version: number;
}

export interface CreateCommand {
  kind: 'create';
  data: JsonObject;
}

/** An effect with its parameters resolved against the command: what the handler will plan and run. */
export interface EffectCall {
  type: string;
  params: JsonObject;
}

/** A stable refusal: a code the HTTP layer maps to a status, and words a person can act on. */
export interface Refusal {
  ok: false;
  code: RefusalCode;
  message: Labels;
  /** Each problem at its JSON pointer: `message` in English, `zh` (when known) the same in 简体中文. */
  errors?: { path: string; message: string; zh?: string }[];
}

export type RefusalCode =
  | 'forbidden'
  | 'not_found'
  | 'invalid_transition'
  | 'guard_failed'
  | 'reason_required'
  | 'reason_unknown'
  | 'validation_failed'
  | 'version_conflict'
  | 'read_only'
  | 'stock_insufficient'
  | 'period_closed'
  | 'conflict'
  | 'unauthenticated'
  | 'template_invalid';

export interface Decision {
  ok: true;
  record: WorkRecord;
  effects: EffectCall[];
  /** The action waits for approval before it may run (the caller asked without an approval). */
  needsApproval: boolean;
  audit: Omit<AuditEntry, 'id' | 'recordId'>;
}

export type Outcome = Decision | Refusal;

export interface AvailableAction {
  name: string;
  label: Labels;
  needsReason: boolean;
  needsApproval: boolean;
  danger?: boolean;
  /** The reason list the dialog offers. */
  reasons?: ReasonDef[];
  params?: JsonObject;
  /** Actions that run first, in one plan (a cascade). */
  steps?: string[];
}
