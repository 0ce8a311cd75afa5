// Running an action: plan it, ask for approval where the template says so, or commit the plan at once.
import { actionOf } from '../core/decide.ts';
import { matchingGrant } from '../core/permissions.ts';
import { canSee } from '../core/permissions.ts';
import type { ActionCommand, Actor, AuditEntry, JsonObject, Refusal, Template, WorkRecord } from '../core/types.ts';
import { runTriggers, triggersFor } from './automations.ts';
import { loadForAction, planEnv, viewOf, type RuntimeEnv } from './context.ts';
import { deliverSoon } from './outbox.ts';
import { planAction, type Plan } from './plan.ts';
import { VersionConflict, type Approval, type BackupTag, type ChangeSet, type Notification, type User } from './ports.ts';
import { refuse, refusals, refuseWith } from '../core/refusals.ts';
import type { ActionInput, ActionOutcome, BulkResult, Preview, Result } from './runtime-api.ts';

function commandOf(action: string, input: ActionInput): ActionCommand {
  const c: ActionCommand = { kind: 'action', action };
  if (input.reason) c.reason = input.reason;
  if (input.comment) c.comment = input.comment;
  if (input.params) c.params = input.params;
  if (input.version !== undefined) c.version = input.version;
  return c;
}

/** People who may decide an approval of this record (the requester only where the template allows it). */
export function approversOf(template: Template, action: string, record: WorkRecord, users: User[], requester: string): User[] {
  const def = actionOf(template, action)?.approval;
  if (!def) return [];
  return users.filter(
    (u) => !u.disabled && (def.allowSelf || u.id !== requester) && !!matchingGrant(def.approvers, record, { id: u.id, name: u.name, roles: u.roles, department: u.department }),
  );
}

/** Is this action on this record already waiting for approval (other than the request being decided)? */
async function alreadyWaiting(env: RuntimeEnv, recordId: string, action: string, deciding?: string): Promise<boolean> {
  const waiting = await env.store.listApprovals({ status: 'pending', recordId });
  return waiting.some((a) => a.action === action && a.id !== deciding);
}

const ALREADY_WAITING = { 'zh-CN': '该操作已提交审批，正在等待处理；可在审批中撤回后重新提交。', en: 'This action is already waiting for approval; withdraw that request first to ask again.' };

/** `deciding`: the approval being decided, whose own waiting does not count against it. */
export async function previewAction(env: RuntimeEnv, actor: Actor, id: string, action: string, input: ActionInput, deciding?: string): Promise<Result<Preview>> {
  const found = await loadForAction(env, id, actor, canSee);
  if (found.refusal) return found.refusal;
  const { template, record } = found;
  if (!actionOf(template, action)) return refusals.noSuchAction(action);
  const penv = await planEnv(env, undefined, { id: record.id, trail: found.trail });
  // The preview shows the effects even when no reason was chosen yet; a missing reason is reported, not fatal.
  const reasonList = template.actions[action].input?.reason;
  const probe = { ...input };
  if (!probe.reason && reasonList?.required) probe.reason = template.reasons[reasonList.list]?.[0]?.code;
  const plan = await planAction(penv, template, record, commandOf(action, probe), actor);
  const preview: Preview = {
    allowed: !plan.refusal,
    needsApproval: plan.needsApproval,
    from: record.status,
    to: template.actions[action].to ?? record.status,
    effects: plan.preview,
  };
  if (plan.refusal) {
    preview.code = plan.refusal.code;
    preview.message = plan.refusal.message;
    preview.reasons = [plan.refusal.message];
  }
  if (plan.needsApproval && !plan.refusal) {
    // asked once already: running it again would only be refused, so the preview says so now
    if (await alreadyWaiting(env, record.id, action, deciding)) {
      Object.assign(preview, { allowed: false, code: 'conflict', message: ALREADY_WAITING, reasons: [ALREADY_WAITING] });
    }
  }
  if (plan.needsApproval) {
    const names = approversOf(template, action, record, penv.users, actor.id).map((u) => u.name);
    preview.effects.unshift({
      kind: 'approval', approvers: names,
      text: { 'zh-CN': `需要审批：${names.join('、') || '（无可用审批人）'}，批准后才会执行`, en: `Needs approval by ${names.join(', ') || '(no approver available)'} before it runs` },
    });
  }
  if (plan.major) preview.effects.unshift({ kind: 'snapshot', text: { 'zh-CN': '执行前自动备份数据（可恢复）', en: 'A restorable backup is taken first' } });
  return { ok: true, value: preview };
}

