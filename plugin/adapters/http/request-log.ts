// One structured log line per API request (pino): a request id (the caller's X-Request-Id when it is a sane
// one, else a new one, echoed back), method, path, status, time; the signed-in actor; for a change, the action
// and the record. Secrets never reach the log: tokens, cookies and passwords are redacted or never logged.
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** For a request that changed something: the route, the action run, the record it was about. */
function changeOf(req: Request, res: Response): Record<string, unknown> | undefined {
  // asked again when the answer is done: before routing there is nothing to say yet
  if (!CHANGES.has(req.method) || !req.route || res.statusCode >= 400) return undefined;
  const record = res.locals.record as { id: string; number: string; version: number } | undefined;
  const params = (req.params ?? {}) as Record<string, string | undefined>;
  return {
    route: (req.route as { path?: string } | undefined)?.path,
    ...(params.action ? { action: params.action } : {}),
    ...(record ? { record: record.id, number: record.number, version: record.version } : params.id ? { target: params.id } : {}),
  };
}

export function requestLog(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // 4xx are answers (refusals name what to fix), not faults of the server
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    customProps: (req, res) => {
      const out: Record<string, unknown> = {};
      const actor = (res as Response).locals?.actor as { id?: string } | undefined;
      if (actor?.id) out.actor = actor.id;
      const change = changeOf(req as Request, res as Response);
      if (change) out.change = change;
      return out;
    },
    serializers: {
      // method and path only: query strings may carry search words, bodies personal data
      req: (req: Request & { raw?: Request }) => ({ id: req.id, method: req.method, path: (req.url ?? '').split('?')[0] }),
      res: (res: Response) => ({ statusCode: res.statusCode }),
    },
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
  });
}
