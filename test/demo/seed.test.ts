import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../plugin/adapters/http/gallery.ts';
import { MemoryStore } from '../../plugin/adapters/store/memory-store.ts';
import { seedDemo } from '../../plugin/demo/seed.ts';
import { installPrebuiltTemplates } from '../../plugin/host/install-prebuilt.ts';
import { createSettableClock } from '../../plugin/host/settable-clock.ts';
import { createPlugin } from '../../plugin/index.ts';

const NOW = new Date('2025-06-30T08:00:00Z');

async function seeded() {
  const store = new MemoryStore();
  await store.init();
  const clock = createSettableClock();
  const { runtime } = createPlugin({ store, clock });
  await installPrebuiltTemplates(runtime, PROJECT_ROOT);
  const started = Date.now();
  const result = await seedDemo(runtime, store, { clock, now: NOW });
  const ms = Date.now() - started;
  const records = (await store.allRecords()).sort((a, b) => a.number.localeCompare(b.number));
  return { store, runtime, clock, ms, records, result };
}

describe('demo data', () => {
  it('comes out the same on every run, in well under five seconds', async () => {
    const a = await seeded();
    const b = await seeded();
    expect(a.ms).toBeLessThan(5000);
    const shape = (r: (typeof a.records)[number]) => [r.number, r.status, r.createdAt, r.updatedAt, r.department, r.summary, r.data];
    expect(a.records.map(shape)).toEqual(b.records.map(shape));
    expect(await a.store.stockLevels()).toEqual(await b.store.stockLevels());
  });

  it('lies in the past, spread over months, and lets the clock go afterwards', async () => {
    const { records, clock } = await seeded();
    const created = records.map((r) => Date.parse(r.createdAt));
    expect(Math.max(...records.map((r) => Date.parse(r.updatedAt)))).toBeLessThan(NOW.getTime());
    expect(Math.max(...created) - Math.min(...created)).toBeGreaterThan(90 * 86_400_000);
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(5000);
  });

  it('leaves a couple of cancellations waiting for a manager', async () => {
    const { store } = await seeded();
    expect((await store.listApprovals({ status: 'pending' })).length).toBeGreaterThanOrEqual(1);
  });

  it('covers every state of every prebuilt template, and says what it made', async () => {
    const { records, runtime, result } = await seeded();
    for (const template of await runtime.listTemplates()) {
      const reached = new Set(records.filter((r) => r.template === template.id).map((r) => r.status));
      expect([...reached].sort(), template.id).toEqual(Object.keys(template.states).sort());
    }
    const ids = (template: string) => records.filter((r) => r.template === template).map((r) => r.id).sort();
    expect([...result.orderIds].sort()).toEqual(ids('sales-order'));
    expect([...result.recyclingIds].sort()).toEqual(ids('order-recycling'));
    expect([...result.settlementIds].sort()).toEqual(ids('settlement'));
  });

  it('recycling orders went the ways people take: reassigned, cancelled by the customer automation, a large cancellation waiting', async () => {
    const { store, records, result } = await seeded();
    const users = new Map((await store.listUsers()).map((u) => [u.username, u.id]));
    const recycling = records.filter((r) => r.template === 'order-recycling');
    expect(new Set(recycling.map((r) => r.createdBy))).toEqual(new Set(['sales1', 'sales2', 'sales3', 'manager'].map((u) => users.get(u))));
    expect(recycling.some((r) => r.handler === users.get('sales3') && r.watchers.includes(users.get('sales1')!))).toBe(true);

    const audits = await Promise.all(recycling.map((r) => store.getAudit(r.id)));
    const byCustomer = audits.find((a) => a.some((e) => e.action === 'cancel' && e.automation === 'customerCancellation'));
    expect(byCustomer?.map((e) => [e.action, e.to])).toEqual([['create', 'pending'], ['edit', 'pending'], ['cancel', 'cancelled']]);
    expect(audits.some((a) => a.some((e) => e.action === 'cancel' && e.approvedBy === users.get('manager2')))).toBe(true);

    const waiting = (await store.listApprovals({ status: 'pending' })).filter((a) => result.recyclingIds.includes(a.recordId));
    expect(waiting).toHaveLength(1);
    const order = records.find((r) => r.id === waiting[0].recordId)!;
    expect(order).toMatchObject({ status: 'processing', department: 'east' });
    expect(order.summary.amount).toBeGreaterThan(20_000);
  });

  it('settlements: one posted over settled orders, one cancelled by the administrator (its orders re-opened for re-check), one draft ready to post', async () => {
    const { store, runtime, records } = await seeded();
    const byNumber = new Map(records.map((r) => [r.number, r]));
    const settlements = records.filter((r) => r.template === 'settlement');
    const covered = (doc: (typeof records)[number]) => (doc.data.orders as { number: string }[]).map((o) => byNumber.get(o.number)!);
    const one = (status: string) => {
      const found = settlements.filter((r) => r.status === status);
      expect(found, status).toHaveLength(1);
      return found[0];
    };

    const posted = one('posted');
    expect(covered(posted).length).toBeGreaterThanOrEqual(2);
    for (const order of covered(posted)) expect(order.status).toBe('settled');

    const cancelled = one('cancelled');
    expect((await store.getAudit(cancelled.id)).at(-1)).toMatchObject({ action: 'cancel_settlement', reason: expect.any(String) });
    for (const order of covered(cancelled)) {
      expect(order).toMatchObject({ status: 'written_off', data: { recheck: true } });
      expect((await store.getAudit(order.id)).map((e) => e.action)).toEqual(['create', 'confirm', 'ship', 'record_receipt', 'write_off', 'invoice', 'settle', 'reopen']);
    }

    const draft = one('draft');
    const finance = (await store.listUsers()).find((u) => u.username === 'finance')!;
    const view = await runtime.getRecord({ id: finance.id, name: finance.name, roles: finance.roles }, draft.id);
    expect(view.ok && view.value.availableActions?.map((a) => a.name)).toContain('post');
    for (const order of covered(draft)) {
      expect(order.status).toBe('written_off');
      expect((await store.ledgerEntries(order.id)).some((e) => e.account === 'invoice')).toBe(true);
    }
    // The orders made for the settlements are numbered after the others, so they were made after them.
    const orders = records.filter((r) => r.template === 'sales-order');
    const made = (o: (typeof records)[number]) => Date.parse(o.createdAt);
    for (let i = 1; i < orders.length; i++) expect(made(orders[i]), orders[i].number).toBeGreaterThanOrEqual(made(orders[i - 1]));
  });
});
