// /admin/templates/:id/studio: loads the latest version of a template and opens it in the editor.
import { useCallback } from 'react';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../i18n';
import { adminApi, versionsOf } from '../admin-api';
import { useLoad } from '../components/use-load';
import { ProblemBox } from '../components/problem-box';
import { AdminOnly } from '../components/admin-only';
import { StudioEditor } from './studio-editor';

function StudioLoader({ id }: { id: string }) {
  const { t } = useI18n();
  const load = useCallback(async () => {
    const [template, list] = await Promise.all([adminApi.getTemplate(id), adminApi.listTemplates()]);
    return { template, versions: versionsOf(list, id) };
  }, [id]);
  const { data, error, reload } = useLoad(load, [load]);

  return (
    <>
      <p className="adm-crumbs">
        <Link to="/admin/templates">{t('admin.gallery.title')}</Link> / {id}
      </p>
      <ProblemBox error={error} />
      {!data && !error && <p className="adm-muted">{t('admin.common.loading')}</p>}
      {data && <StudioEditor loaded={data.template} installedVersions={data.versions} onSaved={() => reload()} />}
    </>
  );
}

export function StudioPage() {
  const { id = '' } = useParams();
  return (
    <AdminOnly>
      <StudioLoader key={id} id={id} />
    </AdminOnly>
  );
}
