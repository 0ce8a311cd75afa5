// Actions: the states they move between, who may run or approve them, their guards, params, effects and cascades.
import { toPointer } from '../pointer.ts';
import type { Template } from '../types.ts';
import type { CheckContext } from './context.ts';
import { checkEffect } from './effect-checks.ts';
import { own } from './json.ts';

export function checkActions(ctx: CheckContext): void {
  for (const [name, a] of Object.entries(ctx.t.actions)) {
    const at = toPointer(['actions', name]);
    a.from.forEach((st, i) => ctx.state(st, `${at}/from/${i}`));
    if (a.to !== undefined) ctx.state(a.to, `${at}/to`);
    a.allow.forEach((g, i) => ctx.role(g.role, `${at}/allow/${i}/role`));
    const list = a.input?.reason?.list;
    if (list !== undefined) ctx.reasonList(list, `${at}/input/reason/list`);
    if (a.input?.params) ctx.paramValidators.set(name, ctx.compile(a.input.params, `${at}/input/params`));
    a.guards?.forEach((g, i) => ctx.rule(g.rule, `${at}/guards/${i}/rule`));
    if (a.approval) {
      if (a.approval.when !== undefined) ctx.rule(a.approval.when, `${at}/approval/when`);
      a.approval.approvers.forEach((g, i) => ctx.role(g.role, `${at}/approval/approvers/${i}/role`));
    }
    a.effects?.forEach((effect, i) => checkEffect(ctx, effect, `${at}/effects/${i}`, name, a));
    a.cascade?.forEach((other, i) => checkCascadeStep(ctx, name, other, `${at}/cascade/${i}`));
  }
}

function checkCascadeStep(ctx: CheckContext, name: string, other: string, at: string): void {
  if (!ctx.action(other, at)) return;
  if (other === name) ctx.fail(at, `action '${name}' cannot cascade to itself`);
  else if (ctx.t.actions[other].to === undefined) ctx.fail(at, `action '${other}' has no 'to' state, so as a cascade step it never moves the record on`);
  else {
    const loop = cascadePath(ctx.t, other, name, new Set());
    if (loop) ctx.fail(at, `cascade loop: ${[name, ...loop].join(' → ')}`);
  }
}

/** Follows cascades from `from`; returns the chain that comes back to `to`, if any. */
function cascadePath(t: Template, from: string, to: string, seen: Set<string>): string[] | undefined {
  if (from === to) return [to];
  if (seen.has(from)) return undefined;
  seen.add(from);
  for (const next of own(t.actions, from)?.cascade ?? []) {
    const rest = cascadePath(t, next, to, seen);
    if (rest) return [from, ...rest];
  }
  return undefined;
}
