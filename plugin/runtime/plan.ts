// Planning an action: decide each step (cascade first), plan its effects, and gather one change set.
// The preview shows this plan; running the action commits this same plan.
import { PluginFailure } from '../core/errors.ts';
import { actionOf, cascadeSteps, decideAction } from '../core/decide.ts';
import { diffData } from '../core/diff.ts';
import { addMoney } from '../core/money.ts';
import { buildFacts, rulesOf } from '../core/facts.ts';
import { validateRecordData } from '../core/data-validation.ts';
import { refusals, refuseWith } from '../core/refusals.ts';
import type { ActionCommand, Actor, ApprovalDef, AuditEntry, Refusal, Template, WorkRecord } from '../core/types.ts';
import type { EffectContext } from './effects/effect-handler.ts';
import type { EffectRegistry } from './effects/registry.ts';
import type { ChangeSet, GuardEvaluator, LedgerEntry, Store, User } from './ports.ts';
import type { PreviewEffect } from './runtime-api.ts';

export interface PlanEnv {
  store: Store;
  guards: GuardEvaluator;
  effects: EffectRegistry;
  users: User[];
  now: string;
  /** The accounting period `now` falls in, in the business's time zone. */
  period: string;
  newId(): string;
}

export interface Plan {
  refusal?: Refusal;
  record: WorkRecord;
  /** Everything besides the record itself; `records` holds other records the plan changes (linked ones). */
  changes: Required<Pick<ChangeSet, 'audit' | 'stock' | 'ledger' | 'notifications' | 'documents' | 'records'>>;
  preview: PreviewEffect[];
  needsApproval: boolean;
  approval?: ApprovalDef;
  major: boolean;
}

/** Net amount per ledger account for a record, counting entries the plan has queued. */
export async function ledgerBalances(store: Store, recordId: string, queued: LedgerEntry[] = []): Promise<Record<string, number>> {
  const out: Record<string, number> = { receivable: 0, receipt: 0, invoice: 0, writeoff: 0, refund: 0 };
  for (const e of [...(await store.ledgerEntries(recordId)), ...queued.filter((q) => q.recordId === recordId)])
    out[e.account] = addMoney(out[e.account] ?? 0, e.amount);
  return out;
}

export async function planAction(env: PlanEnv, template: Template, original: WorkRecord, command: ActionCommand, actor: Actor): Promise<Plan> {
  const changes: Plan['changes'] = { audit: [], stock: [], ledger: [], notifications: [], documents: [], records: [] };
  const plan: Plan = { record: original, changes, preview: [], needsApproval: false, major: false };
  const steps = [...(cascadeSteps(template, command.action, original.status) ?? []), command.action];
  let current = original;
  // Whether approval is needed is judged on the record as the requester saw it, not on what the steps leave.
  const approvalRules = steps.map((s) => actionOf(template, s)?.approval?.when).filter((r): r is string => !!r);
  const asSeen = approvalRules.length
    ? await env.guards.evaluate(template.rules, approvalRules, buildFacts(template, original, actor, command, await ledgerBalances(env.store, original.id)), template.conditions)
    : {};

  for (const [i, name] of steps.entries()) {
    const def = template.actions[name];
    const isMain = i === steps.length - 1;
    const stepCommand: ActionCommand = { ...command, action: name, version: i === 0 ? command.version : undefined, ...(isMain ? {} : { asStep: true }) };
    if (!isMain && !(def?.input?.reason?.list && template.reasons[def.input.reason.list]?.some((r) => r.code === command.reason)))
      delete stepCommand.reason;
    const facts = buildFacts(template, current, actor, stepCommand, await ledgerBalances(env.store, current.id, changes.ledger));
    const rules = { ...(await env.guards.evaluate(template.rules, rulesOf(template, name), facts, template.conditions)), ...asSeen };
    const decision = decideAction(template, current, stepCommand, { actor, now: env.now, rules });
    if (!decision.ok) {
      plan.refusal = isMain || !def ? decision : prefixed(def.label, decision);
      return plan;
    }
    if (decision.needsApproval && !plan.needsApproval) {
      plan.needsApproval = true;
      plan.approval = def.approval;
    }
    plan.major ||= !!def.major;
    if (!isMain) plan.preview.push({ kind: 'step', action: name, text: { 'zh-CN': `先执行：${def.label['zh-CN']}`, en: `First: ${def.label.en}` } });
    if (decision.record.status !== current.status) {
      const from = template.states[current.status].label;
      const to = template.states[decision.record.status].label;
      plan.preview.push({
        kind: 'state', from: current.status, to: decision.record.status,
        text: { 'zh-CN': `状态：${from['zh-CN']} → ${to['zh-CN']}`, en: `Status: ${from.en} → ${to.en}` },
      });
    }

    let next = decision.record;
    for (const call of decision.effects) {
      const handler = env.effects.get(call.type);
      if (!handler) throw new PluginFailure('setup_invalid', `effect type "${call.type}" is not registered; the template should not have been imported`);
      const ctx: EffectContext = {
        template, before: current, record: next, actor, command: stepCommand, now: env.now, period: env.period, store: env.store, pending: changes, users: env.users, newId: env.newId,
        planLinked: (t, r, c) => planAction(env, t, r, c, actor),
      };
      const effect = await handler.plan(call.params, ctx);
      plan.preview.push(...effect.preview);
      if (effect.refusal) {
        plan.refusal = isMain ? effect.refusal : prefixed(def.label, effect.refusal);
        return plan;
      }
      if (effect.record) next = effect.record;
      for (const key of ['stock', 'ledger', 'notifications', 'documents', 'audit', 'records'] as const) changes[key].push(...((effect.changes?.[key] ?? []) as never[]));
    }

    // Effects that set fields obey the form like people do.
    if (next.data !== decision.record.data) {
      const errors = validateRecordData(template, next.data);
      if (errors.length) {
        plan.refusal = refusals.invalidData(errors);
        return plan;
      }
    }
    const audit: AuditEntry = { ...decision.audit, id: env.newId(), recordId: original.id };
    const fieldChanges = [
      ...diffData(current.data, next.data),
      ...(['handler', 'department'] as const).flatMap((k) => (current[k] !== next[k] ? [{ path: k, before: current[k], after: next[k] }] : [])),
    ];
    if (fieldChanges.length) audit.changes = fieldChanges;
    changes.audit.push(audit);
    current = next;
  }
  plan.record = { ...current, version: original.version + 1 };
  return plan;
}

function prefixed(label: { 'zh-CN': string; en: string }, refusal: Refusal): Refusal {
  return refuseWith(
    refusal.code,
    { 'zh-CN': `“${label['zh-CN']}”这一步无法执行：${refusal.message['zh-CN']}`, en: `The step "${label.en}" cannot run: ${refusal.message.en}` },
    refusal.errors,
  );
}
