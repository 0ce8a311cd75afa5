// Running a template's actions on records: preview, run (done, or waiting for approval), many at once.
import { idParam, ifMatch, jsonBody, object, ok, pathParam, problems, query, ref, type Operation } from './kit.ts';

export const MAX_BULK = 500;

const actionParam = pathParam('action', 'Action name as declared by the template (e.g. `confirm`, `cancel`).');

export const previewAction: Operation = {
  method: 'get',
  path: '/api/records/{id}/actions/{action}/preview',
  summary: 'What running the action would do, changing nothing',
  parameters: [idParam, actionParam, query('reason', { type: 'string' }), query('comment', { type: 'string' }), query('params', { type: 'string' }, 'URL-encoded JSON object.'), ifMatch(false)],
  responses: { 200: ok('Preview', ref('Preview')), ...problems(400, 401, 404) },
};

export const runAction: Operation = {
  method: 'post',
  path: '/api/records/{id}/actions/{action}',
  summary: 'Run an action',
  parameters: [idParam, actionParam, ifMatch(false)],
  requestBody: jsonBody(ref('ActionInput'), false),
  responses: {
    200: ok('Done: the updated record', ref('Record')),
    202: ok('Waiting for approval', object({ approval: ref('Approval') }, ['approval'])),
    ...problems(400, 401, 403, 404, 409, 422),
  },
};

export const bulkAction: Operation = {
  method: 'post',
  path: '/api/records/bulk/{action}',
  summary: 'Run one action on many records',
  parameters: [actionParam],
  requestBody: jsonBody(object({
    ids: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: MAX_BULK },
    reason: { type: 'string' },
    comment: { type: 'string' },
    params: { type: 'object' },
  }, ['ids'])),
  responses: { 200: ok('One result per record', object({ results: { type: 'array', items: ref('BulkResult') } }, ['results'])), ...problems(400, 401) },
};
