// Accounting periods: the finance manager closes a month (nothing more is posted into it) or reopens it;
// administrators also see the backups taken before major operations.
import { useState } from 'react';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { ErrorBanner, errorText } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { Notice } from '../../components/notice';
import { PageHeader } from '../../components/page-header';
import { Dialog } from '../../components/dialog';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { listTemplates, loadTemplate } from '../../lib/templates';
import type { Labels } from '../../model';

/** Every template's action labels by action name, to read a backup's label ("SO-000012 unsettle", "bulk cancel × 3"). */
async function actionLabels(): Promise<Map<string, Labels>> {
  const ids = [...new Set((await listTemplates()).map((t) => t.id))];
  const out = new Map<string, Labels>();
  for (const t of await Promise.all(ids.map((id) => loadTemplate(id)))) {
    for (const [name, a] of Object.entries(t.actions ?? {})) if (!out.has(name)) out.set(name, a.label);
  }
  return out;
}

interface Periods {
  current: string;
  closed: string[];
  /** Months with ledger entries. */
  known: string[];
}

/**
 * The month to close or reopen before this one, as the server decides it: months close in order (an open earlier
 * month with entries holds a later one up) and reopen in reverse order (a later closed month holds an earlier one).
 */
function changeFirst(data: Periods, period: string, closing: boolean): string | undefined {
  const closed = new Set(data.closed);
  if (closing) return [...new Set([...data.known, ...data.closed])].filter((m) => m < period && !closed.has(m)).sort()[0];
  return data.closed.filter((m) => m > period).sort().at(-1);
}

interface Snapshot {
  id: string;
  at: string;
  label: string;
  /** A backup taken before an action: the records it covers and the action. */
  records?: string[];
  action?: string;
}

/** The current month and the eleven before it, newest first. */
function recentMonths(current: string): string[] {
  const [y, m] = current.split('-').map(Number);
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

export function PeriodsPage() {
  const { t, lang, label } = useI18n();
  const { user } = useAuth();
  const roles = user?.roles ?? [];
  const mayClose = roles.includes('finance_manager') || roles.includes('admin');
  const isAdmin = roles.includes('admin');
  const periods = useAsync(() => api<Periods>('GET', '/periods'), []);
  const snapshots = useAsync(() => (isAdmin ? api<Snapshot[]>('GET', '/snapshots') : Promise.resolve([])), [isAdmin]);
  const actions = useAsync(() => (isAdmin ? actionLabels() : Promise.resolve(new Map<string, Labels>())), [isAdmin]);
  // a backup taken before an action reads as that action on its records, by the action's label; a snapshot by its own
  const snapshotLabel = (s: Snapshot) => {
    const action = s.action && actions.data?.get(s.action);
    if (!action || !s.records?.length) return s.label;
    return s.records.length > 1 ? t('periods.snapshotBulk', { action: label(action), n: s.records.length }) : `${s.records[0]} ${label(action)}`;
  };
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  // closing or reopening a month is asked once more, with what it means
  const [asking, setAsking] = useState<{ period: string; closed: boolean } | null>(null);

  async function toggle(period: string, closed: boolean) {
    try {
      await api('PUT', `/periods/${period}`, { closed });
      setMessage({ tone: 'success', text: t(closed ? 'periods.closedDone' : 'periods.reopenedDone', { period }) });
      periods.reload();
    } catch (e) {
      setMessage({ tone: 'error', text: errorText(e, t) });
    }
  }

  const data = periods.data;
  const months = data ? [...new Set([...recentMonths(data.current), ...data.closed, ...data.known])].sort().reverse() : [];
  return (
    <div>
      <PageHeader title={t('periods.title')} subtitle={t('periods.subtitle')} />
      {message && (
        <Notice tone={message.tone} onClose={() => setMessage(null)}>
          <span data-testid="periods-message">{message.text}</span>
        </Notice>
      )}
      <section className="card">
        <ErrorBanner error={periods.error} onRetry={periods.reload} />
        {!data && !periods.error && <Loading />}
        {data && (
          <table className="table" data-testid="periods-table">
            <thead>
              <tr>
                <th>{t('periods.period')}</th>
                <th>{t('periods.state')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {months.map((p) => {
                const closed = data.closed.includes(p);
                // said before the click: which month has to be closed or reopened first
                const first = changeFirst(data, p, !closed);
                return (
                  <tr key={p} data-period={p}>
                    <td>
                      {p} {p === data.current && <span className="muted">{t('periods.current')}</span>}
                    </td>
                    <td>
                      <span className={`badge ${closed ? 'badge-amber' : 'badge-green'}`}>{t(closed ? 'periods.closed' : 'periods.open')}</span>
                      {data.known.includes(p) && <span className="muted"> · {t('periods.hasEntries')}</span>}
                    </td>
                    <td className="num">
                      {mayClose && first && (
                        <span className="muted" data-testid="period-blocked">
                          {t(closed ? 'periods.reopenFirst' : 'periods.closeFirst', { first })}{' '}
                        </span>
                      )}
                      {mayClose && (
                        <button
                          type="button"
                          className="btn btn-secondary"
                          disabled={!!first}
                          title={first ? t(closed ? 'periods.reopenFirst' : 'periods.closeFirst', { first }) : undefined}
                          onClick={() => setAsking({ period: p, closed: !closed })}
                        >
                          {t(closed ? 'periods.reopen' : 'periods.close')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      {asking && (
        <Dialog
          title={t(asking.closed ? 'periods.confirmCloseTitle' : 'periods.confirmReopenTitle', { period: asking.period })}
          onClose={() => setAsking(null)}
          testId="period-dialog"
          footer={
            <>
              <button type="button" className="btn" onClick={() => setAsking(null)}>
                {t('action.back')}
              </button>
              <button
                type="button"
                className={`btn ${asking.closed ? 'btn-danger' : 'btn-primary'}`}
                data-testid="period-confirm"
                onClick={() => {
                  const { period, closed } = asking;
                  setAsking(null);
                  void toggle(period, closed);
                }}
              >
                {t(asking.closed ? 'periods.close' : 'periods.reopen')}
              </button>
            </>
          }
        >
          <p>{t(asking.closed ? 'periods.confirmClose' : 'periods.confirmReopen', { period: asking.period })}</p>
        </Dialog>
      )}
      {isAdmin && (
        <section className="card card-pad">
          <h2 className="section-title">{t('periods.snapshots')}</h2>
          <p className="muted">{t('periods.snapshotsHint')}</p>
          <ErrorBanner error={snapshots.error} onRetry={snapshots.reload} />
          <ul data-testid="snapshots">
            {(snapshots.data ?? []).map((s) => (
              <li key={s.id}>
                {formatDateTime(s.at, lang)} · {snapshotLabel(s)} · <code>{s.id}</code>
              </li>
            ))}
            {snapshots.data?.length === 0 && <li className="muted">{t('periods.noSnapshots')}</li>}
          </ul>
        </section>
      )}
    </div>
  );
}
