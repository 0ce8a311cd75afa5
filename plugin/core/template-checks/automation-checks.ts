// Automations: what triggers them, and a run the action it names would accept (reason, comment, params).
import { toPointer } from '../pointer.ts';
import type { ActionDef, AutomationDef } from '../types.ts';
import { reportInvalid } from './ajv.ts';
import type { CheckContext } from './context.ts';
import { own } from './json.ts';

export function checkAutomations(ctx: CheckContext): void {
  for (const [name, auto] of Object.entries(ctx.t.automations ?? {})) {
    const at = toPointer(['automations', name]);
    if (auto.on.action !== undefined) ctx.action(auto.on.action, `${at}/on/action`);
    if (auto.on.field !== undefined) ctx.field(auto.on.field, `${at}/on/field`);
    if (auto.when !== undefined) ctx.rule(auto.when, `${at}/when`);
    if (ctx.action(auto.run.action, `${at}/run/action`)) checkRun(ctx, auto.run, `${at}/run`, ctx.t.actions[auto.run.action]);
  }
}

/** The run has no user to ask, so it must carry what the action requires and nothing it does not take. */
function checkRun(ctx: CheckContext, run: AutomationDef['run'], at: string, target: ActionDef): void {
  const { fail } = ctx;
  const reasonInput = target.input?.reason;
  if (run.reason !== undefined) {
    const reasons = reasonInput && own(ctx.t.reasons, reasonInput.list);
    if (!reasonInput) fail(`${at}/reason`, `action '${run.action}' takes no reason`);
    else if (reasons && !reasons.some((r) => r.code === run.reason)) {
      fail(`${at}/reason`, `'${run.reason}' is not a code of reason list '${reasonInput.list}' (codes: ${reasons.map((r) => r.code).join(', ')})`);
    }
  } else if (reasonInput?.required) {
    fail(`${at}/reason`, `action '${run.action}' requires a reason: give one of the codes of reason list '${reasonInput.list}'`);
  }
  if (run.comment === undefined && target.input?.comment?.required) {
    fail(`${at}/comment`, `action '${run.action}' requires a comment`);
  }
  if (!target.input?.params) {
    if (run.params !== undefined && Object.keys(run.params).length > 0) fail(`${at}/params`, `action '${run.action}' takes no params`);
    return;
  }
  const validate = ctx.paramValidators.get(run.action);
  if (validate) reportInvalid(validate, run.params ?? {}, `${at}/params`, fail);
}
