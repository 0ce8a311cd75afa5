// A record-list query kept in the URL, so a filtered, sorted page can be bookmarked and survives "back".
import { useCallback, useMemo } from 'react';
import { useUrlParams } from '../lib/use-url-params';

export interface RecordQuery {
  template?: string;
  q?: string;
  status?: string[];
  from?: string;
  to?: string;
  handler?: string;
  department?: string;
  /** A user id: only the records that person worked on ("processed by me"). */
  processedBy?: string;
  sort: string;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export const DEFAULT_QUERY: RecordQuery = { sort: 'createdAt', dir: 'desc', page: 1, pageSize: 20 };

export function useRecordQuery(defaults: Partial<RecordQuery> = {}) {
  const [params, patchParams] = useUrlParams();
  const query: RecordQuery = useMemo(() => {
    const d = { ...DEFAULT_QUERY, ...defaults };
    const status = params.get('status');
    return {
      template: params.get('template') ?? d.template,
      q: params.get('q') ?? undefined,
      status: status ? status.split(',').filter(Boolean) : d.status,
      from: params.get('from') ?? undefined,
      to: params.get('to') ?? undefined,
      handler: params.get('handler') ?? undefined,
      department: params.get('department') ?? undefined,
      processedBy: params.get('processedBy') ?? undefined,
      sort: params.get('sort') ?? d.sort,
      dir: params.get('dir') === 'asc' ? 'asc' : params.get('dir') === 'desc' ? 'desc' : d.dir,
      page: Math.max(1, Number(params.get('page')) || d.page),
      pageSize: Number(params.get('pageSize')) || d.pageSize,
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params]);

  const update = useCallback(
    (patch: Partial<RecordQuery>, resetPage = true) => {
      patchParams((next) => {
        for (const [k, v] of Object.entries(patch)) {
          const s = Array.isArray(v) ? v.join(',') : v === undefined || v === null ? '' : String(v);
          if (s) next.set(k, s);
          else next.delete(k);
        }
        if (resetPage && !('page' in patch)) next.delete('page');
      });
    },
    [patchParams],
  );

  return { query, update };
}

/** The query string GET /api/records understands. */
export function toSearch(q: RecordQuery, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  if (q.template) p.set('template', q.template);
  if (q.q) p.set('q', q.q);
  if (q.status?.length) p.set('status', q.status.join(','));
  if (q.from) p.set('from', dayEdge(q.from, 'start'));
  if (q.to) p.set('to', dayEdge(q.to, 'end'));
  if (q.handler) p.set('handler', q.handler);
  if (q.department) p.set('department', q.department);
  if (q.processedBy) p.set('processedBy', q.processedBy);
  p.set('sort', q.sort);
  p.set('dir', q.dir);
  p.set('page', String(q.page));
  p.set('pageSize', String(q.pageSize));
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}

/** A date picked in the reader's time zone, as the instant its day starts or ends. */
export function dayEdge(d: string, edge: 'start' | 'end'): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return d;
  const local = new Date(`${d}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}`);
  return Number.isNaN(local.getTime()) ? d : local.toISOString();
}
