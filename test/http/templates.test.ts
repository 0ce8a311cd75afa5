import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from './support/api-client.ts';
import { salesOrderBundle } from './support/bundles.ts';
import { createOrder, expectProblem } from './support/orders.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
let admin: ApiClient;

beforeAll(async () => {
  app = await startTestApp();
  admin = await app.as('admin');
});
afterAll(() => app.close());

describe('reading templates', () => {
  it('lists installed templates with id, version and name', async () => {
    const res = await (await app.as('sales1')).get('/api/templates');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'sales-order', version: 1, name: expect.objectContaining({ en: 'Sales order' }) })]));
  });

  it('any signed-in user reads a template as installed; an unknown one is a 404', async () => {
    const res = await (await app.as('warehouse')).get('/api/templates/sales-order');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 'sales-order', version: 1, states: expect.any(Object), actions: expect.any(Object) });
    expect(res.body.rules.hasLines).toEqual(expect.objectContaining({ conditions: expect.any(Object) }));
    expectProblem(await admin.get('/api/templates/nope'), 404, 'not_found');
    expectProblem(await admin.get('/api/templates/sales-order?version=99'), 404, 'not_found');
    expectProblem(await admin.get('/api/templates/sales-order?version=first'), 400, 'bad_request');
  });
});

describe('importing templates', () => {
  it('an invalid bundle is a 422 whose errors point into the bundle, and nothing is installed', async () => {
    const shape = await salesOrderBundle();
    shape.id = 'broken-order';
    shape.states.draft.label = 42;
    const badShape = await admin.post('/api/templates', shape);
    expectProblem(badShape, 422, 'template_invalid');
    expect(badShape.body.errors.map((e: any) => e.path)).toContain('/states/draft/label');

    const reference = await salesOrderBundle();
    reference.id = 'broken-order';
    reference.actions.confirm.to = 'nowhere';
    const badReference = await admin.post('/api/templates', reference);
    expectProblem(badReference, 422, 'template_invalid');
    expect(badReference.body.errors.map((e: any) => e.path)).toContain('/actions/confirm/to');
    for (const e of [...badShape.body.errors, ...badReference.body.errors]) expect(e).toEqual({ path: expect.stringMatching(/^\//), message: expect.any(String) });
    expectProblem(await admin.get('/api/templates/broken-order'), 404, 'not_found');
  });

  it('a non-admin may not import (403) and nothing is installed', async () => {
    const bundle = await salesOrderBundle();
    bundle.id = 'sneaky-order';
    for (const who of ['sales1', 'manager', 'finance']) {
      expectProblem(await (await app.as(who)).post('/api/templates', bundle), 403, 'forbidden');
    }
    expectProblem(await admin.get('/api/templates/sneaky-order'), 404, 'not_found');
  });

  it('importing the same id and version again is a 200 that changes nothing', async () => {
    const before = await admin.get('/api/templates/sales-order');
    const res = await admin.post('/api/templates', await salesOrderBundle());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: 'sales-order', version: 1 });
    expect((await admin.get('/api/templates/sales-order')).body).toEqual(before.body);
  });

  it('the same id and version with different content is refused (409), not overwritten', async () => {
    const bundle = await salesOrderBundle();
    bundle.name = { 'zh-CN': '改名', en: 'Renamed' };
    expectProblem(await admin.post('/api/templates', bundle), 409, 'conflict');
    expect((await admin.get('/api/templates/sales-order')).body.name.en).toBe('Sales order');
  });

  it('a new version installs beside the old; existing orders keep the version they were made with', async () => {
    const sales1 = await app.as('sales1');
    const old = await createOrder(sales1);
    const bundle = await salesOrderBundle();
    bundle.version = 2;
    bundle.reasons.cancel.push({ code: 'moved', label: { 'zh-CN': '客户搬迁', en: 'Customer moved' } });
    const res = await admin.post('/api/templates', bundle);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: 'sales-order', version: 2 });

    expect((await admin.get('/api/templates/sales-order')).body.version).toBe(2);
    expect((await admin.get('/api/templates/sales-order?version=1')).body.version).toBe(1);
    const list = (await admin.get('/api/templates')).body.find((t: any) => t.id === 'sales-order');
    expect(list.version).toBe(2);

    expect((await sales1.get(`/api/records/${old.id}`)).body.templateVersion).toBe(1);
    const fresh = await createOrder(sales1);
    expect(fresh.templateVersion).toBe(2);
    // The old order still follows version 1: the new reason is unknown to it.
    expectProblem(await sales1.post(`/api/records/${old.id}/actions/cancel`, { reason: 'moved' }), 422, 'reason_unknown');
    expect((await sales1.post(`/api/records/${fresh.id}/actions/cancel`, { reason: 'moved' })).status).toBe(200);
  });

  it('a body that is not an object is a 400 before any validation', async () => {
    expectProblem(await admin.post('/api/templates', [1, 2]), 400, 'bad_request');
  });
});

