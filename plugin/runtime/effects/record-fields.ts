// Effects on the record itself: hand it to someone else, or set data fields.
import { summarize } from '../../core/derived.ts';
import { setAt } from '../../core/pointer.ts';
import { refuse } from '../../core/refusals.ts';
import { fieldLabels } from '../../core/field-labels.ts';
import type { Json, JsonObject, Labels } from '../../core/types.ts';
import type { EffectHandler, EffectPlan } from './effect-handler.ts';

const paramValue: JsonObject = { anyOf: [{ type: 'string' }, { type: 'object', required: ['$param'], properties: { $param: { type: 'string' } }, additionalProperties: false }] };

export const recordAssign: EffectHandler = {
  type: 'record.assign',
  params: { type: 'object', additionalProperties: false, properties: { handler: paramValue, department: paramValue } },
  async plan(params, ctx): Promise<EffectPlan> {
    const record = { ...ctx.record, watchers: [...ctx.record.watchers] };
    const preview: EffectPlan['preview'] = [];
    const handlerId = typeof params.handler === 'string' ? params.handler : undefined;
    let department = typeof params.department === 'string' ? params.department : undefined;
    if (handlerId && handlerId !== record.handler) {
      const user = ctx.users.find((u) => u.id === handlerId || u.username === handlerId);
      if (!user || user.disabled)
        return { preview, refusal: refuse('validation_failed', `找不到可用的负责人“${handlerId}”，请从人员列表中选择。`, `No active person "${handlerId}"; pick someone from the people list.`, [{ path: '/params/handler', message: 'unknown person' }]) };
      // A handler works the record from its start: someone whose roles may not start such records (the
      // warehouse, finance on an order) cannot handle one, though they act on it in their own steps.
      if (!user.roles.some((r) => ctx.template.create.roles.includes(r)))
        return { preview, refusal: refuse('validation_failed', `${user.name} 的角色不能负责“${ctx.template.name['zh-CN']}”（负责人须能新建这种单据）；请选择其他人。`, `${user.name}'s roles cannot handle a ${ctx.template.name.en} (a handler must be able to create one); choose someone else.`, [{ path: '/params/handler', message: 'cannot handle this kind of record' }]) };
      if (!record.watchers.includes(record.handler)) record.watchers.push(record.handler);
      record.watchers = record.watchers.filter((w) => w !== user.id);
      record.handler = user.id;
      department ??= user.department;
      preview.push({ kind: 'assign', handler: user.id, text: { 'zh-CN': `负责人改为 ${user.name}；原负责人保留只读查看`, en: `Handler becomes ${user.name}; the previous handler keeps a read-only view` } });
    }
    if (department && department !== record.department) {
      const known = new Set(ctx.users.map((u) => u.department).filter(Boolean));
      if (!known.has(department))
        return { preview, refusal: refuse('validation_failed', `没有部门“${department}”。`, `There is no department "${department}".`, [{ path: '/params/department', message: 'unknown department' }]) };
      record.department = department;
      preview.push({ kind: 'assign', department, text: { 'zh-CN': `部门改为 ${department}`, en: `Department becomes ${department}` } });
    }
    if (!preview.length)
      return { preview, refusal: refuse('validation_failed', '新的负责人或部门与当前相同，请选择其他人或部门。', 'The new handler or department is the same as now; choose someone or somewhere else.', [{ path: '/params', message: 'nothing changes' }]) };
    return { record, preview };
  },
};

export const recordSet: EffectHandler = {
  type: 'record.set',
  params: { type: 'object', required: ['fields'], additionalProperties: false, properties: { fields: { type: 'object' } } },
  async plan(params, ctx): Promise<EffectPlan> {
    let data = ctx.record.data;
    const preview: EffectPlan['preview'] = [];
    for (const [pointer, value] of Object.entries(params.fields as JsonObject)) {
      data = setAt(data, pointer, value as Json);
      const field = fieldLabels(ctx.template, pointer);
      const shown = (lang: keyof Labels) => (typeof value === 'boolean' ? (value ? { 'zh-CN': '是', en: 'yes' } : { 'zh-CN': '否', en: 'no' })[lang] : typeof value === 'string' ? `“${value}”` : JSON.stringify(value));
      preview.push({ kind: 'set', path: pointer, value, text: { 'zh-CN': `字段“${field['zh-CN']}”设为 ${shown('zh-CN')}`, en: `Set "${field.en}" to ${shown('en')}` } });
    }
    return { record: { ...ctx.record, data, summary: summarize(ctx.template, data) }, preview };
  },
};

