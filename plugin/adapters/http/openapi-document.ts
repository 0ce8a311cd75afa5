// The OpenAPI 3.1 description of every endpoint, written by hand next to the routes it describes.
// Small helpers keep the repeated parts (problems, ids, JSON bodies) from drowning the paths.

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Schema) => ({ 'application/json': { schema } });
const ok = (description: string, schema?: Schema) => (schema ? { description, content: json(schema) } : { description });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const body = (schema: Schema, required = true) => ({ required, content: json(schema) });
const pathParam = (name: string, description: string) => ({ name, in: 'path', required: true, schema: { type: 'string' }, description });
const query = (name: string, schema: Schema, description: string) => ({ name, in: 'query', required: false, schema, description });

const P = {
  400: problem('Malformed JSON, wrong types, unknown or forbidden body fields (`bad_request`).'),
  401: problem('No or bad credentials (`unauthenticated`).'),
  403: problem('The role or the record scope does not allow it (`forbidden`, `read_only`).'),
  404: problem('No such record or template, or outside the caller\'s scope (`not_found`).'),
  409: problem('Stale version (`version_conflict`) or the state does not allow it (`invalid_transition`, `conflict`).'),
  413: problem('Body larger than the limit (`payload_too_large`).'),
  422: problem('Refused by the template: `guard_failed`, `reason_required`, `reason_unknown`, `validation_failed`, `template_invalid`, `stock_insufficient`, `period_closed`.'),
};

const idParam = pathParam('id', 'Record id.');
const actionParam = pathParam('action', 'Action name as declared by the template (e.g. `confirm`, `cancel`).');
const ifMatch = { name: 'If-Match', in: 'header', required: true, schema: { type: 'string' }, description: 'The version the client read: `"3"`, `W/"3"` or `3`.' };

const labels: Schema = {
  type: 'object',
  required: ['zh-CN', 'en'],
  properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } },
};

