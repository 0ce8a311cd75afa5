// The interpreter: for a template, a record, a command, a caller, facts and a time, decide. No I/O.
import { diffData } from './diff.ts';
import { summarize } from './derived.ts';
import { validateAgainst, validateRecordData } from './data-validation.ts';
import { limitsOf } from './record-limits.ts';
import { canRead, canSee, editableFields, forbiddenChange, matchingGrant, unwritableOnCreate } from './permissions.ts';
import { leaveOut } from './redact.ts';
import { refusals, refuseWith } from './refusals.ts';
import type {
  ActionCommand,
  ActionDef,
  Actor,
  AvailableAction,
  Decision,
  EffectCall,
  Json,
  JsonObject,
  Outcome,
  Refusal,
  Template,
  WorkRecord,
} from './types.ts';

export interface DecideContext {
  actor: Actor;
  now: string;
  /** Results of the template's rules, evaluated by the shell against the facts of this record. */
  rules: Record<string, boolean>;
}

const label = (t: Template, state: string) => t.states[state]?.label ?? { 'zh-CN': state, en: state };

/** The template's action of this name; only its own entries, so "constructor" or "toString" name none. */
export function actionOf(template: Template, name: string): ActionDef | undefined {
  return Object.hasOwn(template.actions, name) ? template.actions[name] : undefined;
}

export function decideAction(template: Template, record: WorkRecord, command: ActionCommand, ctx: DecideContext): Outcome {
  const def = actionOf(template, command.action);
  if (!def) return refusals.noSuchAction(command.action);
  if (!canSee(template, record, ctx.actor)) return refusals.notFound();
  if (def.internal && !command.asStep && !ctx.actor.system) return refusals.internalAction(def.label);
  if (!matchingGrant(def.allow, record, ctx.actor))
    return refusals.notAllowed(def.label, [...new Set(def.allow.map((g) => g.role))].map((r) => template.roles[r]?.label ?? { 'zh-CN': r, en: r }));
  if (command.version !== undefined && command.version !== record.version) return refusals.staleVersion(command.version, record.version);
  if (!def.from.includes(record.status))
    return refusals.wrongState(def.label, label(template, record.status), def.from.map((s) => label(template, s)));

  const inputRefusal = checkInput(template, command);
  if (inputRefusal) return inputRefusal;

  const failed = (def.guards ?? []).filter((g) => ctx.rules[g.rule] !== true);
  if (failed.length)
    return refuseWith('guard_failed', {
      'zh-CN': failed.map((g) => g.message['zh-CN']).join(' '),
      en: failed.map((g) => g.message.en).join(' '),
    });

  const needsApproval = !command.approved && !!def.approval && (!def.approval.when || ctx.rules[def.approval.when] === true);
  const to = def.to ?? record.status;
  const next: WorkRecord = {
    ...record,
    status: to,
    previousStatus: def.to && def.to !== record.status ? record.status : record.previousStatus,
    version: record.version + 1,
    updatedAt: ctx.now,
  };
  const effects: EffectCall[] = (def.effects ?? []).map(({ type, ...params }) => ({
    type,
    params: resolveParams(params as JsonObject, command.params ?? {}),
  }));
  const audit: Decision['audit'] = { at: ctx.now, actor: ctx.actor.id, actorName: ctx.actor.name, action: command.action, from: record.status, to };
  if (command.reason) audit.reason = command.reason;
  if (command.comment) audit.comment = command.comment;
  return { ok: true, record: next, effects, needsApproval, audit };
}

function checkInput(template: Template, command: ActionCommand): Refusal | undefined {
  const def = template.actions[command.action];
  const reason = def.input?.reason;
  if (reason) {
    const codes = (template.reasons[reason.list] ?? []).map((r) => r.code);
    if (!command.reason && reason.required) return refusals.reasonRequired(def.label, codes);
    if (command.reason && !codes.includes(command.reason)) return refusals.reasonUnknown(command.reason, codes);
  }
  if (def.input?.comment?.required && !command.comment?.trim()) return refusals.commentRequired(def.label);
  if (def.input?.params) {
    const errors = validateAgainst(def.input.params, command.params ?? {}, limitsOf(template)).map((e) => ({ ...e, path: '/params' + e.path }));
    if (errors.length) return refusals.invalidParams(errors);
  }
  return undefined;
}

