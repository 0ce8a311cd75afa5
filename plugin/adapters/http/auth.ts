// Who is calling: a bearer token (or the `ow_token` cookie the web app may use) turned into an actor.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Actor } from '../../core/types.ts';
import type { Runtime } from '../../runtime/runtime-api.ts';
import { HttpProblem } from './problem.ts';

export const TOKEN_COOKIE = 'ow_token';

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function requestToken(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match ? match[1] : undefined;
  }
  return cookieValue(req.get('cookie'), TOKEN_COOKIE) || undefined;
}

const UNAUTHENTICATED = new HttpProblem('unauthenticated', {
  'zh-CN': '请先登录：发送 Authorization: Bearer <token>（POST /api/session 获取）。',
  en: 'Sign in first: send Authorization: Bearer <token> (from POST /api/session).',
});

export function authenticate(runtime: Runtime): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = requestToken(req);
    const actor = token ? await runtime.authenticate(token) : undefined;
    if (!actor) throw UNAUTHENTICATED;
    res.locals.actor = actor;
    res.locals.token = token;
    next();
  };
}

/** The actor the auth middleware put on the response; routes behind it always have one. */
export function actorOf(res: Response): Actor {
  const actor = res.locals.actor as Actor | undefined;
  if (!actor) throw UNAUTHENTICATED;
  return actor;
}

export function isAdmin(actor: Actor): boolean {
  return actor.roles.includes('admin');
}

export function requireAdmin(actor: Actor): void {
  if (!isAdmin(actor)) {
    throw new HttpProblem('forbidden', { 'zh-CN': '只有管理员可以这样做。', en: 'Only an administrator may do this.' });
  }
}
