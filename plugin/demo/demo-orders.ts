// Demo orders driven through the runtime as people would: created, confirmed, shipped, cancelled, archived, reassigned.
// Steps of all orders run in time order with the clock held at each step's moment, so audit, stock and
// notifications look like months of real work.
import type { JsonObject, Template } from '../core/types.ts';
import type { SettableClock } from '../host/settable-clock.ts';
import type { ActionInput, Runtime } from '../runtime/runtime-api.ts';
import { DAY, HOUR, isoDate, runSteps, type Step } from './demo-steps.ts';
import type { DemoPeople } from './demo-users.ts';
import { lineFieldChoices } from './opening-stock.ts';
import type { Prng } from './prng.ts';

const CUSTOMERS = [
  { name: '上海华联商贸有限公司', contact: '陈立', email: 'purchasing@hualian.example.com', phone: '021-5550-0101' },
  { name: '北京星辰科技有限公司', contact: '王芳', email: 'wangfang@xingchen.example.com', phone: '010-5550-0102' },
  { name: '杭州云帆网络科技有限公司', contact: '刘波', email: 'liubo@yunfan.example.com', phone: '0571-5550-0103' },
  { name: '深圳前海创新电子有限公司', contact: '黄婷', email: 'huangting@qhcx.example.com', phone: '0755-5550-0104' },
  { name: '成都天府软件服务有限公司', contact: '杨帆', email: 'yangfan@tfsoft.example.com', phone: '028-5550-0105' },
  { name: '南京金陵办公用品有限公司', contact: '吴静', email: 'wujing@jinling.example.com', phone: '025-5550-0106' },
  { name: '苏州精工制造有限公司', contact: '徐明', email: 'xuming@jinggong.example.com', phone: '0512-5550-0107' },
  { name: '重庆山城物流有限公司', contact: '郭强', email: 'guoqiang@shancheng.example.com', phone: '023-5550-0108' },
  { name: '武汉光谷信息技术有限公司', contact: '何丽', email: 'heli@gg-it.example.com', phone: '027-5550-0109' },
  { name: 'Acme Trading Ltd.', contact: 'Alice Moore', email: 'alice@acme.example.com', phone: '+44 20 5550 0110' },
];

const PRICES: Record<string, number> = { 'NB-14': 5999, 'NB-16': 7999, 'MON-27': 1899, 'KB-01': 299, 'MS-01': 129, 'DOCK-01': 899 };
const BIG_TICKET = new Set(['NB-14', 'NB-16', 'MON-27']);
const REMARKS = ['请尽快发货', '周末不收货', '需要开具增值税专用发票', '分批送货可以接受', 'Deliver to the loading dock'];
export const CANCEL_COMMENTS = ['客户预算调整', '客户改为下月采购', '与客户电话确认后取消', ''];

type Fate =
  | 'draft' | 'confirmed' | 'shipped' | 'partlyPaid' | 'writtenOff' | 'settled' | 'archivedSettled'
  | 'cancelledDraft' | 'cancelledConfirmed' | 'cancelledShipped' | 'archived' | 'cancelRequested';

// Older orders have travelled further; the newest are mostly still being worked on.
const OLD: Fate[] = ['settled', 'archived', 'shipped', 'cancelledShipped', 'writtenOff', 'archivedSettled', 'settled', 'cancelledConfirmed', 'partlyPaid', 'archived'];
const MIDDLE: Fate[] = ['shipped', 'confirmed', 'writtenOff', 'cancelledConfirmed', 'cancelRequested', 'confirmed', 'cancelledDraft', 'shipped'];
const RECENT: Fate[] = ['draft', 'confirmed', 'draft', 'cancelledDraft', 'draft', 'confirmed'];

/** A cancel of an order this large waits for a manager: the demo leaves a few such requests open. */
const LARGE_ORDER = [{ product: 'NB-16', warehouse: 'WH-SH', quantity: 8, price: 7999 }];

export interface DemoOrderOptions {
  now: Date;
  count: number;
  /** How far back the first order lies. */
  spanDays: number;
}

export function total(data: JsonObject): number {
  return (data.lines as { quantity: number; price: number }[]).reduce((sum, l) => sum + l.quantity * l.price, 0);
}

export function orderData(template: Template, at: Date, prng: Prng): JsonObject {
  const products = lineFieldChoices(template, 'product');
  const warehouses = lineFieldChoices(template, 'warehouse');
  const customer = prng.pick(CUSTOMERS);
  const lineCount = prng.int(1, 3);
  const chosen = new Set<string>();
  const lines: JsonObject[] = [];
  while (lines.length < lineCount) {
    const product = prng.pick(products);
    if (chosen.has(product)) continue;
    chosen.add(product);
    lines.push({
      product,
      warehouse: prng.pick(warehouses),
      quantity: BIG_TICKET.has(product) ? prng.int(1, 8) : prng.int(2, 30),
      price: PRICES[product] ?? 100,
    });
  }
  const data: JsonObject = {
    orderDate: isoDate(at),
    deliveryDate: isoDate(new Date(at.getTime() + prng.int(7, 21) * DAY)),
    customer: { ...customer },
    lines,
  };
  if (prng.chance(0.3)) data.remark = prng.pick(REMARKS);
  return data;
}

