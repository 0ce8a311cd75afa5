import { NavLink } from 'react-router';
import { adminNavItems } from '../admin/index';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { useUnread } from './unread-context';

const mainItems: { path: string; labelKey: string; end?: boolean; badge?: boolean; roles?: string[] }[] = [
  { path: '/', labelKey: 'nav.home', end: true },
  { path: '/orders', labelKey: 'nav.orders' },
  { path: '/archive', labelKey: 'nav.archive' },
  { path: '/approvals', labelKey: 'nav.approvals' },
  { path: '/notifications', labelKey: 'nav.notifications', badge: true },
  { path: '/reports/cancellation-reasons', labelKey: 'nav.reports' },
  { path: '/finance/periods', labelKey: 'nav.periods', roles: ['finance', 'finance_manager', 'admin'] },
];

export function Sidebar() {
  const { t } = useI18n();
  const { user } = useAuth();
  const { unread } = useUnread();
  const isAdmin = !!user?.roles.includes('admin');
  return (
    <nav className="sidebar" aria-label={t('nav.label')}>
      <div className="brand">
        <span className="brand-mark">OW</span>
        <span className="brand-name">{t('app.name')}</span>
      </div>
      <ul className="nav-list">
        {mainItems.filter((item) => !item.roles || item.roles.some((r) => user?.roles.includes(r))).map((item) => (
          <li key={item.path}>
            <NavLink to={item.path} end={item.end} className="nav-link">
              <span>{t(item.labelKey)}</span>
              {item.badge && unread > 0 && (
                <span className="nav-badge" data-testid="unread-badge" aria-label={t('nav.unread', { n: unread })}>
                  {unread > 99 ? '99+' : unread}
                </span>
              )}
            </NavLink>
          </li>
        ))}
      </ul>
      {isAdmin && adminNavItems.length > 0 && (
        <>
          <div className="nav-section">{t('nav.admin')}</div>
          <ul className="nav-list">
            {adminNavItems.map((item) => (
              <li key={item.path}>
                <NavLink to={item.path} className="nav-link">
                  <span>{t(item.labelKey)}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </>
      )}
    </nav>
  );
}
