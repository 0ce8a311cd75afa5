// Automations: template rules that run an action as a system actor when something happens.
// They take the same path as people (permissions, guards, effects, audit) and cannot loop forever.
import { buildFacts } from '../core/facts.ts';
import { covers } from '../core/pointer.ts';
import type { Actor, AutomationDef, FieldChange, Template, WorkRecord } from '../core/types.ts';
import { templateOf, type RuntimeEnv } from './context.ts';
import { ledgerBalances } from './plan.ts';
import type { AutomationTrigger } from './ports.ts';

export interface AutomationEvent {
  event: AutomationDef['on']['event'];
  action?: string;
  changes?: FieldChange[];
}

/** Deep enough for real chains (e.g. receipt → write-off → settle), shallow enough to cut a cycle. */
export const MAX_AUTOMATION_DEPTH = 5;

/** The only role automations act with: a template grants it the actions its automations may run. */
const SYSTEM_ROLE = 'system';

export function systemActor(name: string, def: AutomationDef): Actor {
  return { id: `automation:${name}`, name: `${def.label['zh-CN']} / ${def.label.en}`, roles: [SYSTEM_ROLE], system: true };
}

function matches(def: AutomationDef, e: AutomationEvent): boolean {
  if (def.on.event === 'field.changed')
    return (e.event === 'record.updated' || e.event === 'record.created') && !!def.on.field && !!e.changes?.some((c) => covers(def.on.field!, c.path));
  if (def.on.event !== e.event) return false;
  return def.on.event !== 'action.done' || !def.on.action || def.on.action === e.action;
}

/** What a change must commit so that the automations it sets off run even if the process dies right after. */
export function triggersFor(env: RuntimeEnv, template: Template, recordId: string, events: AutomationEvent[], depth: number): AutomationTrigger[] {
  const defs = Object.values(template.automations ?? {});
  return events
    .filter((e) => defs.some((def) => matches(def, e)))
    .map((e) => ({ id: env.newId(), recordId, event: e.event as AutomationTrigger['event'], ...(e.action ? { action: e.action } : {}), ...(e.changes ? { changes: e.changes } : {}), depth, at: env.now() }));
}

/** Runs the automations of committed triggers, each marked done once they have run. */
export async function runTriggers(env: RuntimeEnv, triggers: AutomationTrigger[] = []): Promise<void> {
  for (const trigger of triggers) {
    const record = await env.store.getRecord(trigger.recordId);
    if (record) await fireAutomations(env, record, trigger, trigger.depth);
    await env.store.commit({ triggersDone: [trigger.id] });
  }
}

/** On start: the automations that a stopped process had committed to run but had not run. */
export async function resumeTriggers(env: RuntimeEnv): Promise<number> {
  const pending = await env.store.pendingTriggers();
  await runTriggers(env, pending);
  return pending.length;
}

export async function fireAutomations(env: RuntimeEnv, record: WorkRecord, e: AutomationEvent, depth = 0): Promise<void> {
  const template = await templateOf(env, record);
  for (const [name, def] of Object.entries(template.automations ?? {})) {
    if (!matches(def, e)) continue;
    if (depth >= MAX_AUTOMATION_DEPTH) {
      await logCut(env, template, record, name);
      continue;
    }
    await runAutomation(env, template, name, def, record.id, depth + 1);
  }
}

/** Runs one automation on one record if its condition holds and the action is open now. */
export async function runAutomation(env: RuntimeEnv, template: Template, name: string, def: AutomationDef, recordId: string, depth: number): Promise<boolean> {
  const record = await env.store.getRecord(recordId);
  if (!record) return false;
  const actor = systemActor(name, def);
  const target = template.actions[def.run.action];
  if (!target?.from.includes(record.status)) return false;
  if (def.when) {
    const facts = buildFacts(template, record, actor, {}, await ledgerBalances(env.store, record.id));
    const verdict = await env.guards.evaluate(template.rules, [def.when], facts, template.conditions);
    if (!verdict[def.when]) return false;
  }
  const command = { kind: 'action' as const, action: def.run.action, version: record.version, ...(def.run.reason ? { reason: def.run.reason } : {}), ...(def.run.comment ? { comment: def.run.comment } : {}), ...(def.run.params ? { params: def.run.params } : {}) };
  const result = await env.perform(actor, record.id, command, { automation: name, depth });
  return result.ok;
}

async function logCut(env: RuntimeEnv, template: Template, record: WorkRecord, name: string) {
  await env.store.commit({
    audit: [{
      id: env.newId(), recordId: record.id, at: env.now(), actor: `automation:${name}`, actorName: name,
      action: 'automation.cut', from: record.status, to: record.status, automation: name,
      comment: `automation chain deeper than ${MAX_AUTOMATION_DEPTH} steps was stopped (template ${template.id})`,
    }],
  });
}

/** Scheduled automations: the host calls this on a timer; each due automation checks every record of its template. */
export async function runScheduled(env: RuntimeEnv, lastRun: Map<string, number>): Promise<number> {
  let fired = 0;
  const nowMs = env.clock.now().getTime();
  for (const template of await env.store.listTemplates()) {
    for (const [name, def] of Object.entries(template.automations ?? {})) {
      if (def.on.event !== 'schedule') continue;
      const key = `${template.id}@${template.version}:${name}`;
      if (nowMs - (lastRun.get(key) ?? 0) < (def.on.everyMinutes ?? 60) * 60_000) continue;
      lastRun.set(key, nowMs);
      for (const r of await env.store.allRecords(template.id)) {
        if (r.templateVersion === template.version && (await runAutomation(env, template, name, def, r.id, 1))) fired++;
      }
    }
  }
  return fired;
}