/** Replaces {"$param": "x"} by the command's param x; a param not given leaves the key out. */
function resolveParams(params: JsonObject, given: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(params)) {
    const resolved = resolveValue(v, given);
    if (resolved !== undefined) out[k] = resolved;
  }
  return out;
}

function resolveValue(v: Json, given: JsonObject): Json | undefined {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    if (typeof v.$param === 'string' && Object.keys(v).length === 1) return given[v.$param];
    return resolveParams(v, given);
  }
  if (Array.isArray(v)) return v.map((x) => resolveValue(x, given) ?? null);
  return v;
}

/**
 * Actions to run first so that `action` can run from `status`: the cascade steps whose from-state the
 * record passes through, in order. Undefined when even the cascade does not lead to the action.
 */
export function cascadeSteps(template: Template, action: string, status: string): string[] | undefined {
  const def = actionOf(template, action);
  if (!def) return undefined;
  const steps: string[] = [];
  let current = status;
  for (const name of def.cascade ?? []) {
    const step = template.actions[name];
    if (step?.to && step.from.includes(current)) {
      steps.push(name);
      current = step.to;
    }
  }
  return def.from.includes(current) ? steps : undefined;
}

/**
 * The actions this caller may run on this record now: the same checks as decideAction, minus the input.
 * An action reached through a cascade is offered when the caller may run every step; its guards are
 * judged on the record the steps leave behind, which the preview shows.
 */
export function availableActions(template: Template, record: WorkRecord, actor: Actor, rules: Record<string, boolean>): AvailableAction[] {
  if (!canSee(template, record, actor)) return [];
  const out: AvailableAction[] = [];
  for (const [name, def] of Object.entries(template.actions)) {
    if (def.internal) continue;
    const steps = cascadeSteps(template, name, record.status);
    if (!steps || ![...steps, name].every((s) => !!matchingGrant(template.actions[s].allow, record, actor))) continue;
    if (!steps.length && !(def.guards ?? []).every((g) => rules[g.rule] === true)) continue;
    const approvals = [...steps, name].map((s) => template.actions[s].approval).filter((a) => !!a);
    const a: AvailableAction = {
      name,
      label: def.label,
      needsReason: !!def.input?.reason?.required,
      needsApproval: approvals.some((ap) => !ap.when || rules[ap.when] === true),
    };
    if (def.danger) a.danger = true;
    if (def.input?.reason) a.reasons = template.reasons[def.input.reason.list] ?? [];
    if (def.input?.params) a.params = def.input.params;
    if (steps.length) a.steps = steps;
    out.push(a);
  }
  return out;
}

export interface NewRecordIds {
  id: string;
  number: string;
}

export function decideCreate(template: Template, data: JsonObject, actor: Actor, ids: NewRecordIds, now: string): Outcome {
  if (!template.create.roles.some((r) => actor.roles.includes(r))) return refusals.cannotCreate(template.name);
  const errors = validateRecordData(template, data);
  if (errors.length) return refusals.invalidData(errors);
  const filled = diffData({}, data).map((c) => c.path);
  const blocked = unwritableOnCreate(template, filled, actor);
  if (blocked) return refusals.fieldReadOnly(blocked, label(template, initialState(template)));
  const record: WorkRecord = {
    id: ids.id,
    number: ids.number,
    template: template.id,
    templateVersion: template.version,
    status: initialState(template),
    version: 1,
    data,
    handler: actor.id,
    department: actor.department ?? '',
    watchers: [],
    summary: summarize(template, data),
    createdBy: actor.id,
    createdAt: now,
    updatedAt: now,
  };
  return {
    ok: true,
    record,
    effects: [],
    needsApproval: false,
    audit: { at: now, actor: actor.id, actorName: actor.name, action: 'create', to: record.status, changes: diffData({}, data) },
  };
}