describe('checking a bundle without installing it', () => {
  it('an admin gets every error and warning, and nothing is installed', async () => {
    const bundle = await salesOrderBundle();
    bundle.id = 'checked-only';
    const good = await admin.post('/api/templates/validate', bundle);
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ ok: true, errors: [] });
    bundle.actions.ship.from = ['limbo'];
    const bad = await admin.post('/api/templates/validate', bundle);
    expect(bad.status).toBe(200);
    expect(bad.body.ok).toBe(false);
    expect(bad.body.errors.map((e: any) => e.path)).toContain('/actions/ship/from/0');
    expectProblem(await admin.get('/api/templates/checked-only'), 404, 'not_found');
  });

  it('non-admins may not use it', async () => {
    expectProblem(await (await app.as('sales1')).post('/api/templates/validate', await salesOrderBundle()), 403, 'forbidden');
  });
});

describe('trying a rule of a drafted template on a record', () => {
  it('says whether it holds and, for each comparison, the value found; the draft is not installed', async () => {
    const order = await createOrder(await app.as('sales1'));
    const bundle = await salesOrderBundle();
    bundle.version = 99;
    bundle.rules.bigOrder = {
      conditions: { all: [{ fact: 'data', path: '$.customer.name', operator: 'equal', value: order.data.customer.name }, { not: { any: [{ fact: 'derived', path: '$.total', operator: 'lessThan', value: 1 }] } }] },
    };
    const res = await admin.post('/api/templates/try-rule', { template: bundle, rule: 'bigOrder', record: order.id });
    expect(res.status).toBe(200);
    expect(res.body.holds).toBe(true);
    expect(res.body.conditions.all[0]).toMatchObject({ fact: 'data', path: '$.customer.name', factResult: order.data.customer.name, result: true });
    expect(res.body.conditions.all[1].not.any[0]).toMatchObject({ fact: 'derived', operator: 'lessThan', result: false, factResult: expect.any(Number) });
    bundle.rules.bigOrder.conditions.all[0].value = 'someone else';
    expect((await admin.post('/api/templates/try-rule', { template: bundle, rule: 'bigOrder', record: order.id })).body).toMatchObject({ holds: false, conditions: { all: [{ factResult: order.data.customer.name, result: false }, {}] } });
    expectProblem(await admin.get('/api/templates/sales-order?version=99'), 404, 'not_found');
  });

  it('refuses a broken draft with its errors, an unknown rule or record, a record of another template, and non-admins', async () => {
    const order = await createOrder(await app.as('sales1'));
    const bundle = await salesOrderBundle();
    expectProblem(await admin.post('/api/templates/try-rule', { template: bundle, rule: 'nope', record: order.id }), 404, 'not_found');
    expectProblem(await admin.post('/api/templates/try-rule', { template: bundle, rule: 'hasLines', record: 'missing' }), 404, 'not_found');
    const other = { ...bundle, id: 'other-order', numberPrefix: 'OT' };
    expectProblem(await admin.post('/api/templates/try-rule', { template: other, rule: 'hasLines', record: order.id }), 422, 'validation_failed');
    const broken = { ...bundle, states: { ...bundle.states, draft: { ...bundle.states.draft, label: 42 } } };
    const refused = await admin.post('/api/templates/try-rule', { template: broken, rule: 'hasLines', record: order.id });
    expectProblem(refused, 422, 'template_invalid');
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toContain('/states/draft/label');
    expectProblem(await admin.post('/api/templates/try-rule', { template: bundle, rule: 'hasLines' }), 400, 'bad_request');
    expectProblem(await (await app.as('sales1')).post('/api/templates/try-rule', { template: bundle, rule: 'hasLines', record: order.id }), 403, 'forbidden');
  });
});

