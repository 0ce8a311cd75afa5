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
import { useAsync } from '../lib/use-async';
import { notificationTitle } from '../records/notification-text';
import { RecordsTable } from '../records/records-table';
import { useRecordTemplates } from '../records/use-record-templates';

export function HomePage() {
  const { t, lang, label } = useI18n();
  const { user } = useAuth();
  const mine = useAsync(
    () => api<Page<RecordView>>('GET', `/records?handler=${encodeURIComponent(user?.id ?? '')}&sort=updatedAt&dir=desc&page=1&pageSize=8`),
    [user?.id],
  );
  const processed = useAsync(
    () => api<Page<RecordView>>('GET', `/records?processedBy=${encodeURIComponent(user?.id ?? '')}&sort=updatedAt&dir=desc&page=1&pageSize=8`),
    [user?.id],
  );
  const approvals = useApprovals('status=pending');
  const inbox = useAsync(() => api<{ items: Notification[]; unread: number }>('GET', '/notifications'), []);
  const templates = useRecordTemplates([...(mine.data?.items ?? []), ...(processed.data?.items ?? [])]);
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
          <section className="card">
            <header className="card-header">
              <h2>{t('home.myOrders')}</h2>
              <Link to={`/orders?handler=${encodeURIComponent(user?.id ?? '')}`}>{t('home.viewAll')}</Link>
            </header>
            <ErrorBanner error={mine.error} onRetry={mine.reload} />
            {mine.loading && !mine.data && <Loading />}
            {mine.data && mine.data.items.length === 0 && <Empty text={t('home.noOrders')} />}
            {mine.data && mine.data.items.length > 0 && <RecordsTable items={mine.data.items} templates={templates} compact />}
          </section>
          <section className="card" data-testid="home-processed">
            <header className="card-header">
              <h2>{t('home.processed')}</h2>
              <Link to={`/orders?processedBy=${encodeURIComponent(user?.id ?? '')}&sort=updatedAt&dir=desc`}>{t('home.viewAll')}</Link>
            </header>
            <ErrorBanner error={processed.error} onRetry={processed.reload} />
            {processed.loading && !processed.data && <Loading />}
            {processed.data && processed.data.items.length === 0 && <Empty text={t('home.noneProcessed')} />}
            {processed.data && processed.data.items.length > 0 && <RecordsTable items={processed.data.items} templates={templates} compact />}
          </section>
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
