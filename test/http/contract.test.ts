import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../plugin/adapters/store/memory-store.ts';
import { operations } from '../../plugin/adapters/http/contract/document.ts';
import { expressPath } from '../../plugin/adapters/http/operation-route.ts';
import { createPlugin } from '../../plugin/index.ts';
import { expectProblem } from './support/orders.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

interface Layer { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } }

/** Every METHOD path the router answers, by walking express's own route table. */
function routesOf(router: Router): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) for (const m of Object.keys(layer.route.methods)) found.push(`${m.toUpperCase()} ${layer.route.path}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((router as unknown as { stack: Layer[] }).stack);
  return found.sort();
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('the API description', () => {
  it('names every route the server answers, and the server answers every operation it names', () => {
    const { router } = createPlugin({ store: new MemoryStore() });
    const documented = operations.map((op) => `${op.method.toUpperCase()} ${expressPath(op.path)}`).sort();
    expect(routesOf(router)).toEqual(documented);
  });

  it('declares each operation once', () => {
    const keys = operations.map((op) => `${op.method} ${op.path}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('is served as OpenAPI 3.1, and every schema in it compiles with each reference found', async () => {
    const res = await app.anonymous().get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const p of ['/api/session', '/api/records', '/api/records/{id}', '/api/records/{id}/actions/{action}', '/api/approvals/{id}/approve', '/api/records/import'])
      expect(Object.keys(res.body.paths)).toContain(p);
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema(res.body, 'api');
    for (const name of Object.keys(res.body.components.schemas)) expect(() => ajv.compile({ $ref: `api#/components/schemas/${name}` }), name).not.toThrow();
    for (const [path, item] of Object.entries<Record<string, { requestBody?: { content: Record<string, unknown> } }>>(res.body.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!op.requestBody?.content['application/json']) continue;
        const pointer = `api#/paths/${encodeURIComponent(path.replace(/~/g, '~0').replace(/\//g, '~1'))}/${method}/requestBody/content/application~1json/schema`;
        expect(() => ajv.compile({ $ref: pointer }), `${method} ${path}`).not.toThrow();
      }
    }
  });

  it('a request body is checked by its operation\'s schema: every wrong field named, in the caller\'s language, nothing created', async () => {
    const admin = (await app.as('admin')).inLanguage('en');
    const res = await admin.post('/api/users', { username: 7, roles: 'sales', extra: true });
    expectProblem(res, 400, 'bad_request');
    expect(res.body.errors).toEqual(expect.arrayContaining([
      { path: '/extra', message: expect.stringContaining('unknown field "extra"') },
      { path: '/name', message: 'missing field "name"' },
      { path: '/password', message: 'missing field "password"' },
      { path: '/username', message: 'field "username" must be a string' },
      { path: '/roles', message: 'field "roles" must be an array' },
    ]));
    expect((await admin.get('/api/users?q=7')).body).toEqual([]);
  });

  it('an answer that departs from its description is a 500 naming the difference, and is reported', async () => {
    const reported: string[] = [];
    const own = await startTestApp({ checkAnswers: (drift) => reported.push(...drift) });
    try {
      own.runtime.departments = async () => [{ id: 'east' } as never];
      const res = await (await own.as('sales1')).inLanguage('en').get('/api/departments');
      expectProblem(res, 500, 'internal');
      expect(res.body.detail).toContain('GET /api/departments 200: /0 must have required property \'label\'');
      expect(reported).toEqual(['GET /api/departments 200: /0 must have required property \'label\'']);
    } finally {
      await own.close();
    }
  });
});
