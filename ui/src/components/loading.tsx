import { useI18n } from '../i18n';

export function Loading() {
  const { t } = useI18n();
  return (
    <div className="loading" aria-busy="true">
      <span className="spinner" /> {t('common.loading')}
    </div>
  );
}
