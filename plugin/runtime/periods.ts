// Accounting periods: once closed, nothing is posted into them; reversals go into the open period instead.
// Months close in order and reopen in reverse order (core/periods.ts says which month holds one up).
import { periodOf, periodToChangeFirst } from '../core/periods.ts';
import { refuse } from '../core/refusals.ts';
import type { Actor } from '../core/types.ts';
import type { RuntimeEnv } from './context.ts';
import type { PeriodList, Result } from './runtime-api.ts';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const mayClose = (a: Actor) => a.roles.includes('finance_manager') || a.roles.includes('admin');

export async function listPeriods(env: RuntimeEnv): Promise<PeriodList> {
  const known = env.store.ledgerPeriods ? await env.store.ledgerPeriods() : [...new Set((await env.store.allLedgerEntries()).map((e) => e.period))].sort();
  return { current: periodOf(env.now(), env.timeZone), closed: (await env.store.closedPeriods()).sort(), known };
}

export async function setPeriodClosed(env: RuntimeEnv, actor: Actor, period: string, closed: boolean): Promise<Result<{ period: string; closed: boolean }>> {
  if (!mayClose(actor)) return refuse('forbidden', '只有财务经理或管理员可以结账或打开会计期间。', 'Only the finance manager or an administrator closes or reopens a period.');
  if (!PERIOD.test(period))
    return refuse('validation_failed', `会计期间“${period}”格式不对，应为 YYYY-MM。`, `"${period}" is not a period; use YYYY-MM.`, [{ path: '/period', message: 'must be YYYY-MM' }]);
  return env.exclusive(async () => {
    const first = periodToChangeFirst(await listPeriods(env), period, closed);
    if (first && closed)
      return refuse('conflict', `${first} 还未结账，请先结账 ${first}，再结账 ${period}：会计期间按月份顺序结账。`, `${first} is still open; close ${first} first, then ${period}: months are closed in order.`);
    if (first)
      return refuse('conflict', `${first} 已结账，请先打开 ${first}，再打开 ${period}：会计期间按相反顺序重新打开。`, `${first} is closed; reopen ${first} first, then ${period}: months are reopened in reverse order.`);
    await env.store.setPeriodClosed(period, closed);
    return { ok: true as const, value: { period, closed } };
  });
}