const schemas: Record<string, Schema> = {
  Labels: labels,
  Problem: {
    type: 'object',
    required: ['type', 'title', 'status', 'detail', 'code'],
    properties: {
      type: { type: 'string', description: 'URI naming the problem type: `urn:order-workflow:problem:<code>`.' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string', description: 'What happened and what to do, in the language of Accept-Language (`en…` → English, otherwise Chinese).' },
      code: {
        type: 'string',
        enum: ['bad_request', 'unauthenticated', 'forbidden', 'read_only', 'not_found', 'invalid_transition', 'version_conflict', 'conflict', 'payload_too_large', 'guard_failed', 'reason_required', 'reason_unknown', 'validation_failed', 'template_invalid', 'stock_insufficient', 'period_closed', 'idempotency_key_reused', 'too_many_attempts', 'store_unavailable', 'store_full', 'internal'],
      },
      errors: { type: 'array', items: ref('Issue') },
    },
  },
  Issue: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string', description: 'JSON pointer.' }, message: { type: 'string' } } },
  User: {
    type: 'object',
    required: ['id', 'name', 'roles'],
    properties: {
      id: { type: 'string' }, username: { type: 'string' }, name: { type: 'string' },
      roles: { type: 'array', items: { type: 'string' } }, department: { type: 'string' },
      disabled: { type: 'boolean' }, email: { type: 'string' },
    },
  },
  Department: { type: 'object', required: ['id', 'label'], properties: { id: { type: 'string' }, label: ref('Labels') } },
  TemplateSummary: {
    type: 'object',
    required: ['id', 'version', 'name'],
    properties: {
      id: { type: 'string' }, version: { type: 'integer' }, name: ref('Labels'), description: ref('Labels'),
      versions: { type: 'array', items: { type: 'integer' }, description: 'Every installed version, oldest first.' },
    },
  },
  TemplateBundle: {
    type: 'object',
    description: 'A template bundle: forms, states, actions, roles, rules, effects. Its meta-schema is `schemas/template.schema.json`.',
    required: ['id', 'version'],
    properties: { id: { type: 'string' }, version: { type: 'integer' } },
    additionalProperties: true,
  },
  TemplateCheck: {
    type: 'object',
    required: ['ok', 'errors', 'warnings'],
    properties: { ok: { type: 'boolean' }, errors: { type: 'array', items: ref('Issue') }, warnings: { type: 'array', items: ref('Issue') } },
  },
  MigrationPreview: {
    type: 'object',
    required: ['template', 'to', 'older', 'byVersion', 'movable', 'blocked', 'blockedCount'],
    properties: {
      template: { type: 'string' },
      to: { type: 'integer' },
      older: { type: 'integer' },
      byVersion: { type: 'object', additionalProperties: { type: 'integer' } },
      movable: { type: 'integer' },
      blocked: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, number: { type: 'string' }, version: { type: 'integer' }, status: { type: 'string' }, problems: { type: 'array', items: ref('Issue') } } } },
      blockedCount: { type: 'integer' },
    },
  },
  RuleTrace: {
    type: 'object',
    required: ['holds', 'conditions'],
    properties: {
      holds: { type: 'boolean' },
      conditions: { type: 'object', description: 'The rule\'s conditions as written (all / any / not); each comparison also carries factResult (the value found) and result.' },
    },
  },
  GalleryItem: {
    type: 'object',
    required: ['id', 'version', 'name', 'installed'],
    properties: {
      id: { type: 'string' }, version: { type: 'integer' }, name: ref('Labels'), description: ref('Labels'),
      installed: { type: 'boolean', description: 'This exact version is installed.' },
      installedVersion: { type: ['integer', 'null'], description: 'Latest installed version of this id, if any.' },
    },
  },
  AvailableAction: {
    type: 'object',
    required: ['name', 'label', 'needsReason', 'needsApproval'],
    properties: {
      name: { type: 'string' }, label: ref('Labels'), needsReason: { type: 'boolean' }, needsApproval: { type: 'boolean' },
      danger: { type: 'boolean' },
      reasons: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, label: ref('Labels') } } },
      params: { type: 'object', description: 'JSON Schema of the action\'s params.' },
    },
  },
  RecordListItem: {
    type: 'object',
    required: ['id', 'number', 'template', 'templateVersion', 'status', 'version', 'data', 'handler', 'department', 'createdAt', 'updatedAt'],
    properties: {
      id: { type: 'string' }, number: { type: 'string' }, template: { type: 'string' }, templateVersion: { type: 'integer' },
      status: { type: 'string' }, version: { type: 'integer' },
      data: { type: 'object', description: 'The form data; fields the caller may not read are left out.' },
      handler: { type: 'string' }, handlerName: { type: 'string' }, department: { type: 'string' }, departmentLabel: { type: 'string' },
      watchers: { type: 'array', items: { type: 'string' }, description: 'Earlier handlers: they keep read-only access.' },
      summary: { type: 'object', properties: { customer: { type: 'string' }, contact: { type: 'string' }, amount: { type: 'number' } } },
      editable: { type: 'array', items: { type: 'string' }, description: 'JSON pointers the caller may write now; empty = read-only.' },
      createdBy: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' },
      copiedFrom: { type: 'string' },
    },
  },
  Record: {
    allOf: [
      ref('RecordListItem'),
      {
        type: 'object',
        required: ['availableActions'],
        properties: { availableActions: { type: 'array', items: ref('AvailableAction'), description: 'What this caller may run now (state, role, scope and guards considered).' } },
      },
    ],
  },
  RecordPage: { type: 'object', required: ['items', 'total'], properties: { items: { type: 'array', items: ref('Record') }, total: { type: 'integer' } } },
  AuditEntry: {
    type: 'object',
    required: ['at', 'actor', 'action'],
    properties: {
      id: { type: 'string' }, at: { type: 'string', format: 'date-time' }, actor: { type: 'string' }, actorName: { type: 'string' },
      action: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, reason: { type: 'string' }, comment: { type: 'string' },
      changes: { type: 'array', items: { type: 'object', required: ['path'], properties: { path: { type: 'string' }, before: {}, after: {} } } },
      onBehalfOf: { type: 'string' },
    },
  },
  StockMovement: {
    type: 'object',
    required: ['id', 'product', 'warehouse', 'onHand', 'reserved', 'at'],
    properties: {
      id: { type: 'string' }, recordId: { type: 'string' }, product: { type: 'string' }, warehouse: { type: 'string' },
      onHand: { type: 'number' }, reserved: { type: 'number' }, at: { type: 'string', format: 'date-time' }, note: { type: 'string' },
    },
  },
  StockLevel: {
    type: 'object',
    required: ['product', 'warehouse', 'onHand', 'reserved', 'available'],
    properties: { product: { type: 'string' }, warehouse: { type: 'string' }, onHand: { type: 'number' }, reserved: { type: 'number' }, available: { type: 'number' } },
  },
  LedgerEntry: {
    type: 'object',
    required: ['id', 'recordId', 'account', 'amount', 'period', 'at'],
    properties: {
      id: { type: 'string' }, recordId: { type: 'string' }, account: { type: 'string' }, amount: { type: 'number' },
      period: { type: 'string', description: 'YYYY-MM' }, at: { type: 'string', format: 'date-time' },
      reverses: { type: 'string' }, matches: { type: 'array', items: { type: 'string' } }, documentId: { type: 'string' }, memo: { type: 'string' },
    },
  },
  ActionInput: {
    type: 'object',
    additionalProperties: false,
    properties: {
      reason: { type: 'string', description: 'A reason code from the action\'s reason list.' },
      comment: { type: 'string' },
      params: { type: 'object', description: 'Validated against the action\'s params schema.' },
      version: { type: 'integer', description: 'The version the caller read; If-Match works too.' },
    },
  },
  Preview: {
    type: 'object',
    required: ['allowed', 'needsApproval', 'from', 'to', 'effects'],
    properties: {
      allowed: { type: 'boolean' }, code: { type: 'string' }, message: ref('Labels'), reasons: { type: 'array', items: ref('Labels') },
      needsApproval: { type: 'boolean' }, approvers: { type: 'array', items: {} }, from: { type: 'string' }, to: { type: 'string' },
      effects: {
        type: 'array',
        items: {
          type: 'object',
          required: ['kind', 'text'],
          properties: { kind: { type: 'string', enum: ['state', 'stock', 'ledger', 'notify', 'assign', 'set', 'approval', 'snapshot', 'step'] }, text: ref('Labels') },
          additionalProperties: true,
        },
      },
    },
  },
  Approval: {
    type: 'object',
    required: ['id', 'recordId', 'action', 'status', 'requestedBy', 'requestedAt'],
    properties: {
      id: { type: 'string' }, recordId: { type: 'string' }, action: { type: 'string' },
      status: { type: 'string', enum: ['pending', 'approved', 'rejected', 'withdrawn'] },
      requestedBy: { type: 'string' }, requestedAt: { type: 'string', format: 'date-time' }, command: { type: 'object' },
      recordVersion: { type: 'integer' }, assignee: { type: 'string' }, decidedBy: { type: 'string' }, decidedAt: { type: 'string' },
      comment: { type: 'string' }, history: { type: 'array', items: { type: 'object' } },
    },
  },
  BulkResult: {
    type: 'object',
    required: ['id', 'ok', 'status'],
    properties: {
      id: { type: 'string' }, ok: { type: 'boolean' }, status: { type: 'integer', description: 'What the single call would have answered.' },
      code: { type: 'string' }, message: ref('Labels'), record: ref('Record'), approval: ref('Approval'),
    },
  },
  Notification: {
    type: 'object',
    required: ['id', 'kind', 'title', 'at', 'read'],
    properties: {
      id: { type: 'string' }, recordId: { type: 'string' }, kind: { type: 'string' },
      title: { type: 'string', description: 'In the language of Accept-Language when both are known.' }, titles: ref('Labels'),
      body: { type: 'string', description: 'In the language of Accept-Language when both are known.' }, bodies: ref('Labels'),
      at: { type: 'string', format: 'date-time' }, read: { type: 'boolean' },
    },
  },
  ReportRow: {
    type: 'object',
    required: ['key', 'count', 'amount'],
    properties: { key: { type: 'string' }, label: ref('Labels'), count: { type: 'integer' }, amount: { type: 'number' } },
  },
};

