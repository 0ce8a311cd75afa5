// Records as a table: sortable headers, optional row checkboxes, status badges in the template's words. The columns
// are those of the records' templates (./list-columns.ts); on a phone each row is a card (base.css, .records-table).
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n';
import type { RecordView } from '../model';
import type { ListColumn } from '../../../plugin/core/types';
import { listColumns } from './list-columns';
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

/** Columns the server sorts by; newest or largest first on the first click for times and amounts. */
const SORTABLE = new Set<ListColumn>(['number', 'customer', 'amount', 'status', 'createdAt', 'updatedAt']);
const DESC_FIRST = new Set<ListColumn>(['createdAt', 'updatedAt', 'amount']);
/** A compact list (the home page) leaves these out. */
const NOT_COMPACT: ListColumn[] = ['department', 'updatedAt'];

function SortHeader({ field, label, sort, onSort, className }: { field: ListColumn; label: string; sort?: SortState; onSort?: (s: SortState) => void; className?: string }) {
  if (!onSort || !sort || !SORTABLE.has(field)) return <th className={className} data-column={field}>{label}</th>;
  const active = sort.sort === field;
  const nextDir = active && sort.dir === 'asc' ? 'desc' : 'asc';
  return (
    <th className={className} data-column={field} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className={`sort-btn${active ? ' active' : ''}`} onClick={() => onSort({ sort: field, dir: active ? nextDir : DESC_FIRST.has(field) ? 'desc' : 'asc' })}>
        {label}
        <span className="sort-mark" aria-hidden="true">
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

const CELL_CLASS: Partial<Record<ListColumn, string>> = { number: 'col-number', status: 'col-status', amount: 'num', createdAt: 'nowrap', updatedAt: 'nowrap' };

export function RecordsTable({ items, templates, sort, onSort, selected, onSelect, rowActions, compact }: Props) {
  const { t, lang } = useI18n();
  const deptLabel = useDepartmentLabel();
  const shownTemplates = [...new Set(items.map(templateKey))].map((k) => templates[k]);
  // until every template of the page is loaded, every column (as the list was before templates chose them)
  const columns = listColumns(shownTemplates.every((x) => !!x) ? shownTemplates : [], compact ? NOT_COMPACT : []);
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
  const cell = (c: ListColumn, r: RecordView): ReactNode => {
    switch (c) {
      case 'number':
        return (
          <Link className="record-link" to={`/orders/${encodeURIComponent(r.id)}`}>
            {r.number}
          </Link>
        );
      case 'customer':
        return r.summary?.customer ?? '';
      case 'amount':
        return formatMoney(r.summary?.amount, lang);
      case 'status':
        return <StatusBadge template={templates[templateKey(r)]} status={r.status} />;
      case 'handler':
        return r.handlerName ?? r.handler;
      case 'department':
        return deptLabel(r.department, r.departmentLabel);
      case 'createdAt':
        return formatDateTime(r.createdAt, lang);
      case 'updatedAt':
        return formatDateTime(r.updatedAt, lang);
    }
  };
  return (
    <div className="table-wrap">
      <table className={`table records-table${compact ? ' table-compact' : ''}`} data-testid="records-table">
        <thead>
          <tr>
            {selected && (
              <th className="col-check">
                <input type="checkbox" checked={allChecked} onChange={toggleAll} aria-label={t('list.selectAll')} />
              </th>
            )}
            {columns.map((c) => (
              <SortHeader key={c} field={c} label={t(`record.${c}`)} sort={sort} onSort={onSort} className={c === 'amount' ? 'num' : undefined} />
            ))}
            {rowActions && <th className="col-act" />}
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id} className={selected?.has(r.id) ? 'selected' : undefined} data-number={r.number}>
              {selected && (
                <td className="col-check">
                  <input type="checkbox" checked={selected.has(r.id)} onChange={() => toggle(r.id)} aria-label={t('list.select', { number: r.number })} />
                </td>
              )}
              {columns.map((c) => (
                // data-label: the column's name beside its value when the row is a card (phones)
                <td key={c} className={CELL_CLASS[c]} data-column={c} data-label={c === 'number' || c === 'status' ? undefined : t(`record.${c}`)}>
                  {cell(c, r)}
                </td>
              ))}
              {rowActions && <td className="col-act">{rowActions(r)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