describe('moving records to the newest version of their template', () => {
  it('previews who can move and why not, then moves those the new version accepts, each with a history entry', async () => {
    const sales = await app.as('sales1');
    const plain = await createOrder(sales);
    const remarked = await createOrder(sales, { remark: 'keep me' });
    const bundle = await salesOrderBundle();
    bundle.version = 50;
    // version 50 allows remarks of three characters at most: an order with a longer one cannot move as it is
    bundle.form.schema.properties.remark.maxLength = 3;
    const installed = await admin.post('/api/templates', bundle);
    expect(installed.status, JSON.stringify(installed.body)).toBe(201);

    const preview = await admin.get('/api/templates/sales-order/migration');
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ template: 'sales-order', to: 50 });
    expect(preview.body.byVersion[plain.templateVersion]).toBeGreaterThanOrEqual(2);
    expect(preview.body.older).toBe(Object.values(preview.body.byVersion as Record<string, number>).reduce((a, b) => a + b, 0));
    expect(preview.body.older).toBe(preview.body.movable + preview.body.blockedCount);
    const held = preview.body.blocked.find((b: { id: string }) => b.id === remarked.id);
    expect(held).toMatchObject({ number: remarked.number, version: remarked.templateVersion, problems: [{ path: '/data/remark', message: '不应多于 3 个字符' }] });
    // the reasons in the reader's language
    const inEnglish = (await admin.inLanguage('en').get('/api/templates/sales-order/migration')).body.blocked.find((b: { id: string }) => b.id === remarked.id);
    expect(inEnglish.problems).toEqual([{ path: '/data/remark', message: 'must NOT have more than 3 characters' }]);
    expect(preview.body.blocked.some((b: { id: string }) => b.id === plain.id)).toBe(false);

    const moved = await admin.post('/api/templates/sales-order/migration', { limit: 500 });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ moved: preview.body.movable, remaining: 0 });
    const after = (await admin.get(`/api/records/${plain.id}`)).body;
    expect(after).toMatchObject({ templateVersion: 50, version: plain.version + 1, data: plain.data });
    expect((await admin.get(`/api/records/${plain.id}/history`)).body.at(-1)).toMatchObject({ action: 'migrate', comment: `v${plain.templateVersion} → v50` });
    expect((await admin.get(`/api/records/${remarked.id}`)).body.templateVersion).toBe(remarked.templateVersion);
    expect((await admin.get('/api/templates/sales-order/migration')).body).toMatchObject({ older: preview.body.blockedCount, movable: 0 });
  });

  it('is for administrators; an unknown template is a 404', async () => {
    expectProblem(await (await app.as('sales1')).get('/api/templates/sales-order/migration'), 403, 'forbidden');
    expectProblem(await (await app.as('sales1')).post('/api/templates/sales-order/migration', {}), 403, 'forbidden');
    expectProblem(await admin.get('/api/templates/nope/migration'), 404, 'not_found');
    expectProblem(await admin.post('/api/templates/sales-order/migration', { limit: 'all' }), 400, 'bad_request');
  });
});

describe('the gallery of prebuilt templates', () => {
  it('lists what ships with the product and whether it is installed', async () => {
    const res = await (await app.as('sales1')).get('/api/gallery');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'sales-order', version: 1, installed: true })]));
  });

  it('an admin installs from it; again is a 200; unknown is a 404; others get 403', async () => {
    expect((await admin.post('/api/gallery/sales-order/import')).status).toBe(200);
    expectProblem(await admin.post('/api/gallery/no-such/import'), 404, 'not_found');
    expectProblem(await (await app.as('manager')).post('/api/gallery/sales-order/import'), 403, 'forbidden');
  });
});
