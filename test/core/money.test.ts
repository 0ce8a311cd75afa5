// Money in integer minor units: exact sums, one rounding rule, refusals below the cent and beyond the safe range.
import { describe, expect, it } from 'vitest';
import {
  addMoney,
  compareMoney,
  fromMinor,
  isDecimalMultiple,
  lineAmount,
  MAX_MINOR,
  MoneyError,
  moneyProblem,
  roundMoney,
  sameMoney,
  subtractMoney,
  sumRounded,
  toMinor,
} from '../../plugin/core/money.ts';

describe('toMinor and fromMinor', () => {
  it.each([
    [0, 0],
    [1, 100],
    [0.07, 7],
    [1.15, 115], // 1.15 * 100 is 114.99999999999999 in binary
    [4.35, 435], // 4.35 * 100 is 434.99999999999994
    [-0.01, -1],
    [123456789.12, 12345678912],
    [1e10, 1e12],
  ])('%d is %d cents, and back', (amount, minor) => {
    expect(toMinor(amount)).toBe(minor);
    expect(fromMinor(minor)).toBe(amount);
  });

  it('an amount finer than a cent is refused, however small', () => {
    for (const n of [0.001, 1.005, 1e-9, 1e-12, 100.00000000001]) expect(() => toMinor(n), String(n)).toThrow(MoneyError);
  });

  it('amounts beyond the largest whole count of cents a number holds are refused', () => {
    expect(toMinor(fromMinor(MAX_MINOR))).toBe(MAX_MINOR);
    expect(() => toMinor(1e14)).toThrow(/beyond the largest amount/);
    expect(() => fromMinor(MAX_MINOR + 1)).toThrow(MoneyError);
    expect(() => toMinor(Number.NaN)).toThrow(MoneyError);
    expect(() => toMinor(Number.POSITIVE_INFINITY)).toThrow(MoneyError);
  });

  it('zero is never negative zero', () => {
    expect(Object.is(fromMinor(-0), 0)).toBe(true);
    expect(Object.is(subtractMoney(0.3, 0.1, 0.2), 0)).toBe(true);
  });
});

describe('sums and comparisons are exact', () => {
  it('0.1 + 0.2 is 0.3, and 0.3 less both is exactly 0', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(addMoney(0.1, 0.2)).toBe(0.3);
    expect(subtractMoney(0.3, 0.1, 0.2)).toBe(0);
  });

  it('ten receipts of 0.07 pay 0.70 exactly', () => {
    expect(Array.from({ length: 10 }, () => 0.07).reduce((s, x) => s + x, 0)).not.toBe(0.7);
    expect(addMoney(...Array.from({ length: 10 }, () => 0.07))).toBe(0.7);
  });

  it('a thousand receipts of 0.01 are 10.00, and 10.00 less them owes nothing', () => {
    const pennies = Array.from({ length: 1000 }, () => 0.01);
    expect(addMoney(...pennies)).toBe(10);
    expect(subtractMoney(10, ...pennies)).toBe(0);
  });

  it('sameMoney and compareMoney work to the cent', () => {
    expect(sameMoney(addMoney(0.1, 0.2), 0.3)).toBe(true);
    expect(compareMoney(0.3, addMoney(0.1, 0.2))).toBe(0);
    expect(compareMoney(0.29, 0.3)).toBe(-1);
    expect(compareMoney(1000, 999.99)).toBe(1);
  });

  it('a sum past the safe range is refused, not rounded', () => {
    expect(() => addMoney(fromMinor(MAX_MINOR), 0.01)).toThrow(/beyond the largest amount/);
  });
});

describe('lineAmount: quantity × price, rounded once at the line, half away from zero', () => {
  it.each([
    [10, 0.07, 0.7],
    [3, 1.1, 3.3],
    [0.5, 2.01, 1.01], // 0.5 * 2.01 is 1.00499999… in binary, which Math.round takes down
    [0.5, 0.01, 0.01],
    [0.333, 3, 1],
    [1.5, 19.99, 29.99], // 29.985 up
    [-0.5, 2.01, -1.01], // away from zero, not towards +∞
    [100000, 9999999.99, 999999999000],
    [2, 0.125, 0.25],
    [1, 0.125, 0.13],
  ])('%d × %d = %d', (qty, price, amount) => {
    expect(lineAmount(qty, price)).toBe(amount);
  });
});

describe('roundMoney: any number to the cent, half away from zero', () => {
  it.each([
    [1.004, 1],
    [1.005, 1.01], // Math.round(1.005 * 100) / 100 gives 1
    [10.235, 10.24],
    [-2.5, -2.5],
    [-0.125, -0.13],
    [-0.001, 0],
    [0.1 + 0.2, 0.3],
    [123456.789, 123456.79],
  ])('%d → %d', (n, expected) => {
    expect(Object.is(roundMoney(n), expected)).toBe(true);
  });
});

describe('sumRounded adds any decimals exactly and rounds once', () => {
  it.each<[number[], number]>([
    [[], 0],
    [[0.1, 0.2], 0.3],
    [[0.005, 0.005], 0.01],
    [[0.004, 0.001], 0.01],
    [[1.5, 2.25], 3.75],
  ])('%j → %d', (values, sum) => {
    expect(sumRounded(values)).toBe(sum);
  });
});

describe('moneyProblem names what keeps a value from being an amount', () => {
  it.each<[unknown, string | undefined]>([
    [12.34, undefined],
    [0, undefined],
    [-5, undefined],
    [1e-12, 'below_smallest_unit'],
    [0.015, 'below_smallest_unit'],
    [1e16, 'out_of_range'],
    ['12', 'not_a_number'],
    [Number.NaN, 'not_a_number'],
  ])('%s → %s', (value, problem) => {
    expect(moneyProblem(value)).toBe(problem);
  });
});

describe('isDecimalMultiple: multipleOf without binary error', () => {
  it.each<[number, number, boolean]>([
    [0.07, 0.01, true],
    [12345678.91, 0.01, true],
    [1e-12, 0.01, false],
    [0.01000000000001, 0.01, false],
    [0.3, 0.1, true],
    [7.25, 0.5, false],
    [7.5, 0.5, true],
    [10, 2.5, true],
  ])('%d of %d: %s', (value, step, ok) => {
    expect(isDecimalMultiple(value, step)).toBe(ok);
  });
});
