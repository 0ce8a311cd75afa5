// Orders: search, filter, sort and page through the server; select rows for bulk actions.
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import type { Page, RecordView } from '../../model';
import { BulkDialog } from '../../actions/bulk-dialog';
import { ImportDialog } from '../../records/import-dialog';
import { Notice } from '../../components/notice';
import { Empty } from '../../components/empty';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Pager } from '../../components/pager';
import { useAsync } from '../../lib/use-async';
import { nounOf, useTemplate } from '../../lib/templates';
import { RecordFilters } from '../../records/record-filters';
import { toSearch, useRecordQuery } from '../../records/record-query';
import { RecordsTable } from '../../records/records-table';
import { useRecordTemplates } from '../../records/use-record-templates';
import { useTemplateChoice } from '../../records/use-template-choice';
import { TemplateMark } from '../../components/template-mark';

const BULK_ACTIONS = ['cancel', 'archive', 'reassign'];

export function OrdersPage() {
  const { t, label } = useI18n();
  const { user } = useAuth();
  const { templateId, choices, setTemplateId } = useTemplateChoice();
  const { query, update } = useRecordQuery({ template: templateId });
  const template = useTemplate(query.template ?? templateId);
  const list = useAsync(() => api<Page<RecordView>>('GET', `/records?${toSearch({ ...query, template: query.template ?? templateId })}`), [toSearch(query), templateId]);
  const templates = useRecordTemplates(list.data?.items);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulk, setBulk] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<number | null>(null);

  useEffect(() => setSelected(new Set()), [toSearch(query)]);

  const items = list.data?.items ?? [];
  const shown = choices.find((c) => c.id === (query.template ?? templateId));
  const selectedRecords = useMemo(() => items.filter((r) => selected.has(r.id)), [items, selected]);
  const bulkActions = BULK_ACTIONS.filter((a) => template.data?.actions?.[a]);
  // the chosen template names its records: "+ 新建结算单", "没有符合条件的结算单。"
  const noun = nounOf(template.data, label);
  const canCreate = !!template.data && !!user && template.data.create.roles.some((r) => user.roles.includes(r));

  return (
    <div>
      <PageHeader
        title={template.data ? label(template.data.name) : t('orders.title')}
        actions={
          <>
            {shown && <TemplateMark appearance={shown.appearance} name={label(shown.name)} />}
            {choices.length > 1 && (
              <select className="input" aria-label={t('orders.template')} value={query.template ?? templateId ?? ''} onChange={(e) => { setTemplateId(e.target.value); update({ template: e.target.value, status: undefined }); }}>
                {choices.map((c) => (
                  <option key={c.id} value={c.id}>
                    {label(c.name)}
                  </option>
                ))}
              </select>
            )}
            {/* the list as it is filtered, as a spreadsheet (the session cookie signs the download) */}
            {(['xlsx', 'csv'] as const).map((format) => (
              <a key={format} className="btn" data-testid={`export-${format}`} href={`/api/records/export?${toSearch({ ...query, template: query.template ?? templateId }, { format })}`} download>
                {t(`orders.export.${format}`)}
              </a>
            ))}
            {canCreate && (
              <button type="button" className="btn" data-testid="import-open" onClick={() => setImporting(true)}>
                {t('import.open')}
              </button>
            )}
            {canCreate && (
              <Link className="btn btn-primary" to={`/orders/new?template=${encodeURIComponent(query.template ?? templateId ?? '')}`}>
                + {noun ? t('orders.newOf', { noun }) : t('orders.new')}
              </Link>
            )}
          </>
        }
      />
      {imported !== null && (
        <Notice tone="success" onClose={() => setImported(null)}>
          <span data-testid="import-done">{t('import.done', { n: imported })}</span>
        </Notice>
      )}
      <div className="card">
        <RecordFilters query={query} update={update} template={template.data} />
        {selected.size > 0 && (
          <div className="bulk-bar" data-testid="bulk-bar">
            <span>{t('bulk.selected', { n: selected.size })}</span>
            {bulkActions.map((a) => (
              <button key={a} type="button" className={`btn btn-sm${template.data?.actions[a]?.danger ? ' btn-danger-outline' : ''}`} onClick={() => setBulk(a)}>
                {label(template.data?.actions[a]?.label)}
              </button>
            ))}
            <button type="button" className="btn btn-sm btn-ghost" onClick={() => setSelected(new Set())}>
              {t('bulk.clear')}
            </button>
          </div>
        )}
        <ErrorBanner error={list.error} onRetry={list.reload} />
        {list.loading && !list.data && <Loading />}
        {list.data && items.length === 0 && <Empty text={noun ? t('list.emptyOf', { noun }) : t('list.empty')} />}
        {items.length > 0 && (
          <div className={list.loading ? 'is-refreshing' : undefined}>
            <RecordsTable
              items={items}
              templates={templates}
              sort={{ sort: query.sort, dir: query.dir }}
              onSort={(s) => update({ sort: s.sort, dir: s.dir })}
              selected={selected}
              onSelect={setSelected}
            />
          </div>
        )}
        {list.data && list.data.total > 0 && (
          <Pager page={query.page} pageSize={query.pageSize} total={list.data.total} onPage={(page) => update({ page }, false)} onPageSize={(pageSize) => update({ pageSize })} />
        )}
      </div>
      {bulk && (
        <BulkDialog
          action={bulk}
          template={template.data}
          records={selectedRecords}
          onClose={() => {
            setBulk(null);
            setSelected(new Set());
          }}
          onFinished={list.reload}
        />
      )}
      {importing && (
        <ImportDialog
          template={query.template ?? templateId}
          onClose={() => setImporting(false)}
          onDone={(n) => {
            setImporting(false);
            setImported(n);
            list.reload();
          }}
        />
      )}
    </div>
  );
}
