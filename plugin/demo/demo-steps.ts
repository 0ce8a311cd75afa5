// Runs a demo plan through the runtime as people would: each step with the clock held at its moment,
// refusals stop the seed (demo data that real use could not have left is a bug), approvals decided as a manager would.
import { PluginFailure } from '../core/errors.ts';
import type { Actor, JsonObject } from '../core/types.ts';
import type { SettableClock } from '../host/settable-clock.ts';
import type { ActionInput, Runtime } from '../runtime/runtime-api.ts';
import type { DemoPeople } from './demo-users.ts';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

/** A record a plan has made so far. */
export interface DemoRef {
  id: string;
  number: string;
}

export interface Step {
  at: Date;
  /** The plan's own name for the record the step is about. */
  record: string;
  actor: Actor;
  /** `create` makes the record, `edit` saves changed fields as the form would; anything else is an action name. */
  action: string;
  /** The template of a `create`. */
  template?: string;
  /** What `create` or `edit` saves: fixed, or worked out from the records made so far (a settlement lists orders by number). */
  data?: JsonObject | ((made: ReadonlyMap<string, DemoRef>) => JsonObject);
  input?: ActionInput;
  /** When the action asks for approval: leave the request open instead of having it approved. */
  leavePending?: boolean;
}

export function isoDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Whoever may decide the request first: the department's manager, else an administrator. */
async function approve(runtime: Runtime, people: DemoPeople, approvalId: string, at: Date, clock: SettableClock): Promise<void> {
  clock.set(at);
  for (const who of ['manager', 'manager2', 'admin']) {
    const pending = await runtime.listApprovals(people[who].actor, { status: 'pending' });
    if (!pending.some((a) => a.id === approvalId)) continue;
    const decided = await runtime.decideApproval(people[who].actor, approvalId, 'approve', '同意');
    if (!decided.ok) throw new PluginFailure('seed_failed', `demo approval ${approvalId} by ${who} refused (${decided.code}): ${decided.message.en}`);
    return;
  }
  throw new PluginFailure('seed_failed', `demo approval ${approvalId}: nobody may decide it`);
}

/**
 * Runs the steps in the order given and lets the clock go afterwards.
 * Requests for approval are decided a couple of hours later (never after `now`), unless the step leaves them pending.
 */
export async function runSteps(runtime: Runtime, clock: SettableClock, people: DemoPeople, steps: readonly Step[], now: Date): Promise<Map<string, DemoRef>> {
  const made = new Map<string, DemoRef>();
  const latest = now.getTime() - 60_000;
  const dataOf = (step: Step): JsonObject => (typeof step.data === 'function' ? step.data(made) : (step.data ?? {}));
  try {
    for (const step of steps) {
      clock.set(step.at);
      if (step.action === 'create') {
        if (!step.template) throw new PluginFailure('seed_failed', `demo ${step.record}: create names no template`);
        const created = await runtime.createRecord(step.actor, step.template, dataOf(step));
        if (!created.ok) throw new PluginFailure('seed_failed', `demo ${step.record}: create refused (${created.code}): ${created.message.en} ${JSON.stringify(created.errors ?? [])}`);
        made.set(step.record, { id: created.value.id, number: created.value.number });
        continue;
      }
      const ref = made.get(step.record);
      if (!ref) throw new PluginFailure('seed_failed', `demo ${step.record}: ${step.action} before the record was made`);
      if (step.action === 'edit') {
        // As the form does: open the record, save the changed fields with the version read.
        const opened = await runtime.getRecord(step.actor, ref.id);
        if (!opened.ok) throw new PluginFailure('seed_failed', `demo ${step.record}: ${step.actor.name} cannot open it (${opened.code}): ${opened.message.en}`);
        const saved = await runtime.editRecord(step.actor, ref.id, dataOf(step), opened.value.version);
        if (!saved.ok) throw new PluginFailure('seed_failed', `demo ${step.record}: edit by ${step.actor.name} refused (${saved.code}): ${saved.message.en} ${JSON.stringify(saved.errors ?? [])}`);
        continue;
      }
      const done = await runtime.runAction(step.actor, ref.id, step.action, step.input ?? {});
      if (!done.ok) throw new PluginFailure('seed_failed', `demo ${step.record}: ${step.action} by ${step.actor.name} refused (${done.code}): ${done.message.en}`);
      // Large orders' cancellations wait for a manager; in the demo most are approved a couple of hours later.
      if (done.value.kind === 'approval' && !step.leavePending) {
        await approve(runtime, people, done.value.approval.id, new Date(Math.min(step.at.getTime() + 2 * HOUR, latest)), clock);
      }
    }
  } finally {
    clock.set(undefined);
  }
  return made;
}
