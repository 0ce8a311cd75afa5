// A refusal or failure in plain words: the server's `detail`, else a generic message.
import { ApiError } from '../api';
import { useI18n } from '../i18n';

export function errorText(e: unknown, t: (k: string) => string): string {
  if (e instanceof ApiError) {
    if (e.status === 0) return t('error.network');
    const key = `error.${e.code}`;
    const known = t(key);
    return e.detail || (known !== key ? known : t('error.generic'));
  }
  if (e instanceof Error) return e.message;
  return t('error.generic');
}

export function ErrorBanner({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert">
      <span>{errorText(error, t)}</span>
      {onRetry && (
        <button type="button" className="btn btn-sm btn-ghost" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
