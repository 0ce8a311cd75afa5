// Installing templates: validated once, at import; a version, once installed, never changes.
import { refuse } from '../core/refusals.ts';
import type { Actor, Template } from '../core/types.ts';
import { validateTemplate } from '../core/validate-template.ts';
import type { RuntimeEnv } from './context.ts';
import type { Result, TemplateCheck } from './runtime-api.ts';

const FACTS = ['record', 'data', 'derived', 'caller', 'command', 'ledger'];

export function checkTemplate(env: RuntimeEnv, bundle: unknown): TemplateCheck & { template?: Template } {
  return validateTemplate(bundle, {
    effectTypes: env.effects.schemas(),
    operators: env.guards.operators?.() ?? [],
    facts: FACTS,
  });
}

export async function importTemplate(env: RuntimeEnv, actor: Actor | 'host', bundle: unknown): Promise<Result<{ id: string; version: number; created: boolean }>> {
  if (actor !== 'host' && !actor.roles.includes('admin')) return refuse('forbidden', '只有管理员可以导入模板。', 'Only administrators import templates.');
  const check = checkTemplate(env, bundle);
  if (!check.ok || !check.template)
    return refuse('template_invalid', `模板有 ${check.errors.length} 处错误，未导入；请按路径逐条修改。`, `The template has ${check.errors.length} error(s) and was not imported; fix each at its path.`, check.errors);
  const template = check.template;
  return env.exclusive(async () => {
    const existing = await env.store.getTemplate(template.id, template.version);
    if (existing) {
      if (JSON.stringify(existing) === JSON.stringify(template)) return { ok: true as const, value: { id: template.id, version: template.version, created: false } };
      return refuse('conflict', `模板 ${template.id} 的第 ${template.version} 版已安装且内容不同；请提高版本号后再导入。`, `Version ${template.version} of ${template.id} is installed with different content; raise the version and import again.`);
    }
    await env.store.putTemplate(template);
    return { ok: true as const, value: { id: template.id, version: template.version, created: true } };
  });
}
