// What every part of the runtime shares: the ports, the clock, one writer at a time, and the view of a record.
import { PluginFailure } from '../core/errors.ts';
import { randomUUID } from 'node:crypto';
import { availableActions } from '../core/decide.ts';
import { buildFacts, rulesOf } from '../core/facts.ts';
import { editableFields } from '../core/permissions.ts';
import { periodOf } from '../core/periods.ts';
import { redactData, redactSummary } from '../core/redact.ts';
import { refusals } from '../core/refusals.ts';
import type { ActionCommand, Actor, AvailableAction, Refusal, Template, WorkRecord } from '../core/types.ts';
import type { EffectRegistry } from './effects/registry.ts';
import { createMutex } from './mutex.ts';
import { departmentLabel } from './departments.ts';
import { ledgerBalances, planAction, type PlanEnv } from './plan.ts';
import { readsOnce } from './plan-reads.ts';
import type { Clock, GuardEvaluator, Notifier, RecordTrail, RecordWithTrail, Store, User } from './ports.ts';
import type { ActionOutcome, RecordView, Result } from './runtime-api.ts';

export interface RuntimeEnv {
  store: Store;
  guards: GuardEvaluator & { operators?(): string[] };
  effects: EffectRegistry;
  notifier: Notifier;
  clock: Clock;
  /** The business's time zone (IANA name): accounting periods are its months. */
  timeZone: string;
  exclusive: <T>(fn: () => Promise<T>) => Promise<T>;
  newId(): string;
  now(): string;
  /**
   * Runs an action as people and automations do (actions.ts `execute`). Automations reach it through here,
   * not by importing it, since running an action in turn fires automations.
   */
  perform(actor: Actor, id: string, command: ActionCommand, opts?: { automation?: string; depth?: number }): Promise<Result<ActionOutcome>>;
}

export function createEnv(parts: Omit<RuntimeEnv, 'exclusive' | 'newId' | 'now' | 'perform'>, perform: (env: RuntimeEnv) => RuntimeEnv['perform']): RuntimeEnv {
  const env: RuntimeEnv = {
    ...parts,
    exclusive: createMutex(),
    newId: () => randomUUID(),
    now: () => parts.clock.now().toISOString(),
    perform: (...args) => performer(...args),
  };
  const performer = perform(env);
  return env;
}

/** What planning needs; `users` when the caller already has the directory in hand; the record the plan is about. */
export async function planEnv(env: RuntimeEnv, users?: User[], about?: { id: string; trail?: RecordTrail }): Promise<PlanEnv> {
  const now = env.now();
  return { store: readsOnce(env.store, about), guards: env.guards, effects: env.effects, users: users ?? (await env.store.listUsers()), now, period: periodOf(now, env.timeZone), newId: env.newId };
}

/** The template version a record was made with. */
export async function templateOf(env: RuntimeEnv, record: WorkRecord): Promise<Template> {
  const t = await env.store.getTemplate(record.template, record.templateVersion);
  if (!t) throw new PluginFailure('data_inconsistent', `template ${record.template} v${record.templateVersion} of record ${record.number} is missing`);
  return t;
}

/** A record with its template, or not_found when it does not exist or the caller may not see it. */
export async function loadVisible(env: RuntimeEnv, id: string, actor: Actor, canSee: (t: Template, r: WorkRecord, a: Actor) => boolean) {
  const record = await env.store.getRecord(id);
  if (!record) return { refusal: refusals.notFound() as Refusal };
  const template = await templateOf(env, record);
  if (!canSee(template, record, actor)) return { refusal: refusals.notFound() as Refusal };
  return { record, template };
}

