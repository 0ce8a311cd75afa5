// /admin/templates: prebuilt templates, installed templates, and importing one from a file.
import { useState } from 'react';
import { adminApi } from '../admin-api';
import { useI18n } from '../../i18n';
import { useLoad } from '../components/use-load';
import { ProblemBox } from '../components/problem-box';
import { AdminOnly } from '../components/admin-only';
import { PrebuiltList } from './prebuilt-list';
import { InstalledTable } from './installed-table';
import { FileImport } from './file-import';
import { NewTemplateForm } from './new-template-form';

function GalleryContent() {
  const { t } = useI18n();
  const gallery = useLoad(() => adminApi.gallery(), []);
  const installed = useLoad(() => adminApi.listTemplates(), []);
  const [highlight, setHighlight] = useState<string>();

  const refresh = (id: string) => {
    setHighlight(id);
    gallery.reload();
    installed.reload();
  };

  return (
    <>
      <header className="adm-page-head">
        <h1>{t('admin.gallery.title')}</h1>
        <p className="adm-muted">{t('admin.gallery.intro')}</p>
      </header>

      <section className="adm-section adm-card">
        <h2>{t('admin.newTemplate.title')}</h2>
        <p className="adm-muted">{t('admin.newTemplate.intro')}</p>
        {installed.data && <NewTemplateForm installed={installed.data} />}
      </section>

      <section className="adm-section">
        <h2>{t('admin.gallery.prebuilt')}</h2>
        <ProblemBox error={gallery.error} />
        {gallery.data && <PrebuiltList items={gallery.data} onImported={(id) => refresh(id)} />}
        {gallery.loading && !gallery.data && <p className="adm-muted">{t('admin.common.loading')}</p>}
      </section>

      <section className="adm-section">
        <h2>{t('admin.gallery.installedTitle')}</h2>
        <ProblemBox error={installed.error} />
        {installed.data && <InstalledTable items={installed.data} highlight={highlight} />}
        {installed.loading && !installed.data && <p className="adm-muted">{t('admin.common.loading')}</p>}
      </section>

      <section className="adm-section adm-card">
        <h2>{t('admin.import.title')}</h2>
        <p className="adm-muted">{t('admin.import.intro')}</p>
        <FileImport onInstalled={refresh} />
      </section>
    </>
  );
}

export function GalleryPage() {
  return (
    <AdminOnly>
      <GalleryContent />
    </AdminOnly>
  );
}
