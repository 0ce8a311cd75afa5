// The data shapes the runtime works with. Pure types: no behaviour, no I/O.

/** A text in every language the UI speaks; zh-CN first. */
export interface Labels {
  'zh-CN': string;
  en: string;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

// ---------------------------------------------------------------- templates

/** Who may do something, and on which records: own (I am the handler), department, all. */
export type Scope = 'own' | 'department' | 'all';

export interface Grant {
  role: string;
  scope: Scope;
}

export interface RoleDef {
  label: Labels;
  /** Which records this role sees in lists and may open. */
  view: Scope;
}

export interface StateDef {
  label: Labels;
  /** Fields (JSON pointers into the data; a pointer covers what is under it) each role may write in this state; '*' means all. */
  edit?: Record<string, string[] | '*'>;
  /** No action leads out of it except those listed with it in `from` (e.g. archive). */
  terminal?: boolean;
  /** Nobody may edit any field, whatever `edit` says. */
  readOnly?: boolean;
  /** Left out of working lists; still found with an explicit status filter. */
  hidden?: boolean;
  /** Where a new record starts; exactly one state has it. */
  initial?: boolean;
}

/** Field-level permission: roles that may read (absent = everyone who sees the record) and write. */
export interface FieldPermission {
  read?: string[];
  write?: string[];
}

export interface ReasonInput {
  required: boolean;
  /** Name of a list under the template's `reasons`. */
  list: string;
}

export interface ActionInput {
  reason?: ReasonInput;
  comment?: { required: boolean };
  /** JSON Schema of the action's params (e.g. a new handler); validated on every call. */
  params?: JsonObject;
}

export interface GuardRef {
  /** Name of a rule under the template's `rules`; the action runs only if the rule passes. */
  rule: string;
  /** What a person reads when the guard forbids the action: what is wrong and what to do. */
  message: Labels;
}

export interface ApprovalDef {
  /** Rule deciding whether approval is needed; absent = always. */
  when?: string;
  /** Who may decide. */
  approvers: Grant[];
  /** May the requester approve their own request? */
  allowSelf?: boolean;
}

/** One effect, by generic type, with parameters the effect's handler validates. */
export interface EffectDef {
  type: string;
  [param: string]: Json;
}

export interface ActionDef {
  label: Labels;
  description?: Labels;
  from: string[];
  /** Target state; absent = the record stays where it is (e.g. a reassignment). */
  to?: string;
  allow: Grant[];
  input?: ActionInput;
  guards?: GuardRef[];
  approval?: ApprovalDef;
  effects?: EffectDef[];
  /** Take a restorable snapshot of the store before running. */
  major?: boolean;
  /** Shown as a danger button and always confirmed. */
  danger?: boolean;
  /** Never offered or run on its own: only as a step of other actions (cascade, linked.run) or by automations. */
  internal?: boolean;
  /**
   * Actions that must run first when the record is in one of their `from` states:
   * one plan, executed atomically, in this order (e.g. unlock, then reverse, then this).
   */
  cascade?: string[];
}

export interface NotificationDef {
  /** Who is told: 'handler', 'previousHandler', 'actor', 'requester', 'role:<role>', 'department:<role>', or 'contact:<json pointer>' for an outside address in the data. */
  recipients: string[];
  /** Title and body; `{number}`, `{state}`, `{reason}`, `{actor}`, `{comment}`, `{handlerName}`, `{department}` are filled in. */
  title: Labels;
  body?: Labels;
}

export interface ReasonDef {
  code: string;
  label: Labels;
}

/** Where the runtime finds the customer, contact and lines in the data: JSON pointers, except the line fields, which are property names of each line. */
export interface SummaryDef {
  customer?: string;
  contact?: string;
  /** The record's amount: a derived value by name (see `derived`), or a number field of the form by its pointer ("/amount"). */
  amount?: string;
  lines?: {
    path: string;
    product: string;
    warehouse: string;
    quantity: string;
    price?: string;
  };
}

/** A value the template derives from the data, exposed to rules as `derived.<name>`. */
export interface DerivedDef {
  op: 'sum' | 'sumProduct' | 'count';
  /** JSON pointer to an array in the data. */
  items: string;
  /** Field(s) of each item: one for sum, two for sumProduct. */
  fields?: string[];
}

/** Runs an action as the system actor, whose only role is `system`: the template must declare it and grant it the action. */
export interface AutomationDef {
  label: Labels;
  on: {
    event: 'record.created' | 'record.updated' | 'action.done' | 'field.changed' | 'schedule';
    action?: string;
    field?: string;
    /** For schedule: minutes between runs. */
    everyMinutes?: number;
  };
  /** Rule that must pass for the automation to fire. */
  when?: string;
  run: { action: string; reason?: string; comment?: string; params?: JsonObject };
}

export interface CopyDef {
  from: string[];
  /** Fields (JSON pointers) not carried over into the new draft. */
  omit?: string[];
}

/** json-rules-engine rule JSON: { conditions, event? }. Only plain property paths allowed. */
export type RuleDef = JsonObject;

export interface Template {
  id: string;
  version: number;
  name: Labels;
  description?: Labels;
  /** Prefix of record numbers, e.g. "SO" → SO-000123. */
  numberPrefix: string;
  /** How the template is marked in lists: a short icon (an emoji or a character or two) and a colour (#rrggbb). */
  appearance?: { icon?: string; color?: string };
  form: {
    schema: JsonObject;
    uischema: JsonObject;
    /** Labels of data fields by JSON pointer, for history and errors. */
    labels?: Record<string, Labels>;
  };
  summary: SummaryDef;
  derived?: Record<string, DerivedDef>;
  roles: Record<string, RoleDef>;
  /** Field-level read/write permissions, keyed by JSON pointer into the data. */
  fields?: Record<string, FieldPermission>;
  states: Record<string, StateDef>;
  actions: Record<string, ActionDef>;
  /** Roles that may create records; a new record starts in the state marked `initial`. */
  create: { roles: string[] };
  copy?: CopyDef;
  reasons: Record<string, ReasonDef[]>;
  notifications: Record<string, NotificationDef>;
  /** Rules by name. In a bundle file on disk a value may be a path (e.g. "rules/sales-order/x.json") the file loader inlines. */
  rules: Record<string, RuleDef>;
  /** Shared conditions by name: a rule's condition may be { "condition": "<name>" } (json-rules-engine's setCondition). */
  conditions?: Record<string, JsonObject>;
  automations?: Record<string, AutomationDef>;
  /** How large a record's data may grow; each one left out takes its default (see core/record-limits.ts). */
  limits?: RecordLimitsDef;
}

/** Size limits on record data (and action params) that a template may set. */
export interface RecordLimitsDef {
  /** Characters in a string whose schema has no maxLength of its own. */
  maxStringLength?: number;
  /** Items in a list whose schema has no maxItems of its own. */
  maxItems?: number;
  /** Bytes of the whole data as JSON (UTF-8). */
  maxRecordBytes?: number;
}

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
  /** The automation that did it, when no person did. */
  automation?: string;
  /** The people (user ids) a comment mentions. */
  mentions?: string[];
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
  errors?: { path: string; message: string }[];
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
