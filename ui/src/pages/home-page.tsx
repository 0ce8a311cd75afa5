// Home: my orders, approvals waiting for me, unread notifications.
import { Link } from 'react-router';
import { api } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import type { Notification, Page, RecordView } from '../model';
import { useApprovals } from './approvals/use-approvals';
import { Empty } from '../components/empty';
import { ErrorBanner } from '../components/error-banner';
import { Loading } from '../components/loading';
import { formatDateTime } from '../lib/format';
import { useAsync, type Async } from '../lib/use-async';
import { notificationTitle } from '../records/notification-text';
import { RecordsTable } from '../records/records-table';
import { useRecordTemplates } from '../records/use-record-templates';

/** The last records a filter finds, newest work first; `filter` is also the whole list's query. */
function useRecent(filter: string, deps: unknown[]): Async<Page<RecordView>> {
  return useAsync(() => api<Page<RecordView>>('GET', `/records?${filter}&sort=updatedAt&dir=desc&page=1&pageSize=8`), deps);
}

/** A card of recent records with a link to all of them. */
function RecentRecords({ title, empty, all, recent, testid }: { title: string; empty: string; all: string; recent: Async<Page<RecordView>>; testid: string }) {
  const { t } = useI18n();
  const templates = useRecordTemplates(recent.data?.items);
  return (
    <section className="card" data-testid={testid}>
      <header className="card-header">
        <h2>{title}</h2>
        <Link to={all}>{t('home.viewAll')}</Link>
      </header>
      <ErrorBanner error={recent.error} onRetry={recent.reload} />
      {recent.loading && !recent.data && <Loading />}
      {recent.data && recent.data.items.length === 0 && <Empty text={empty} />}
      {recent.data && recent.data.items.length > 0 && <RecordsTable items={recent.data.items} templates={templates} compact />}
    </section>
  );
}

export function HomePage() {
  const { t, lang, label } = useI18n();
  const { user } = useAuth();
  const me = encodeURIComponent(user?.id ?? '');
  const mine = useRecent(`handler=${me}`, [me]);
  const processed = useRecent(`processedBy=${me}`, [me]);
  const approvals = useApprovals('status=pending');
  const inbox = useAsync(() => api<{ items: Notification[]; unread: number }>('GET', '/notifications'), []);
  const unread = (inbox.data?.items ?? []).filter((n) => !n.read).slice(0, 6);

  return (
    <div className="home">
      <h1 className="welcome">{t('home.welcome', { name: user?.name ?? '' })}</h1>
      <div className="stat-row">
        <Link to="/orders" className="stat card">
          <span className="stat-value">{mine.data?.total ?? '–'}</span>
          <span className="stat-label">{t('home.myOrders')}</span>
        </Link>
        <Link to="/approvals" className="stat card">
          <span className="stat-value">{approvals.data?.length ?? '–'}</span>
          <span className="stat-label">{t('home.pendingApprovals')}</span>
        </Link>
        <Link to="/notifications" className="stat card">
          <span className="stat-value">{inbox.data?.unread ?? '–'}</span>
          <span className="stat-label">{t('home.unread')}</span>
        </Link>
      </div>
      <div className="home-grid">
        <div className="home-main">
          <RecentRecords title={t('home.myOrders')} empty={t('home.noOrders')} all={`/orders?handler=${me}`} recent={mine} testid="home-mine" />
          <RecentRecords title={t('home.processed')} empty={t('home.noneProcessed')} all={`/orders?processedBy=${me}&sort=updatedAt&dir=desc`} recent={processed} testid="home-processed" />
        </div>
        <div className="home-side">
          <section className="card">
            <header className="card-header">
              <h2>{t('home.pendingApprovals')}</h2>
              <Link to="/approvals">{t('home.viewAll')}</Link>
            </header>
            {approvals.data && approvals.data.length === 0 && <Empty text={t('approvals.emptyTodo')} />}
            <ul className="mini-list">
              {(approvals.data ?? []).slice(0, 6).map(({ approval: a, record, template }) => (
                <li key={a.id}>
                  <Link to={`/orders/${encodeURIComponent(a.recordId)}`}>
                    {t('home.approvalItem', {
                      action: template?.actions?.[a.action] ? label(template.actions[a.action].label) : a.action,
                      number: record?.number ?? a.recordNumber ?? '',
                    })}
                  </Link>
                  <span className="muted small">
                    {formatDateTime(a.requestedAt, lang)}
                  </span>
                </li>
              ))}
            </ul>
          </section>
          <section className="card">
            <header className="card-header">
              <h2>{t('home.unread')}</h2>
              <Link to="/notifications">{t('home.viewAll')}</Link>
            </header>
            {inbox.data && unread.length === 0 && <Empty text={t('notifications.emptyUnread')} />}
            <ul className="mini-list">
              {unread.map((n) => (
                <li key={n.id}>
                  {n.recordId ? <Link to={`/orders/${encodeURIComponent(n.recordId)}`}>{notificationTitle(n, lang)}</Link> : <span>{notificationTitle(n, lang)}</span>}
                  <span className="muted small">{formatDateTime(n.at, lang)}</span>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
    </div>
  );
}
