// Accounting periods are months of the business's own calendar: a receipt at 07:00 on the 1st in Shanghai
// belongs to that month there, though it is still the previous month in UTC.
import { PluginFailure } from './errors.ts';

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      throw new PluginFailure('setup_invalid', `"${timeZone}" is not a time zone; use an IANA name such as Asia/Shanghai or UTC`);
    }
    formats.set(timeZone, f);
  }
  return f;
}

/** Throws (setup_invalid) for a name that is not a time zone. */
export function checkTimeZone(timeZone: string): void {
  formatFor(timeZone);
}

/** The period ("YYYY-MM") an instant belongs to in the business's time zone. */
export function periodOf(instant: string, timeZone: string): string {
  const parts = formatFor(timeZone).formatToParts(Date.parse(instant));
  const year = parts.find((p) => p.type === 'year')?.value;
  const month = parts.find((p) => p.type === 'month')?.value;
  return `${year}-${month}`;
}

/** The day ("YYYY-MM-DD") an instant falls on in the business's time zone. */
export function dayOf(instant: string, timeZone: string): string {
  const parts = formatFor(timeZone).formatToParts(Date.parse(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** What the period list knows about months: the closed ones and those with ledger entries. */
export interface PeriodBook {
  closed: string[];
  /** Months with ledger entries ("YYYY-MM"). */
  known: string[];
}

/**
 * Months close in order and reopen in reverse order, so that the books of a closed month never rest on an open one
 * before it. The answer is the month to deal with first, or undefined when `period` may change now.
 * Closing waits for the earliest open month before it that has entries (months without entries hold nothing up);
 * reopening waits for the latest closed month after it.
 */
export function periodToChangeFirst(book: PeriodBook, period: string, closing: boolean): string | undefined {
  const closed = new Set(book.closed);
  if (closing) {
    if (closed.has(period)) return undefined;
    return [...new Set([...book.known, ...book.closed])].filter((m) => m < period && !closed.has(m)).sort()[0];
  }
  if (!closed.has(period)) return undefined;
  return book.closed.filter((m) => m > period).sort().at(-1);
}
