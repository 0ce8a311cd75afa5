// A template's regular expressions cannot hold the server: they run on RE2, or the template is refused at import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from './support/api-client.ts';
import { salesOrderBundle } from './support/bundles.ts';
import { expectProblem, orderData } from './support/orders.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
let admin: ApiClient;

beforeAll(async () => {
  app = await startTestApp();
  admin = await app.as('admin');
});
afterAll(() => app.close());

describe('patterns in templates', () => {
  it('a template with ^(a+)+$ imports, and a 40-character value that almost matches is refused in well under a second', async () => {
    const bundle = await salesOrderBundle();
    bundle.id = 'coded-order';
    bundle.numberPrefix = 'CO';
    bundle.form.schema.properties.code = { type: 'string', pattern: '^(a+)+$' };
    expect((await admin.post('/api/templates', bundle)).status).toBe(201);

    const sales1 = await app.as('sales1');
    const started = performance.now();
    const res = await sales1.post('/api/records', { template: 'coded-order', data: orderData({ code: `${'a'.repeat(40)}!` }) });
    const took = performance.now() - started;
    expectProblem(res, 422, 'validation_failed');
    expect(res.body.errors).toEqual([{ path: '/code', message: '应当匹配模式 "^(a+)+$"' }]);
    expect(took).toBeLessThan(500);
    // the server answered others meanwhile, and the pattern still does its job
    expect((await app.anonymous().get('/api/health')).status).toBe(200);
    expect((await sales1.post('/api/records', { template: 'coded-order', data: orderData({ code: 'a'.repeat(40) }) })).status).toBe(201);
  });

  it('a lookahead or a backreference is refused at import with its pointer, and nothing is installed', async () => {
    const bundle = await salesOrderBundle();
    bundle.id = 'lookahead-order';
    bundle.numberPrefix = 'LA';
    bundle.form.schema.properties.password = { type: 'string', pattern: '^(?=.*\\d).{8,}$' };
    bundle.form.schema.properties.twice = { type: 'string', pattern: '^(ab)\\1$' };
    const res = await admin.post('/api/templates', bundle);
    expectProblem(res, 422, 'template_invalid');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { path: '/form/schema/properties/password/pattern', message: expect.stringMatching(/lookahead.*rewrite the pattern without it/) },
        { path: '/form/schema/properties/twice/pattern', message: expect.stringMatching(/backreference.*rewrite the pattern without it/) },
      ]),
    );
    expectProblem(await admin.get('/api/templates/lookahead-order'), 404, 'not_found');
  });
});
