// Demo data for a fresh store: people, opening stock, and records of every prebuilt template in every state
// (a few dozen sales orders, recycling orders, settlements).
// Runs on the host side with the runtime's own entry points, so what it leaves is what real use would leave.
import { PluginFailure } from '../core/errors.ts';
import type { SettableClock } from '../host/settable-clock.ts';
import type { Store } from '../runtime/ports.ts';
import type { HostRuntime } from '../runtime/runtime.ts';
import { seedDemoOrders } from './demo-orders.ts';
import { seedDemoRecycling } from './demo-recycling.ts';
import { seedDemoSettlements } from './demo-settlements.ts';
import { seedDemoUsers, type DemoPeople } from './demo-users.ts';
import { seedOpeningStock } from './opening-stock.ts';
import { createPrng } from './prng.ts';

export const DEMO_TEMPLATE = 'sales-order';
export const RECYCLING_TEMPLATE = 'order-recycling';
export const SETTLEMENT_TEMPLATE = 'settlement';

export interface SeedOptions {
  /** The clock the runtime was built with; seeding holds it at past moments, then lets it go. */
  clock: SettableClock;
  /** Everyone's password; API.md promises `demo`. */
  password?: string;
  /** "Today" for the demo; the same now, seed and count give the same data. */
  now?: Date;
  /** Sales orders spread over the months (the settlements make a few more of their own). */
  orders?: number;
  seed?: number;
  /** Only people and stock (tests that make their own orders). */
  withoutOrders?: boolean;
}

export interface SeedResult {
  people: DemoPeople;
  /** Every sales order, the settlements' own last. */
  orderIds: string[];
  /** Recycling orders (none when the order-recycling template is not installed). */
  recyclingIds: string[];
  /** Settlements (none when the settlement template is not installed). */
  settlementIds: string[];
}

export async function seedDemo(runtime: HostRuntime, store: Store, options: SeedOptions): Promise<SeedResult> {
  const now = options.now ?? new Date();
  const spanDays = 150;
  const prng = createPrng(options.seed ?? 20240611);
  const template = await runtime.getTemplate(DEMO_TEMPLATE);
  if (!template) throw new PluginFailure('seed_failed', `demo data needs the "${DEMO_TEMPLATE}" template installed first`);

  const people = await seedDemoUsers(runtime, options.password ?? 'demo');
  await seedOpeningStock(store, template, new Date(now.getTime() - (spanDays + 5) * 86_400_000), prng);
  if (options.withoutOrders) return { people, orderIds: [], recyclingIds: [], settlementIds: [] };
  const orderIds = await seedDemoOrders(runtime, options.clock, template, people, prng, { now, count: options.orders ?? 40, spanDays });

  // The other prebuilt templates, when installed. Each part draws from the generator after the one before,
  // so adding to a later part never changes an earlier one.
  const recycling = await runtime.getTemplate(RECYCLING_TEMPLATE);
  const recyclingIds = recycling ? await seedDemoRecycling(runtime, options.clock, recycling, people, prng, { now, spanDays }) : [];

  const settlement = await runtime.getTemplate(SETTLEMENT_TEMPLATE);
  let settlementIds: string[] = [];
  if (settlement) {
    const newest = await runtime.listRecords(people.admin.actor, { template: DEMO_TEMPLATE, includeArchived: true, sort: 'createdAt', dir: 'desc', pageSize: 1 });
    const after = new Date(newest.items[0]?.createdAt ?? now.getTime() - spanDays * 86_400_000);
    const made = await seedDemoSettlements(runtime, options.clock, template, settlement, people, prng, { now, after });
    orderIds.push(...made.orderIds);
    settlementIds = made.settlementIds;
  }
  // Messages to customers go out after each action; the seed is done when they have.
  await runtime.deliverOutbox();
  return { people, orderIds, recyclingIds, settlementIds };
}
