// Demo data for a fresh store: people, opening stock, and a few dozen orders in every state.
// Runs on the host side with the runtime's own entry points, so what it leaves is what real use would leave.
import type { SettableClock } from '../host/settable-clock.ts';
import type { Store } from '../runtime/ports.ts';
import type { HostRuntime } from '../runtime/runtime.ts';
import { seedDemoOrders } from './demo-orders.ts';
import { seedDemoUsers, type DemoPeople } from './demo-users.ts';
import { seedOpeningStock } from './opening-stock.ts';
import { createPrng } from './prng.ts';

export const DEMO_TEMPLATE = 'sales-order';

export interface SeedOptions {
  /** The clock the runtime was built with; seeding holds it at past moments, then lets it go. */
  clock: SettableClock;
  /** Everyone's password; API.md promises `demo`. */
  password?: string;
  /** "Today" for the demo; the same now, seed and count give the same data. */
  now?: Date;
  orders?: number;
  seed?: number;
  /** Only people and stock (tests that make their own orders). */
  withoutOrders?: boolean;
}

export interface SeedResult {
  people: DemoPeople;
  orderIds: string[];
}

export async function seedDemo(runtime: HostRuntime, store: Store, options: SeedOptions): Promise<SeedResult> {
  const now = options.now ?? new Date();
  const spanDays = 150;
  const prng = createPrng(options.seed ?? 20240611);
  const template = await runtime.getTemplate(DEMO_TEMPLATE);
  if (!template) throw new Error(`demo data needs the "${DEMO_TEMPLATE}" template installed first`);

  const people = await seedDemoUsers(runtime, options.password ?? 'demo');
  await seedOpeningStock(store, template, new Date(now.getTime() - (spanDays + 5) * 86_400_000), prng);
  if (options.withoutOrders) return { people, orderIds: [] };
  const orderIds = await seedDemoOrders(runtime, options.clock, template, people, prng, { now, count: options.orders ?? 40, spanDays });
  return { people, orderIds };
}
