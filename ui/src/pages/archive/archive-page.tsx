// History: archived orders, searchable and read-only, each copyable into a new draft.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import type { Page, RecordView } from '../../model';
import { Empty } from '../../components/empty';
import { ErrorBanner, errorText } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { Notice } from '../../components/notice';
import { PageHeader } from '../../components/page-header';
import { Pager } from '../../components/pager';
import { useAsync } from '../../lib/use-async';
import { useTemplate } from '../../lib/templates';
import { copyRecord } from '../../records/copy-record';
import { RecordFilters } from '../../records/record-filters';
import { toSearch, useRecordQuery } from '../../records/record-query';
import { RecordsTable } from '../../records/records-table';
import { useRecordTemplates } from '../../records/use-record-templates';
import { useTemplateChoice } from '../../records/use-template-choice';

export function ArchivePage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const { templateId } = useTemplateChoice();
  const { query, update } = useRecordQuery({ sort: 'updatedAt', dir: 'desc' });
  const tid = query.template ?? templateId;
  const template = useTemplate(tid);
  const search = toSearch({ ...query, template: tid, status: ['archived'] });
  const list = useAsync(() => api<Page<RecordView>>('GET', `/records?${search}`), [search]);
  const templates = useRecordTemplates(list.data?.items);
  const [copying, setCopying] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canCreate = (tplId: string) => {
    const tpl = Object.values(templates).find((x) => x.id === tplId) ?? template.data;
    return !!user && !!tpl && tpl.create.roles.some((r) => user.roles.includes(r)) && (tpl.copy?.from ?? []).includes('archived');
  };

  async function copy(r: RecordView) {
    setCopying(r.id);
    setError(null);
    try {
      const draft = await copyRecord(r.id);
      navigate(`/orders/${encodeURIComponent(draft.id)}/edit`, { state: { msg: { tone: 'success', text: t('copy.done', { number: draft.number, from: r.number }) } } });
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setCopying(null);
    }
  }

  const items = list.data?.items ?? [];
  return (
    <div>
      <PageHeader title={t('archive.title')} subtitle={t('archive.subtitle')} />
      {error && (
        <Notice tone="error" onClose={() => setError(null)}>
          {error}
        </Notice>
      )}
      <div className="card">
        <RecordFilters query={query} update={update} template={template.data} showStatus={false} />
        <ErrorBanner error={list.error} onRetry={list.reload} />
        {list.loading && !list.data && <Loading />}
        {list.data && items.length === 0 && <Empty text={t('archive.empty')} />}
        {items.length > 0 && (
          <RecordsTable
            items={items}
            templates={templates}
            sort={{ sort: query.sort, dir: query.dir }}
            onSort={(s) => update({ sort: s.sort, dir: s.dir })}
            rowActions={(r) =>
              canCreate(r.template) ? (
                <button type="button" className="btn btn-sm" disabled={copying === r.id} onClick={() => copy(r)} data-testid="copy-archived">
                  {t('copy.button')}
                </button>
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
