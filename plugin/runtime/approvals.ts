// Approvals: a pending request runs the action when approved (state and version checked again).
import { refuse } from '../core/refusals.ts';
import type { ActionCommand, Actor, Labels, WorkRecord } from '../core/types.ts';
import { approversOf, execute, previewAction } from './actions.ts';
import { systemActor } from './automations.ts';
import { templateOf, userAsActor, viewOf, type RuntimeEnv } from './context.ts';
import type { Approval } from './ports.ts';
import type { ApprovalView, Preview, RecordView, Result } from './runtime-api.ts';

const notFound = () => refuse('not_found', '找不到该审批，或您无权处理。', 'No such approval, or it is not yours to handle.');
const notPending = (a: Approval) =>
  refuse('conflict', `该审批已是“${a.status}”状态，不能再处理。`, `This approval is already ${a.status}; it cannot be handled again.`);

/** May this actor decide this approval? Assigned ones only by the assignee. */
async function mayDecide(env: RuntimeEnv, actor: Actor, a: Approval): Promise<boolean> {
  if (a.assignee) return a.assignee === actor.id;
  const record = await env.store.getRecord(a.recordId);
  if (!record) return false;
  const template = await templateOf(env, record);
  return approversOf(template, a.action, record, await env.store.listUsers(), a.requestedBy).some((u) => u.id === actor.id);
}

/** The action's label and the record's number, for the news an approval sends. */
async function whatWasAsked(env: RuntimeEnv, a: Approval, record: WorkRecord | undefined): Promise<{ number: string; label: Labels }> {
  const label = record ? (await templateOf(env, record)).actions[a.action]?.label : undefined;
  return { number: record?.number ?? '', label: label ?? { 'zh-CN': a.action, en: a.action } };
}

/** Who asked: a person, or an automation (its request is carried out as the same system actor). */
async function requesterOf(env: RuntimeEnv, a: Approval): Promise<{ actor: Actor; automation?: string } | undefined> {
  if (a.requestedBy.startsWith('automation:')) {
    const name = a.requestedBy.slice('automation:'.length);
    const record = await env.store.getRecord(a.recordId);
    const def = record && (await templateOf(env, record)).automations?.[name];
    return def ? { actor: systemActor(name, def), automation: name } : undefined;
  }
  const user = await env.store.getUser(a.requestedBy);
  return user ? { actor: userAsActor(user) } : undefined;
}

/** `mine`: the caller's own requests; `decided`: the ones the caller decided; otherwise what they may decide. */
export async function listApprovals(env: RuntimeEnv, actor: Actor, filter: { status?: Approval['status']; mine?: boolean; decided?: boolean }): Promise<ApprovalView[]> {
  const all = await env.store.listApprovals(filter.status ? { status: filter.status } : {});
  const users = await env.store.listUsers();
  const nameOf = (id: string) => users.find((u) => u.id === id)?.name ?? id;
  const out: ApprovalView[] = [];
  for (const a of all) {
    const ours = filter.mine ? a.requestedBy === actor.id : filter.decided ? a.decidedBy === actor.id : await mayDecide(env, actor, a);
    if (!ours) continue;
    const record = await env.store.getRecord(a.recordId);
    if (!record) continue;
    const template = await templateOf(env, record);
    out.push({
      ...a,
      template: record.template,
      templateVersion: record.templateVersion,
      recordNumber: record.number,
      recordStatus: record.status,
      requesterName: nameOf(a.requestedBy),
      actionLabel: template.actions[a.action]?.label ?? { 'zh-CN': a.action, en: a.action },
      ...(a.assignee ? { assigneeName: nameOf(a.assignee) } : {}),
    });
  }
  return out.sort((x, y) => y.requestedAt.localeCompare(x.requestedAt));
}

/** What approving would do, as the requester's own preview shows it: the approver sees the impact before deciding. */
export async function previewApproval(env: RuntimeEnv, actor: Actor, id: string): Promise<Result<Preview>> {
  const a = await env.store.getApproval(id);
  if (!a || !((await mayDecide(env, actor, a)) || a.requestedBy === actor.id)) return notFound();
  const requester = await requesterOf(env, a);
  if (!requester) return notFound();
  const c = a.command as unknown as ActionCommand;
  return previewAction(env, requester.actor, a.recordId, a.action, { reason: c.reason, comment: c.comment, params: c.params }, a.id);
}

export async function decideApproval(env: RuntimeEnv, actor: Actor, id: string, decision: 'approve' | 'reject', comment?: string): Promise<Result<{ approval: Approval; record?: RecordView }>> {
  const a = await env.store.getApproval(id);
  if (!a || !(await mayDecide(env, actor, a))) return notFound();
  if (a.status !== 'pending') return notPending(a);
  if (decision === 'reject') return reject(env, actor, id, comment);
  const requester = await requesterOf(env, a);
  if (!requester) return notFound();
  // The requester's own rights are checked again, against the record as it is now.
  const command = { ...(a.command as unknown as ActionCommand), approved: true, requestedBy: a.requestedBy, version: a.recordVersion };
  const current = await env.store.getRecord(a.recordId);
  if (current && current.version !== a.recordVersion)
    return refuse(
      'version_conflict',
      `${current.number} 在申请之后被修改过（第 ${a.recordVersion} 版 → 第 ${current.version} 版），请驳回此申请，由申请人按最新内容重新提交。`,
      `${current.number} changed after the request (version ${a.recordVersion} → ${current.version}); reject this request so the requester can ask again on what it is now.`,
    );
  const result = await execute(env, requester.actor, a.recordId, command, {
    approval: { ...a, ...(comment ? { comment } : {}) }, approver: actor, ...(requester.automation ? { automation: requester.automation } : {}),
    // Someone may have decided, withdrawn or handed it on since it was read: checked again under the lock.
    precondition: async () => (await stillOpenFor(env, actor, id)).refusal,
  });
  if (!result.ok) return result;
  const approval = (await env.store.getApproval(id))!;
  const record = result.value.kind === 'done' ? result.value.record : undefined;
  const view = record ? await viewOf(env, await templateOf(env, record), record, actor) : undefined;
  return { ok: true, value: { approval, ...(view ? { record: view } : {}) } };
}

