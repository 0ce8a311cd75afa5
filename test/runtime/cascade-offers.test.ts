// An action reached through a cascade is offered only when its whole plan would go through.
import { beforeEach, describe, expect, it } from 'vitest';
import type { DemoUsername } from '../fixtures/demo-actors.ts';
import { createRuntimeFixture, type RuntimeFixture } from '../fixtures/runtime-fixture.ts';

let f: RuntimeFixture;
beforeEach(async () => {
  f = await createRuntimeFixture();
});

const offered = async (username: DemoUsername, id: string) => {
  const view = await f.runtime.getRecord(f.actor(username), id);
  if (!view.ok) throw new Error(view.message.en);
  return (view.value.availableActions ?? []).map((a) => a.name);
};

describe('cascaded actions on offer', () => {
  it('a written-off order offers the finance manager cancel (reverse write-off first)', async () => {
    const order = await f.newOrder('sales1');
    await f.driveTo(order.id, 'written_off');
    expect(await offered('finmanager', order.id)).toContain('cancel');
  });

  it('a written-off order that is also invoiced does not offer cancel, whose guard would refuse it after the reversal', async () => {
    const order = await f.newOrder('sales1');
    await f.driveTo(order.id, 'written_off');
    await f.run('finance', order.id, 'invoice');
    expect(await offered('finmanager', order.id)).not.toContain('cancel');
    const preview = await f.runtime.previewAction(f.actor('finmanager'), order.id, 'cancel', { reason: 'customer_request' });
    expect(preview).toMatchObject({ ok: true, value: { allowed: false, code: 'guard_failed' } });
  });
});
