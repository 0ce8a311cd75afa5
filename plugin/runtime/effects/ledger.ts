// Ledger effects. Entries are never edited or deleted: a reversal is a counter-entry naming the original,
// posted in the open period even when the original sits in a closed one.
import { deriveValues } from '../../core/derived.ts';
import { fromMinor, moneyProblem, subtractMoney, toMinor } from '../../core/money.ts';
import { refuse } from '../../core/refusals.ts';
import type { Json, JsonObject, Labels } from '../../core/types.ts';
import { ledgerBalances } from '../plan.ts';
import type { LedgerEntry } from '../ports.ts';
import type { EffectContext, EffectHandler, EffectPlan } from './effect-handler.ts';

const amountSchema: JsonObject = {
  // a fixed amount is whole cents, checked at import (as decimals: ../../core/exact-multiple-of.ts)
  if: { type: 'number' },
  then: { type: 'number', multipleOf: 0.01 },
  anyOf: [
    { type: 'number' },
    { type: 'object', required: ['derived'], additionalProperties: false, properties: { derived: { type: 'string', 'x-ref': 'derived' } } },
    { type: 'object', required: ['ledger'], additionalProperties: false, properties: { ledger: { type: 'string' } } },
    { type: 'object', required: ['$param'], additionalProperties: false, properties: { $param: { type: 'string' } } },
  ],
};

export const accountNames: Record<string, Labels> = {
  receivable: { 'zh-CN': '应收', en: 'receivable' },
  receipt: { 'zh-CN': '收款', en: 'receipt' },
  invoice: { 'zh-CN': '发票', en: 'invoice' },
  writeoff: { 'zh-CN': '核销', en: 'write-off' },
  refund: { 'zh-CN': '应退客户款', en: 'refund owed to the customer' },
};
const nameOf = (account: string) => accountNames[account] ?? { 'zh-CN': account, en: account };
const money = (n: number) => n.toFixed(2);

async function entriesOf(ctx: EffectContext): Promise<LedgerEntry[]> {
  return [...(await ctx.store.ledgerEntries(ctx.record.id)), ...ctx.pending.ledger.filter((e) => e.recordId === ctx.record.id)];
}

async function resolveAmount(value: Json | undefined, ctx: EffectContext): Promise<number> {
  if (typeof value === 'number') return value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    if (typeof value.derived === 'string') return deriveValues(ctx.template, ctx.record.data)[value.derived] ?? 0;
    if (typeof value.ledger === 'string') return (await ledgerBalances(ctx.store, ctx.record.id, ctx.pending.ledger))[value.ledger] ?? 0;
  }
  return Number(value) || 0;
}

/**
 * Nothing finer than a cent (or too large to count in cents) reaches the ledger: refused at the param that gave
 * it, or at the effect's amount when the template itself names it. Nothing is rounded away silently.
 */
function notMoney(amount: number, ctx: EffectContext): EffectPlan['refusal'] | undefined {
  const problem = moneyProblem(amount);
  if (!problem) return undefined;
  const param = Object.entries(ctx.command.params ?? {}).find(([, v]) => v === amount)?.[0];
  const path = param !== undefined ? `/params/${param}` : '/amount';
  const [zh, en] =
    problem === 'below_smallest_unit'
      ? [`金额 ${amount} 小于最小货币单位 0.01（分），不能记账。`, `The amount ${amount} is finer than the smallest unit of the currency (0.01); it cannot be posted.`]
      : problem === 'out_of_range'
        ? [`金额 ${amount} 超出可精确到分的范围，不能记账。`, `The amount ${amount} is too large to be counted to the cent; it cannot be posted.`]
        : [`金额不是数字，不能记账。`, `The amount is not a number; it cannot be posted.`];
  return refuse('validation_failed', zh, en, [{ path, message: problem === 'below_smallest_unit' ? 'must be multiple of 0.01' : problem === 'out_of_range' ? 'is too large to count to the cent' : 'must be number' }]);
}

/** The open period entries go into now; a closed one refuses every posting. */
async function openPeriod(ctx: EffectContext): Promise<{ period: string } | { refusal: EffectPlan['refusal'] }> {
  const period = ctx.period;
  if ((await ctx.store.closedPeriods()).includes(period))
    return { refusal: refuse('period_closed', `会计期间 ${period} 已结账，不能记账；请财务经理先打开该期间。`, `Accounting period ${period} is closed; nothing can be posted. Ask the finance manager to reopen it.`) };
  return { period };
}

function entry(ctx: EffectContext, period: string, account: string, amount: number, extra: Partial<LedgerEntry> = {}): LedgerEntry {
  // whole cents by now (refused before otherwise): toMinor throws rather than round anything away
  return { id: ctx.newId(), recordId: ctx.record.id, account, amount: fromMinor(toMinor(amount)), period, at: ctx.now, ...extra };
}

