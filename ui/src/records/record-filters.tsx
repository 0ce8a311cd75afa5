// Search and filters above a record list. The search box applies on Enter or after a pause.
import { useEffect, useState } from 'react';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import type { Template } from '../model';
import type { RecordQuery } from './record-query';
import { useDepartments, useUsers } from './people';
import { DepartmentOptions } from './department-options';

interface Props {
  query: RecordQuery;
  update: (patch: Partial<RecordQuery>) => void;
  template?: Template;
  /** States offered in the status filter; default: the template's visible states. */
  statuses?: string[];
  showStatus?: boolean;
  showPeople?: boolean;
}

export function RecordFilters({ query, update, template, statuses, showStatus = true, showPeople = true }: Props) {
  const { t, label } = useI18n();
  const { user } = useAuth();
  const [q, setQ] = useState(query.q ?? '');
  const users = useUsers();
  const depts = useDepartments();

  useEffect(() => setQ(query.q ?? ''), [query.q]);
  useEffect(() => {
    if ((query.q ?? '') === q) return;
    const timer = window.setTimeout(() => update({ q: q.trim() || undefined }), 400);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);

  const stateNames = statuses ?? Object.entries(template?.states ?? {}).filter(([, s]) => !s.hidden).map(([k]) => k);
  const active = !!(query.q || query.status?.length || query.from || query.to || query.handler || query.department || query.processedBy);

  return (
    <div className="filters" role="search">
      <input
        className="input filter-search"
        type="search"
        placeholder={t(template && !template.summary?.customer ? 'list.searchNumber' : 'list.searchPlaceholder')}
        aria-label={t('list.search')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') update({ q: q.trim() || undefined });
        }}
      />
      {showStatus && (
        <select className="input" aria-label={t('record.status')} value={query.status?.join(',') ?? ''} onChange={(e) => update({ status: e.target.value ? [e.target.value] : undefined })}>
          <option value="">{t('list.allStatuses')}</option>
          {stateNames.map((s) => (
            <option key={s} value={s}>
              {template?.states[s] ? label(template.states[s].label) : s}
            </option>
          ))}
        </select>
      )}
      <label className="filter-date">
        <span>{t('list.from')}</span>
        <input className="input" type="date" value={query.from ?? ''} aria-label={t('list.from')} onChange={(e) => update({ from: e.target.value || undefined })} />
      </label>
      <label className="filter-date">
        <span>{t('list.to')}</span>
        <input className="input" type="date" value={query.to ?? ''} aria-label={t('list.to')} onChange={(e) => update({ to: e.target.value || undefined })} />
      </label>
      {showPeople && (
        <>
          <select className="input" aria-label={t('record.handler')} value={query.handler ?? ''} onChange={(e) => update({ handler: e.target.value || undefined })}>
            <option value="">{t('list.allHandlers')}</option>
            {(users.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
          <select className="input" aria-label={t('record.department')} value={query.department ?? ''} onChange={(e) => update({ department: e.target.value || undefined })}>
            <option value="">{t('list.allDepartments')}</option>
            <DepartmentOptions departments={depts.data} />
          </select>
        </>
      )}
      {user && (
        <label className="filter-check">
          <input type="checkbox" checked={query.processedBy === user.id} onChange={(e) => update({ processedBy: e.target.checked ? user.id : undefined })} data-testid="filter-processed-by-me" />
          <span>{t('list.processedByMe')}</span>
        </label>
      )}
      {active && (
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => {
            setQ('');
            update({ q: undefined, status: undefined, from: undefined, to: undefined, handler: undefined, department: undefined, processedBy: undefined });
          }}
        >
          {t('list.clear')}
        </button>
      )}
    </div>
  );
}