/** loadVisible for an action: the record's ledger and stock come with it where the store reads them together. */
export async function loadForAction(
  env: RuntimeEnv, id: string, actor: Actor, canSee: (t: Template, r: WorkRecord, a: Actor) => boolean,
): Promise<{ refusal: Refusal } | { refusal?: undefined; record: WorkRecord; template: Template; trail?: RecordWithTrail }> {
  if (!env.store.getRecordWithTrail) return loadVisible(env, id, actor, canSee);
  const trail = await env.store.getRecordWithTrail(id);
  if (!trail) return { refusal: refusals.notFound() as Refusal };
  const template = await templateOf(env, trail.record);
  if (!canSee(template, trail.record, actor)) return { refusal: refusals.notFound() as Refusal };
  return { record: trail.record, template, trail };
}

export function userAsActor(u: User): Actor {
  return { id: u.id, name: u.name, roles: u.roles, ...(u.department ? { department: u.department } : {}) };
}

/** How much of a record's view to build, and what the caller already knows. */
export interface ViewOptions {
  /** The directory, when the caller has it in hand (a page of records shares one). */
  users?: User[];
  /** The record's ledger and stock when the caller knows them (it just committed them, or read a page's), so they are not read again. */
  trail?: RecordTrail;
  /** The approvals waiting on the record (the detail page); a list leaves them out. */
  approvals?: boolean;
}

/** The record as this caller sees it, with the actions the caller may run on it now (the rules evaluated). */
export async function viewOf(env: RuntimeEnv, template: Template, record: WorkRecord, actor: Actor, options: ViewOptions = {}): Promise<RecordView> {
  const { trail, approvals = true } = options;
  const people = options.users ?? (await env.store.listUsers());
  const view: RecordView = {
    ...record,
    data: redactData(template, record.data, actor),
    summary: redactSummary(template, record.summary, actor),
    editable: editableFields(template, record, actor),
    handlerName: people.find((u) => u.id === record.handler)?.name ?? record.handler,
    departmentLabel: departmentLabel(record.department)['zh-CN'],
  };
  const names = Object.keys(template.actions).flatMap((a) => rulesOf(template, a));
  const reads = trail ? readsOnce(env.store, { id: record.id, trail }) : env.store;
  // Asked together: on a database each is a round trip.
  const [balances, pending] = await Promise.all([
    ledgerBalances(reads, record.id),
    approvals ? env.store.listApprovals({ status: 'pending', recordId: record.id }) : undefined,
  ]);
  const facts = buildFacts(template, record, actor, {}, balances);
  const rules = await env.guards.evaluate(template.rules, names, facts, template.conditions);
  const offered = await withoutDeadCascades(env, template, record, actor, availableActions(template, record, actor, rules), people, trail);
  // an action already waiting for approval is not offered again until that request is decided or withdrawn
  view.availableActions = pending ? offered.filter((a) => !pending.some((p) => p.action === a.name)) : offered;
  if (pending)
    view.pendingApprovals = pending.map((a) => ({
      id: a.id,
      action: a.action,
      actionLabel: template.actions[a.action]?.label ?? { 'zh-CN': a.action, en: a.action },
      requesterName: people.find((u) => u.id === a.requestedBy)?.name ?? a.requestedBy,
      requestedAt: a.requestedAt,
    }));
  return view;
}

/**
 * An action reached through a cascade is offered only if its whole plan would go through: its guards are
 * judged on the record the steps leave behind, which only planning shows.
 */
async function withoutDeadCascades(
  env: RuntimeEnv, template: Template, record: WorkRecord, actor: Actor, actions: AvailableAction[], users: User[], trail?: RecordTrail,
): Promise<AvailableAction[]> {
  if (!actions.some((a) => a.steps?.length)) return actions;
  const penv = await planEnv(env, users, { id: record.id, trail });
  const out: AvailableAction[] = [];
  for (const a of actions) {
    if (a.steps?.length) {
      const reason = a.needsReason ? a.reasons?.[0]?.code : undefined;
      const plan = await planAction(penv, template, record, { kind: 'action', action: a.name, ...(reason ? { reason } : {}) }, actor);
      if (plan.refusal) continue;
    }
    out.push(a);
  }
  return out;
}