export const ledgerPost: EffectHandler = {
  type: 'ledger.post',
  params: { type: 'object', required: ['account', 'amount'], additionalProperties: false, properties: { account: { type: 'string' }, amount: amountSchema, memo: { type: 'string' } } },
  async plan(params, ctx): Promise<EffectPlan> {
    const amount = await resolveAmount(params.amount, ctx);
    const refusal = notMoney(amount, ctx);
    if (refusal) return { preview: [], refusal };
    if (toMinor(amount) === 0) return { preview: [] };
    const open = await openPeriod(ctx);
    if ('refusal' in open) return { preview: [], refusal: open.refusal };
    const account = String(params.account);
    const e = entry(ctx, open.period, account, amount, params.memo ? { memo: String(params.memo) } : {});
    return {
      changes: { ledger: [e] },
      preview: [{ kind: 'ledger', account, amount, period: open.period, text: { 'zh-CN': `记账：${nameOf(account)['zh-CN']} ${money(amount)}（${open.period}）`, en: `Post ${nameOf(account).en} ${money(amount)} (${open.period})` } }],
    };
  },
};

export const ledgerReverse: EffectHandler = {
  type: 'ledger.reverse',
  params: {
    type: 'object', required: ['accounts'], additionalProperties: false,
    properties: { accounts: { type: 'array', minItems: 1, items: { type: 'string' } }, counterAccount: { type: 'string' } },
  },
  async plan(params, ctx): Promise<EffectPlan> {
    const accounts = params.accounts as string[];
    const all = await entriesOf(ctx);
    const reversed = new Set(all.map((e) => e.reverses).filter(Boolean));
    const open = all.filter((e) => accounts.includes(e.account) && !e.reverses && !reversed.has(e.id));
    if (!open.length) return { preview: [] };
    const period = await openPeriod(ctx);
    if ('refusal' in period) return { preview: [], refusal: period.refusal };
    const ledger: LedgerEntry[] = [];
    const preview: EffectPlan['preview'] = [];
    const closed = await ctx.store.closedPeriods();
    for (const original of open) {
      ledger.push(entry(ctx, period.period, original.account, -original.amount, { reverses: original.id, memo: 'reversal' }));
      const moved = closed.includes(original.period) ? { zh: `；原期间 ${original.period} 已结账，记入 ${period.period}`, en: `; ${original.period} is closed, posted in ${period.period}` } : { zh: '', en: '' };
      preview.push({
        kind: 'ledger', account: original.account, amount: -original.amount, reverses: original.id, period: period.period,
        text: { 'zh-CN': `红冲${nameOf(original.account)['zh-CN']} ${money(original.amount)}${moved.zh}`, en: `Reverse the ${nameOf(original.account).en} of ${money(original.amount)} by a counter-entry${moved.en}` },
      });
      if (params.counterAccount) {
        const counter = String(params.counterAccount);
        ledger.push(entry(ctx, period.period, counter, original.amount, { memo: `owed after reversing ${original.id}` }));
        preview.push({ kind: 'ledger', account: counter, amount: original.amount, period: period.period, text: { 'zh-CN': `记录${nameOf(counter)['zh-CN']} ${money(original.amount)}`, en: `Record ${nameOf(counter).en} of ${money(original.amount)}` } });
      }
    }
    return { changes: { ledger }, preview };
  },
};

/** Matches what is owed against what was received (a write-off), linking the entries it covers. */
export const ledgerMatch: EffectHandler = {
  type: 'ledger.match',
  params: {
    type: 'object', required: ['account', 'owed', 'paid'], additionalProperties: false,
    properties: { account: { type: 'string' }, owed: { type: 'string' }, paid: { type: 'string' } },
  },
  async plan(params, ctx): Promise<EffectPlan> {
    const [account, owed, paid] = [String(params.account), String(params.owed), String(params.paid)];
    const balances = await ledgerBalances(ctx.store, ctx.record.id, ctx.pending.ledger);
    const amount = subtractMoney(Math.min(balances[owed] ?? 0, balances[paid] ?? 0), balances[account] ?? 0);
    if (amount <= 0)
      return { preview: [], refusal: refuse('guard_failed', '没有可核销的金额：收款尚未覆盖应收。', 'Nothing to write off: the receipts do not cover the receivable yet.') };
    const open = await openPeriod(ctx);
    if ('refusal' in open) return { preview: [], refusal: open.refusal };
    const all = await entriesOf(ctx);
    const reversed = new Set(all.map((e) => e.reverses).filter(Boolean));
    const matches = all.filter((e) => (e.account === owed || e.account === paid) && !e.reverses && !reversed.has(e.id)).map((e) => e.id);
    return {
      changes: { ledger: [entry(ctx, open.period, account, amount, { matches })] },
      preview: [{ kind: 'ledger', account, amount, matches, text: { 'zh-CN': `核销：收款 ${money(amount)} 冲抵应收`, en: `Write off: ${money(amount)} of receipts matched against the receivable` } }],
    };
  },
};
