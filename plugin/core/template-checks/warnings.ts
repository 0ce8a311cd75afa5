// What is allowed but almost certainly a mistake: unreachable states, actions nobody can run, dead ends, automations without a grant.
import { toPointer } from '../pointer.ts';
import type { Template } from '../types.ts';
import { own } from './json.ts';
import type { TemplateIssue } from './types.ts';

/** The role the runtime gives the system actor that runs automations; actions must grant it like any role. */
const AUTOMATION_ROLE = 'system';

export function templateWarnings(t: Template): TemplateIssue[] {
  return [...reachabilityWarnings(t), ...automationGrantWarnings(t), ...deadEndWarnings(t), ...uncontrolledRequiredWarnings(t), ...emptyColumnWarnings(t)];
}

/** A list column for the customer or amount that the summary does not fill stays empty on every row. */
function emptyColumnWarnings(t: Template): TemplateIssue[] {
  const columns = t.list?.columns ?? [];
  return (['customer', 'amount'] as const)
    .filter((c) => columns.includes(c) && !t.summary?.[c])
    .map((c) => ({
      path: toPointer(['list', 'columns', String(columns.indexOf(c))]),
      message: `list column '${c}' stays empty: the summary names no ${c}; set summary.${c} or leave the column out`,
    }));
}

/** Scopes of every control in a UI schema (detail layouts of lists included). */
function controlScopes(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => controlScopes(n, out));
  else if (node && typeof node === 'object') {
    const el = node as Record<string, unknown>;
    if (typeof el.scope === 'string' && el.type === 'Control') out.add(el.scope.replace(/^#/, ''));
    for (const [k, v] of Object.entries(el)) if (k !== 'rule') controlScopes(v, out);
  }
  return out;
}

/** A required field with no control on the form can never be filled in: every save would fail without a place to fix it. */
function uncontrolledRequiredWarnings(t: Template): TemplateIssue[] {
  const required = Array.isArray(t.form.schema.required) ? t.form.schema.required : [];
  const scopes = controlScopes(t.form.uischema);
  return required
    // an object counts as placed when a control shows it or any field inside it
    .filter((key): key is string => typeof key === 'string' && ![...scopes].some((s) => s === `/properties/${key}` || s.startsWith(`/properties/${key}/`)))
    .map((key) => ({
      path: toPointer(['form', 'schema', 'required', String(required.indexOf(key))]),
      message: `'${key}' is required but has no control in form.uischema, so nobody can fill it in: add { "type": "Control", "scope": "#/properties/${key}" } or make it optional`,
    }));
}

function reachabilityWarnings(t: Template): TemplateIssue[] {
  const warnings: TemplateIssue[] = [];
  const start = Object.keys(t.states).find((name) => t.states[name].initial === true);
  const reached = reachableStates(t, start);
  for (const name of Object.keys(t.states)) {
    if (!reached.has(name)) {
      warnings.push({ path: toPointer(['states', name]), message: `state '${name}' cannot be reached from the initial state '${start}' through any action` });
    }
  }
  for (const [name, a] of Object.entries(t.actions)) {
    if (a.allow.length === 0) {
      warnings.push({ path: toPointer(['actions', name, 'allow']), message: `nobody may run action '${name}': its allow list is empty` });
    } else if (!a.from.some((f) => reached.has(f))) {
      warnings.push({ path: toPointer(['actions', name, 'from']), message: `action '${name}' can never run: none of its from-states can be reached` });
    }
  }
  return warnings;
}

function reachableStates(t: Template, start: string | undefined): Set<string> {
  const reached = new Set<string>(start ? [start] : []);
  for (let grew = true; grew; ) {
    grew = false;
    for (const a of Object.values(t.actions)) {
      if (a.to !== undefined && !reached.has(a.to) && a.from.some((f) => reached.has(f))) {
        reached.add(a.to);
        grew = true;
      }
    }
  }
  return reached;
}

function automationGrantWarnings(t: Template): TemplateIssue[] {
  const warnings: TemplateIssue[] = [];
  for (const [name, auto] of Object.entries(t.automations ?? {})) {
    const target = own(t.actions, auto.run.action);
    if (target && !target.allow.some((g) => g.role === AUTOMATION_ROLE)) {
      warnings.push({
        path: toPointer(['automations', name, 'run', 'action']),
        message: `automations run as the role '${AUTOMATION_ROLE}', and action '${auto.run.action}' grants it nothing: add { "role": "${AUTOMATION_ROLE}", "scope": "all" } to its allow list`,
      });
    }
  }
  return warnings;
}

function deadEndWarnings(t: Template): TemplateIssue[] {
  const warnings: TemplateIssue[] = [];
  for (const [name, def] of Object.entries(t.states)) {
    const wayOut = Object.values(t.actions).some((a) => a.to !== undefined && a.to !== name && a.from.includes(name));
    if (wayOut || def.readOnly) continue;
    warnings.push({
      path: toPointer(['states', name]),
      message: def.terminal
        ? `terminal state '${name}' is not readOnly: mark it "readOnly": true so it reads as what it is (edits in terminal states are refused either way)`
        : `no action leads out of state '${name}' and it is not readOnly: add an action out of it, or mark it terminal and readOnly`,
    });
  }
  return warnings;
}
