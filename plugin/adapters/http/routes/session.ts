// Signing in and out, and who am I.
import type { RequestHandler, Router } from 'express';
import type { Runtime } from '../../../runtime/runtime-api.ts';
import { actorOf, TOKEN_COOKIE } from '../auth.ts';
import * as contract from '../contract/session.ts';
import { on } from '../operation-route.ts';
import { orRefuse } from '../reply.ts';

export function publicSessionRoutes(router: Router, runtime: Runtime, json: RequestHandler, limits: RequestHandler[]): void {
  on(router, contract.health, (_req, res) => {
    const health = runtime.storeHealth();
    const { size } = health;
    const store = size && { ...size, ...(size.limitBytes ? { used: Math.round((size.bytes / size.limitBytes) * 1000) / 1000 } : {}) };
    if (health.ok) res.json({ status: 'ok', ...(store ? { store } : {}) });
    else res.status(503).json({ status: 'unavailable', reason: health.reason, ...(store ? { store } : {}) });
  });

  on<{ username: string; password: string }>(router, contract.signIn, async (req, res, body) => {
    const { token, user } = orRefuse(await runtime.login(body.username, body.password));
    // The contract names the department of the user signed in: null for someone in none.
    // The web app may rely on the cookie instead of the header; Strict keeps other sites from riding on it.
    // Secure whenever the request came over HTTPS (directly, or through a proxy the host trusts).
    res.cookie(TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure });
    res.json({ token, user: { ...user, department: user.department ?? null } });
  }, [json, ...limits]);
}

export function sessionRoutes(router: Router, runtime: Runtime): void {
  on(router, contract.signOut, async (_req, res) => {
    await runtime.logout(String(res.locals.token));
    res.clearCookie(TOKEN_COOKIE, { path: '/' });
    res.status(204).end();
  });

  on(router, contract.me, async (_req, res) => {
    const actor = actorOf(res);
    const users = await runtime.listUsers(actor, {});
    const me = users.find((u) => u.id === actor.id);
    res.json({ ...(me ?? { id: actor.id, name: actor.name, roles: actor.roles }), department: (me ?? actor).department ?? null });
  });
}
