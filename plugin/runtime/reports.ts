// Why records were ended: entries of actions that need a reason and lead to a terminal state, grouped.
import { periodOf } from '../core/periods.ts';
import { canSee } from '../core/permissions.ts';
import { addMoney, lineAmount, sumMoney } from '../core/money.ts';
import { getAt } from '../core/pointer.ts';
import { redactSummary } from '../core/redact.ts';
import { refuse } from '../core/refusals.ts';
import type { Actor, JsonObject, Labels, Template, WorkRecord } from '../core/types.ts';
import type { RuntimeEnv } from './context.ts';
import type { CancellationReport, ReportQuery, ReportRecord, ReportRow, Result } from './runtime-api.ts';

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

/** One ending of one record, with the groups it falls in: one group, or by product one per product its lines name. */
interface Ending {
  record: WorkRecord;
  template: Template;
  at: string;
  reason: string;
  reasonLabel?: Labels;
  amount: number;
  groups: { key: string; amount: number; label?: Labels }[];
}

function productsOf(template: Template, record: WorkRecord): Map<string, number> {
  const map = template.summary.lines;
  const lines = map ? getAt(record.data, map.path) : undefined;
  // One cancellation counts once per product, however many lines (warehouses) name it.
  const byProduct = new Map<string, number>();
  for (const line of Array.isArray(lines) ? (lines as JsonObject[]) : []) {
    const finite = (v: unknown) => (Number.isFinite(Number(v)) ? Number(v) : 0);
    const qty = finite(line[map!.quantity]);
    const price = map!.price ? finite(line[map!.price]) : 0;
    const product = String(line[map!.product]);
    byProduct.set(product, addMoney(byProduct.get(product) ?? 0, lineAmount(qty, price)));
  }
  return byProduct;
}

export async function endingReasonReport(env: RuntimeEnv, actor: Actor, query: ReportQuery): Promise<Result<CancellationReport>> {
  if (!['reason', 'customer', 'product', 'month'].includes(query.groupBy))
    return refuse('validation_failed', 'groupBy 只能是 reason、customer、product 或 month。', 'groupBy must be reason, customer, product or month.', [{ path: '/groupBy', message: 'must be reason, customer, product or month' }]);
  const from = bound(query.from, false);
  const to = bound(query.to, true);
  if (from === null || to === null)
    return refuse('validation_failed', 'from 和 to 必须是日期（YYYY-MM-DD）或 ISO 时间。', 'from and to must be dates (YYYY-MM-DD) or ISO timestamps.', [{ path: from === null ? '/from' : '/to', message: 'must be a date' }]);
  const templates = new Map((await env.store.listTemplates()).map((t) => [`${t.id}@${t.version}`, t]));
  const endingByTemplate = new Map([...templates].map(([key, t]) => [key, endingActions(t)]));
  const endings: Ending[] = [];
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
      const list = template.actions[entry.action].input!.reason!.list;
      const reasonLabel = template.reasons[list]?.find((r) => r.code === entry.reason)?.label;
      const groups =
        query.groupBy === 'reason'
          ? [{ key: entry.reason, amount, label: reasonLabel }]
          : query.groupBy === 'month'
            ? [{ key: periodOf(entry.at, env.timeZone), amount }]
            : query.groupBy === 'customer'
              ? [{ key: record.summary.customer ?? '-', amount }]
              : [...productsOf(template, record)].map(([product, part]) => ({ key: product, amount: part }));
      endings.push({ record, template, at: entry.at, reason: entry.reason, reasonLabel, amount, groups });
    }
  }

  const rows = new Map<string, ReportRow>();
  for (const e of endings) {
    for (const g of e.groups) {
      const row = rows.get(g.key) ?? { key: g.key, count: 0, amount: 0, ...(g.label ? { label: g.label } : {}) };
      row.count += 1;
      row.amount = addMoney(row.amount, g.amount);
      rows.set(g.key, row);
    }
  }
  const sorted = [...rows.values()].sort((a, b) => (query.groupBy === 'month' ? a.key.localeCompare(b.key) : b.count - a.count || b.amount - a.amount));
  const total = { count: endings.length, amount: sumMoney(endings.map((e) => e.amount)) };
  const report: CancellationReport = { rows: sorted, total };
  if (query.key !== undefined) {
    report.records = endings
      .filter((e) => e.groups.some((g) => g.key === query.key))
      .sort((a, b) => b.at.localeCompare(a.at) || b.record.number.localeCompare(a.record.number))
      .map((e) => reportRecord(e, actor));
  }
  return { ok: true, value: report };
}

/** A record behind a row, with only the summary the caller may read (as lists show it). */
function reportRecord(e: Ending, actor: Actor): ReportRecord {
  const summary = redactSummary(e.template, e.record.summary, actor);
  const out: ReportRecord = { id: e.record.id, number: e.record.number, template: e.record.template, status: e.record.status, at: e.at, reason: e.reason };
  if (summary.customer !== undefined) out.customer = summary.customer;
  if (summary.amount !== undefined) out.amount = summary.amount;
  if (e.reasonLabel) out.reasonLabel = e.reasonLabel;
  return out;
}
