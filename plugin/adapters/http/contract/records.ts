// Records: list, open, create, edit, copy, spreadsheets in and out, and what hangs off one record.
import { file, idParam, ifMatch, jsonBody, object, ok, problems, query, ref, type Operation, type Schema } from './kit.ts';

export const SORT_FIELDS = ['number', 'createdAt', 'updatedAt', 'status', 'amount', 'customer'] as const;
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The filters of a records list; an export takes the same. */
export const LIST_FILTERS: Schema[] = [
  query('template', { type: 'string' }, 'Template id.'),
  query('q', { type: 'string' }, 'Matches the record number and the customer.'),
  query('status', { type: 'string' }, 'One or more states; repeat or comma-separate.'),
  query('includeArchived', { type: 'boolean' }),
  query('from', { type: 'string', format: 'date' }, 'Created on or after.'),
  query('to', { type: 'string', format: 'date' }, 'Created on or before.'),
  query('handler', { type: 'string' }, 'Handler user id.'),
  query('department', { type: 'string' }),
  query('processedBy', { type: 'string' }, 'User id: only the records that person acted on or approved (comments aside), within what the caller may see.'),
  query('sort', { type: 'string', enum: [...SORT_FIELDS] }),
  query('dir', { type: 'string', enum: ['asc', 'desc'] }),
];

const templateQuery = { ...query('template', { type: 'string' }, 'The template of the records in the sheet.'), required: true };

export const listRecords: Operation = {
  method: 'get',
  path: '/api/records',
  summary: 'Records in the caller\'s scope',
  description: 'Archived records are left out unless `status=archived` or `includeArchived=true`.',
  parameters: [...LIST_FILTERS, query('page', { type: 'integer', minimum: 1 }, '1-based.'), query('pageSize', { type: 'integer', minimum: 1, maximum: 500 })],
  responses: { 200: ok('A page', ref('RecordPage')), ...problems(400, 401) },
};

export const createRecord: Operation = {
  method: 'post',
  path: '/api/records',
  summary: 'Create a record',
  requestBody: jsonBody(object({ template: { type: 'string' }, data: { type: 'object' } }, ['template', 'data'])),
  responses: { 201: ok('Created (ETag = version)', ref('Record')), ...problems(400, 401, 403, 404, 413, 422) },
};

export const exportRecords: Operation = {
  method: 'get',
  path: '/api/records/export',
  summary: 'The records a list with these filters shows the caller, as a spreadsheet (xlsx or UTF-8 CSV with a byte-order mark), in the caller\'s language; fields they may not read left out; at most 20,000 rows (X-Export-Truncated says when more matched)',
  parameters: [query('format', { type: 'string', enum: ['xlsx', 'csv'] }, 'Default xlsx.'), ...LIST_FILTERS],
  responses: { 200: file('The file (Content-Disposition: attachment)', [XLSX, 'text/csv']), ...problems(400, 401) },
};

export const importSheet: Operation = {
  method: 'get',
  path: '/api/records/import-template',
  summary: 'An empty sheet to fill for an import: one column per field the caller may enter, headed in their language',
  parameters: [templateQuery],
  responses: { 200: file('The sheet (Content-Disposition: attachment)', [XLSX]), ...problems(400, 401, 404) },
};

export const importRecords: Operation = {
  method: 'post',
  path: '/api/records/import',
  summary: 'Create records from the rows of an Excel sheet: all of them, or none with every refused row and cell named',
  parameters: [templateQuery],
  requestBody: { required: true, description: 'The .xlsx file itself.', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } }, 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
  responses: {
    201: ok('Created', object({ created: { type: 'integer' }, numbers: { type: 'array', items: { type: 'string' } }, ignoredColumns: { type: 'array', items: { type: 'string' } } }, ['created', 'numbers', 'ignoredColumns'])),
    ...problems(400, 401, 403, 404, 413, 422),
  },
};

export const getRecord: Operation = {
  method: 'get',
  path: '/api/records/{id}',
  summary: 'Open a record',
  parameters: [idParam],
  responses: { 200: ok('The record (ETag = version)', ref('Record')), ...problems(401, 404) },
};

export const editRecord: Operation = {
  method: 'patch',
  path: '/api/records/{id}',
  summary: 'Edit a record\'s data',
  parameters: [idParam, ifMatch(true)],
  requestBody: jsonBody(object({ data: { type: 'object' } }, ['data'])),
  responses: { 200: ok('Saved', ref('Record')), ...problems(400, 401, 403, 404, 409, 413, 422) },
};

export const copyDraft: Operation = {
  method: 'get',
  path: '/api/records/{id}/copy',
  summary: 'What a copy would start with, creating nothing: the data (omitted fields left out, dates of today) for the person to look over before saving',
  parameters: [idParam],
  responses: {
    200: ok('The draft', object({ template: { type: 'string' }, data: { type: 'object' }, from: object({ id: { type: 'string' }, number: { type: 'string' } }, ['id', 'number']) }, ['template', 'data', 'from'])),
    ...problems(401, 404, 409),
  },
};

export const copyRecord: Operation = {
  method: 'post',
  path: '/api/records/{id}/copy',
  summary: 'Copy into a new draft: the draft as GET gives it, or `data` as the person changed it',
  parameters: [idParam],
  requestBody: jsonBody(object({ data: { type: 'object' } }), false),
  responses: { 201: ok('The new draft', ref('Record')), ...problems(400, 401, 403, 404, 409, 422) },
};

export const recordHistory: Operation = {
  method: 'get',
  path: '/api/records/{id}/history',
  summary: 'Audit trail, oldest first',
  parameters: [idParam],
  responses: { 200: ok('Entries', { type: 'array', items: ref('AuditEntry') }), ...problems(401, 404) },
};

export const addComment: Operation = {
  method: 'post',
  path: '/api/records/{id}/comments',
  summary: 'Comment on a record (anyone who may see it): an entry in its history with action `comment`; the record\'s data and version stay as they are',
  description: '`text`: 1 to 2,000 characters, trimmed. `@username` or `@姓名` mentions a person, who is notified (kind `comment.mention`). '
    + 'Mentioning nobody known, a name several people share, or someone who may not see the record is refused (422 `validation_failed`, naming them) and nothing is kept.',
  parameters: [idParam],
  requestBody: jsonBody(object({ text: { type: 'string' } }, ['text'])),
  responses: { 201: ok('The history entry', ref('AuditEntry')), ...problems(400, 401, 404, 413, 422) },
};

export const recordStock: Operation = {
  method: 'get',
  path: '/api/records/{id}/stock',
  summary: 'The record\'s stock movements',
  parameters: [idParam],
  responses: { 200: ok('Movements', { type: 'array', items: ref('StockMovement') }), ...problems(401, 404) },
};

export const recordLedger: Operation = {
  method: 'get',
  path: '/api/records/{id}/ledger',
  summary: 'The record\'s ledger entries and balances per account',
  parameters: [idParam],
  responses: {
    200: ok('Ledger', { type: 'object', required: ['entries', 'balances'], properties: { entries: { type: 'array', items: ref('LedgerEntry') }, balances: { type: 'object', additionalProperties: { type: 'number' } } } }),
    ...problems(401, 404),
  },
};
