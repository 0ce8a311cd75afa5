// Idempotency-Key: a request that changes data, sent again with the same key (a retry after a lost answer),
// gets the first answer again instead of making a second change. The answer is stored durably before it is
// sent, so whoever saw an answer will see the same one on a retry.
import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Runtime } from '../../runtime/runtime-api.ts';
import { actorOf } from './auth.ts';
import { HttpProblem } from './problem.ts';

const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY = /^[\x21-\x7e]{1,255}$/;

const fingerprintOf = (req: Request): string =>
  createHash('sha256').update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`).digest('hex');

export function idempotency(runtime: Runtime): RequestHandler {
  // Requests with the same key in this process wait for the first to answer, then get its answer.
  const inFlight = new Map<string, Promise<void>>();

  return async (req: Request, res: Response, next: NextFunction) => {
    const given = req.get('idempotency-key');
    if (given === undefined || !CHANGING.has(req.method)) return next();
    if (!KEY.test(given))
      throw new HttpProblem('bad_request', {
        'zh-CN': 'Idempotency-Key 须为 1 到 255 个可见 ASCII 字符（例如一个 UUID）。',
        en: 'Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID, say).',
      });
    // Keys belong to the caller: another person's key never replays their answer to you.
    const key = `${actorOf(res).id} ${given}`;
    const fingerprint = fingerprintOf(req);
    while (inFlight.has(key)) await inFlight.get(key);

    const known = await runtime.recallAnswer(key);
    if (known) {
      if (known.fingerprint !== fingerprint)
        throw new HttpProblem('idempotency_key_reused', {
          'zh-CN': '这个 Idempotency-Key 已用于另一个请求；新的请求请换一个新的键。',
          en: 'This Idempotency-Key was already used for a different request; send a new key with a new request.',
        });
      res.set('Idempotent-Replayed', 'true');
      res.status(known.status).type(known.contentType).send(known.body);
      return;
    }

    let settle!: () => void;
    inFlight.set(key, new Promise((resolve) => (settle = resolve)));
    res.once('close', () => {
      inFlight.delete(key);
      settle();
    });
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      // Server faults are not remembered: a retry should be tried again.
      if (res.statusCode >= 500 || (typeof body !== 'string' && !Buffer.isBuffer(body))) return send(body);
      const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
      const contentType = String(res.get('content-type') ?? 'application/json');
      runtime.rememberAnswer({ key, fingerprint, status: res.statusCode, contentType, body: text }).then(
        () => send(body),
        (error: unknown) => {
          res.send = send;
          next(error);
        },
      );
      return res;
    };
    next();
  };
}
