// Approvals: what waits for me, deciding, withdrawing my own request, handing one to a colleague.
import type { Router } from 'express';
import type { Runtime } from '../../../runtime/runtime-api.ts';
import { actorOf } from '../auth.ts';
import { readBody } from '../body.ts';
import { orRefuse } from '../reply.ts';
import { queryEnum, queryFlag } from '../request-params.ts';

const STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;

export function approvalRoutes(router: Router, runtime: Runtime): void {
  router.get('/approvals', async (req, res) => {
    const filter = { status: queryEnum(req, 'status', STATUSES), mine: queryFlag(req, 'mine'), decided: queryFlag(req, 'decided') };
    res.json(await runtime.listApprovals(actorOf(res), filter));
  });

  for (const decision of ['approve', 'reject'] as const) {
    router.post(`/approvals/:id/${decision}`, async (req, res) => {
      const body = readBody<{ comment?: string }>(req, { comment: { type: 'string' } }, { optional: true });
      res.json(orRefuse(await runtime.decideApproval(actorOf(res), req.params.id, decision, body.comment)));
    });
  }

  router.get('/approvals/:id/preview', async (req, res) => {
    res.json(orRefuse(await runtime.previewApproval(actorOf(res), req.params.id)));
  });

  router.post('/approvals/:id/withdraw', async (req, res) => {
    const body = readBody<{ comment?: string }>(req, { comment: { type: 'string' } }, { optional: true });
    res.json(orRefuse(await runtime.withdrawApproval(actorOf(res), req.params.id, body.comment)));
  });

  router.post('/approvals/:id/transfer', async (req, res) => {
    const body = readBody<{ to: string; comment?: string }>(req, {
      to: { type: 'string', required: true },
      comment: { type: 'string' },
    });
    res.json(orRefuse(await runtime.transferApproval(actorOf(res), req.params.id, body.to, body.comment)));
  });
}
