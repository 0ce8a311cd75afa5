// Records made with older versions of the template: how many, which cannot move to the newest version and why,
// and a button that moves the others (the server moves them in batches; this repeats until none are left).
import { useEffect, useState } from 'react';
import { ApiError } from '../../api';
import { useI18n } from '../../i18n';
import { adminApi, type MigrationPreview } from '../admin-api';

export function MigrationCard({ template, version }: { template: string; version: number }) {
  const { t } = useI18n();
  const [preview, setPreview] = useState<MigrationPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [moved, setMoved] = useState<number | null>(null);
  const [error, setError] = useState('');

  const load = () => adminApi.migrationPreview(template).then(setPreview, (e) => setError(e instanceof ApiError ? e.detail : String(e)));
  useEffect(() => {
    setMoved(null);
    void load();
  }, [template, version]); // `load` reads nothing else

  if (!preview || (!preview.older && moved === null)) return null;
  const move = async () => {
    setBusy(true);
    setError('');
    let total = 0;
    try {
      for (;;) {
        const r = await adminApi.migrateRecords(template);
        total += r.moved;
        if (!r.remaining || !r.moved) break;
      }
      setMoved(total);
      await load();
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="adm-card adm-section adm-stack" data-testid="migration">
      <h2>{t('admin.migration.title', { v: preview.to })}</h2>
      {moved !== null && <p className="adm-note adm-note--ok">{t('admin.migration.moved', { n: moved, v: preview.to })}</p>}
      {preview.older > 0 && (
        <p>
          {t('admin.migration.older', { n: preview.older, versions: Object.entries(preview.byVersion).map(([v, n]) => `v${v}: ${n}`).join('，') })}{' '}
          {t('admin.migration.movable', { n: preview.movable })}
        </p>
      )}
      {preview.blockedCount > 0 && (
        <details>
          <summary>{t('admin.migration.blocked', { n: preview.blockedCount })}</summary>
          <ul className="adm-small" data-testid="migration-blocked">
            {preview.blocked.map((b) => (
              <li key={b.id}>
                <a href={`/orders/${b.id}`}>{b.number}</a> (v{b.version}, {b.status}): {b.problems.map((p) => `${p.path} ${p.message}`).join('；')}
              </li>
            ))}
          </ul>
        </details>
      )}
      {preview.movable > 0 && (
        <div>
          <button type="button" className="adm-btn adm-btn--primary" disabled={busy} onClick={move} data-testid="migration-run">
            {busy ? t('admin.common.working') : t('admin.migration.run', { n: preview.movable, v: preview.to })}
          </button>
          <p className="adm-muted adm-small">{t('admin.migration.hint')}</p>
        </div>
      )}
      {error && <p className="adm-field-error" role="alert">{error}</p>}
    </section>
  );
}
