// Trying a rule of a template being designed against one of its records: true or false, and for every
// comparison the value found, so an administrator sees why before the rule guards anything.
import { buildFacts } from '../core/facts.ts';
import { refuse } from '../core/refusals.ts';
import type { Actor, JsonObject } from '../core/types.ts';
import type { RuntimeEnv } from './context.ts';
import { ledgerBalances } from './plan.ts';
import type { RuleTrace } from './ports.ts';
import type { Result, RuleTrialInput } from './runtime-api.ts';
import { checkTemplate } from './templates.ts';

export async function tryRule(env: RuntimeEnv, actor: Actor, input: RuleTrialInput): Promise<Result<RuleTrace>> {
  if (!actor.roles.includes('admin')) return refuse('forbidden', '只有管理员可以试算规则。', 'Only administrators try rules.');
  const check = checkTemplate(env, input.template);
  if (!check.ok || !check.template)
    return refuse('template_invalid', `模板有 ${check.errors.length} 处错误，先改正再试算。`, `The template has ${check.errors.length} error(s); fix them before trying a rule.`, check.errors);
  const template = check.template;
  const rule = Object.hasOwn(template.rules ?? {}, input.rule) ? (template.rules[input.rule] as JsonObject) : undefined;
  if (!rule) return refuse('not_found', `模板中没有规则 ${input.rule}。`, `The template has no rule ${input.rule}.`);
  const record = await env.store.getRecord(input.record);
  if (!record) return refuse('not_found', '没有这条记录。', 'No such record.');
  if (record.template !== template.id)
    return refuse('validation_failed', `这条记录属于模板 ${record.template}，请选 ${template.id} 的记录。`, `That record is of template ${record.template}; choose a record of ${template.id}.`);
  const facts = buildFacts(template, record, actor, {}, await ledgerBalances(env.store, record.id));
  return { ok: true, value: await env.guards.explain(rule, facts, template.conditions) };
}
