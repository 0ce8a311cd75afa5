// Accounting periods (close / reopen) and the snapshots taken before major operations.
import type { Router } from 'express';
import { refuse } from '../../../core/refusals.ts';
import type { Runtime } from '../../../runtime/runtime-api.ts';
import { actorOf } from '../auth.ts';
import { readBody } from '../body.ts';
import { orRefuse } from '../reply.ts';

export function periodRoutes(router: Router, runtime: Runtime): void {
  router.get('/periods', async (_req, res) => {
    res.json(await runtime.listPeriods());
  });

  // PUT /api/periods/2026-10 { "closed": true }
  router.put('/periods/:period', async (req, res) => {
    const body = readBody<{ closed: boolean }>(req, { closed: { type: 'boolean', required: true } });
    res.json(orRefuse(await runtime.setPeriodClosed(actorOf(res), req.params.period, body.closed)));
  });

  // Restoring is the CLI's job (the server should be stopped); the list tells what there is to restore.
  router.get('/snapshots', async (_req, res) => {
    if (!actorOf(res).roles.includes('admin')) orRefuse(refuse('forbidden', '只有管理员可以查看备份。', 'Only administrators see backups.'));
    res.json(await runtime.listSnapshots());
  });
}