interface ExecOptions {
  approval?: Approval;
  approver?: Actor;
  /** Checked under the writer's lock before anything is planned (e.g. that the approval is still open). */
  precondition?: () => Promise<Refusal | undefined>;
  /** The backup the change is kept under (a bulk run shares one); a major action alone gets its own. */
  backup?: BackupTag;
  automation?: string;
  depth?: number;
}

/** Plans and commits one command; the shared path of people, approvals and automations. */
export async function execute(env: RuntimeEnv, actor: Actor, id: string, command: ActionCommand, opts: ExecOptions = {}): Promise<Result<ActionOutcome>> {
  const result = await env.exclusive(async () => {
    const unmet = await opts.precondition?.();
    if (unmet) return unmet;
    const found = await loadForAction(env, id, actor, canSee);
    if (found.refusal) return found.refusal;
    const { template, record } = found;
    const penv = await planEnv(env, undefined, { id: record.id, trail: found.trail });
    const plan = await planAction(penv, template, record, command, actor);
    if (plan.refusal) return plan.refusal;
    if (plan.needsApproval) {
      if (await alreadyWaiting(env, record.id, command.action)) return refuseWith('conflict', ALREADY_WAITING);
      const approval = await requestApproval(env, template, record, command, actor, penv.users);
      return { ok: true as const, value: { kind: 'approval' as const, approval } };
    }
    const changes = finalChanges(env, plan, record, opts);
    const done = plan.changes.audit.map((a) => a.action);
    changes.triggers = triggersFor(env, template, record.id, done.map((action) => ({ event: 'action.done' as const, action })), opts.depth ?? 0);
    const backup = opts.backup ?? (plan.major ? backupTag(env, `${record.number} ${command.action}`, command.action) : undefined);
    if (backup) changes.backup = backup;
    let staged: { durable: Promise<void> };
    try {
      staged = await stage(env.store, changes);
    } catch (e) {
      if (e instanceof VersionConflict) return refusals.staleVersion(record.version, record.version + 1);
      throw e;
    }
    // What the record's ledger and stock are now, when they were read with it: the answer's view needs no new read.
    const after = found.trail && {
      record: plan.record,
      ledger: [...found.trail.ledger, ...(changes.ledger ?? []).filter((e) => e.recordId === record.id)],
      stock: [...found.trail.stock, ...(changes.stock ?? []).filter((m) => m.recordId === record.id)],
    };
    return { ok: true as const, value: { kind: 'done' as const, template, record: plan.record, triggers: changes.triggers, durable: staged.durable, after } };
  });
  if (!result.ok) return result;
  if (result.value.kind === 'approval') return { ok: true, value: { kind: 'approval', approval: result.value.approval } };
  // The next command was let in once this one was applied; this one answers once it is on the disk.
  await result.value.durable;
  await runTriggers(env, result.value.triggers);
  // Automations may have moved the record on; without any, it is what was just committed.
  const moved = result.value.triggers.length > 0;
  const fresh = moved ? (await env.store.getRecord(id))! : result.value.record;
  const view = await viewOf(env, result.value.template, fresh, opts.approver ?? actor, { trail: moved ? undefined : result.value.after });
  // Delivery starts once the answer is ready, so that its store round trips do not delay it.
  deliverSoon(env);
  return { ok: true, value: { kind: 'done', record: view } };
}

/** A backup named after what it is taken for; the id is one a snapshot may have (the CLI restores both). */
function backupTag(env: RuntimeEnv, what: string, action: string): BackupTag {
  const at = env.now();
  return { id: `snap-${at.replace(/[-:.TZ]/g, '')}-${env.newId()}`, label: `${what} ${at}`, at, action };
}

/** Commits within the writer section; the durability it hands back is awaited after the section. */
async function stage(store: RuntimeEnv['store'], changes: ChangeSet): Promise<{ durable: Promise<void> }> {
  if (store.stage) return store.stage(changes);
  await store.commit(changes);
  return { durable: Promise.resolve() };
}

