// Signing in and out, and who am I.
import type { RequestHandler, Router } from 'express';
import type { Runtime } from '../../../runtime/runtime-api.ts';
import { actorOf, TOKEN_COOKIE } from '../auth.ts';
import { readBody } from '../body.ts';
import { orRefuse } from '../reply.ts';

export function publicSessionRoutes(router: Router, runtime: Runtime, json: RequestHandler, limits: RequestHandler[]): void {
  router.get('/health', (_req, res) => {
    const health = runtime.storeHealth();
    const { size } = health;
    const store = size && { ...size, ...(size.limitBytes ? { used: Math.round((size.bytes / size.limitBytes) * 1000) / 1000 } : {}) };
    if (health.ok) res.json({ status: 'ok', ...(store ? { store } : {}) });
    else res.status(503).json({ status: 'unavailable', reason: health.reason, ...(store ? { store } : {}) });
  });

  router.post('/session', json, ...limits, async (req, res) => {
    const body = readBody<{ username: string; password: string }>(req, {
      username: { type: 'string', required: true },
      password: { type: 'string', required: true },
    });
    const { token, user } = orRefuse(await runtime.login(body.username, body.password));
    // The contract names the department of the user signed in: null for someone in none.
    // The web app may rely on the cookie instead of the header; Strict keeps other sites from riding on it.
    // Secure whenever the request came over HTTPS (directly, or through a proxy the host trusts).
    res.cookie(TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure });
    res.json({ token, user: { ...user, department: user.department ?? null } });
  });
}

export function sessionRoutes(router: Router, runtime: Runtime): void {
  router.delete('/session', async (_req, res) => {
    await runtime.logout(String(res.locals.token));
    res.clearCookie(TOKEN_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/me', async (_req, res) => {
    const actor = actorOf(res);
    const users = await runtime.listUsers(actor, {});
    const me = users.find((u) => u.id === actor.id);
    res.json({ ...(me ?? { id: actor.id, name: actor.name, roles: actor.roles }), department: (me ?? actor).department ?? null });
  });
}
