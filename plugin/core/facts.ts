// The facts a template's rules see: plain data, nothing that reaches outside.
import { actionOf } from './decide.ts';
import { deriveValues } from './derived.ts';
import { subtractMoney } from './money.ts';
import type { Actor, ActionCommand, JsonObject, Template, WorkRecord } from './types.ts';

export function buildFacts(
  template: Template,
  record: WorkRecord,
  actor: Actor,
  command: Partial<ActionCommand>,
  ledger: Record<string, number>,
): JsonObject {
  return {
    record: {
      number: record.number,
      status: record.status,
      handler: record.handler,
      department: record.department,
      previousStatus: record.previousStatus ?? null,
      createdBy: record.createdBy,
      watchers: record.watchers,
    },
    data: record.data,
    derived: deriveValues(template, record.data),
    caller: { id: actor.id, roles: actor.roles, department: actor.department ?? null, system: !!actor.system },
    command: { reason: command.reason ?? null, comment: command.comment ?? null, params: command.params ?? {} },
    // what is still owed: once nothing is, a further receipt is a mistake (or a race) a guard can refuse
    ledger: { ...ledger, outstanding: subtractMoney(ledger.receivable ?? 0, ledger.receipt ?? 0, ledger.writeoff ?? 0) },
  };
}

/** Rules an action needs evaluated: its guards and the condition of its approval. */
export function rulesOf(template: Template, action: string): string[] {
  const def = actionOf(template, action);
  if (!def) return [];
  return [...(def.guards ?? []).map((g) => g.rule), ...(def.approval?.when ? [def.approval.when] : [])];
}