function finalChanges(env: RuntimeEnv, plan: Plan, record: WorkRecord, opts: ExecOptions): ChangeSet {
  const audit: AuditEntry[] = plan.changes.audit.map((a) => ({
    ...a,
    ...(opts.approver ? { approvedBy: opts.approver.id } : {}),
    ...(opts.automation ? { automation: opts.automation } : {}),
  }));
  // the approver's decision is history of its own, with the approver's words, before what it let happen
  if (opts.approval && opts.approver)
    audit.unshift({
      id: env.newId(), recordId: record.id, at: plan.record.updatedAt, actor: opts.approver.id, actorName: opts.approver.name,
      action: 'approval.approved', from: record.status, to: record.status, asked: opts.approval.action,
      ...(opts.approval.comment ? { comment: opts.approval.comment } : {}),
    });
  const changes: ChangeSet = { ...plan.changes, audit, records: [{ record: plan.record, expectVersion: record.version }, ...plan.changes.records] };
  if (opts.approval && opts.approver)
    changes.approvals = [{
      ...opts.approval, status: 'approved', decidedBy: opts.approver.id, decidedAt: plan.record.updatedAt,
      history: [...opts.approval.history, { at: plan.record.updatedAt, by: opts.approver.id, what: 'approved', ...(opts.approval.comment ? { comment: opts.approval.comment } : {}) }],
    }];
  return changes;
}

async function requestApproval(env: RuntimeEnv, template: Template, record: WorkRecord, command: ActionCommand, actor: Actor, users: User[]): Promise<Approval> {
  const now = env.now();
  const approval: Approval = {
    id: env.newId(), recordId: record.id, action: command.action, status: 'pending',
    requestedBy: actor.id, requestedAt: now, command: command as unknown as JsonObject, recordVersion: record.version,
    history: [{ at: now, by: actor.id, what: 'requested', ...(command.comment ? { comment: command.comment } : {}) }],
  };
  const label = template.actions[command.action].label;
  const notifications: Notification[] = approversOf(template, command.action, record, users, actor.id).map((u) => ({
    id: env.newId(), to: u.id, recordId: record.id, kind: 'approval.requested', at: now, read: false,
    title: `${actor.name} 申请对 ${record.number} 执行“${label['zh-CN']}”，等待您审批`,
    titles: { 'zh-CN': `${actor.name} 申请对 ${record.number} 执行“${label['zh-CN']}”，等待您审批`, en: `${actor.name} asks to "${label.en}" ${record.number}; your approval is needed` },
  }));
  const audit: AuditEntry = {
    id: env.newId(), recordId: record.id, at: now, actor: actor.id, actorName: actor.name, action: 'approval.requested',
    from: record.status, to: record.status, asked: command.action,
    ...(command.reason ? { reason: command.reason } : {}),
    ...(command.comment ? { comment: command.comment } : {}),
  };
  await env.store.commit({ approvals: [approval], notifications, audit: [audit] });
  return approval;
}

export async function runAction(env: RuntimeEnv, actor: Actor, id: string, action: string, input: ActionInput): Promise<Result<ActionOutcome>> {
  return execute(env, actor, id, commandOf(action, input));
}

/** Each record succeeds or fails on its own; one refusal stops nothing else. */
export async function bulkAction(env: RuntimeEnv, actor: Actor, ids: string[], action: string, input: ActionInput): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  const unique = [...new Set(ids)];
  // Many records at once is a major operation: every change of the run is kept under one backup, which
  // exists only once something changed (a bulk refused throughout writes nothing, not even a backup).
  const backup = unique.length > 1 ? backupTag(env, `bulk ${action} × ${unique.length}`, action) : undefined;
  for (const id of unique) {
    const r = await execute(env, actor, id, commandOf(action, { ...input, version: undefined }), { backup });
    if (!r.ok) results.push({ id, ok: false, status: 0, code: r.code, message: r.message });
    else if (r.value.kind === 'approval') results.push({ id, ok: true, status: 202, approval: r.value.approval });
    else results.push({ id, ok: true, status: 200, record: r.value.record });
  }
  return results;
}
