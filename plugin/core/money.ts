// Money as exact decimals. Amounts stay JSON numbers with at most two decimals (data, stores, the API), but every
// sum, difference, product and comparison is done here in integer minor units (cents), read from the number's
// decimal text: 1.005 is 1.005, not the binary 1.00499999…, and 0.1 + 0.2 is 0.3. See docs/money.md.

/** Decimals of the currency's smallest unit (the cent). */
export const MONEY_DECIMALS = 2;
/** The smallest amount, in units. */
export const SMALLEST_AMOUNT = 0.01;
/**
 * The largest count of cents: 15 digits (9,999,999,999,999.99 units). Below Number.MAX_SAFE_INTEGER, and small
 * enough that every amount's two-decimal text survives the trip through a JSON number and back (DBL_DIG is 15).
 */
export const MAX_MINOR = 999_999_999_999_999;

export type MoneyProblem = 'not_a_number' | 'below_smallest_unit' | 'out_of_range';

/** A programmer or data error: an amount that cannot be money reached a sum. Refusals for people are made before. */
export class MoneyError extends Error {
  constructor(
    readonly code: `money.${MoneyProblem}`,
    message: string,
  ) {
    super(message);
    this.name = 'MoneyError';
  }
}

/** An exact decimal: digits × 10^exponent (the digits signed). */
interface Decimal {
  digits: bigint;
  exponent: number;
}

/** The decimal a number's shortest text spells (String(n)): what a person typed, what JSON carries. */
export function decimalOf(n: number): Decimal {
  if (!Number.isFinite(n)) throw new MoneyError('money.not_a_number', `${n} is not an amount`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(n));
  if (!m) throw new MoneyError('money.not_a_number', `${n} is not an amount`);
  const [, sign, whole, fraction = '', exp = '0'] = m;
  const digits = BigInt(whole + fraction);
  return { digits: sign ? -digits : digits, exponent: Number(exp) - fraction.length };
}

const TEN = 10n;
const pow10 = (k: number): bigint => TEN ** BigInt(k);
const abs = (b: bigint): bigint => (b < 0n ? -b : b);

/** The decimal in cents, rounded half away from zero: the one rounding rule of this module. */
function roundedMinor(d: Decimal): bigint {
  const shift = d.exponent + MONEY_DECIMALS;
  if (shift >= 0) return d.digits * pow10(shift);
  const div = pow10(-shift);
  const q = abs(d.digits) / div;
  const r = abs(d.digits) % div;
  const up = 2n * r >= div ? q + 1n : q;
  return d.digits < 0n ? -up : up;
}

/** Whether the decimal has nothing below the cent. */
function isWholeMinor(d: Decimal): boolean {
  const shift = d.exponent + MONEY_DECIMALS;
  return shift >= 0 || d.digits % pow10(-shift) === 0n;
}

function safe(minor: bigint, what: string): number {
  if (abs(minor) > BigInt(MAX_MINOR)) throw new MoneyError('money.out_of_range', `${what} is beyond the largest amount counted to the cent (${MAX_MINOR / 100})`);
  return Number(minor);
}

/** What keeps a value from being an amount: not a finite number, finer than a cent, or too large to count in cents. */
export function moneyProblem(value: unknown): MoneyProblem | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'not_a_number';
  const d = decimalOf(value);
  if (!isWholeMinor(d)) return 'below_smallest_unit';
  return abs(roundedMinor(d)) > BigInt(MAX_MINOR) ? 'out_of_range' : undefined;
}

/** An amount in cents, exactly; an amount finer than a cent or beyond the safe range throws. */
export function toMinor(amount: number): number {
  const d = decimalOf(amount);
  if (!isWholeMinor(d)) throw new MoneyError('money.below_smallest_unit', `${amount} is finer than the smallest unit (${SMALLEST_AMOUNT})`);
  return normal(safe(roundedMinor(d), String(amount)));
}

/** Cents back to the JSON number: the nearest double to k/100, which prints as the k/100 decimal. */
export function fromMinor(minor: number): number {
  if (!Number.isSafeInteger(minor) || Math.abs(minor) > MAX_MINOR) throw new MoneyError('money.out_of_range', `${minor} is not a whole count of cents within the range`);
  return normal(minor / 100);
}

const normal = (n: number): number => (n === 0 ? 0 : n); // no -0 in data

/** Any number to the cent, half away from zero (1.005 → 1.01, -0.125 → -0.13), from its decimal text. */
export function roundMoney(value: number): number {
  return fromMinor(normal(safe(roundedMinor(decimalOf(value)), String(value))));
}

/** The sum of amounts, each a whole number of cents. */
export function addMoney(...amounts: number[]): number {
  return sumMoney(amounts);
}

/** The sum of a list of amounts (any length), each a whole number of cents. */
export function sumMoney(amounts: readonly number[]): number {
  return fromMinor(sumMinor(amounts.map(toMinor)));
}

/** `from` less each of `amounts`. */
export function subtractMoney(from: number, ...amounts: number[]): number {
  return fromMinor(sumMinor([toMinor(from), ...amounts.map((a) => -toMinor(a))]));
}

function sumMinor(minors: number[]): number {
  return safe(
    minors.reduce((s, m) => s + BigInt(m), 0n),
    'the sum',
  );
}

/** Whether two amounts are the same to the cent (both must be whole cents). */
export function sameMoney(a: number, b: number): boolean {
  return toMinor(a) === toMinor(b);
}

/** Negative, zero or positive as `a` is below, equal to or above `b`. */
export function compareMoney(a: number, b: number): number {
  return Math.sign(toMinor(a) - toMinor(b));
}

/**
 * A line's amount: quantity × price, multiplied exactly as decimals, then rounded once, at the line, to the cent,
 * half away from zero. Quantity may be fractional (0.5 × 2.01 = 1.005 → 1.01); the price is any decimal.
 */
export function lineAmount(quantity: number, price: number): number {
  const q = decimalOf(quantity);
  const p = decimalOf(price);
  return fromMinor(normal(safe(roundedMinor({ digits: q.digits * p.digits, exponent: q.exponent + p.exponent }), `${quantity} × ${price}`)));
}

/** The sum of any numbers (quantities, amounts) exactly, rounded once at the end to the cent. */
export function sumRounded(values: number[]): number {
  if (!values.length) return 0;
  const ds = values.map(decimalOf);
  const exponent = Math.min(...ds.map((d) => d.exponent));
  const digits = ds.reduce((s, d) => s + d.digits * pow10(d.exponent - exponent), 0n);
  return fromMinor(normal(safe(roundedMinor({ digits, exponent }), 'the sum')));
}

/** Whether `value` is an exact multiple of `step`, as decimals (JSON Schema's multipleOf without binary error). */
export function isDecimalMultiple(value: number, step: number): boolean {
  if (!Number.isFinite(value) || !Number.isFinite(step) || step <= 0) return false;
  const v = decimalOf(value);
  const s = decimalOf(step);
  const e = Math.min(v.exponent, s.exponent);
  return (v.digits * pow10(v.exponent - e)) % (s.digits * pow10(s.exponent - e)) === 0n;
}
