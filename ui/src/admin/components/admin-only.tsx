// Admin pages are for the admin role; others see why the page is empty instead of a wall of 403s.
import type { ReactNode } from 'react';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';

export function AdminOnly({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const { t } = useI18n();
  if (!user?.roles.includes('admin')) {
    return <div className="adm-empty">{t('admin.common.adminOnly')}</div>;
  }
  return <div className="adm">{children}</div>;
}
