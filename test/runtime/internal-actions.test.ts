// Internal actions run only as steps of others (here: re-opening an order when its settlement is cancelled).
import { beforeEach, describe, expect, it } from 'vitest';
import { createRuntimeFixture, type RuntimeFixture } from '../fixtures/runtime-fixture.ts';
import { everything } from './support.ts';

let f: RuntimeFixture;
beforeEach(async () => {
  f = await createRuntimeFixture();
});

describe('an internal action', () => {
  it('is not offered on a settled order, and running it directly is refused with nothing changed', async () => {
    const order = await f.newOrder('sales1');
    await f.driveTo(order.id, 'settled');
    const view = await f.runtime.getRecord(f.actor('admin'), order.id);
    expect(view.ok && view.value.availableActions?.map((a) => a.name)).not.toContain('reopen');

    const before = await everything(f);
    const direct = await f.runtime.runAction(f.actor('admin'), order.id, 'reopen', {});
    expect(direct).toMatchObject({ ok: false, code: 'forbidden' });
    if (!direct.ok) expect(direct.message.en).toContain('only runs as a step');
    expect(await everything(f)).toEqual(before);
  });

  it('still runs as a step when the settlement covering the order is cancelled', async () => {
    const order = await f.newOrder('sales1');
    await f.driveTo(order.id, 'written_off');
    await f.run('finance', order.id, 'invoice');
    const number = (await f.record(order.id)).number;
    const doc = await f.runtime.createRecord(f.actor('finance'), 'settlement', { settlementDate: '2026-03-16', orders: [{ number }] });
    if (!doc.ok) throw new Error(doc.message.en);
    await f.run('finance', doc.value.id, 'post');
    await f.run('admin', doc.value.id, 'cancel_settlement', { reason: 'wrong_amount' });
    expect(await f.record(order.id)).toMatchObject({ status: 'written_off', data: { recheck: true } });
  });
});
