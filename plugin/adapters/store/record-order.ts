// The records list in (createdAt, id) order, so lists walk it without sorting and date ranges are found by bisection.
import type { WorkRecord } from '../../core/types.ts';

const CANONICAL_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Orders records by (createdAt, id): the order of StoreData.records. */
export function compareCreated(a: WorkRecord, b: WorkRecord): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** createdAt in the one form whose string order is time order (ranges and sorting compare strings). */
function canonicalCreatedAt(r: WorkRecord): void {
  if (!CANONICAL_ISO.test(r.createdAt)) r.createdAt = new Date(r.createdAt).toISOString();
}

/** Brings a loaded list into order; one that already is (the usual file) is only checked. */
export function putInOrder(list: WorkRecord[]): void {
  list.forEach(canonicalCreatedAt);
  for (let i = 1; i < list.length; i++) {
    if (compareCreated(list[i - 1], list[i]) > 0) {
      list.sort(compareCreated);
      return;
    }
  }
}

/** The first i in [0, n) for which `before(i)` is false; `before` must hold on a prefix only. */
export function bisect(n: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Position of the first record created at or after `iso` (strict: after). */
export function createdFrom(list: WorkRecord[], iso: string, strict: boolean): number {
  return bisect(list.length, (i) => list[i].createdAt < iso || (strict && list[i].createdAt === iso));
}

/** Position of the first record not before `r`. */
const lowerBound = (list: WorkRecord[], r: WorkRecord): number => bisect(list.length, (i) => compareCreated(list[i], r) < 0);

/** Puts `r` at its place in the list, in place of `old` (the version it replaces) if there is one. */
export function placeRecord(list: WorkRecord[], r: WorkRecord, old: WorkRecord | undefined): void {
  canonicalCreatedAt(r);
  if (old) {
    let i = lowerBound(list, old);
    if (list[i] !== old) i = list.indexOf(old);
    if (old.createdAt === r.createdAt) list[i] = r;
    else {
      list.splice(i, 1);
      list.splice(lowerBound(list, r), 0, r);
    }
  } else {
    // New records are nearly always the newest: appending is the common case.
    const last = list[list.length - 1];
    if (!last || compareCreated(last, r) < 0) list.push(r);
    else list.splice(lowerBound(list, r), 0, r);
  }
}
