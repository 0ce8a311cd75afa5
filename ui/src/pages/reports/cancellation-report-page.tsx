// Why orders get cancelled: counts and amounts by reason, month, customer or product, in a date range.
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import type { ReportRow } from '../../model';
import { Empty } from '../../components/empty';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { formatMoney, formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { loadTemplate } from '../../lib/templates';
import { words } from '../../lib/words';
import { dayEdge } from '../../records/record-query';

const GROUPS = ['reason', 'month', 'customer', 'product'] as const;
type Group = (typeof GROUPS)[number];

export function CancellationReportPage() {
  const { t, lang, label } = useI18n();
  const [groupBy, setGroupBy] = useState<Group>('reason');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [metric, setMetric] = useState<'count' | 'amount'>('count');
  const qs = new URLSearchParams({ groupBy });
  if (from) qs.set('from', dayEdge(from, 'start'));
  if (to) qs.set('to', dayEdge(to, 'end'));
  const report = useAsync(() => api<{ rows: ReportRow[] }>('GET', `/reports/cancellation-reasons?${qs}`), [qs.toString()]);
  const template = useAsync(() => loadTemplate('sales-order').catch(() => undefined), []);

  const keyLabel = (r: ReportRow) => {
    if (r.label) return words(r.label, lang);
    if (groupBy === 'reason') {
      for (const list of Object.values(template.data?.reasons ?? {})) {
        const found = list.find((x) => x.code === r.key);
        if (found) return label(found.label);
      }
    }
    return r.key || t('report.none');
  };
  const rows = report.data?.rows ?? [];
  const chartData = rows.map((r) => ({ name: keyLabel(r), count: r.count, amount: r.amount }));
  const totalCount = rows.reduce((s, r) => s + r.count, 0);
  const totalAmount = rows.reduce((s, r) => s + (r.amount ?? 0), 0);

  return (
    <div>
      <PageHeader title={t('report.title')} subtitle={t('report.subtitle')} />
      <div className="card">
        <div className="filters">
          <label className="filter-date">
            <span>{t('report.groupBy')}</span>
            <select className="input" value={groupBy} onChange={(e) => setGroupBy(e.target.value as Group)} aria-label={t('report.groupBy')}>
              {GROUPS.map((g) => (
                <option key={g} value={g}>
                  {t(`report.by.${g}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="filter-date">
            <span>{t('list.from')}</span>
            <input className="input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} aria-label={t('list.from')} />
          </label>
          <label className="filter-date">
            <span>{t('list.to')}</span>
            <input className="input" type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-label={t('list.to')} />
          </label>
          <div className="segmented" role="group" aria-label={t('report.metric')}>
            <button type="button" className={metric === 'count' ? 'active' : ''} onClick={() => setMetric('count')}>
              {t('report.count')}
            </button>
            <button type="button" className={metric === 'amount' ? 'active' : ''} onClick={() => setMetric('amount')}>
              {t('report.amount')}
            </button>
          </div>
        </div>
        <ErrorBanner error={report.error} onRetry={report.reload} />
        {report.loading && !report.data && <Loading />}
        {report.data && rows.length === 0 && <Empty text={t('report.empty')} />}
        {rows.length > 0 && (
          <div className="card-pad">
            <div className="chart" data-testid="report-chart">
              <ResponsiveContainer width="100%" height={320}>
                <BarChart data={chartData} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e5e7eb" />
                  <XAxis dataKey="name" tick={{ fontSize: 12, fill: '#4b5563' }} interval={0} />
                  <YAxis allowDecimals={metric === 'amount'} tick={{ fontSize: 12, fill: '#4b5563' }} tickFormatter={(v: number) => (metric === 'amount' ? formatNumber(v, lang) : String(v))} />
                  <Tooltip formatter={(v) => (metric === 'amount' ? formatMoney(Number(v), lang) : formatNumber(Number(v), lang))} />
                  <Bar dataKey={metric} name={metric === 'count' ? t('report.count') : t('report.amount')} fill="#3b6fd4" radius={[4, 4, 0, 0]} maxBarSize={56} />
                </BarChart>
              </ResponsiveContainer>
            </div>
            <table className="table" data-testid="report-table">
              <thead>
                <tr>
                  <th>{t(`report.by.${groupBy}`)}</th>
                  <th className="num">{t('report.count')}</th>
                  <th className="num">{t('report.share')}</th>
                  <th className="num">{t('report.amount')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key}>
                    <td>{keyLabel(r)}</td>
                    <td className="num">{formatNumber(r.count, lang)}</td>
                    <td className="num">{totalCount ? `${((r.count / totalCount) * 100).toFixed(1)}%` : ''}</td>
                    <td className="num">{formatMoney(r.amount, lang)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td className="strong">{t('report.total')}</td>
                  <td className="num strong">{formatNumber(totalCount, lang)}</td>
                  <td className="num strong">100%</td>
                  <td className="num strong">{formatMoney(totalAmount, lang)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
