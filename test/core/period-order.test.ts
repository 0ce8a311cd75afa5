// Months close in order and reopen in reverse order: which month has to change first.
import { describe, expect, it } from 'vitest';
import { periodToChangeFirst } from '../../plugin/core/periods.ts';

describe('the month to close or reopen first', () => {
  it.each([
    { book: { closed: [], known: [] }, period: '2026-05', closing: true, first: undefined },
    { book: { closed: [], known: ['2026-01', '2026-03'] }, period: '2026-05', closing: true, first: '2026-01' },
    { book: { closed: ['2026-01'], known: ['2026-01', '2026-03'] }, period: '2026-05', closing: true, first: '2026-03' },
    // a month without entries holds nothing up
    { book: { closed: ['2026-01'], known: ['2026-01', '2026-03'] }, period: '2026-03', closing: true, first: undefined },
    { book: { closed: [], known: ['2026-03'] }, period: '2026-02', closing: true, first: undefined },
    // a closed month before, even without entries, is no obstacle; an open one after is none either
    { book: { closed: ['2025-12'], known: ['2026-06'] }, period: '2026-01', closing: true, first: undefined },
    // closing what is closed is no change, so nothing holds it up
    { book: { closed: ['2026-03'], known: ['2026-01'] }, period: '2026-03', closing: true, first: undefined },
    { book: { closed: ['2026-01', '2026-03', '2026-04'], known: [] }, period: '2026-01', closing: false, first: '2026-04' },
    { book: { closed: ['2026-01', '2026-03'], known: [] }, period: '2026-03', closing: false, first: undefined },
    // reopening what is open is no change
    { book: { closed: ['2026-04'], known: [] }, period: '2026-02', closing: false, first: undefined },
  ])('$period, closing=$closing, with $book.closed closed and $book.known known: first $first', ({ book, period, closing, first }) => {
    expect(periodToChangeFirst(book, period, closing)).toBe(first);
  });
});
