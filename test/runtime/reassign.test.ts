// Handing an order to someone else.
import { beforeEach, describe, expect, it } from 'vitest';
import { createRuntimeFixture, type RuntimeFixture } from '../fixtures/runtime-fixture.ts';

let f: RuntimeFixture;
beforeEach(async () => {
  f = await createRuntimeFixture();
});

describe('reassigning', () => {
  it('is refused, changing nothing, when the new handler has no role in the template', async () => {
    const added = await f.runtime.addUser({ username: 'auditor', name: 'Auditor', password: 'pass-1234', roles: ['auditor'], department: 'east' });
    if (!added.ok) throw new Error(added.message.en);
    const order = await f.newOrder('sales1');
    const before = await f.record(order.id);
    const refused = await f.runtime.runAction(f.actor('manager'), order.id, 'reassign', { params: { handler: added.value.id } });
    expect(refused).toMatchObject({ ok: false, code: 'validation_failed', errors: [{ path: '/params/handler' }] });
    expect(await f.record(order.id)).toEqual(before);
  });

  it('is refused, and its preview says so, when the new handler only acts on such records in their own steps (warehouse, finance)', async () => {
    const order = await f.newOrder('sales1');
    for (const who of ['warehouse', 'finance'] as const) {
      const preview = await f.runtime.previewAction(f.actor('manager'), order.id, 'reassign', { params: { handler: f.users[who].id } });
      expect(preview.ok && preview.value).toMatchObject({ allowed: false, code: 'validation_failed', message: { en: expect.stringContaining('a handler must be able to create one') } });
    }
    const ok = await f.runtime.runAction(f.actor('manager'), order.id, 'reassign', { params: { handler: f.users.sales3.id } });
    expect(ok.ok).toBe(true);
  });
});

