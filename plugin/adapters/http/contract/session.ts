// Signing in and out, who am I, and whether the server is up.
import { object, ok, problems, ref, type Operation } from './kit.ts';

/** The embedded store's size on disk and its ceiling (STORE_MAX_MB); writes that would pass it answer 507 store_full. */
const storeSize = object({ bytes: { type: 'integer' }, limitBytes: { type: 'integer' }, used: { type: 'number', description: 'bytes ÷ limitBytes' } }, ['bytes']);

export const health: Operation = {
  method: 'get',
  path: '/api/health',
  summary: 'Liveness check: 503 when the store can no longer be trusted (a write failed and could not be read back)',
  security: [],
  responses: {
    200: ok('Up', object({ status: { const: 'ok' }, store: storeSize }, ['status'])),
    503: ok('The store is unavailable; the reason says why', object({ status: { const: 'unavailable' }, reason: { type: 'string' }, store: storeSize }, ['status', 'reason'])),
  },
};

export const signIn: Operation = {
  method: 'post',
  path: '/api/session',
  summary: 'Sign in',
  security: [],
  requestBody: { required: true, content: { 'application/json': { schema: object({ username: { type: 'string' }, password: { type: 'string' } }, ['username', 'password']) } } },
  responses: {
    200: ok('Signed in; the token also comes as the `ow_token` cookie (HttpOnly)', object({ token: { type: 'string' }, user: ref('User') }, ['token', 'user'])),
    ...problems(400, 401, 429),
  },
};

export const signOut: Operation = { method: 'delete', path: '/api/session', summary: 'Sign out', responses: { 204: ok('Signed out'), ...problems(401) } };

export const me: Operation = { method: 'get', path: '/api/me', summary: 'The current user', responses: { 200: ok('Me', ref('User')), ...problems(401) } };

export const openApi: Operation = {
  method: 'get',
  path: '/api/openapi.json',
  summary: 'This document',
  security: [],
  responses: { 200: ok('OpenAPI 3.1', { type: 'object', required: ['openapi', 'paths', 'components'] }) },
};

