// Records as rows (the columns lists and searches use, beside the whole record) and a RecordQuery as SQL with
// the same meaning as the embedded store's: the same filters, visibility, order and pages.
import type { WorkRecord } from '../../../core/types.ts';
import { COMMENT_ACTION } from '../../../core/worked-by.ts';
import type { RecordQuery } from '../../../runtime/ports.ts';
import { dateBound, pageBounds, searchText, templateViews } from '../record-query.ts';

/** The columns of `records` and their types, in the order `recordRow` gives their values. */
export const RECORD_COLUMN_TYPES = {
  id: 'text', number: 'text', template: 'text', template_version: 'integer', status: 'text', version: 'integer',
  handler: 'text', department: 'text', watchers: 'text[]', customer: 'text', amount: 'double precision',
  created_at: 'timestamptz', updated_at: 'timestamptz', number_search: 'text', customer_search: 'text', doc: 'jsonb',
} as const;

export const RECORD_COLUMNS = Object.keys(RECORD_COLUMN_TYPES) as (keyof typeof RECORD_COLUMN_TYPES)[];

/** A record's columns by name; `doc` is the record itself. */
export function recordFields(r: WorkRecord): Record<(typeof RECORD_COLUMNS)[number], unknown> {
  const customer = r.summary?.customer;
  const amount = r.summary?.amount;
  return {
    id: r.id, number: r.number, template: r.template, template_version: r.templateVersion, status: r.status, version: r.version,
    handler: r.handler, department: r.department, watchers: r.watchers, customer: customer ?? null,
    amount: typeof amount === 'number' ? amount : null, created_at: r.createdAt, updated_at: r.updatedAt,
    // What a search (q) compares with, lower-cased as JavaScript does it (the database's lower() follows its locale).
    number_search: r.number.toLowerCase(), customer_search: (customer ?? '').toLowerCase(), doc: r,
  };
}

export function recordRow(r: WorkRecord): unknown[] {
  const fields = recordFields(r);
  return RECORD_COLUMNS.map((c) => (c === 'doc' ? JSON.stringify(fields.doc) : fields[c]));
}

/** A LIKE pattern that matches `text` anywhere, its own % _ and \ taken literally. */
const containing = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const SORT_COLUMNS: Record<NonNullable<RecordQuery['sort']>['field'], string> = {
  number: 'number',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  status: 'status',
  amount: 'amount',
  customer: 'customer',
};

export interface RecordSql {
  /** The page: `SELECT doc …` with `params` then `pageParams`. */
  page: string;
  pageParams: unknown[];
  /** How many records match, with `params`. */
  count: string;
  params: unknown[];
}

export function recordQuerySql(query: RecordQuery): RecordSql {
  const { start, end } = pageBounds(query);
  const params: unknown[] = [];
  const p = (value: unknown): string => `$${params.push(value)}`;
  const conditions: string[] = [];
  if (query.template !== undefined) conditions.push(`template = ${p(query.template)}`);
  if (query.status?.length) conditions.push(`status = ANY(${p(query.status)})`);
  if (query.excludeStatus?.length) conditions.push(`status <> ALL(${p(query.excludeStatus)})`);
  if (query.handler !== undefined) conditions.push(`handler = ${p(query.handler)}`);
  if (query.department !== undefined) conditions.push(`department = ${p(query.department)}`);
  if (query.processedBy !== undefined) conditions.push(workedBySql(p(query.processedBy), p(COMMENT_ACTION)));
  if (query.from !== undefined) conditions.push(`created_at >= ${p(dateBound(query.from, false, 'from'))}`);
  if (query.to !== undefined) conditions.push(`created_at <= ${p(dateBound(query.to, true, 'to'))}`);
  const q = searchText(query.q);
  if (q !== undefined) {
    const pattern = p(containing(q));
    conditions.push(`(number_search LIKE ${pattern} OR customer_search LIKE ${pattern})`);
  }
  const seen = visibleSql(query.visibility, p);
  if (seen) conditions.push(seen);

  const sort = query.sort ?? { field: 'createdAt', dir: 'desc' };
  const dir = sort.dir === 'desc' ? 'DESC' : 'ASC';
  // Records without the value go last whatever the direction; ties fall back to creation order.
  const by = sort.field === 'createdAt' ? [] : [`${SORT_COLUMNS[sort.field]} ${dir} NULLS LAST`];
  const order = [...by, `created_at ${dir}`, `id ${dir}`].join(', ');
  const n = params.length;
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const limit = `ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2}`;
  // A search is run first and its matches sorted: the planner cannot tell how few records a "contains" search
  // matches, and walking the creation-time index instead, to stop at the page's end, read all 100,000 records
  // when the matches were fewer than a page (220 ms against 3 ms).
  const page = q === undefined ? `SELECT doc FROM records ${where} ${limit}` : `WITH matched AS MATERIALIZED (SELECT * FROM records ${where}) SELECT doc FROM matched ${limit}`;
  return { page, pageParams: [end - start, start], count: `SELECT count(*) AS n FROM records ${where}`, params };
}

/**
 * The records a person worked on: core/worked-by.ts's rule (the actor or the approver of an entry, comments aside)
 * written for the audit table, each half served by an index of migration step 3.
 */
function workedBySql(person: string, comment: string): string {
  const mine = (column: string) => `SELECT record_id FROM audit WHERE doc->>'${column}' = ${person} AND doc->>'action' <> ${comment}`;
  return `id IN (${mine('actor')} UNION ${mine('approvedBy')})`;
}

/** Which records the viewer may be shown: what they handle or watch, and their departments' or templates' records. */
function visibleSql(visibility: RecordQuery['visibility'], p: (value: unknown) => string): string | undefined {
  if ('all' in visibility && visibility.all) return undefined;
  const viewer = visibility as { userId: string; departments?: string[]; ownOnly?: boolean; templates?: Record<string, { all: true } | { departments: string[] }> };
  const user = p(viewer.userId);
  const ways = [`handler = ${user}`, `${user} = ANY(watchers)`];
  if (viewer.templates) {
    for (const [id, versions] of templateViews(viewer.templates)) {
      for (const [version, view] of versions) {
        const ofTemplate = `template = ${p(id)} AND template_version = ${p(version)}`;
        ways.push(view === 'all' ? `(${ofTemplate})` : `(${ofTemplate} AND department = ANY(${p([...view])}))`);
      }
    }
  } else if (!viewer.ownOnly && viewer.departments?.length) {
    ways.push(`department = ANY(${p(viewer.departments)})`);
  }
  return `(${ways.join(' OR ')})`;
}
