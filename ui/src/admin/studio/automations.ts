// Automations as the studio writes them: "when (an event) and (a rule holds) then (an action), as the system".
import type { AutomationDef, Template } from '../../../../plugin/core/types';

/** The role the runtime gives automations: the action they run must grant it. */
export const SYSTEM_ROLE = 'system';

export const EVENTS = ['record.created', 'action.done', 'field.changed', 'schedule'] as const;

/** Adds the automation, and lets the system role run its action (declaring that role if the template lacks it). */
export function addAutomation(t: Template, name: string, def: AutomationDef): void {
  t.automations = { ...(t.automations ?? {}), [name]: def };
  t.roles[SYSTEM_ROLE] ??= { label: { 'zh-CN': '系统自动化', en: 'System automation' }, view: 'all' };
  const action = t.actions[def.run.action];
  if (action && !(action.allow ?? []).some((g) => g.role === SYSTEM_ROLE)) action.allow = [...(action.allow ?? []), { role: SYSTEM_ROLE, scope: 'all' }];
}

export function removeAutomation(t: Template, name: string): void {
  if (!t.automations) return;
  const { [name]: _gone, ...rest } = t.automations;
  t.automations = rest;
}
