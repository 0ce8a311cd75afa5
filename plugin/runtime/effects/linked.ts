// Runs an action on every record a document lists (e.g. a settlement and the orders it covers), in the same plan.
import { getAt } from '../../core/pointer.ts';
import { refuse, refuseWith } from '../../core/refusals.ts';
import type { JsonObject, WorkRecord } from '../../core/types.ts';
import type { Store } from '../ports.ts';
import type { EffectHandler, EffectPlan } from './effect-handler.ts';

export const linkedRun: EffectHandler = {
  type: 'linked.run',
  params: {
    type: 'object', required: ['items', 'action'], additionalProperties: false,
    properties: {
      items: { type: 'string' },
      field: { type: 'string' },
      action: { type: 'string' },
      // leave a listed record as it is when it has already moved out of the action's from-states (e.g. an order
      // a settlement covered that was unlocked on its own since): the document is not held hostage by it
      skipMoved: { type: 'boolean' },
    },
  },
  async plan(params, ctx): Promise<EffectPlan> {
    const list = getAt(ctx.record.data, String(params.items));
    const numbers = (Array.isArray(list) ? list : []).map((it) => String(params.field ? (it as JsonObject)?.[String(params.field)] : it));
    const out: EffectPlan = { preview: [], changes: { records: [], audit: [], stock: [], ledger: [], notifications: [] } };
    if (!numbers.length)
      return { preview: [], refusal: refuse('validation_failed', '单据没有列出任何记录。', 'The document lists no records.', [{ path: String(params.items), message: 'empty' }]) };
    // Each listed record is planned from what the store holds: the same one twice would be planned twice.
    const twice = numbers.find((n, i) => numbers.indexOf(n) !== i);
    if (twice)
      return { preview: [], refusal: refuse('validation_failed', `单据重复列出了记录 ${twice}，请删去重复的一行。`, `The document lists ${twice} more than once; remove the repeated line.`, [{ path: String(params.items), message: `${twice} is listed more than once` }]) };
    for (const number of numbers) {
      const found = await byNumber(ctx.store, number);
      if (!found)
        return { preview: out.preview, refusal: refuse('validation_failed', `找不到单据列出的记录 ${number}。`, `The record ${number} the document lists does not exist.`, [{ path: String(params.items), message: `unknown record ${number}` }]) };
      const template = await ctx.store.getTemplate(found.template, found.templateVersion);
      const from = template?.actions[String(params.action)]?.from ?? [];
      if (params.skipMoved === true && !from.includes(found.status)) {
        const state = template?.states[found.status]?.label ?? { 'zh-CN': found.status, en: found.status };
        out.preview.push({ kind: 'step', record: number, text: { 'zh-CN': `${number}：已是“${state['zh-CN']}”，保持不变`, en: `${number}: already ${state.en}, left as it is` } });
        continue;
      }
      const plan = await ctx.planLinked(template!, found, { kind: 'action', action: String(params.action), asStep: true, ...(ctx.command.reason ? { reason: ctx.command.reason } : {}), ...(ctx.command.comment ? { comment: ctx.command.comment } : {}) });
      if (plan.refusal)
        return { preview: out.preview, refusal: refuseWith(plan.refusal.code, { 'zh-CN': `${number}：${plan.refusal.message['zh-CN']}`, en: `${number}: ${plan.refusal.message.en}` }, plan.refusal.errors) };
      out.preview.push(...plan.preview.map((p) => ({ ...p, record: number, text: { 'zh-CN': `${number}：${p.text['zh-CN']}`, en: `${number}: ${p.text.en}` } })));
      out.changes!.records!.push({ record: plan.record, expectVersion: found.version }, ...plan.changes.records);
      for (const key of ['audit', 'stock', 'ledger', 'notifications'] as const) out.changes![key]!.push(...(plan.changes[key] as never[]));
    }
    return out;
  },
};

/** The record with exactly this number. `q` matches customers too (a name may quote a number), so every page of matches counts. */
async function byNumber(store: Store, number: string): Promise<WorkRecord | undefined> {
  const pageSize = 100;
  for (let page = 1; ; page++) {
    const { items, total } = await store.findRecords({ q: number, visibility: { all: true }, page, pageSize });
    const found = items.find((r) => r.number === number);
    if (found || page * pageSize >= total) return found;
  }
}
