// Accounting periods are months of the business's own calendar: a receipt at 07:00 on the 1st in Shanghai
// belongs to that month there, though it is still the previous month in UTC.
import { PluginFailure } from './errors.ts';

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
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
