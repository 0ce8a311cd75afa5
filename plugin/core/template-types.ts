// Generated from schemas/template.schema.json by `npm run types`: change the schema, then run it again.
import type { Json, JsonObject } from './json.ts';

/**
 * a JSON Schema (draft-07) whose root is an object
 */
export type ObjectSchema = JsonObject;
/**
 * a JSON pointer (RFC 6901) into the record's data, e.g. /customer/name
 */
export type Pointer = string;
/**
 * the name of a rule, notification, reason list, reason code, derived value or automation
 */
export type Key = string;
/**
 * a property of each array item, relative to the item (no leading slash)
 */
export type ItemField = string;
/**
 * a column of a records list
 */
export type ListColumn = 'number' | 'customer' | 'amount' | 'status' | 'handler' | 'department' | 'createdAt' | 'updatedAt';
export type DerivedDef = Derived;
export type Scope = 'own' | 'department' | 'all';
/**
 * a state, action or role name
 */
export type Name = string;
export type NameList = Name[];
/**
 * @minItems 1
 */
export type NameList1 = Name[];
/**
 * { type, ...params }: the params are checked against the effect type's own schema
 */
export type EffectDef = {type: string; [param: string]: Json};
/**
 * @minItems 1
 */
export type NameList2 = Name[];
/**
 * @minItems 1
 */
export type NameList3 = Name[];
/**
 * json-rules-engine rule: { conditions, event?, name?, priority? }
 */
export type RuleDef = JsonObject;
/**
 * { all: [...] }, { any: [...] }, { not: {...} }, { condition: "<shared condition>" } or a leaf { fact, operator, value, path? }
 */
export type Condition = JsonObject;

/**
 * The shape of a template bundle as imported (rules inlined). Cross-references (states, roles, rules, pointers, effect parameters) are checked by validateTemplate after this schema passes; see docs/templates.md.
 */
export interface Template {
  id: string;
  version: number;
  name: Labels;
  description?: Labels;
  noun?: Labels;
  numberPrefix: string;
  appearance?: {
    icon?: string;
    color?: string;
  };
  form: {
    schema: ObjectSchema;
    uischema: JsonObject;
    labels?: {
      [k: string]: Labels;
    };
  };
  summary: SummaryDef;
  list?: ListDef;
  derived?: {
    [k: string]: DerivedDef;
  };
  roles: {
    [k: string]: RoleDef;
  };
  fields?: {
    [k: string]: FieldPermission;
  };
  states: {
    [k: string]: StateDef;
  };
  actions: {
    [k: string]: ActionDef;
  };
  create: {
    roles: NameList2;
  };
  copy?: CopyDef;
  reasons: {
    /**
     * @minItems 1
     */
    [k: string]: ReasonDef[];
  };
  notifications: {
    [k: string]: NotificationDef;
  };
  rules: {
    [k: string]: RuleDef;
  };
  /**
   * shared conditions by name, referenced from rules as { "condition": "<name>" } (json-rules-engine's setCondition)
   */
  conditions?: {
    [k: string]: Condition;
  };
  automations?: {
    [k: string]: AutomationDef;
  };
  limits?: RecordLimitsDef;
}
export interface Labels {
  'zh-CN': string;
  en: string;
}
export interface SummaryDef {
  customer?: Pointer;
  contact?: Pointer;
  /**
   * a derived value by name, or a number field of the form by its pointer ("/amount")
   */
  amount?: Key | Pointer;
  lines?: {
    path: Pointer;
    product: ItemField;
    warehouse: ItemField;
    quantity: ItemField;
    price?: ItemField;
  };
}
/**
 * How lists show this template's records
 */
export interface ListDef {
  /**
   * the list's columns, in order (the number is always shown); absent: all of them, less customer and amount when the summary has none
   *
   * @minItems 1
   */
  columns?: ListColumn[];
}
export interface Derived {
  op: 'sum' | 'sumProduct' | 'count';
  items: Pointer;
  fields?: ItemField[];
}
export interface RoleDef {
  label: Labels;
  view: Scope;
}
export interface FieldPermission {
  read?: NameList;
  write?: NameList;
}
export interface StateDef {
  label: Labels;
  /**
   * by role, the fields (JSON pointers; a pointer covers what is under it) it may write in this state; "*" means all
   */
  edit?: {
    /**
     * must be "*" (every field) or a list of JSON pointers
     */
    [k: string]: '*' | Pointer[];
  };
  /**
   * no action leads out of it except those that list it in their from (e.g. archive)
   */
  terminal?: boolean;
  /**
   * nobody may edit any field here, whatever edit says
   */
  readOnly?: boolean;
  /**
   * left out of working lists; still found with an explicit status filter
   */
  hidden?: boolean;
  /**
   * where a new record starts; exactly one state has it
   */
  initial?: boolean;
}
export interface ActionDef {
  label: Labels;
  description?: Labels;
  from: NameList1;
  /**
   * a state, action or role name
   */
  to?: string;
  allow: Grant[];
  input?: ActionInput;
  guards?: GuardRef[];
  approval?: ApprovalDef;
  effects?: EffectDef[];
  /**
   * take a restorable backup of what it touches before running
   */
  major?: boolean;
  /**
   * shown as a danger button and always confirmed
   */
  danger?: boolean;
  /**
   * never offered or run on its own: only as a step of other actions (cascade, linked.run) or by automations
   */
  internal?: boolean;
  cascade?: NameList;
}
export interface Grant {
  role: Name;
  scope: Scope;
}
export interface ActionInput {
  reason?: ReasonInput;
  comment?: {
    required: boolean;
  };
  params?: ObjectSchema;
}
export interface ReasonInput {
  required: boolean;
  list: Key;
}
export interface GuardRef {
  rule: Key;
  message: Labels;
}
export interface ApprovalDef {
  when?: Key;
  /**
   * @minItems 1
   */
  approvers: Grant[];
  /**
   * may the requester approve their own request
   */
  allowSelf?: boolean;
}
export interface CopyDef {
  from: NameList3;
  omit?: Pointer[];
}
export interface ReasonDef {
  code: Key;
  label: Labels;
}
export interface NotificationDef {
  /**
   * who is told: handler, previousHandler, actor, requester, role:<role>, department:<role>, or contact:<JSON pointer> for an outside address in the data
   *
   * @minItems 1
   */
  recipients: string[];
  title: Labels;
  body?: Labels;
}
export interface AutomationDef {
  label: Labels;
  on: {
    event: 'record.created' | 'record.updated' | 'action.done' | 'field.changed' | 'schedule';
    action?: Name;
    field?: Pointer;
    /**
     * for schedule: minutes between runs
     */
    everyMinutes?: number;
  };
  when?: Key;
  run: {
    action: Name;
    reason?: Key;
    comment?: string;
    params?: JsonObject;
  };
}
/**
 * How large a record's data may grow; a limit left out takes its default (docs/templates.md, Limits).
 */
export interface RecordLimitsDef {
  maxStringLength?: number;
  maxItems?: number;
  maxRecordBytes?: number;
}
