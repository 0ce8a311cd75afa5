// Reports, stock levels, accounting periods and backups: views over what the actions left behind.
import { file, jsonBody, object, ok, pathParam, problems, query, ref, type Operation } from './kit.ts';
import { XLSX } from './records.ts';

export const GROUP_BY = ['reason', 'customer', 'product', 'month'] as const;

const reportFilters = [
  query('from', { type: 'string', format: 'date' }, 'Cancelled on or after (a day, or an ISO timestamp).'),
  query('to', { type: 'string', format: 'date' }, 'Cancelled on or before.'),
  query('groupBy', { type: 'string', enum: [...GROUP_BY], default: 'reason' }),
  query('template', { type: 'string' }, 'Without it: every template whose records have lines (orders).'),
];

export const cancellationReport: Operation = {
  method: 'get',
  path: '/api/reports/cancellation-reasons',
  summary: 'Cancelled orders grouped, with a total of cancelled records; with `key`, the records behind one row',
  parameters: [...reportFilters, query('key', { type: 'string' }, 'A row\'s key (a reason code, customer, product or YYYY-MM): the answer also lists the records behind that row, in the caller\'s scope.')],
  responses: { 200: ok('Rows and total', ref('CancellationReport')), ...problems(400, 401, 403, 422) },
};

export const cancellationReportExport: Operation = {
  method: 'get',
  path: '/api/reports/cancellation-reasons/export',
  summary: 'The cancellation report with these filters as a spreadsheet (xlsx or UTF-8 CSV with a byte-order mark): one row per group, the total of cancelled records last, headers in the caller\'s language',
  parameters: [
    query('format', { type: 'string', enum: ['xlsx', 'csv'] }, 'Default xlsx.'),
    ...reportFilters,
    query('lang', { type: 'string', enum: ['zh-CN', 'en'] }, 'The language of the headers and reasons; without it, Accept-Language (a download link cannot set headers).'),
  ],
  responses: { 200: file('The file (Content-Disposition: attachment)', [XLSX, 'text/csv']), ...problems(400, 401, 403, 422) },
};

export const stockLevels: Operation = {
  method: 'get',
  path: '/api/stock',
  summary: 'Stock levels',
  parameters: [query('product', { type: 'string' }), query('warehouse', { type: 'string' })],
  responses: { 200: ok('Levels', { type: 'array', items: ref('StockLevel') }), ...problems(401) },
};

export const listPeriods: Operation = {
  method: 'get',
  path: '/api/periods',
  summary: 'The current accounting period, the closed ones and the months with ledger entries',
  responses: {
    200: ok('Periods', object({
      current: { type: 'string', description: 'YYYY-MM' },
      closed: { type: 'array', items: { type: 'string' } },
      known: { type: 'array', items: { type: 'string' }, description: 'Months (YYYY-MM) with ledger entries, in order.' },
    }, ['current', 'closed', 'known'])),
    ...problems(401),
  },
};

export const setPeriod: Operation = {
  method: 'put',
  path: '/api/periods/{period}',
  summary: 'Close or reopen an accounting period (finance manager, admin); nothing is posted into a closed one',
  description: 'Months close in order and reopen in reverse order: closing is refused (409 `conflict`) while an earlier month with ledger entries is open, reopening while a later month is closed; the detail names the month to close or reopen first.',
  parameters: [pathParam('period', 'YYYY-MM')],
  requestBody: jsonBody(object({ closed: { type: 'boolean' } }, ['closed'])),
  responses: { 200: ok('The period as it now stands', object({ period: { type: 'string' }, closed: { type: 'boolean' } }, ['period', 'closed'])), ...problems(400, 401, 403, 409, 422) },
};

export const snapshots: Operation = {
  method: 'get',
  path: '/api/snapshots',
  summary: 'Backups taken before major operations (what they touched) and whole-store snapshots, newest first (admin); restore them with the CLI',
  responses: {
    200: ok('Snapshots', {
      type: 'array',
      items: { type: 'object', required: ['id', 'at', 'label'], properties: { id: { type: 'string' }, at: { type: 'string' }, label: { type: 'string' }, records: { type: 'array', items: { type: 'string' } }, action: { type: 'string', description: 'The action a backup was taken before.' } } },
    }),
    ...problems(401, 403),
  },
};
