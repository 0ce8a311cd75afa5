// History: archived orders, searchable and read-only, each copyable into a new draft.
import { Link } from 'react-router';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import type { Page, RecordView } from '../../model';
import { Empty } from '../../components/empty';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Pager } from '../../components/pager';
import { useAsync } from '../../lib/use-async';
import { nounOf, useTemplate } from '../../lib/templates';
import { copyPath } from '../../records/copy-record';
import { RecordFilters } from '../../records/record-filters';
import { toSearch, useRecordQuery } from '../../records/record-query';
import { RecordsTable } from '../../records/records-table';
import { useRecordTemplates } from '../../records/use-record-templates';
import { useTemplateChoice } from '../../records/use-template-choice';

export function ArchivePage() {
  const { t, label } = useI18n();
  const { user } = useAuth();
  const { templateId } = useTemplateChoice();
  const { query, update } = useRecordQuery({ sort: 'updatedAt', dir: 'desc' });
  const tid = query.template ?? templateId;
  const template = useTemplate(tid);
  const search = toSearch({ ...query, template: tid, status: ['archived'] });
  const list = useAsync(() => api<Page<RecordView>>('GET', `/records?${search}`), [search]);
  const templates = useRecordTemplates(list.data?.items);
  const canCreate = (tplId: string) => {
    const tpl = Object.values(templates).find((x) => x.id === tplId) ?? template.data;
    return !!user && !!tpl && tpl.create.roles.some((r) => user.roles.includes(r)) && (tpl.copy?.from ?? []).includes('archived');
  };

  const items = list.data?.items ?? [];
  return (
    <div>
      <PageHeader title={t('archive.title')} subtitle={t('archive.subtitle')} />
      <div className="card">
        <RecordFilters query={query} update={update} template={template.data} showStatus={false} />
        <ErrorBanner error={list.error} onRetry={list.reload} />
        {list.loading && !list.data && <Loading />}
        {list.data && items.length === 0 && <Empty text={template.data ? t('archive.emptyOf', { noun: nounOf(template.data, label) ?? '' }) : t('archive.empty')} />}
        {items.length > 0 && (
          <RecordsTable
            items={items}
            templates={templates}
            sort={{ sort: query.sort, dir: query.dir }}
            onSort={(s) => update({ sort: s.sort, dir: s.dir })}
            rowActions={(r) =>
              canCreate(r.template) ? (
                <Link className="btn btn-sm" to={copyPath(r)} data-testid="copy-archived">
                  {t('copy.button')}
                </Link>
              ) : null
            }
          />
        )}
        {list.data && list.data.total > 0 && (
          <Pager page={query.page} pageSize={query.pageSize} total={list.data.total} onPage={(page) => update({ page }, false)} onPageSize={(pageSize) => update({ pageSize })} />
        )}
      </div>
    </div>
  );
}