function fateOf(position: number, count: number): Fate {
  const age = position / count;
  if (age < 0.5) return OLD[position % OLD.length];
  if (age < 0.8) return MIDDLE[position % MIDDLE.length];
  return RECENT[position % RECENT.length];
}

/** Who takes an order over, and who may hand it on (the department's manager, or the admin across departments). */
export function reassignment(people: DemoPeople, handler: string): { by: string; params: JsonObject; to: string } | undefined {
  if (handler === 'sales1') return { by: 'manager', params: { handler: people.sales3.id }, to: 'sales3' };
  if (handler === 'sales3') return { by: 'manager', params: { handler: people.sales1.id }, to: 'sales1' };
  if (handler === 'sales2') return { by: 'admin', params: { handler: people.sales1.id, department: 'east' }, to: 'sales1' };
  return undefined;
}

/** Demo order `i` as the steps name it. */
const key = (i: number) => `order ${i}`;

function plan(template: Template, people: DemoPeople, prng: Prng, options: DemoOrderOptions): Step[] {
  const handlers = ['sales1', 'sales2', 'sales3', 'manager'];
  const reasonList = template.actions.cancel?.input?.reason?.list;
  const reasons = (reasonList ? template.reasons[reasonList] : undefined)?.map((r) => r.code) ?? ['other'];
  const latest = options.now.getTime() - HOUR;
  const steps: Step[] = [];
  const data: JsonObject[] = [];

  for (let i = 0; i < options.count; i++) {
    const daysAgo = options.spanDays * (1 - i / options.count) - prng.next() * 2;
    const created = new Date(options.now.getTime() - Math.max(0.1, daysAgo) * DAY);
    created.setUTCHours(1 + prng.int(0, 8), prng.int(0, 59), prng.int(0, 59), 0);
    let t = Math.min(created.getTime(), latest - 6 * HOUR);
    let handler = handlers[i % handlers.length];
    const fate = fateOf(i, options.count);
    const later = (minHours: number, maxHours: number): Date => {
      t = Math.min(t + prng.int(minHours, maxHours) * HOUR, latest);
      return new Date(t);
    };
    const act = (who: string, action: string, input?: ActionInput, at = later(2, 48)) =>
      steps.push({ at, record: key(i), actor: people[who].actor, action, input });

    data[i] = orderData(template, new Date(t), prng);
    // The create step reads data[i] when it runs: a fate below may still change what the order holds.
    steps.push({ at: new Date(t), record: key(i), actor: people[handler].actor, action: 'create', template: template.id, data: () => data[i] });

    const hand = i % 5 === 1 ? reassignment(people, handler) : undefined;
    if (hand) {
      act(hand.by, 'reassign', { params: hand.params, comment: '客户由新负责人跟进' }, later(1, 24));
      handler = hand.to;
    }
    const cancel = (leavePending = false) => {
      const input: ActionInput = { reason: prng.pick(reasons) };
      const comment = prng.pick(CANCEL_COMMENTS);
      if (comment) input.comment = comment;
      steps.push({ at: later(12, 96), record: key(i), actor: people[handler].actor, action: 'cancel', input, leavePending });
    };
    const ship = () => act('warehouse', 'ship', undefined, later(12, 72));
    const pay = (amount: number) => act('finance', 'record_receipt', { params: { amount } }, later(24, 240));

    if (fate === 'cancelRequested') data[i] = { ...data[i], lines: LARGE_ORDER };
    if (fate === 'draft') continue;
    if (fate === 'cancelledDraft') {
      cancel();
      continue;
    }
    act(handler, 'confirm', undefined, later(1, 36));
    if (fate === 'confirmed') continue;
    if (fate === 'cancelledConfirmed' || fate === 'cancelRequested') {
      cancel(fate === 'cancelRequested');
      continue;
    }
    if (fate === 'archived' && prng.chance(0.5)) {
      cancel();
      act(handler, 'archive', {}, later(48, 240));
      continue;
    }
    ship();
    if (fate === 'shipped') continue;
    if (fate === 'cancelledShipped' || fate === 'archived') {
      cancel();
      if (fate === 'archived') act(handler, 'archive', {}, later(48, 240));
      continue;
    }
    const amount = total(data[i]);
    if (fate === 'partlyPaid') {
      pay(Math.round(amount * 0.4));
      continue;
    }
    // A full receipt is written off by the template's own automation.
    if (fate === 'writtenOff') {
      pay(amount);
      continue;
    }
    act('finance', 'invoice', undefined, later(2, 48));
    pay(amount);
    act('finmanager', 'settle', undefined, later(24, 120));
    if (fate === 'archivedSettled') act(handler, 'archive', {}, later(48, 240));
  }
  const order = new Map(Array.from({ length: options.count }, (_, i) => [key(i), i]));
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime() || order.get(a.record)! - order.get(b.record)!);
}

export async function seedDemoOrders(
  runtime: Runtime, clock: SettableClock, template: Template, people: DemoPeople, prng: Prng, options: DemoOrderOptions,
): Promise<string[]> {
  const made = await runSteps(runtime, clock, people, plan(template, people, prng, options), options.now);
  return Array.from({ length: options.count }, (_, i) => made.get(key(i))!.id);
}