const userBody: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'name', 'password', 'roles'],
  properties: {
    username: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } }, department: { type: ['string', 'null'] }, email: { type: 'string' },
  },
};

const commentBody: Schema = { type: 'object', additionalProperties: false, properties: { comment: { type: 'string' } } };

/** The embedded store's size on disk and its ceiling (STORE_MAX_MB); writes that would pass it answer 507 store_full. */
const storeSize: Schema = {
  type: 'object',
  properties: { bytes: { type: 'integer' }, limitBytes: { type: 'integer' }, used: { type: 'number', description: 'bytes ÷ limitBytes' } },
};

const paths: Record<string, Record<string, unknown>> = {
  '/api/health': {
    get: {
      summary: 'Liveness check: 503 when the store can no longer be trusted (a write failed and could not be read back)',
      security: [],
      responses: {
        200: ok('Up', { type: 'object', properties: { status: { const: 'ok' }, store: storeSize } }),
        503: ok('The store is unavailable; the reason says why', { type: 'object', properties: { status: { const: 'unavailable' }, reason: { type: 'string' }, store: storeSize } }),
      },
    },
  },
  '/api/openapi.json': {
    get: { summary: 'This document', security: [], responses: { 200: ok('OpenAPI 3.1', { type: 'object' }) } },
  },
  '/api/session': {
    post: {
      summary: 'Sign in',
      security: [],
      requestBody: body({ type: 'object', additionalProperties: false, required: ['username', 'password'], properties: { username: { type: 'string' }, password: { type: 'string' } } }),
      responses: {
        200: ok('Signed in; the token also comes as the `ow_token` cookie', { type: 'object', required: ['token', 'user'], properties: { token: { type: 'string' }, user: ref('User') } }),
        400: P[400], 401: P[401],
      },
    },
    delete: { summary: 'Sign out', responses: { 204: ok('Signed out'), 401: P[401] } },
  },
  '/api/me': { get: { summary: 'The current user', responses: { 200: ok('Me', ref('User')), 401: P[401] } } },
  '/api/users': {
    get: {
      summary: 'Search people (e.g. for the reassign dialog)',
      parameters: [query('q', { type: 'string' }, 'Matches username or name.'), query('department', { type: 'string' }, ''), query('role', { type: 'string' }, '')],
      responses: { 200: ok('People', { type: 'array', items: ref('User') }), 401: P[401] },
    },
    post: { summary: 'Create a user (admin)', requestBody: body(userBody), responses: { 201: ok('Created', ref('User')), 400: P[400], 401: P[401], 403: P[403], 409: P[409], 422: P[422] } },
  },
  '/api/users/{id}': {
    patch: {
      summary: 'Change a user (admin)',
      parameters: [pathParam('id', 'User id.')],
      requestBody: body({
        type: 'object', additionalProperties: false,
        properties: { name: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } }, department: { type: ['string', 'null'] }, disabled: { type: 'boolean' }, password: { type: 'string' }, email: { type: 'string' } },
      }),
      responses: { 200: ok('Changed', ref('User')), 400: P[400], 401: P[401], 403: P[403], 404: P[404], 422: P[422] },
    },
  },
  '/api/departments': { get: { summary: 'Departments', responses: { 200: ok('Departments', { type: 'array', items: ref('Department') }), 401: P[401] } } },
  '/api/templates': {
    get: { summary: 'Installed templates, latest version of each', responses: { 200: ok('Templates', { type: 'array', items: ref('TemplateSummary') }), 401: P[401] } },
    post: {
      summary: 'Install a template bundle (admin)',
      description: 'The same id and version again changes nothing (200); a new version installs beside the old one.',
      requestBody: body(ref('TemplateBundle')),
      responses: {
        201: ok('Installed', { type: 'object', properties: { id: { type: 'string' }, version: { type: 'integer' } } }),
        200: ok('Already installed; nothing changed', { type: 'object', properties: { id: { type: 'string' }, version: { type: 'integer' } } }),
        400: P[400], 401: P[401], 403: P[403], 409: P[409], 413: P[413], 422: P[422],
      },
    },
  },
  '/api/templates/validate': {
    post: { summary: 'Check a bundle without installing it (admin)', requestBody: body(ref('TemplateBundle')), responses: { 200: ok('Findings', ref('TemplateCheck')), 400: P[400], 401: P[401], 403: P[403] } },
  },
  '/api/templates/try-rule': {
    post: {
      summary: 'Try a rule of a drafted template on one of its records (admin): whether it holds, and each comparison with the value found',
      requestBody: body({ type: 'object', required: ['template', 'rule', 'record'], properties: { template: ref('TemplateBundle'), rule: { type: 'string' }, record: { type: 'string' } } }),
      responses: { 200: ok('The result and its reason', ref('RuleTrace')), 400: P[400], 401: P[401], 403: P[403], 404: P[404], 422: P[422] },
    },
  },
  '/api/templates/{id}': {
    get: {
      summary: 'A template as installed',
      parameters: [pathParam('id', 'Template id.'), query('version', { type: 'integer', minimum: 1 }, 'Another installed version; default the latest.')],
      responses: { 200: ok('The bundle', ref('TemplateBundle')), 401: P[401], 404: P[404] },
    },
  },
  '/api/templates/{id}/migration': {
    get: {
      summary: 'What moving records on older versions to the newest version would do (admin): counts per version, and the records that cannot move with the reasons',
      parameters: [pathParam('id', 'Template id.')],
      responses: { 200: ok('The preview', ref('MigrationPreview')), 401: P[401], 403: P[403], 404: P[404] },
    },
    post: {
      summary: 'Move up to `limit` (default and at most 500) records the newest version accepts as they are onto it (admin); each gets a history entry',
      parameters: [pathParam('id', 'Template id.')],
      requestBody: body({ type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 500 } } }),
      responses: { 200: ok('Moved, and how many movable records remain', { type: 'object', required: ['moved', 'remaining'], properties: { moved: { type: 'integer' }, remaining: { type: 'integer' } } }), 400: P[400], 401: P[401], 403: P[403], 404: P[404], 409: P[409] },
    },
  },
  '/api/gallery': { get: { summary: 'Prebuilt templates shipped with the product', responses: { 200: ok('Gallery', { type: 'array', items: ref('GalleryItem') }), 401: P[401] } } },
  '/api/gallery/{id}/import': {
    post: {
      summary: 'Install a prebuilt template (admin)',
      parameters: [pathParam('id', 'Gallery template id.')],
      responses: { 201: ok('Installed', { type: 'object' }), 200: ok('Already installed', { type: 'object' }), 401: P[401], 403: P[403], 404: P[404], 422: P[422] },
    },
  },
  '/api/records/export': {
    get: {
      summary: 'The records a list with these filters shows the caller, as a spreadsheet (xlsx or UTF-8 CSV with a byte-order mark), in the caller\'s language; fields they may not read left out; at most 20,000 rows (X-Export-Truncated says when more matched)',
      parameters: [query('format', { type: 'string', enum: ['xlsx', 'csv'] }, 'Default xlsx.'), query('template', { type: 'string' }, 'The template whose fields become columns.'), query('q', { type: 'string' }, 'As in the list.'), query('status', { type: 'string' }, 'As in the list.')],
      responses: { 200: { description: 'The file (Content-Disposition: attachment)' }, 400: P[400], 401: P[401] },
    },
  },
  '/api/records': {
    get: {
      summary: 'Records in the caller\'s scope',
      description: 'Archived records are left out unless `status=archived` or `includeArchived=true`.',
      parameters: [
        query('template', { type: 'string' }, 'Template id.'),
        query('q', { type: 'string' }, 'Matches the record number and the customer.'),
        query('status', { type: 'string' }, 'One or more states; repeat or comma-separate.'),
        query('includeArchived', { type: 'boolean' }, ''),
        query('from', { type: 'string', format: 'date' }, 'Created on or after.'),
        query('to', { type: 'string', format: 'date' }, 'Created on or before.'),
        query('handler', { type: 'string' }, 'Handler user id.'),
        query('department', { type: 'string' }, ''),
        query('sort', { type: 'string', enum: ['number', 'createdAt', 'updatedAt', 'status', 'amount', 'customer'] }, ''),
        query('dir', { type: 'string', enum: ['asc', 'desc'] }, ''),
        query('page', { type: 'integer', minimum: 1 }, '1-based.'),
        query('pageSize', { type: 'integer', minimum: 1, maximum: 500 }, ''),
      ],
      responses: { 200: ok('A page', ref('RecordPage')), 400: P[400], 401: P[401] },
    },
    post: {
      summary: 'Create a record',
      requestBody: body({ type: 'object', additionalProperties: false, required: ['template', 'data'], properties: { template: { type: 'string' }, data: { type: 'object' } } }),
      responses: { 201: ok('Created (ETag = version)', ref('Record')), 400: P[400], 401: P[401], 403: P[403], 404: P[404], 413: P[413], 422: P[422] },
    },
  },
  '/api/records/bulk/{action}': {
    post: {
      summary: 'Run one action on many records',
      parameters: [actionParam],
      requestBody: body({
        type: 'object', additionalProperties: false, required: ['ids'],
        properties: { ids: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 500 }, reason: { type: 'string' }, comment: { type: 'string' }, params: { type: 'object' } },
      }),
      responses: { 200: ok('One result per record', { type: 'object', properties: { results: { type: 'array', items: ref('BulkResult') } } }), 400: P[400], 401: P[401] },
    },
  },
  '/api/records/{id}': {
    get: { summary: 'Open a record', parameters: [idParam], responses: { 200: ok('The record (ETag = version)', ref('Record')), 401: P[401], 404: P[404] } },
    patch: {
      summary: 'Edit a record\'s data',
      parameters: [idParam, ifMatch],
      requestBody: body({ type: 'object', additionalProperties: false, required: ['data'], properties: { data: { type: 'object' } } }),
      responses: { 200: ok('Saved', ref('Record')), 400: P[400], 401: P[401], 403: P[403], 404: P[404], 409: P[409], 413: P[413], 422: P[422] },
    },
  },
  '/api/records/{id}/history': {
    get: { summary: 'Audit trail, oldest first', parameters: [idParam], responses: { 200: ok('Entries', { type: 'array', items: ref('AuditEntry') }), 401: P[401], 404: P[404] } },
  },
  '/api/records/{id}/stock': {
    get: { summary: 'The record\'s stock movements', parameters: [idParam], responses: { 200: ok('Movements', { type: 'array', items: ref('StockMovement') }), 401: P[401], 404: P[404] } },
  },
  '/api/records/{id}/ledger': {
    get: {
      summary: 'The record\'s ledger entries and balances per account',
      parameters: [idParam],
      responses: { 200: ok('Ledger', { type: 'object', properties: { entries: { type: 'array', items: ref('LedgerEntry') }, balances: { type: 'object', additionalProperties: { type: 'number' } } } }), 401: P[401], 404: P[404] },
    },
  },
  '/api/records/{id}/copy': {
    post: { summary: 'Copy into a new draft', parameters: [idParam], responses: { 201: ok('The new draft', ref('Record')), 401: P[401], 403: P[403], 404: P[404], 409: P[409] } },
  },
  '/api/records/{id}/actions/{action}/preview': {
    get: {
      summary: 'What running the action would do, changing nothing',
      parameters: [idParam, actionParam, query('reason', { type: 'string' }, ''), query('comment', { type: 'string' }, ''), query('params', { type: 'string' }, 'URL-encoded JSON object.')],
      responses: { 200: ok('Preview', ref('Preview')), 400: P[400], 401: P[401], 404: P[404] },
    },
  },
  '/api/records/{id}/actions/{action}': {
    post: {
      summary: 'Run an action',
      parameters: [idParam, actionParam, { ...ifMatch, required: false }],
      requestBody: body(ref('ActionInput'), false),
      responses: {
        200: ok('Done: the updated record', ref('Record')),
        202: ok('Waiting for approval', { type: 'object', required: ['approval'], properties: { approval: ref('Approval') } }),
        400: P[400], 401: P[401], 403: P[403], 404: P[404], 409: P[409], 422: P[422],
      },
    },
  },
  '/api/approvals': {
    get: {
      summary: 'Approvals the caller may decide (or, with mine=1, has requested)',
      parameters: [query('status', { type: 'string', enum: ['pending', 'approved', 'rejected', 'withdrawn'] }, ''), query('mine', { type: 'boolean' }, '')],
      responses: { 200: ok('Approvals', { type: 'array', items: ref('Approval') }), 400: P[400], 401: P[401] },
    },
  },
  ...Object.fromEntries(
    (['approve', 'reject', 'withdraw'] as const).map((verb) => [
      `/api/approvals/{id}/${verb}`,
      {
        post: {
          summary: verb === 'withdraw' ? 'Withdraw my request' : `${verb[0].toUpperCase()}${verb.slice(1)} a request`,
          parameters: [pathParam('id', 'Approval id.')],
          requestBody: body(commentBody, false),
          responses: {
            200: ok('Decided', verb === 'withdraw' ? ref('Approval') : { type: 'object', properties: { approval: ref('Approval'), record: ref('Record') } }),
            400: P[400], 401: P[401], 403: P[403], 404: P[404], 409: P[409], 422: P[422],
          },
        },
      },
    ]),
  ),
  '/api/approvals/{id}/preview': {
    get: {
      summary: 'What approving would do, as the requester\'s preview of the action shows it (approvers and the requester)',
      parameters: [pathParam('id', 'Approval id.')],
      responses: { 200: ok('The preview', ref('Preview')), 401: P[401], 404: P[404] },
    },
  },
  '/api/approvals/{id}/transfer': {
    post: {
      summary: 'Hand a request to another approver',
      parameters: [pathParam('id', 'Approval id.')],
      requestBody: body({ type: 'object', additionalProperties: false, required: ['to'], properties: { to: { type: 'string' }, comment: { type: 'string' } } }),
      responses: { 200: ok('Transferred', ref('Approval')), 400: P[400], 401: P[401], 403: P[403], 404: P[404], 409: P[409] },
    },
  },
  '/api/notifications': {
    get: {
      summary: 'The caller\'s notifications, newest first',
      responses: { 200: ok('Inbox', { type: 'object', properties: { items: { type: 'array', items: ref('Notification') }, unread: { type: 'integer' } } }), 401: P[401] },
    },
  },
  '/api/notifications/read': {
    post: {
      summary: 'Mark notifications read',
      requestBody: body({ type: 'object', additionalProperties: false, properties: { ids: { type: 'array', items: { type: 'string' } }, all: { type: 'boolean' } } }),
      responses: { 204: ok('Marked'), 400: P[400], 401: P[401] },
    },
  },
  '/api/stock': {
    get: {
      summary: 'Stock levels',
      parameters: [query('product', { type: 'string' }, ''), query('warehouse', { type: 'string' }, '')],
      responses: { 200: ok('Levels', { type: 'array', items: ref('StockLevel') }), 401: P[401] },
    },
  },
  '/api/reports/cancellation-reasons': {
    get: {
      summary: 'Cancelled orders grouped',
      parameters: [
        query('from', { type: 'string', format: 'date' }, ''), query('to', { type: 'string', format: 'date' }, ''),
        query('groupBy', { type: 'string', enum: ['reason', 'customer', 'product', 'month'], default: 'reason' }, ''),
        query('template', { type: 'string' }, ''),
      ],
      responses: { 200: ok('Rows', { type: 'object', properties: { rows: { type: 'array', items: ref('ReportRow') } } }), 400: P[400], 401: P[401], 403: P[403] },
    },
  },
  '/api/periods': {
    get: {
      summary: 'The current accounting period and the closed ones',
      responses: { 200: ok('Periods', { type: 'object', properties: { current: { type: 'string' }, closed: { type: 'array', items: { type: 'string' } } } }), 401: P[401] },
    },
  },
  '/api/periods/{period}': {
    put: {
      summary: 'Close or reopen an accounting period (finance manager, admin); nothing is posted into a closed one',
      parameters: [pathParam('period', 'YYYY-MM')],
      requestBody: body({ type: 'object', required: ['closed'], additionalProperties: false, properties: { closed: { type: 'boolean' } } }),
      responses: { 200: ok('Period'), 400: P[400], 401: P[401], 403: P[403], 422: P[422] },
    },
  },
  '/api/snapshots': {
    get: {
      summary: 'Backups taken before major operations (what they touched) and whole-store snapshots, newest first (admin); restore them with the CLI',
      responses: {
        200: ok('Snapshots', {
          type: 'array',
          items: { type: 'object', required: ['id', 'at', 'label'], properties: { id: { type: 'string' }, at: { type: 'string' }, label: { type: 'string' }, records: { type: 'array', items: { type: 'string' } } } },
        }),
        401: P[401],
        403: P[403],
      },
    },
  },
};

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Order workflow API',
    version: '0.1.0',
    description: 'Templates declare forms, states, actions, rules and effects; this API lists, opens, edits and moves records through them. Errors are RFC 9457 problem+json with a stable `code`.',
  },
  servers: [{ url: '/' }],
  security: [{ bearer: [] }, { cookie: [] }],
  components: {
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'Token from POST /api/session.' },
      cookie: { type: 'apiKey', in: 'cookie', name: 'ow_token' },
    },
    schemas,
  },
  paths,
} as const;
