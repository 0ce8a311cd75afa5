// Pure edits of a template being designed. Each takes the draft (already a copy) and changes it in place.
import type { ActionDef, Labels, StateDef, Template } from '../../../../plugin/core/types';

export const KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;
/** A state, action or role name: the meta-schema's `name`, so the server never refuses what the studio let through. */
export const NAME_PATTERN = /^[a-z][a-z0-9_]*$/;

/** Rebuilds a record with one key renamed, keeping the order of the others. */
export function renameKey<V>(obj: Record<string, V>, from: string, to: string): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [k, v] of Object.entries(obj)) out[k === from ? to : k] = v;
  return out;
}

export function addState(t: Template, key: string, label: Labels): void {
  const def: StateDef = { label };
  t.states = { ...t.states, [key]: def };
}

/** Renames a state and every place of the template that names it. */
export function renameState(t: Template, from: string, to: string): void {
  if (from === to || !(from in t.states)) return;
  t.states = renameKey(t.states, from, to);
  for (const a of Object.values(t.actions)) {
    a.from = a.from.map((s) => (s === from ? to : s));
    if (a.to === from) a.to = to;
  }
  if (t.copy) t.copy.from = t.copy.from.map((s) => (s === from ? to : s));
}

export function removeState(t: Template, key: string): void {
  const { [key]: _gone, ...rest } = t.states;
  t.states = rest;
  for (const a of Object.values(t.actions)) a.from = a.from.filter((s) => s !== key);
  if (t.copy) t.copy.from = t.copy.from.filter((s) => s !== key);
}

/** Exactly one state is initial: setting it on one clears it on the others. */
export function setInitial(t: Template, key: string): void {
  for (const [k, s] of Object.entries(t.states)) {
    if (k === key) s.initial = true;
    else delete s.initial;
  }
}

export function addAction(t: Template, key: string, label: Labels): void {
  const def: ActionDef = { label, from: [], allow: [{ role: 'admin', scope: 'all' }] };
  t.actions = { ...t.actions, [key]: def };
}

export function renameAction(t: Template, from: string, to: string): void {
  if (from === to || !(from in t.actions)) return;
  t.actions = renameKey(t.actions, from, to);
  for (const a of Object.values(t.actions)) {
    if (a.cascade) a.cascade = a.cascade.map((c) => (c === from ? to : c));
  }
}

export function removeAction(t: Template, key: string): void {
  const { [key]: _gone, ...rest } = t.actions;
  t.actions = rest;
}

/** The key of an action drawn on the diagram: `to_<state>`, numbered when taken. */
export function transitionKey(t: Template, to: string): string {
  return freeKey(`to_${to}`, t.actions);
}

/** An action drawn on the diagram, from one state to another: named after its target in both languages, run by the administrator until granted otherwise. */
export function addTransition(t: Template, key: string, from: string, to: string): void {
  const target = t.states[to]?.label ?? { 'zh-CN': to, en: to };
  addAction(t, key, { 'zh-CN': `转为${target['zh-CN']}`, en: `To ${target.en || to}` });
  t.actions[key].from = [from];
  t.actions[key].to = to;
}

/** A key that is free in `taken`, made from `base` plus a number. */
export function freeKey(base: string, taken: Record<string, unknown>): string {
  if (!(base in taken)) return base;
  for (let i = 2; ; i++) if (!(`${base}${i}` in taken)) return `${base}${i}`;
}

export function nextVersion(t: Template, installed: number[] = []): number {
  return Math.max(t.version, ...installed) + 1;
}

/** The actions that send a notification: a `notify` effect added to each one chosen, taken from each other one. */
export function sendOn(t: Template, notification: string, actions: string[]): void {
  for (const [key, a] of Object.entries(t.actions)) {
    const effects = (a.effects ?? []).filter((e) => !(e.type === 'notify' && e.notification === notification));
    if (actions.includes(key)) effects.push({ type: 'notify', notification });
    if (effects.length) a.effects = effects;
    else delete a.effects;
  }
}
