// Template validation at import: the bundle's shape (JSON Schema, ajv strict), then every cross-reference, then warnings.
import type { Template } from './types.ts';
import { checkActions } from './template-checks/action-checks.ts';
import { dedupe, issuesFromAjv } from './template-checks/ajv.ts';
import { checkAutomations } from './template-checks/automation-checks.ts';
import { type CheckContext, checkContext } from './template-checks/context.ts';
import { checkDerived, checkForm, checkSummary } from './template-checks/form-checks.ts';
import { checkerFor } from './template-checks/meta-schema.ts';
import { checkCreateAndCopy, checkFieldPermissions, checkNotifications, checkReasons, checkStates } from './template-checks/references.ts';
import { checkRules, explainRuleKeys } from './template-checks/rule-checks.ts';
import type { TemplateCheckOptions, TemplateCheckResult } from './template-checks/types.ts';
import { templateWarnings } from './template-checks/warnings.ts';

export type { TemplateCheckOptions, TemplateCheckResult, TemplateIssue } from './template-checks/types.ts';

/** In this order, which is the order errors are listed in; actions come before automations, which use their compiled params. */
const CROSS_CHECKS: ((ctx: CheckContext) => void)[] = [
  checkForm,
  checkSummary,
  checkDerived,
  checkFieldPermissions,
  checkCreateAndCopy,
  checkStates,
  checkReasons,
  checkNotifications,
  checkRules,
  checkActions,
  checkAutomations,
];

export function validateTemplate(bundle: unknown, options: TemplateCheckOptions): TemplateCheckResult {
  const checker = checkerFor(options);
  if (!checker.validateBundle(bundle)) {
    return { ok: false, errors: explainRuleKeys(issuesFromAjv(checker.validateBundle.errors, '')), warnings: [] };
  }
  const template = bundle as Template;
  const ctx = checkContext(template, options, checker);
  for (const check of CROSS_CHECKS) check(ctx);
  const errors = dedupe(ctx.errors);
  const warnings = templateWarnings(template);
  return errors.length === 0 ? { ok: true, errors, warnings, template } : { ok: false, errors, warnings };
}
