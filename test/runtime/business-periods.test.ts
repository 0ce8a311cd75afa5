// Accounting periods are months of the business's own time zone, not of UTC.
import { describe, expect, it } from 'vitest';
import { checkTimeZone, periodOf } from '../../plugin/core/periods.ts';
import { createRuntimeFixture } from '../fixtures/runtime-fixture.ts';

// 07:30 on 1 November in Shanghai, still 31 October in UTC.
const FIRST_MORNING = '2026-10-31T23:30:00.000Z';

describe('business periods', () => {
  it('an instant belongs to the month of the business time zone', () => {
    expect(periodOf(FIRST_MORNING, 'Asia/Shanghai')).toBe('2026-11');
    expect(periodOf(FIRST_MORNING, 'UTC')).toBe('2026-10');
    expect(periodOf('2026-12-01T03:00:00Z', 'America/New_York')).toBe('2026-11');
  });

  it('a name that is not a time zone is refused, saying what to write', () => {
    expect(() => checkTimeZone('Mars/Olympus')).toThrow(expect.objectContaining({ code: 'setup_invalid', message: expect.stringContaining('Asia/Shanghai') }));
  });

  it('a receipt on the morning of the 1st in Shanghai is posted in that month, and the current period is that month', async () => {
    const f = await createRuntimeFixture({ now: FIRST_MORNING, timeZone: 'Asia/Shanghai' });
    const order = await f.newOrder('sales1');
    await f.driveTo(order.id, 'shipped');
    await f.run('finance', order.id, 'record_receipt', { params: { amount: 100 } });
    const entries = await f.store.ledgerEntries(order.id);
    expect(entries.filter((e) => e.account === 'receipt').map((e) => e.period)).toEqual(['2026-11']);
    expect((await f.runtime.listPeriods()).current).toBe('2026-11');
  });

  it('closing the business month refuses postings in it, though UTC is still in the month before', async () => {
    const f = await createRuntimeFixture({ now: FIRST_MORNING, timeZone: 'Asia/Shanghai' });
    const order = await f.newOrder('sales1');
    await f.driveTo(order.id, 'shipped');
    expect((await f.runtime.setPeriodClosed(f.actor('finmanager'), '2026-11', true)).ok).toBe(true);
    const refused = await f.runtime.runAction(f.actor('finance'), order.id, 'record_receipt', { params: { amount: 100 } });
    expect(refused.ok ? '' : refused.code).toBe('period_closed');
  });
});
