// Reports and stock levels: read-only views over what the actions left behind.
import type { Router } from 'express';
import type { Runtime } from '../../../runtime/runtime-api.ts';
import { actorOf } from '../auth.ts';
import { orRefuse } from '../reply.ts';
import * as contract from '../contract/books.ts';
import { on } from '../operation-route.ts';
import { queryDate, queryEnum, queryString } from '../request-params.ts';

export function reportRoutes(router: Router, runtime: Runtime): void {
  on(router, contract.cancellationReport, async (req, res) => {
    const query = {
      template: queryString(req, 'template'),
      from: queryDate(req, 'from'),
      to: queryDate(req, 'to'),
      groupBy: queryEnum(req, 'groupBy', contract.GROUP_BY) ?? 'reason',
    };
    res.json(orRefuse(await runtime.cancellationReport(actorOf(res), query)));
  });

  on(router, contract.stockLevels, async (req, res) => {
    res.json(await runtime.stockLevels({ product: queryString(req, 'product'), warehouse: queryString(req, 'warehouse') }));
  });
}
