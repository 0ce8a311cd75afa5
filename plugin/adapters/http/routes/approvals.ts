// Approvals: what waits for me, deciding, withdrawing my own request, handing one to a colleague.
import type { Router } from 'express';
import type { Runtime } from '../../../runtime/runtime-api.ts';
import { actorOf } from '../auth.ts';
import * as contract from '../contract/approvals.ts';
import { on } from '../operation-route.ts';
import { orRefuse } from '../reply.ts';
import { queryEnum, queryFlag } from '../request-params.ts';

export function approvalRoutes(router: Router, runtime: Runtime): void {
  on(router, contract.listApprovals, async (req, res) => {
    const filter = { status: queryEnum(req, 'status', contract.APPROVAL_STATUSES), mine: queryFlag(req, 'mine'), decided: queryFlag(req, 'decided') };
    res.json(await runtime.listApprovals(actorOf(res), filter));
  });

  for (const [decision, op] of [['approve', contract.approve], ['reject', contract.reject]] as const) {
    on<{ comment?: string }>(router, op, async (req, res, body) => {
      res.json(orRefuse(await runtime.decideApproval(actorOf(res), req.params.id, decision, body.comment)));
    });
  }

  on(router, contract.previewApproval, async (req, res) => {
    res.json(orRefuse(await runtime.previewApproval(actorOf(res), req.params.id)));
  });

  on<{ comment?: string }>(router, contract.withdrawApproval, async (req, res, body) => {
    res.json(orRefuse(await runtime.withdrawApproval(actorOf(res), req.params.id, body.comment)));
  });

  on<{ to: string; comment?: string }>(router, contract.transferApproval, async (req, res, body) => {
    res.json(orRefuse(await runtime.transferApproval(actorOf(res), req.params.id, body.to, body.comment)));
  });
}
