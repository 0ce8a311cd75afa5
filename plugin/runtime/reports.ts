// Why records were ended: entries of actions that need a reason and lead to a terminal state, grouped.
import { periodOf } from '../core/periods.ts';
import { round } from '../core/derived.ts';
import { canSee } from '../core/permissions.ts';
import { getAt } from '../core/pointer.ts';
import { refuse } from '../core/refusals.ts';
import type { Actor, JsonObject, Labels, Template } from '../core/types.ts';
import type { RuntimeEnv } from './context.ts';
import type { ReportRow, Result } from './runtime-api.ts';

type GroupBy = 'reason' | 'customer' | 'product' | 'month';

/** A bound as a comparable ISO timestamp: a bare day means its first (from) or last (to) millisecond, in UTC. */
function bound(value: string | undefined, end: boolean): string | undefined | null {
  if (value === undefined) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T${end ? '23:59:59.999' : '00:00:00.000'}Z`;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function endingActions(t: Template): Set<string> {
  return new Set(Object.entries(t.actions).filter(([, a]) => a.input?.reason && a.to && t.states[a.to]?.terminal).map(([n]) => n));
}

export async function endingReasonReport(env: RuntimeEnv, actor: Actor, query: { template?: string; from?: string; to?: string; groupBy: GroupBy }): Promise<Result<{ rows: ReportRow[] }>> {
  if (!['reason', 'customer', 'product', 'month'].includes(query.groupBy))
    return refuse('validation_failed', 'groupBy 只能是 reason、customer、product 或 month。', 'groupBy must be reason, customer, product or month.', [{ path: '/groupBy', message: 'must be reason, customer, product or month' }]);
  const from = bound(query.from, false);
  const to = bound(query.to, true);
  if (from === null || to === null)
    return refuse('validation_failed', 'from 和 to 必须是日期（YYYY-MM-DD）或 ISO 时间。', 'from and to must be dates (YYYY-MM-DD) or ISO timestamps.', [{ path: from === null ? '/from' : '/to', message: 'must be a date' }]);
  const templates = new Map((await env.store.listTemplates()).map((t) => [`${t.id}@${t.version}`, t]));
  const endingByTemplate = new Map([...templates].map(([key, t]) => [key, endingActions(t)]));
  const rows = new Map<string, ReportRow>();
  const add = (key: string, amount: number, label?: Labels) => {
    const row = rows.get(key) ?? { key, count: 0, amount: 0, ...(label ? { label } : {}) };
    row.count += 1;
    row.amount = round(row.amount + amount);
    rows.set(key, row);
  };
  for (const record of await env.store.allRecords(query.template)) {
    const key = `${record.template}@${record.templateVersion}`;
    const template = templates.get(key);
    if (!template || !canSee(template, record, actor)) continue;
    // Without a template named, the report is about orders: records that have lines to analyse.
    if (!query.template && !template.summary.lines) continue;
    const ending = endingByTemplate.get(key)!;
    if (!ending.size) continue;
    for (const entry of await env.store.getAudit(record.id)) {
      if (!ending.has(entry.action) || !entry.reason) continue;
      const at = new Date(entry.at).toISOString();
      if ((from && at < from) || (to && at > to)) continue;
      const amount = record.summary.amount ?? 0;
      if (query.groupBy === 'reason') {
        const list = template.actions[entry.action].input!.reason!.list;
        add(entry.reason, amount, template.reasons[list]?.find((r) => r.code === entry.reason)?.label);
      } else if (query.groupBy === 'month') add(periodOf(entry.at, env.timeZone), amount);
      else if (query.groupBy === 'customer') add(record.summary.customer ?? '-', amount);
      else {
        const map = template.summary.lines;
        const lines = map ? getAt(record.data, map.path) : undefined;
        // One cancellation counts once per product, however many lines (warehouses) name it.
        const byProduct = new Map<string, number>();
        for (const line of Array.isArray(lines) ? (lines as JsonObject[]) : []) {
          const qty = Number(line[map!.quantity]) || 0;
          const price = map!.price ? Number(line[map!.price]) || 0 : 0;
          const product = String(line[map!.product]);
          byProduct.set(product, (byProduct.get(product) ?? 0) + qty * price);
        }
        for (const [product, amount] of byProduct) add(product, amount);
      }
    }
  }
  const sorted = [...rows.values()].sort((a, b) => (query.groupBy === 'month' ? a.key.localeCompare(b.key) : b.count - a.count || b.amount - a.amount));
  return { ok: true, value: { rows: sorted } };
}
