// One caller cannot grow the store without bound: strings, lists and whole records have limits (a template may set
// its own), and what passes them is refused with a 422 at its pointer before anything is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from './support/api-client.ts';
import { salesOrderBundle } from './support/bundles.ts';
import { expectProblem, footprint, orderData } from './support/orders.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
let admin: ApiClient;
let sales1: ApiClient;

const KB_480 = 'x'.repeat(480 * 1024);

/** The sales order with a free-text note and a tag list that set no size of their own. */
async function importNotesOrder(id: string, numberPrefix: string, limits?: Record<string, number>): Promise<void> {
  const bundle = await salesOrderBundle();
  bundle.id = id;
  bundle.numberPrefix = numberPrefix;
  bundle.form.schema.properties.notes = { type: 'string' };
  bundle.form.schema.properties.tags = { type: 'array', items: { type: 'string' } };
  if (limits) bundle.limits = limits;
  const res = await admin.post('/api/templates', bundle);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

const total = async () => (await admin.get('/api/records?includeArchived=true')).body.total as number;

beforeAll(async () => {
  app = await startTestApp();
  admin = await app.as('admin');
  sales1 = await app.as('sales1');
  await importNotesOrder('notes-order', 'NO');
  await importNotesOrder('long-notes-order', 'LN', { maxStringLength: 600_000, maxRecordBytes: 1024 * 1024 });
});
afterAll(() => app.close());

describe('limits on what a record holds', () => {
  it('a 480 KB string in a declared field is refused (422) at its pointer, saying the limit, and nothing is stored', async () => {
    const before = await total();
    const res = await sales1.post('/api/records', { template: 'notes-order', data: orderData({ notes: KB_480 }) });
    expectProblem(res, 422, 'validation_failed');
    expect(res.body.errors).toEqual([
      { path: '/notes', message: expect.stringMatching(/长 491520 个字符，超过.*10000 个.*limits\.maxStringLength/) },
      { path: '/notes', message: expect.stringMatching(/数据（JSON）共 480 KB.*超过.*256 KB.*limits\.maxRecordBytes/) },
    ]);
    expect(await total()).toBe(before);
  });

  it("a template's own larger limits let the same string in", async () => {
    const res = await sales1.post('/api/records', { template: 'long-notes-order', data: orderData({ notes: KB_480 }) });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(201);
    expect((await sales1.get(`/api/records/${res.body.id}`)).body.data.notes).toHaveLength(KB_480.length);
  });

  it('an array of 20,000 items is refused at its pointer, and nothing is stored', async () => {
    const before = await total();
    const res = await sales1.post('/api/records', { template: 'notes-order', data: orderData({ tags: Array(20_000).fill('t') }) });
    expectProblem(res, 422, 'validation_failed');
    expect(res.body.errors).toEqual([{ path: '/tags', message: expect.stringMatching(/有 20000 项，超过.*1000 项.*limits\.maxItems/) }]);
    expect(await total()).toBe(before);
  });

  it('an edit that passes a limit is refused the same way and leaves the record as it was', async () => {
    const created = await sales1.post('/api/records', { template: 'notes-order', data: orderData({ notes: 'short' }) });
    expect(created.status).toBe(201);
    const before = await footprint(sales1, created.body.id);
    const res = await sales1.patch(`/api/records/${created.body.id}`, { data: { notes: 'y'.repeat(10_001) } }, { headers: { 'if-match': '"1"' } });
    expectProblem(res, 422, 'validation_failed');
    expect(res.body.errors).toEqual([{ path: '/notes', message: expect.stringContaining('超过未设 maxLength 的字段可存的 10000 个') }]);
    expect(await footprint(sales1, created.body.id)).toEqual(before);
  });
});
