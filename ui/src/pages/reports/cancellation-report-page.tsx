// Why orders get cancelled: counts and amounts by reason, month, customer or product, in a date range.
// The filters live in the URL (a reload or a shared link shows the same report), each row opens the records behind
// it, and the report downloads as Excel or CSV with the same filters.
import { Fragment, useCallback } from 'react';
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import type { CancellationReport, ReportRow } from '../../model';
import { Empty } from '../../components/empty';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { formatDateTime, formatMoney, formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { useUrlParams } from '../../lib/use-url-params';
import { loadTemplate } from '../../lib/templates';
import { useTemplateChoice } from '../../records/use-template-choice';
import { words } from '../../lib/words';
import { dayEdge } from '../../records/record-query';

const GROUPS = ['reason', 'month', 'customer', 'product'] as const;
type Group = (typeof GROUPS)[number];

/** The report's filters, read from and written to the URL. */
function useReportFilters() {
  const [params, patchParams] = useUrlParams();
  const g = params.get('groupBy');
  const filters = {
    groupBy: (GROUPS as readonly string[]).includes(g ?? '') ? (g as Group) : 'reason',
    template: params.get('template') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    metric: params.get('metric') === 'amount' ? ('amount' as const) : ('count' as const),
    // the row whose records are open
    key: params.get('key'),
  };
  const update = useCallback(
    (patch: Partial<Record<'groupBy' | 'template' | 'from' | 'to' | 'metric' | 'key', string | null>>) =>
      patchParams((next) => {
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        // another grouping or range: the open row's key no longer means the same rows
        if (!('key' in patch) && Object.keys(patch).some((k) => k !== 'metric')) next.delete('key');
      }),
    [patchParams],
  );
  return { filters, update };
}

export function CancellationReportPage() {
  const { t, lang, label } = useI18n();
  const { filters, update } = useReportFilters();
  const { groupBy, template: templateId, from, to, metric, key: openKey } = filters;
  const qs = new URLSearchParams({ groupBy });
  if (templateId) qs.set('template', templateId);
  if (from) qs.set('from', dayEdge(from, 'start'));
  if (to) qs.set('to', dayEdge(to, 'end'));
  const report = useAsync(() => api<CancellationReport>('GET', `/reports/cancellation-reasons?${qs}`), [qs.toString()]);
  const drill = useAsync(
    () => (openKey === null ? Promise.resolve(undefined) : api<CancellationReport>('GET', `/reports/cancellation-reasons?${qs}&${new URLSearchParams({ key: openKey })}`)),
    [qs.toString(), openKey],
  );
  const reasonsFrom = useAsync(() => loadTemplate(templateId || 'sales-order').catch(() => undefined), [templateId]);
  const templates = useTemplateChoice().choices;

  const keyLabel = (r: ReportRow) => {
    if (r.label) return words(r.label, lang);
    if (groupBy === 'reason') {
      for (const list of Object.values(reasonsFrom.data?.reasons ?? {})) {
        const found = list.find((x) => x.code === r.key);
        if (found) return label(found.label);
      }
    }
    return r.key || t('report.none');
  };
  const rows = report.data?.rows ?? [];
  const total = report.data?.total ?? { count: 0, amount: 0 };
  const chartData = rows.map((r) => ({ name: keyLabel(r), count: r.count, amount: r.amount }));
  const countHeader = t(groupBy === 'product' ? 'report.countProduct' : 'report.count');
  const exportHref = (format: 'xlsx' | 'csv') => `/api/reports/cancellation-reasons/export?${qs}&${new URLSearchParams({ format, lang })}`;

  return (
    <div>
      <PageHeader
        title={t('report.title')}
        subtitle={t('report.subtitle')}
        actions={
          <>
            {/* the report as it is filtered, as a spreadsheet (the session cookie signs the download) */}
            {(['xlsx', 'csv'] as const).map((format) => (
              <a key={format} className="btn" data-testid={`report-export-${format}`} href={exportHref(format)} download>
                {t(`orders.export.${format}`)}
              </a>
            ))}
          </>
        }
      />
      <div className="card">
        <div className="filters">
          <label className="filter-date">
            <span>{t('report.template')}</span>
            <select className="input" value={templateId} onChange={(e) => update({ template: e.target.value })} aria-label={t('report.template')} data-testid="report-template">
              <option value="">{t('report.allTemplates')}</option>
              {templates.map((x) => (
                <option key={x.id} value={x.id}>
                  {label(x.name)}
                </option>
              ))}
              {/* a template named in a link but not (or not yet) listed still shows as chosen */}
              {templateId && !templates.some((x) => x.id === templateId) && <option value={templateId}>{templateId}</option>}
            </select>
          </label>
          <label className="filter-date">
            <span>{t('report.groupBy')}</span>
            <select className="input" value={groupBy} onChange={(e) => update({ groupBy: e.target.value })} aria-label={t('report.groupBy')} data-testid="report-group">
              {GROUPS.map((g) => (
                <option key={g} value={g}>
                  {t(`report.by.${g}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="filter-date">
            <span>{t('list.from')}</span>
            <input className="input" type="date" value={from} onChange={(e) => update({ from: e.target.value })} aria-label={t('list.from')} data-testid="report-from" />
          </label>
          <label className="filter-date">
            <span>{t('list.to')}</span>
            <input className="input" type="date" value={to} onChange={(e) => update({ to: e.target.value })} aria-label={t('list.to')} data-testid="report-to" />
          </label>
          <div className="segmented" role="group" aria-label={t('report.metric')}>
            <button type="button" className={metric === 'count' ? 'active' : ''} onClick={() => update({ metric: null })}>
              {t('report.count')}
            </button>
            <button type="button" className={metric === 'amount' ? 'active' : ''} onClick={() => update({ metric: 'amount' })}>
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
                  <Bar dataKey={metric} name={metric === 'count' ? countHeader : t('report.amount')} fill="#3b6fd4" radius={[4, 4, 0, 0]} maxBarSize={56} />
                </BarChart>
              </ResponsiveContainer>
            </div>
            {groupBy === 'product' && (
              <p className="muted" data-testid="report-product-note">
                {t('report.productNote')}
              </p>
            )}
            <table className="table" data-testid="report-table">
              <thead>
                <tr>
                  <th>{t(`report.by.${groupBy}`)}</th>
                  <th className="num">{countHeader}</th>
                  <th className="num">{t('report.share')}</th>
                  <th className="num">{t('report.amount')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const open = openKey === r.key;
                  return (
                    <Fragment key={r.key}>
                      <tr data-key={r.key}>
                        <td>{keyLabel(r)}</td>
                        <td className="num">{formatNumber(r.count, lang)}</td>
                        <td className="num">{total.count ? `${((r.count / total.count) * 100).toFixed(1)}%` : ''}</td>
                        <td className="num">{formatMoney(r.amount, lang)}</td>
                        <td className="num">
                          <button type="button" className="btn btn-sm btn-ghost" aria-expanded={open} data-testid="report-drill" onClick={() => update({ key: open ? null : r.key })}>
                            {t(open ? 'report.hideRecords' : 'report.showRecords', { n: r.count })}
                          </button>
                        </td>
                      </tr>
                      {open && (
                        <tr className="report-drill">
                          <td colSpan={5}>
                            <ErrorBanner error={drill.error} onRetry={drill.reload} />
                            {drill.loading && !drill.data && <Loading />}
                            {drill.data?.records && (
                              <table className="table" data-testid="report-records">
                                <thead>
                                  <tr>
                                    <th>{t('report.record.number')}</th>
                                    <th>{t('report.record.customer')}</th>
                                    <th>{t('report.record.reason')}</th>
                                    <th>{t('report.record.at')}</th>
                                    <th className="num">{t('report.record.amount')}</th>
                                  </tr>
                                </thead>
                                <tbody>
                                  {drill.data.records.map((x) => (
                                    <tr key={x.id}>
                                      <td>
                                        <Link className="record-link" to={`/orders/${encodeURIComponent(x.id)}`}>
                                          {x.number}
                                        </Link>
                                      </td>
                                      <td>{x.customer ?? ''}</td>
                                      <td>{x.reasonLabel ? words(x.reasonLabel, lang) : x.reason}</td>
                                      <td>{formatDateTime(x.at, lang)}</td>
                                      <td className="num">{x.amount === undefined ? '' : formatMoney(x.amount, lang)}</td>
                                    </tr>
                                  ))}
                                </tbody>
                              </table>
                            )}
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  );
                })}
              </tbody>
              <tfoot>
                <tr data-testid="report-total">
                  <td className="strong">{t('report.total')}</td>
                  <td className="num strong">{formatNumber(total.count, lang)}</td>
                  <td className="num strong">{groupBy === 'product' ? '' : '100%'}</td>
                  <td className="num strong">{formatMoney(total.amount, lang)}</td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
