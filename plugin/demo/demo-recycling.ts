// Demo recycling orders (the order-recycling template) in every state, driven as people would: processed and completed,
// cancelled with a reason (a large one approved by the west's manager, another still waiting for the east's),
// cancelled by the customer-cancellation automation, archived, and one handed to another salesperson.
import type { JsonObject, Template } from '../core/types.ts';
import type { SettableClock } from '../host/settable-clock.ts';
import type { ActionInput, Runtime } from '../runtime/runtime-api.ts';
import { CANCEL_COMMENTS, orderData, reassignment } from './demo-orders.ts';
import { DAY, HOUR, runSteps, type Step } from './demo-steps.ts';
import type { DemoPeople } from './demo-users.ts';
import type { Prng } from './prng.ts';

type Fate =
  | 'pending' | 'processing' | 'reassigned' | 'cancelWaiting' | 'completed'
  | 'cancelledPending' | 'cancelledProcessing' | 'cancelledLarge' | 'customerCancelled'
  | 'archivedCompleted' | 'archivedCancelled';

/** Oldest first: the older an order, the further it has gone. */
const STORY: readonly { fate: Fate; handler: string }[] = [
  { fate: 'archivedCompleted', handler: 'sales1' },
  { fate: 'archivedCancelled', handler: 'sales2' },
  { fate: 'completed', handler: 'sales3' },
  { fate: 'cancelledLarge', handler: 'sales2' },
  { fate: 'archivedCompleted', handler: 'manager' },
  { fate: 'completed', handler: 'sales2' },
  { fate: 'cancelledProcessing', handler: 'sales3' },
  { fate: 'completed', handler: 'manager' },
  { fate: 'reassigned', handler: 'sales1' },
  { fate: 'customerCancelled', handler: 'sales1' },
  { fate: 'cancelWaiting', handler: 'sales1' },
  { fate: 'processing', handler: 'sales2' },
  { fate: 'pending', handler: 'manager' },
  { fate: 'pending', handler: 'sales3' },
];

/** Above the template's approval threshold (20,000): cancelling these waits for the department's sales manager. */
const LARGE: Partial<Record<Fate, JsonObject[]>> = {
  cancelledLarge: [{ product: 'MON-27', warehouse: 'WH-SH', quantity: 12, price: 1899 }],
  cancelWaiting: [{ product: 'NB-14', warehouse: 'WH-BJ', quantity: 5, price: 5999 }],
};

/** Accessories only, well under the threshold: these are cancelled without asking anyone. */
const SMALL_FATES = new Set<Fate>(['cancelledPending', 'cancelledProcessing', 'customerCancelled', 'archivedCancelled']);
const ACCESSORIES: Record<string, number> = { 'KB-01': 299, 'MS-01': 129, 'DOCK-01': 899 };

function smallLines(prng: Prng): JsonObject[] {
  const products = Object.keys(ACCESSORIES);
  const first = prng.pick(products);
  const picked = prng.chance(0.5) ? [first] : [first, products[(products.indexOf(first) + 1) % products.length]];
  return picked.map((product) => ({ product, warehouse: prng.pick(['WH-SH', 'WH-BJ']), quantity: prng.int(2, 10), price: ACCESSORIES[product] }));
}

export interface DemoRecyclingOptions {
  now: Date;
  /** How far back the first order lies. */
  spanDays: number;
}

function plan(template: Template, people: DemoPeople, prng: Prng, options: DemoRecyclingOptions): Step[] {
  const reasonList = template.actions.cancel?.input?.reason?.list;
  const reasons = (reasonList ? template.reasons[reasonList] : undefined)?.map((r) => r.code) ?? ['other'];
  const latest = options.now.getTime() - HOUR;
  const steps: (Step & { story: number })[] = [];
  const n = STORY.length;

  STORY.forEach(({ fate, handler: creator }, i) => {
    const daysAgo = 1 + (options.spanDays - 3) * (1 - i / (n - 1)) + prng.next() * 2;
    const created = new Date(options.now.getTime() - daysAgo * DAY);
    created.setUTCHours(1 + prng.int(0, 8), prng.int(0, 59), prng.int(0, 59), 0);
    let t = Math.min(created.getTime(), latest - 6 * HOUR);
    let handler = creator;
    const record = `recycling order ${i}`;
    const later = (minHours: number, maxHours: number): Date => {
      t = Math.min(t + prng.int(minHours, maxHours) * HOUR, latest);
      return new Date(t);
    };
    const act = (who: string, action: string, at: Date, input?: ActionInput, extra: Partial<Step> = {}) =>
      steps.push({ at, record, story: i, actor: people[who].actor, action, input, ...extra });

    let data = orderData(template, new Date(t), prng);
    const large = LARGE[fate];
    if (large) data = { ...data, lines: large };
    else if (SMALL_FATES.has(fate)) data = { ...data, lines: smallLines(prng) };
    act(creator, 'create', new Date(t), undefined, { template: template.id, data });

    const cancel = (leavePending = false) => {
      const input: ActionInput = { reason: prng.pick(reasons) };
      const comment = prng.pick(CANCEL_COMMENTS);
      if (comment) input.comment = comment;
      act(handler, 'cancel', later(12, 96), input, { leavePending });
    };

    if (fate === 'pending') return;
    if (fate === 'customerCancelled') {
      // The salesperson ticks "customer asked to cancel"; the template's automation cancels the order.
      act(handler, 'edit', later(2, 72), undefined, { data: { customerCancelRequest: true, remark: '客户来电要求取消' } });
      return;
    }
    if (fate === 'cancelledPending' || fate === 'archivedCancelled') {
      cancel();
      if (fate === 'archivedCancelled') act(handler, 'archive', later(48, 240), {});
      return;
    }
    act(handler, 'process', later(1, 36));
    if (fate === 'processing') return;
    if (fate === 'reassigned') {
      const hand = reassignment(people, handler);
      if (hand) {
        act(hand.by, 'reassign', later(4, 48), { params: hand.params, comment: '原负责人工作调整，交由同事跟进' });
        handler = hand.to;
      }
      return;
    }
    if (fate === 'cancelledProcessing' || fate === 'cancelledLarge' || fate === 'cancelWaiting') {
      cancel(fate === 'cancelWaiting');
      return;
    }
    act('warehouse', 'complete', later(12, 72));
    if (fate === 'archivedCompleted') act(handler, 'archive', later(48, 240), { comment: '订单已完成，移入历史' });
  });
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime() || a.story - b.story);
}

/** Seeds the recycling orders; returns their ids, oldest first. */
export async function seedDemoRecycling(
  runtime: Runtime, clock: SettableClock, template: Template, people: DemoPeople, prng: Prng, options: DemoRecyclingOptions,
): Promise<string[]> {
  const made = await runSteps(runtime, clock, people, plan(template, people, prng, options), options.now);
  return STORY.map((_, i) => made.get(`recycling order ${i}`)!.id);
}
