// Accounting periods (close / reopen) and the snapshots taken before major operations.
import type { Router } from 'express';
import { refuse } from '../../../core/refusals.ts';
import type { Runtime } from '../../../runtime/runtime-api.ts';
import { actorOf } from '../auth.ts';
import * as contract from '../contract/books.ts';
import { on } from '../operation-route.ts';
import { orRefuse } from '../reply.ts';

export function periodRoutes(router: Router, runtime: Runtime): void {
  on(router, contract.listPeriods, async (_req, res) => {
    res.json(await runtime.listPeriods());
  });

  // PUT /api/periods/2026-10 { "closed": true }
  on<{ closed: boolean }>(router, contract.setPeriod, async (req, res, body) => {
    res.json(orRefuse(await runtime.setPeriodClosed(actorOf(res), req.params.period, body.closed)));
  });

  // Restoring is the CLI's job (the server should be stopped); the list tells what there is to restore.
  on(router, contract.snapshots, async (_req, res) => {
    if (!actorOf(res).roles.includes('admin')) orRefuse(refuse('forbidden', '只有管理员可以查看备份。', 'Only administrators see backups.'));
    res.json(await runtime.listSnapshots());
  });
}
