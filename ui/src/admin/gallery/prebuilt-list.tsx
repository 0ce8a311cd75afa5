// The prebuilt templates shipped with the product: what each does, whether it is installed, import in one click.
import { useState } from 'react';
import { adminApi, type GalleryItem } from '../admin-api';
import type { Labels } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { ProblemBox } from '../components/problem-box';

interface Props {
  items: GalleryItem[];
  onImported: (id: string, version: number, created: boolean) => void;
}

export function PrebuiltList({ items, onImported }: Props) {
  const { t, label } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const importOne = async (item: GalleryItem) => {
    setBusy(item.id);
    setError(null);
    try {
      const res = await adminApi.importFromGallery(item.id);
      onImported(res.id, res.version, true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  if (items.length === 0) return <p className="adm-muted">{t('admin.gallery.noPrebuilt')}</p>;
  return (
    <>
      <ProblemBox error={error} />
      <div className="adm-gallery">
        {items.map((item) => {
          const upToDate = item.installed && (item.installedVersion ?? 0) >= item.version;
          return (
            <article key={item.id} className="adm-card adm-gallery__item" data-testid={`gallery-${item.id}`}>
              <header className="adm-gallery__head">
                <h3>{label(item.name as Labels)}</h3>
                <span className={`adm-badge ${item.installed ? 'adm-badge--ok' : ''}`}>
                  {item.installed
                    ? t('admin.gallery.installedVersion', { v: item.installedVersion ?? item.version })
                    : t('admin.gallery.notInstalled')}
                </span>
              </header>
              <p className="adm-gallery__desc">{label(item.description as Labels)}</p>
              <footer className="adm-gallery__foot">
                <span className="adm-muted">
                  <code>{item.id}</code> · v{item.version}
                </span>
                <button
                  type="button"
                  className="adm-btn adm-btn--primary"
                  disabled={upToDate || busy === item.id}
                  onClick={() => importOne(item)}
                >
                  {busy === item.id
                    ? t('admin.common.working')
                    : upToDate
                      ? t('admin.gallery.installed')
                      : item.installed
                        ? t('admin.gallery.update', { v: item.version })
                        : t('admin.gallery.import')}
                </button>
              </footer>
            </article>
          );
        })}
      </div>
    </>
  );
}