/** The approval as it is now, if it is still pending and this actor may still decide it. */
async function stillOpenFor(env: RuntimeEnv, actor: Actor, id: string): Promise<{ approval: Approval; refusal?: undefined } | { refusal: ReturnType<typeof refuse> }> {
  const a = await env.store.getApproval(id);
  if (!a || !(await mayDecide(env, actor, a))) return { refusal: notFound() };
  if (a.status !== 'pending') return { refusal: notPending(a) };
  return { approval: a };
}

/** Read and written under the writer's lock, so that it cannot overwrite an approval decided meanwhile. */
function reject(env: RuntimeEnv, actor: Actor, id: string, comment?: string): Promise<Result<{ approval: Approval }>> {
  return env.exclusive(async () => {
    const open = await stillOpenFor(env, actor, id);
    if (open.refusal) return open.refusal;
    const a = open.approval;
    const now = env.now();
    const rejected: Approval = { ...a, status: 'rejected', decidedBy: actor.id, decidedAt: now, ...(comment ? { comment } : {}), history: [...a.history, { at: now, by: actor.id, what: 'rejected', ...(comment ? { comment } : {}) }] };
    const record = await env.store.getRecord(a.recordId);
    const asked = await whatWasAsked(env, a, record);
    const titles = {
      'zh-CN': `您对 ${asked.number} 的“${asked.label['zh-CN']}”申请被 ${actor.name} 驳回${comment ? '：' + comment : ''}`,
      en: `${actor.name} rejected your request to "${asked.label.en}" ${asked.number}${comment ? ': ' + comment : ''}`,
    };
    await env.store.commit({
      approvals: [rejected],
      audit: [{ id: env.newId(), recordId: a.recordId, at: now, actor: actor.id, actorName: actor.name, action: 'approval.rejected', from: record?.status, to: record?.status, asked: a.action, ...(comment ? { comment } : {}) }],
      notifications: [{ id: env.newId(), to: a.requestedBy, recordId: a.recordId, kind: 'approval.rejected', at: now, read: false,
        title: titles['zh-CN'], titles }],
    });
    return { ok: true as const, value: { approval: rejected } };
  });
}

export async function withdrawApproval(env: RuntimeEnv, actor: Actor, id: string, comment?: string): Promise<Result<Approval>> {
  return env.exclusive(async () => {
    const a = await env.store.getApproval(id);
    if (!a || a.requestedBy !== actor.id) return notFound();
    if (a.status !== 'pending') return notPending(a);
    const now = env.now();
    const withdrawn: Approval = { ...a, status: 'withdrawn', decidedAt: now, history: [...a.history, { at: now, by: actor.id, what: 'withdrawn', ...(comment ? { comment } : {}) }] };
    await env.store.commit({ approvals: [withdrawn] });
    return { ok: true as const, value: withdrawn };
  });
}

export async function transferApproval(env: RuntimeEnv, actor: Actor, id: string, to: string, comment?: string): Promise<Result<Approval>> {
  return env.exclusive(() => transfer(env, actor, id, to, comment));
}

async function transfer(env: RuntimeEnv, actor: Actor, id: string, to: string, comment?: string): Promise<Result<Approval>> {
  const open = await stillOpenFor(env, actor, id);
  if (open.refusal) return open.refusal;
  const a = open.approval;
  const record = await env.store.getRecord(a.recordId);
  const template = record && (await templateOf(env, record));
  const target = record && template && approversOf(template, a.action, record, await env.store.listUsers(), a.requestedBy).find((u) => u.id === to || u.username === to);
  if (!target)
    return refuse('validation_failed', '只能转交给其他有审批权限的人（不能是申请人）。', 'You can only hand it to someone else who may approve it (not the requester).', [{ path: '/to', message: 'not an approver' }]);
  const now = env.now();
  const asked = await whatWasAsked(env, a, record);
  const titles = {
    'zh-CN': `${actor.name} 将 ${asked.number} 的“${asked.label['zh-CN']}”审批转交给您`,
    en: `${actor.name} handed you the approval to "${asked.label.en}" ${asked.number}`,
  };
  const moved: Approval = { ...a, assignee: target.id, history: [...a.history, { at: now, by: actor.id, what: `transferred to ${target.id}`, ...(comment ? { comment } : {}) }] };
  await env.store.commit({
    approvals: [moved],
    notifications: [{ id: env.newId(), to: target.id, recordId: a.recordId, kind: 'approval.transferred', at: now, read: false,
      title: titles['zh-CN'], titles }],
  });
  return { ok: true, value: moved };
}
