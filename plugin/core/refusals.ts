// Refusals as values: a stable code and words, in both languages, that tell a person what to do.
import type { Labels, Refusal, RefusalCode } from './types.ts';

export function refuse(code: RefusalCode, zh: string, en: string, errors?: Refusal['errors']): Refusal {
  const r: Refusal = { ok: false, code, message: { 'zh-CN': zh, en } };
  if (errors?.length) r.errors = errors;
  return r;
}

export function refuseWith(code: RefusalCode, message: Labels, errors?: Refusal['errors']): Refusal {
  return refuse(code, message['zh-CN'], message.en, errors);
}

export const refusals = {
  notFound: (what = '记录', whatEn = 'record') =>
    refuse('not_found', `找不到该${what}，或您无权查看。`, `No such ${whatEn}, or you may not see it.`),
  noSuchAction: (action: string) =>
    refuse('not_found', `模板中没有“${action}”这个操作。`, `The template has no action "${action}".`),
  wrongState: (actionLabel: Labels, stateLabel: Labels, fromLabels: Labels[]) =>
    refuse(
      'invalid_transition',
      `该记录当前为“${stateLabel['zh-CN']}”，不能执行“${actionLabel['zh-CN']}”；只有处于 ${fromLabels.map((l) => `“${l['zh-CN']}”`).join('、')} 的记录可以。`,
      `"${actionLabel.en}" is not possible while the record is ${stateLabel.en}; it needs one of: ${fromLabels.map((l) => l.en).join(', ')}.`,
    ),
  notAllowed: (actionLabel: Labels, roles: Labels[]) =>
    refuse(
      'forbidden',
      `您没有执行“${actionLabel['zh-CN']}”的权限（需要角色：${roles.map((r) => r['zh-CN']).join('、')}，且记录在您的负责范围内）。`,
      `You may not run "${actionLabel.en}" on this record (it needs one of the roles ${roles.map((r) => r.en).join(', ')} with this record in your scope).`,
    ),
  internalAction: (actionLabel: Labels) =>
    refuse(
      'forbidden',
      `“${actionLabel['zh-CN']}”只能作为其他操作的一步或由自动化执行，不能单独执行。`,
      `"${actionLabel.en}" only runs as a step of another action or by an automation, never on its own.`,
    ),
  staleVersion: (expected: number, actual: number) =>
    refuse(
      'version_conflict',
      `该记录已被他人修改（您看到的是第 ${expected} 版，当前为第 ${actual} 版），请刷新后重试。`,
      `Someone changed this record meanwhile (you had version ${expected}, it is now ${actual}); reload and try again.`,
    ),
  reasonRequired: (actionLabel: Labels, codes: string[]) =>
    refuse(
      'reason_required',
      `执行“${actionLabel['zh-CN']}”必须选择原因（可选：${codes.join('、')}）。`,
      `"${actionLabel.en}" needs a reason; choose one of: ${codes.join(', ')}.`,
      [{ path: '/reason', message: 'required' }],
    ),
  reasonUnknown: (reason: string, codes: string[]) =>
    refuse(
      'reason_unknown',
      `原因“${reason}”不在原因列表中，请从以下选择：${codes.join('、')}。`,
      `"${reason}" is not in the reason list; choose one of: ${codes.join(', ')}.`,
      [{ path: '/reason', message: `must be one of ${codes.join(', ')}` }],
    ),
  commentRequired: (actionLabel: Labels) =>
    refuse('validation_failed', `执行“${actionLabel['zh-CN']}”需要填写说明。`, `"${actionLabel.en}" needs a comment.`, [
      { path: '/comment', message: 'required' },
    ]),
  invalidData: (errors: { path: string; message: string; zh?: string }[]) =>
    refuse(
      'validation_failed',
      `表单数据有 ${errors.length} 处错误：${errors.map((e) => `${e.path || '/'} ${e.zh ?? e.message}`).join('；')}`,
      `The form data has ${errors.length} error(s): ${errors.map((e) => `${e.path || '/'} ${e.message}`).join('; ')}`,
      errors,
    ),
  invalidParams: (errors: { path: string; message: string; zh?: string }[]) =>
    refuse(
      'validation_failed',
      `操作参数有误：${errors.map((e) => `${e.path || '/'} ${e.zh ?? e.message}`).join('；')}`,
      `The action's parameters are wrong: ${errors.map((e) => `${e.path || '/'} ${e.message}`).join('; ')}`,
      errors,
    ),
  readOnly: (stateLabel: Labels) =>
    refuse(
      'read_only',
      `处于“${stateLabel['zh-CN']}”的记录对所有人只读；如需修改，请复制为新记录。`,
      `A record that is ${stateLabel.en} is read-only for everyone; copy it into a new one to change it.`,
    ),
  fieldReadOnly: (field: string, stateLabel: Labels) =>
    refuse(
      'read_only',
      `在“${stateLabel['zh-CN']}”状态下，您不能修改字段 ${field}。`,
      `You may not change ${field} while the record is ${stateLabel.en}.`,
      [{ path: field, message: 'read-only for you in this state' }],
    ),
  cannotCreate: (templateName: Labels) =>
    refuse('forbidden', `您没有新建“${templateName['zh-CN']}”的权限。`, `You may not create a ${templateName.en}.`),
  cannotCopy: (stateLabel: Labels, fromLabels: Labels[]) =>
    refuse(
      'invalid_transition',
      `只有 ${fromLabels.map((l) => `“${l['zh-CN']}”`).join('、')} 的记录可以复制为新记录，该记录为“${stateLabel['zh-CN']}”。`,
      `Only records that are ${fromLabels.map((l) => l.en).join(' or ')} can be copied; this one is ${stateLabel.en}.`,
    ),
};