/** An edit is a top-level merge of the given fields into the data; every changed field must be writable. */
export function decideEdit(template: Template, record: WorkRecord, patch: JsonObject, version: number, actor: Actor, now: string): Outcome {
  if (!canSee(template, record, actor)) return refusals.notFound();
  if (version !== record.version) return refusals.staleVersion(version, record.version);
  const state = template.states[record.status];
  if (state.readOnly || state.terminal) return refusals.readOnly(state.label);
  const data: JsonObject = { ...record.data, ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === null) delete data[k];
  const changes = diffData(record.data, data);
  // Naming a field the caller may not read is refused like changing it: "nothing changed" (200) against
  // "read-only" (403) would otherwise tell whether a guess of its value was right.
  const hidden = Object.keys(template.fields ?? {}).find((p) => !canRead(template, p, actor) && leaveOut(patch, p) !== patch);
  const blocked = hidden !== undefined ? { path: hidden } : forbiddenChange(template, record, actor, changes);
  if (blocked) {
    return editableFields(template, record, actor).length === 0
      ? refuseWith('read_only', {
          'zh-CN': `在“${state.label['zh-CN']}”状态下，您不能修改这条记录。`,
          en: `You may not change this record while it is ${state.label.en}.`,
        })
      : refusals.fieldReadOnly(blocked.path, state.label);
  }
  const errors = validateRecordData(template, data);
  if (errors.length) return refusals.invalidData(errors);
  const next: WorkRecord = { ...record, data, summary: summarize(template, data), version: record.version + 1, updatedAt: now };
  return {
    ok: true,
    record: next,
    effects: [],
    needsApproval: false,
    audit: { at: now, actor: actor.id, actorName: actor.name, action: 'edit', from: record.status, to: record.status, changes },
  };
}

/**
 * The data a copy of `source` starts with, before anyone has changed it. It carries what the copier could have
 * entered: fields only others may write (a re-check flag) and the template's omitted fields stay behind. Dates are
 * of the old record, not of the new one: a required date (or date-time) starts as today (now), the others empty.
 */
export function copyDraft(template: Template, source: WorkRecord, actor: Actor, now: string, today: string): { ok: true; data: JsonObject } | Refusal {
  if (!canSee(template, source, actor)) return refusals.notFound();
  const copy = template.copy;
  if (!copy || !copy.from.includes(source.status))
    return refusals.cannotCopy(label(template, source.status), (copy?.from ?? []).map((s) => label(template, s)));
  let data = structuredClone(source.data);
  for (const p of copy.omit ?? []) data = leaveOut(data, p);
  for (const [p, perm] of Object.entries(template.fields ?? {}))
    if (perm.write && !perm.write.some((r) => actor.roles.includes(r))) data = leaveOut(data, p);
  const schema = template.form.schema as { properties?: Record<string, { format?: string }>; required?: string[] };
  for (const [key, field] of Object.entries(schema.properties ?? {})) {
    if (field.format !== 'date' && field.format !== 'date-time') continue;
    if (schema.required?.includes(key)) data[key] = field.format === 'date' ? today : now;
    else delete data[key];
  }
  return { ok: true, data };
}

/** A new record copied from `source`: with the copier's `data` when they changed the draft, else the draft itself. */
export function decideCopy(template: Template, source: WorkRecord, actor: Actor, ids: NewRecordIds, now: string, today: string, data?: JsonObject): Outcome {
  const draft = copyDraft(template, source, actor, now, today);
  if (!draft.ok) return draft;
  const created = decideCreate(template, data ?? draft.data, actor, ids, now);
  if (!created.ok) return created;
  created.record.copiedFrom = source.id;
  created.audit.action = 'copy';
  created.audit.comment = source.number;
  return created;
}

export function initialState(template: Template): string {
  return Object.entries(template.states).find(([, s]) => s.initial)![0];
}
