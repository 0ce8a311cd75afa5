// Accounting periods: once closed, nothing is posted into them; reversals go into the open period instead.
import { periodOf } from '../core/periods.ts';
import { refuse } from '../core/refusals.ts';
import type { Actor } from '../core/types.ts';
import type { RuntimeEnv } from './context.ts';
import type { Result } from './runtime-api.ts';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const mayClose = (a: Actor) => a.roles.includes('finance_manager') || a.roles.includes('admin');

export async function listPeriods(env: RuntimeEnv): Promise<{ current: string; closed: string[] }> {
  return { current: periodOf(env.now(), env.timeZone), closed: (await env.store.closedPeriods()).sort() };
}

export async function setPeriodClosed(env: RuntimeEnv, actor: Actor, period: string, closed: boolean): Promise<Result<{ period: string; closed: boolean }>> {
  if (!mayClose(actor)) return refuse('forbidden', '只有财务经理或管理员可以结账或打开会计期间。', 'Only the finance manager or an administrator closes or reopens a period.');
  if (!PERIOD.test(period))
    return refuse('validation_failed', `会计期间“${period}”格式不对，应为 YYYY-MM。`, `"${period}" is not a period; use YYYY-MM.`, [{ path: '/period', message: 'must be YYYY-MM' }]);
  await env.exclusive(() => env.store.setPeriodClosed(period, closed));
  return { ok: true, value: { period, closed } };
}
