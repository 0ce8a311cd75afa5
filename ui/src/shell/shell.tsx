// The signed-in frame: sidebar navigation, top bar with the user and the language switch, the page.
import { useEffect, useState } from 'react';
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
  // on a phone the menu is a drawer: opened from the top bar, closed by any navigation or the backdrop
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location.pathname, location.search]);
  if (loading) return <div className="boot">{t('common.loading')}</div>;
  if (!user) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login${next && next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`} replace />;
  }
  return (
    <UnreadProvider>
      <div className={`app${menuOpen ? ' menu-open' : ''}`}>
        <Sidebar />
        {menuOpen && <div className="menu-backdrop" onClick={() => setMenuOpen(false)} aria-hidden="true" />}
        <div className="app-main">
          <TopBar onMenu={() => setMenuOpen((o) => !o)} menuOpen={menuOpen} />
          <main className="page">
            <Outlet />
          </main>
        </div>
      </div>
    </UnreadProvider>
  );
}
