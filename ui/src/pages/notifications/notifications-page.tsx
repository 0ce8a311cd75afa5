// The inbox: newest first; opening one marks it read and goes to its order.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import type { Notification } from '../../model';
import { Empty } from '../../components/empty';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { useUnread } from '../../shell/unread-context';
import { notificationBody, notificationTitle } from '../../records/notification-text';

export function NotificationsPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const { refresh } = useUnread();
  const [onlyUnread, setOnlyUnread] = useState(false);
  const inbox = useAsync(() => api<{ items: Notification[]; unread: number }>('GET', '/notifications'), []);
  const items = (inbox.data?.items ?? []).filter((n) => !onlyUnread || !n.read);

  async function markRead(body: { ids?: string[]; all?: boolean }) {
    await api('POST', '/notifications/read', body);
    inbox.reload();
    refresh();
  }

  async function open(n: Notification) {
    if (!n.read) await markRead({ ids: [n.id] }).catch(() => {});
    if (n.recordId) navigate(`/orders/${encodeURIComponent(n.recordId)}`);
  }

  return (
    <div>
      <PageHeader
        title={t('notifications.title')}
        subtitle={inbox.data ? t('notifications.unreadCount', { n: inbox.data.unread }) : undefined}
        actions={
          <>
            <label className="check">
              <input type="checkbox" checked={onlyUnread} onChange={(e) => setOnlyUnread(e.target.checked)} /> {t('notifications.onlyUnread')}
            </label>
            <button type="button" className="btn" disabled={!inbox.data?.unread} onClick={() => markRead({ all: true })}>
              {t('notifications.markAll')}
            </button>
          </>
        }
      />
      <div className="card">
        <ErrorBanner error={inbox.error} onRetry={inbox.reload} />
        {inbox.loading && !inbox.data && <Loading />}
        {inbox.data && items.length === 0 && <Empty text={t('notifications.empty')} />}
        <ul className="inbox" data-testid="notifications">
          {items.map((n) => (
            <li key={n.id} className={`inbox-item${n.read ? '' : ' unread'}`}>
              <button type="button" className="inbox-main" onClick={() => open(n)}>
                {!n.read && <span className="dot" aria-label={t('notifications.unread')} />}
                <span className="inbox-title">{notificationTitle(n, lang)}</span>
                {notificationBody(n, lang) && <span className="inbox-body">{notificationBody(n, lang)}</span>}
              </button>
              <time className="inbox-time">{formatDateTime(n.at, lang)}</time>
              {!n.read && (
                <button type="button" className="btn btn-sm btn-ghost" onClick={() => markRead({ ids: [n.id] })}>
                  {t('notifications.markRead')}
                </button>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
