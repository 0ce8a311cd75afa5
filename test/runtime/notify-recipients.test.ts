// Who a notification reaches: the actor is spared what they just did, unless the template names them.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Template } from '../../plugin/core/types.ts';
import { createRuntimeFixture, type RuntimeFixture } from '../fixtures/runtime-fixture.ts';

let f: RuntimeFixture;
beforeEach(async () => {
  f = await createRuntimeFixture();
});

/** Installs version 2 of the sales order whose cancellation notice goes to the given recipients. */
async function cancelNoticeTo(recipients: string[]): Promise<void> {
  const t = structuredClone((await f.runtime.getTemplate('sales-order'))!) as Template;
  t.version = 2;
  t.notifications.orderCancelled.recipients = recipients;
  const installed = await f.runtime.installTemplate(t);
  if (!installed.ok) throw new Error(installed.message.en);
}

const inbox = async (username: Parameters<RuntimeFixture['actor']>[0], recordId: string) =>
  (await f.runtime.notifications(f.actor(username))).items.filter((n) => n.recordId === recordId && n.kind === 'orderCancelled');

describe('notification recipients', () => {
  it('a requester is told when the request they made is approved and carried out', async () => {
    await cancelNoticeTo(['requester']);
    const order = await f.newOrder('sales1', [{ product: 'NB-16', warehouse: 'WH-SH', quantity: 8, price: 7999 }]);
    expect(order.templateVersion).toBe(2);
    await f.run('sales1', order.id, 'confirm');
    const asked = await f.run('sales1', order.id, 'cancel', { reason: 'duplicate' });
    if (asked.kind !== 'approval') throw new Error('a large cancellation should wait for approval');
    const decided = await f.runtime.decideApproval(f.actor('manager'), asked.approval.id, 'approve');
    expect(decided.ok).toBe(true);
    expect(await inbox('sales1', order.id)).toHaveLength(1);
    expect(await inbox('manager', order.id)).toHaveLength(0);
  });

  it('the handler who cancels their own order is not told about it', async () => {
    await cancelNoticeTo(['handler']);
    const order = await f.newOrder('sales1');
    await f.run('sales1', order.id, 'cancel', { reason: 'duplicate' });
    expect(await inbox('sales1', order.id)).toHaveLength(0);
  });

  it("a message shows the record's fields it names, except those only some roles may read", async () => {
    const t = structuredClone((await f.runtime.getTemplate('sales-order'))!) as Template;
    t.version = 2;
    t.notifications.orderCancelled.recipients = ['role:sales_manager'];
    t.notifications.orderCancelled.body = { 'zh-CN': '客户 {/customer/name}，备注 {/internalNote}', en: 'Customer {/customer/name}, note {/internalNote}' };
    const installed = await f.runtime.installTemplate(t);
    if (!installed.ok) throw new Error(installed.message.en);
    const order = await f.newOrder('sales1');
    await f.run('sales1', order.id, 'cancel', { reason: 'duplicate' });
    const [n] = await inbox('manager', order.id);
    const customer = (order.data.customer as { name: string }).name;
    expect(n.bodies).toEqual({ 'zh-CN': `客户 ${customer}，备注 —`, en: `Customer ${customer}, note —` });
  });
});
