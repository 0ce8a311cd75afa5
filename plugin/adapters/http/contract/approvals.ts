// Approvals: what waits for me, what I decided, deciding, withdrawing my own request, handing one on.
import { jsonBody, object, ok, pathParam, problems, query, ref, type Operation } from './kit.ts';

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;

const approvalId = pathParam('id', 'Approval id.');
const comment = jsonBody(object({ comment: { type: 'string' } }), false);

export const listApprovals: Operation = {
  method: 'get',
  path: '/api/approvals',
  summary: 'Approvals the caller may decide (or, with mine=1, has requested; with decided=1, has decided)',
  parameters: [query('status', { type: 'string', enum: [...APPROVAL_STATUSES] }), query('mine', { type: 'boolean' }), query('decided', { type: 'boolean' })],
  responses: { 200: ok('Approvals', { type: 'array', items: ref('ApprovalListItem') }), ...problems(400, 401) },
};

const decision = (verb: 'approve' | 'reject'): Operation => ({
  method: 'post',
  path: `/api/approvals/{id}/${verb}`,
  summary: verb === 'approve' ? 'Approve a request: the action runs' : 'Reject a request: nothing runs',
  parameters: [approvalId],
  requestBody: comment,
  responses: {
    200: ok('Decided', object({ approval: ref('Approval'), record: ref('Record') }, ['approval'])),
    ...problems(400, 401, 403, 404, 409, 422),
  },
});

export const approve = decision('approve');
export const reject = decision('reject');

export const withdrawApproval: Operation = {
  method: 'post',
  path: '/api/approvals/{id}/withdraw',
  summary: 'Withdraw my request',
  parameters: [approvalId],
  requestBody: comment,
  responses: { 200: ok('Withdrawn', ref('Approval')), ...problems(400, 401, 403, 404, 409) },
};

export const previewApproval: Operation = {
  method: 'get',
  path: '/api/approvals/{id}/preview',
  summary: 'What approving would do, as the requester\'s preview of the action shows it (approvers and the requester)',
  parameters: [approvalId],
  responses: { 200: ok('The preview', ref('Preview')), ...problems(401, 404) },
};

export const transferApproval: Operation = {
  method: 'post',
  path: '/api/approvals/{id}/transfer',
  summary: 'Hand a request to another approver',
  parameters: [approvalId],
  requestBody: jsonBody(object({ to: { type: 'string' }, comment: { type: 'string' } }, ['to'])),
  responses: { 200: ok('Transferred', ref('Approval')), ...problems(400, 401, 403, 404, 409, 422) },
};
