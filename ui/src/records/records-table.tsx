// Records as a table: sortable headers, optional row checkboxes, status badges in the template's words.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n';
import type { RecordView } from '../model';
import { StatusBadge } from '../components/status-badge';
import { formatDateTime, formatMoney } from '../lib/format';
import { templateKey, type TemplateMap } from './use-record-templates';
import { useDepartmentLabel } from './department-label';

export interface SortState {
  sort: string;
  dir: 'asc' | 'desc';
}

interface Props {
  items: RecordView[];
  templates: TemplateMap;
  sort?: SortState;
  onSort?: (s: SortState) => void;
  selected?: Set<string>;
  onSelect?: (next: Set<string>) => void;
  rowActions?: (r: RecordView) => ReactNode;
  compact?: boolean;
}

function SortHeader({ field, label, sort, onSort, className }: { field: string; label: string; sort?: SortState; onSort?: (s: SortState) => void; className?: string }) {
  if (!onSort || !sort) return <th className={className}>{label}</th>;
  const active = sort.sort === field;
  const nextDir = active && sort.dir === 'asc' ? 'desc' : 'asc';
  return (
    <th className={className} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className={`sort-btn${active ? ' active' : ''}`} onClick={() => onSort({ sort: field, dir: active ? nextDir : field === 'createdAt' || field === 'updatedAt' || field === 'amount' ? 'desc' : 'asc' })}>
        {label}
        <span className="sort-mark" aria-hidden="true">
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

export function RecordsTable({ items, templates, sort, onSort, selected, onSelect, rowActions, compact }: Props) {
  const { t, lang } = useI18n();
  const deptLabel = useDepartmentLabel();
  const allChecked = !!selected && items.length > 0 && items.every((r) => selected.has(r.id));
  const toggleAll = () => {
    if (!selected || !onSelect) return;
    const next = new Set(selected);
    if (allChecked) items.forEach((r) => next.delete(r.id));
    else items.forEach((r) => next.add(r.id));
    onSelect(next);
  };
  const toggle = (id: string) => {
    if (!selected || !onSelect) return;
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelect(next);
  };
  return (
    <div className="table-wrap">
      <table className={`table${compact ? ' table-compact' : ''}`} data-testid="records-table">
        <thead>
          <tr>
            {selected && (
              <th className="col-check">
                <input type="checkbox" checked={allChecked} onChange={toggleAll} aria-label={t('list.selectAll')} />
              </th>
            )}
            <SortHeader field="number" label={t('record.number')} sort={sort} onSort={onSort} />
            <SortHeader field="customer" label={t('record.customer')} sort={sort} onSort={onSort} />
            <SortHeader field="amount" label={t('record.amount')} sort={sort} onSort={onSort} className="num" />
            <SortHeader field="status" label={t('record.status')} sort={sort} onSort={onSort} />
            <th>{t('record.handler')}</th>
            {!compact && <th>{t('record.department')}</th>}
            <SortHeader field="createdAt" label={t('record.createdAt')} sort={sort} onSort={onSort} />
            {!compact && <SortHeader field="updatedAt" label={t('record.updatedAt')} sort={sort} onSort={onSort} />}
            {rowActions && <th className="col-act" />}
          </tr>
        </thead>
        <tbody>
          {items.map((r) => {
            const tpl = templates[templateKey(r)];
            return (
              <tr key={r.id} className={selected?.has(r.id) ? 'selected' : undefined} data-number={r.number}>
                {selected && (
                  <td className="col-check">
                    <input type="checkbox" checked={selected.has(r.id)} onChange={() => toggle(r.id)} aria-label={t('list.select', { number: r.number })} />
                  </td>
                )}
                <td>
                  <Link className="record-link" to={`/orders/${encodeURIComponent(r.id)}`}>
                    {r.number}
                  </Link>
                </td>
                <td>{r.summary?.customer ?? ''}</td>
                <td className="num">{formatMoney(r.summary?.amount, lang)}</td>
                <td>
                  <StatusBadge template={tpl} status={r.status} />
                </td>
                <td>{r.handlerName ?? r.handler}</td>
                {!compact && <td>{deptLabel(r.department, r.departmentLabel)}</td>}
                <td className="nowrap">{formatDateTime(r.createdAt, lang)}</td>
                {!compact && <td className="nowrap">{formatDateTime(r.updatedAt, lang)}</td>}
                {rowActions && <td className="col-act">{rowActions(r)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
