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
  await seedDemo(runtime, store, { clock, now: NOW });
  const ms = Date.now() - started;
  const records = (await store.allRecords()).sort((a, b) => a.number.localeCompare(b.number));
  return { store, clock, ms, records };
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
});
