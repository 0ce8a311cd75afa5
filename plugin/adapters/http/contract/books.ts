// Reports, stock levels, accounting periods and backups: views over what the actions left behind.
import { jsonBody, object, ok, pathParam, problems, query, ref, type Operation } from './kit.ts';

export const GROUP_BY = ['reason', 'customer', 'product', 'month'] as const;

export const cancellationReport: Operation = {
  method: 'get',
  path: '/api/reports/cancellation-reasons',
  summary: 'Cancelled orders grouped',
  parameters: [
    query('from', { type: 'string', format: 'date' }), query('to', { type: 'string', format: 'date' }),
    query('groupBy', { type: 'string', enum: [...GROUP_BY], default: 'reason' }),
    query('template', { type: 'string' }),
  ],
  responses: { 200: ok('Rows', object({ rows: { type: 'array', items: ref('ReportRow') } }, ['rows'])), ...problems(400, 401, 403, 422) },
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
  summary: 'The current accounting period and the closed ones',
  responses: { 200: ok('Periods', object({ current: { type: 'string', description: 'YYYY-MM' }, closed: { type: 'array', items: { type: 'string' } } }, ['current', 'closed'])), ...problems(401) },
};

export const setPeriod: Operation = {
  method: 'put',
  path: '/api/periods/{period}',
  summary: 'Close or reopen an accounting period (finance manager, admin); nothing is posted into a closed one',
  parameters: [pathParam('period', 'YYYY-MM')],
  requestBody: jsonBody(object({ closed: { type: 'boolean' } }, ['closed'])),
  responses: { 200: ok('The period as it now stands', object({ period: { type: 'string' }, closed: { type: 'boolean' } }, ['period', 'closed'])), ...problems(400, 401, 403, 422) },
};

export const snapshots: Operation = {
  method: 'get',
  path: '/api/snapshots',
  summary: 'Backups taken before major operations (what they touched) and whole-store snapshots, newest first (admin); restore them with the CLI',
  responses: {
    200: ok('Snapshots', {
      type: 'array',
      items: { type: 'object', required: ['id', 'at', 'label'], properties: { id: { type: 'string' }, at: { type: 'string' }, label: { type: 'string' }, records: { type: 'array', items: { type: 'string' } } } },
    }),
    ...problems(401, 403),
  },
};
