// Which columns a records list shows, and what a record is called, from the templates of the records it shows.
import type { Labels, ListColumn, Template } from '../../../plugin/core/types';

/** Every column a list knows, in the order a list of several templates shows them. */
export const LIST_COLUMNS: readonly ListColumn[] = ['number', 'customer', 'amount', 'status', 'handler', 'department', 'createdAt', 'updatedAt'];

type ColumnSource = Pick<Template, 'summary' | 'list'>;

/**
 * One template's columns: its `list.columns` when it names them (with the number first, the record's link), else
 * every column less customer and amount when its summary has none (a settlement has neither).
 */
export function templateColumns(template: ColumnSource): ListColumn[] {
  const named = template.list?.columns;
  if (named?.length) return ['number', ...named.filter((c) => c !== 'number')];
  return LIST_COLUMNS.filter((c) => (c === 'customer' ? !!template.summary?.customer : c === 'amount' ? !!template.summary?.amount : true));
}

/**
 * The columns of a list showing records of these templates: one template's own order, or the union of several in
 * the usual order. No template known yet (still loading): every column, as before there were settings.
 */
export function listColumns(templates: readonly ColumnSource[], leaveOut: readonly ListColumn[] = []): ListColumn[] {
  const wanted =
    templates.length === 0
      ? [...LIST_COLUMNS]
      : templates.length === 1
        ? templateColumns(templates[0])
        : LIST_COLUMNS.filter((c) => templates.some((t) => templateColumns(t).includes(c)));
  return wanted.filter((c) => c === 'number' || !leaveOut.includes(c));
}

/** What one record of the template is called ("结算单", "settlement"): its noun, else its name. */
export function recordNoun(template: Pick<Template, 'name' | 'noun'>): Labels {
  return template.noun ?? template.name;
}
