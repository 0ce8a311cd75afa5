import { describe, expect, it } from 'vitest';
import { createRuntimeFixture } from '../fixtures/runtime-fixture.ts';

describe('addComment', () => {
  it('keeps the comment in the history, leaves the record as it was, and tells the people mentioned', async () => {
    const f = await createRuntimeFixture();
    const order = await f.newOrder('sales1');
    const before = await f.record(order.id);
    const result = await f.runtime.addComment(f.actor('manager'), order.id, '@sales1 请补充交货日期');
    expect(result).toMatchObject({ ok: true, value: { action: 'comment', comment: '@sales1 请补充交货日期', mentions: [f.users.sales1.id] } });
    expect(await f.record(order.id)).toEqual(before);
    expect((await f.store.notificationsFor(f.users.sales1.id)).filter((n) => n.kind === 'comment.mention')).toHaveLength(1);
  });

  it('a disabled account cannot be mentioned, and nothing is kept', async () => {
    const f = await createRuntimeFixture();
    const order = await f.newOrder('sales1');
    await f.store.putUser({ ...f.users.sales3, disabled: true });
    const before = (await f.store.getAudit(order.id)).length;
    const result = await f.runtime.addComment(f.actor('sales1'), order.id, '@sales3 看一下');
    expect(result).toMatchObject({ ok: false, code: 'validation_failed', errors: [{ path: '/text' }] });
    expect((await f.store.getAudit(order.id)).length).toBe(before);
  });

  it('a record the caller may not see is not found', async () => {
    const f = await createRuntimeFixture();
    const order = await f.newOrder('sales1');
    expect(await f.runtime.addComment(f.actor('sales2'), order.id, '你好')).toMatchObject({ ok: false, code: 'not_found' });
  });
});
