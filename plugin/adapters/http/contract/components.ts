// The shapes the API speaks in, named once: requests and answers refer to them with $ref.
import { PROBLEMS } from '../problem.ts';
import { ref, type Schema } from './kit.ts';

const labels: Schema = {
  type: 'object',
  required: ['zh-CN', 'en'],
  properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } },
};

/**
 * Answers hold exactly what they say: an object that lists its properties has no others, unless it says so
 * (form data, template bundles). An answer with a field the description lacks is drift, and tests catch it.
 */
function closed<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map(closed) as T;
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === 'properties' ? Object.fromEntries(Object.entries(v as Schema).map(([p, s]) => [p, closed(s)])) : closed(v)]));
  if (out.properties && !('additionalProperties' in out)) out.additionalProperties = false;
  return out as T;
}

const approvalRequired = ['id', 'recordId', 'action', 'status', 'requestedBy', 'requestedAt', 'command', 'recordVersion', 'history'];
const approvalProperties: Record<string, Schema> = {
  id: { type: 'string' }, recordId: { type: 'string' }, action: { type: 'string' },
  status: { type: 'string', enum: ['pending', 'approved', 'rejected', 'withdrawn'] },
  requestedBy: { type: 'string' }, requestedAt: { type: 'string', format: 'date-time' },
  command: { type: 'object', description: 'The command as asked (reason, comment, params), carried out on approval.' },
  recordVersion: { type: 'integer' }, assignee: { type: 'string', description: 'Set when an approver hands the request to one person.' },
  decidedBy: { type: 'string' }, decidedAt: { type: 'string', format: 'date-time' }, comment: { type: 'string' },
  history: {
    type: 'array',
    items: { type: 'object', required: ['at', 'by', 'what'], properties: { at: { type: 'string', format: 'date-time' }, by: { type: 'string' }, what: { type: 'string' }, comment: { type: 'string' } } },
  },
};

export const components: Record<string, Schema> = closed({
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
        enum: Object.keys(PROBLEMS),
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
      roles: { type: 'array', items: { type: 'string' } }, department: { type: ['string', 'null'], description: 'null: in no department.' },
      disabled: { type: 'boolean' }, email: { type: 'string' },
    },
  },
  Department: { type: 'object', required: ['id', 'label'], properties: { id: { type: 'string' }, label: ref('Labels') } },
  TemplateSummary: {
    type: 'object',
    required: ['id', 'version', 'name'],
    properties: {
      id: { type: 'string' }, version: { type: 'integer' }, name: ref('Labels'), description: ref('Labels'),
      appearance: { type: 'object', properties: { icon: { type: 'string' }, color: { type: 'string' } } },
      roles: { type: 'array', items: { type: 'string' }, description: 'The roles its versions know: a user holding none of them works with none of its records.' },
      versions: { type: 'array', items: { type: 'integer' }, description: 'Every installed version, oldest first.' },
    },
  },
  TemplateBundle: {
    type: 'object',
    description: 'A template bundle: forms, states, actions, roles, rules and effects, with its `id` and `version`. Its meta-schema is `schemas/template.schema.json`; a bundle that breaks it is refused with `template_invalid` naming every finding.',
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
      steps: { type: 'array', items: { type: 'string' }, description: 'Actions that run first, in one plan (a cascade).' },
    },
  },
  Record: {
    type: 'object',
    required: ['id', 'number', 'template', 'templateVersion', 'status', 'version', 'data', 'handler', 'department', 'createdAt', 'updatedAt', 'availableActions'],
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
      previousStatus: { type: 'string', description: 'Where the last action came from, for actions that go back to it.' },
      availableActions: { type: 'array', items: ref('AvailableAction'), description: 'What this caller may run now (state, role, scope and guards considered).' },
      pendingApprovals: {
        type: 'array',
        description: 'Requests on this record still waiting for a decision (a record opened alone, not in lists).',
        items: {
          type: 'object',
          required: ['id', 'action', 'actionLabel', 'requesterName', 'requestedAt'],
          properties: { id: { type: 'string' }, action: { type: 'string' }, actionLabel: ref('Labels'), requesterName: { type: 'string' }, requestedAt: { type: 'string', format: 'date-time' } },
        },
      },
    },
  },
  RecordPage: { type: 'object', required: ['items', 'total'], properties: { items: { type: 'array', items: ref('Record') }, total: { type: 'integer' } } },
  AuditEntry: {
    type: 'object',
    required: ['id', 'at', 'actor', 'action', 'from', 'to'],
    properties: {
      id: { type: 'string' }, at: { type: 'string', format: 'date-time' }, actor: { type: 'string' }, actorName: { type: 'string' },
      action: { type: 'string' }, from: { type: ['string', 'null'], description: 'null for the creation.' }, to: { type: ['string', 'null'] }, reason: { type: 'string' }, comment: { type: 'string' },
      changes: { type: 'array', items: { type: 'object', required: ['path'], properties: { path: { type: 'string' }, before: {}, after: {} } } },
      recordId: { type: 'string' },
      approvedBy: { type: 'string', description: 'The approver whose decision let this happen.' },
      asked: { type: 'string', description: 'An approval\'s request or rejection: the action asked for.' },
      automation: { type: 'string', description: 'The automation that did it, when no person did.' },
      mentions: { type: 'array', items: { type: 'string' }, description: 'A comment\'s mentioned people (user ids).' },
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
  Approval: { type: 'object', required: approvalRequired, properties: approvalProperties },
  ApprovalListItem: {
    type: 'object',
    required: [...approvalRequired, 'template', 'templateVersion', 'recordNumber', 'recordStatus', 'requesterName', 'actionLabel'],
    properties: {
      ...approvalProperties,
      template: { type: 'string' }, templateVersion: { type: 'integer' }, recordNumber: { type: 'string' }, recordStatus: { type: 'string' },
      requesterName: { type: 'string' }, actionLabel: ref('Labels'), assigneeName: { type: 'string' },
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
    properties: {
      key: { type: 'string' }, label: ref('Labels'),
      count: { type: 'integer', description: 'Cancelled records in the group; grouped by product, the records naming the product (one record may name several, so rows can add up to more than `total.count`).' },
      amount: { type: 'number', description: 'Their amounts; grouped by product, the amounts of that product\'s lines.' },
    },
  },
  ReportRecord: {
    type: 'object',
    description: 'A cancelled record behind a report row; customer and amount only where the caller may read them.',
    required: ['id', 'number', 'template', 'status', 'at', 'reason'],
    properties: {
      id: { type: 'string' }, number: { type: 'string' }, template: { type: 'string' }, status: { type: 'string' },
      customer: { type: 'string' }, amount: { type: 'number' },
      at: { type: 'string', format: 'date-time', description: 'When it was cancelled.' }, reason: { type: 'string' }, reasonLabel: ref('Labels'),
    },
  },
  CancellationReport: {
    type: 'object',
    required: ['rows', 'total'],
    properties: {
      rows: { type: 'array', items: ref('ReportRow') },
      total: {
        type: 'object',
        required: ['count', 'amount'],
        description: 'Each cancelled record once, with its whole amount, whatever the grouping.',
        properties: { count: { type: 'integer' }, amount: { type: 'number' } },
      },
      records: { type: 'array', items: ref('ReportRecord'), description: 'Only with `key`: the records behind that row, newest cancellation first.' },
    },
  },
});
