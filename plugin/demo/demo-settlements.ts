// Demo settlements (the settlement template): one posted, one posted and then cancelled by the administrator
// (its orders re-opened for re-check), one still a draft. Each covers sales orders made for it and taken the
// whole way as people would: confirmed, shipped, paid in full (written off by the automation), invoiced.
import type { Template } from '../core/types.ts';
import type { SettableClock } from '../host/settable-clock.ts';
import type { Runtime } from '../runtime/runtime-api.ts';
import { orderData, total } from './demo-orders.ts';
import { HOUR, isoDate, runSteps, type Step } from './demo-steps.ts';
import type { DemoPeople } from './demo-users.ts';
import type { Prng } from './prng.ts';

const MINUTE = 60_000;
/** How far a step may stray from its planned moment, as a share of the time available; steps that must follow each other are planned further apart. */
const JITTER = 0.005;

/** Each settlement with the orders it covers and how far it goes. */
const SETTLEMENTS = [
  { fate: 'posted', orders: 3, memo: '本期已核销并开票的订单，统一结账' },
  { fate: 'cancelled', orders: 2, memo: '华东区客户对账结算' },
  { fate: 'draft', orders: 2, memo: '待财务经理核对后过账' },
] as const;

export interface DemoSettlementOptions {
  now: Date;
  /** When the newest sales order so far was made: the orders made here are numbered after it, so they come later. */
  after: Date;
}

export interface DemoSettlements {
  /** The sales orders made for the settlements. */
  orderIds: string[];
  settlementIds: string[];
}

const orderKey = (k: number) => `settlement order ${k}`;
const settlementKey = (s: number) => `settlement ${s}`;

function plan(orderTemplate: Template, settlementTemplate: Template, people: DemoPeople, prng: Prng, options: DemoSettlementOptions): Step[] {
  const start = options.after.getTime() + 30 * MINUTE;
  const end = options.now.getTime() - HOUR;
  // The moment `f` of the way through the time left (0 = just after the newest order, 1 = an hour ago), a little later at random.
  const at = (f: number): Date => new Date(start + (f + prng.next() * JITTER) * (end - start));
  const handlers = ['sales1', 'sales2', 'sales3', 'manager'];
  const steps: Step[] = [];
  const finance = people.finance.actor;

  const covered: number[][] = [];
  let k = 0;
  for (const s of SETTLEMENTS) covered.push(Array.from({ length: s.orders }, () => k++));

  for (let i = 0; i < k; i++) {
    const record = orderKey(i);
    const handler = people[handlers[i % handlers.length]].actor;
    const created = at(0.02 + 0.025 * i);
    const data = orderData(orderTemplate, created, prng);
    steps.push(
      { at: created, record, actor: handler, action: 'create', template: orderTemplate.id, data },
      { at: at(0.03 + 0.025 * i), record, actor: handler, action: 'confirm' },
      { at: at(0.3 + 0.02 * i), record, actor: people.warehouse.actor, action: 'ship' },
      // Paid in full: the template's automation writes the order off.
      { at: at(0.45 + 0.02 * i), record, actor: finance, action: 'record_receipt', input: { params: { amount: total(data) } } },
      { at: at(0.6 + 0.015 * i), record, actor: finance, action: 'invoice' },
    );
  }

  SETTLEMENTS.forEach((s, n) => {
    const record = settlementKey(n);
    const created = at(0.75 + 0.05 * n);
    steps.push({
      at: created, record, actor: finance, action: 'create', template: settlementTemplate.id,
      // The numbers are known once the orders exist.
      data: (made) => ({ settlementDate: isoDate(created), orders: covered[n].map((o) => ({ number: made.get(orderKey(o))!.number })), memo: s.memo }),
    });
    if (s.fate === 'draft') return;
    steps.push({ at: at(0.77 + 0.05 * n), record, actor: people.finmanager.actor, action: 'post' });
    if (s.fate === 'cancelled') {
      steps.push({
        at: at(0.95), record, actor: people.admin.actor, action: 'cancel_settlement',
        input: { reason: 'customer_dispute', comment: '客户对账单金额有异议，订单重新核对后再结算' },
      });
    }
  });
  // Stable: steps planned for the same moment keep the order they were planned in.
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime());
}

export async function seedDemoSettlements(
  runtime: Runtime, clock: SettableClock, orderTemplate: Template, settlementTemplate: Template, people: DemoPeople, prng: Prng, options: DemoSettlementOptions,
): Promise<DemoSettlements> {
  const made = await runSteps(runtime, clock, people, plan(orderTemplate, settlementTemplate, people, prng, options), options.now);
  const orders = SETTLEMENTS.reduce((sum, s) => sum + s.orders, 0);
  return {
    orderIds: Array.from({ length: orders }, (_, i) => made.get(orderKey(i))!.id),
    settlementIds: SETTLEMENTS.map((_, n) => made.get(settlementKey(n))!.id),
  };
}
