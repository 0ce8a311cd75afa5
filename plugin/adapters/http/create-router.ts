// The plugin's HTTP face: every endpoint under /api, problem+json for every refusal.
import express, { type Router } from 'express';
import type { Logger } from 'pino';
import type { Runtime } from '../../runtime/runtime-api.ts';
import { answerCheck } from './answer-check.ts';
import { authenticate } from './auth.ts';
import { checkedJson } from './body.ts';
import { createErrorHandler, notFoundHandler } from './error-handler.ts';
import { fileGallery, type Gallery } from './gallery.ts';
import { idempotency } from './idempotency.ts';
import { requestLog } from './request-log.ts';
import { signInLimits, type SignInLimits } from './sign-in-limits.ts';
import { actionRoutes } from './routes/actions.ts';
import { approvalRoutes } from './routes/approvals.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { openApiRoutes } from './routes/openapi.ts';
import { periodRoutes } from './routes/periods.ts';
import { recordRoutes } from './routes/records.ts';
import { reportRoutes } from './routes/reports.ts';
import { publicSessionRoutes, sessionRoutes } from './routes/session.ts';
import { templateRoutes } from './routes/templates.ts';
import { userRoutes } from './routes/users.ts';

export interface RouterOptions {
  /** Largest JSON body accepted (express/bytes syntax); a whole template bundle must fit. */
  bodyLimit?: string;
  /** Where the prebuilt templates offered in the gallery come from; defaults to the ones shipped in schemas/templates. */
  gallery?: Gallery;
  /** How many failed sign-ins are let through before 429 (per account and per address). */
  signIn?: SignInLimits;
  /** Where internal errors are reported; defaults to the logger when there is one, else console.error. */
  logError?: (err: unknown, req: express.Request) => void;
  /** A pino logger: one line per request with its id, actor and what it changed (none: no request log). */
  logger?: Logger;
  /**
   * Holds every JSON answer to the API description (tests, staging): one that departs from it is replaced by a 500
   * naming the difference, and the difference is reported here.
   */
  checkAnswers?: (drift: string[]) => void;
}

export function createRouter(runtime: Runtime, options: RouterOptions = {}): Router {
  const bodyLimit = options.bodyLimit ?? '512kb';
  const outer = express.Router();
  const api = express.Router();
  outer.use('/api', api);

  if (options.logger) api.use(requestLog(options.logger));
  if (options.checkAnswers) api.use(answerCheck(options.checkAnswers));
  api.use((_req, res, next) => {
    // Answers carry personal and business data: never cache them, never let a browser guess their type.
    res.set('Cache-Control', 'no-store');
    res.set('X-Content-Type-Options', 'nosniff');
    next();
  });
  const json = checkedJson(express.json({ limit: bodyLimit, type: ['application/json', 'application/*+json'] }));

  publicSessionRoutes(api, runtime, json, signInLimits(options.signIn));
  openApiRoutes(api);

  // Bodies are parsed only after the caller is known: strangers get a 401 without costing a parse.
  api.use(authenticate(runtime));
  api.use(json);
  api.use(idempotency(runtime));
  sessionRoutes(api, runtime);
  userRoutes(api, runtime);
  templateRoutes(api, runtime, options.gallery ?? fileGallery());
  actionRoutes(api, runtime);
  recordRoutes(api, runtime);
  approvalRoutes(api, runtime);
  notificationRoutes(api, runtime);
  reportRoutes(api, runtime);
  periodRoutes(api, runtime);

  api.use(notFoundHandler);
  const logError = options.logError ?? (options.logger ? (err: unknown, req: express.Request) => req.log.error({ err }, 'request failed') : undefined);
  api.use(createErrorHandler({ bodyLimit, log: logError }));
  return outer;
}
