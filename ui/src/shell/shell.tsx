// The signed-in frame: sidebar navigation, top bar with the user and the language switch, the page.
import { Navigate, Outlet, useLocation } from 'react-router';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { Sidebar } from './sidebar';
import { TopBar } from './top-bar';
import { UnreadProvider } from './unread-context';

export function Shell() {
  const { user, loading } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  if (loading) return <div className="boot">{t('common.loading')}</div>;
  if (!user) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login${next && next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`} replace />;
  }
  return (
    <UnreadProvider>
      <div className="app">
        <Sidebar />
        <div className="app-main">
          <TopBar />
          <main className="page">
            <Outlet />
          </main>
        </div>
      </div>
    </UnreadProvider>
  );
}
