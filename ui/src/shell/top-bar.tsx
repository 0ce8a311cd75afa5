import { useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { LanguageSwitch } from './language-switch';

export function TopBar({ onMenu, menuOpen }: { onMenu: () => void; menuOpen: boolean }) {
  const { t } = useI18n();
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  return (
    <header className="topbar">
      <button type="button" className="btn btn-ghost menu-button" aria-label={t('nav.menu')} aria-expanded={menuOpen} onClick={onMenu} data-testid="menu-button">
        ☰
      </button>
      <div className="topbar-spacer" />
      <LanguageSwitch />
      {user && (
        <div className="topbar-user">
          <span className="user-name" data-testid="current-user">{user.name}</span>
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            onClick={async () => {
              await logout();
              navigate('/login', { replace: true });
            }}
          >
            {t('auth.logout')}
          </button>
        </div>
      )}
    </header>
  );
}
