// Field-level changes between two versions of the data: what the history shows as before/after.
import { describe, expect, it } from 'vitest';
import { diffData } from '../../plugin/core/diff.ts';
import type { FieldChange, Json } from '../../plugin/core/types.ts';

const line = (quantity: number, price = 10): Json => ({ product: 'NB-14', warehouse: 'WH-SH', quantity, price });

describe('diffData', () => {
  it.each<{ title: string; before: Json | undefined; after: Json | undefined; changes: FieldChange[] }>([
    { title: 'equal data: nothing', before: { a: 1, b: { c: [1, 2] } }, after: { a: 1, b: { c: [1, 2] } }, changes: [] },
    { title: 'key order is not a change', before: { a: 1, b: 2 }, after: { b: 2, a: 1 }, changes: [] },
    { title: 'a changed value', before: { remark: 'a' }, after: { remark: 'b' }, changes: [{ path: '/remark', before: 'a', after: 'b' }] },
    { title: 'an added field has no before', before: {}, after: { remark: 'b' }, changes: [{ path: '/remark', after: 'b' }] },
    { title: 'a removed field has no after', before: { remark: 'a' }, after: {}, changes: [{ path: '/remark', before: 'a' }] },
    { title: 'null is a value, not an absence', before: { x: null }, after: { x: 0 }, changes: [{ path: '/x', before: null, after: 0 }] },
    { title: 'a nested field', before: { customer: { name: 'A', email: 'a@x' } }, after: { customer: { name: 'B', email: 'a@x' } }, changes: [{ path: '/customer/name', before: 'A', after: 'B' }] },
    { title: 'a field of one order line, by index', before: { lines: [line(1), line(2)] }, after: { lines: [line(1), line(5)] }, changes: [{ path: '/lines/1/quantity', before: 2, after: 5 }] },
    { title: 'an added line', before: { lines: [line(1)] }, after: { lines: [line(1), line(2)] }, changes: [{ path: '/lines/1', after: line(2) }] },
    { title: 'a removed line', before: { lines: [line(1), line(2)] }, after: { lines: [line(1)] }, changes: [{ path: '/lines/1', before: line(2) }] },
    { title: 'a list that became a value', before: { tags: ['a'] }, after: { tags: 'a' }, changes: [{ path: '/tags', before: ['a'], after: 'a' }] },
    { title: 'an object that became a list', before: { x: { a: 1 } }, after: { x: [1] }, changes: [{ path: '/x', before: { a: 1 }, after: [1] }] },
    { title: 'keys with / and ~ are escaped', before: { 'a/b': 1, 'c~d': 1 }, after: { 'a/b': 2, 'c~d': 2 }, changes: [{ path: '/a~1b', before: 1, after: 2 }, { path: '/c~0d', before: 1, after: 2 }] },
    { title: 'from nothing: each top-level field once (a create)', before: {}, after: { a: 1, b: { c: 2 } }, changes: [{ path: '/a', after: 1 }, { path: '/b', after: { c: 2 } }] },
    { title: 'two values at the root', before: 1, after: 2, changes: [{ path: '', before: 1, after: 2 }] },
  ])('$title', ({ before, after, changes }) => {
    expect(diffData(before, after)).toEqual(changes);
  });

  it('leaves its inputs alone', () => {
    const before = { lines: [line(1)] };
    const after = { lines: [line(3)] };
    const copies = structuredClone([before, after]);
    diffData(before, after);
    expect([before, after]).toEqual(copies);
  });
});

describe('diffData and keys that name the prototype', () => {
  it('an own "__proto__" key is a field like any other: compared with nothing, not with Object.prototype', () => {
    const after = JSON.parse('{"customer":{"name":"A","__proto__":{"polluted":"yes"}}}');
    expect(diffData({ customer: { name: 'A' } }, after)).toEqual([{ path: '/customer/__proto__', after: { polluted: 'yes' } }]);
    expect(diffData(after, { customer: { name: 'A' } })).toEqual([{ path: '/customer/__proto__', before: { polluted: 'yes' } }]);
  });

  it('"constructor" is read as an own key only', () => {
    expect(diffData({}, JSON.parse('{"constructor":1}'))).toEqual([{ path: '/constructor', after: 1 }]);
    expect(diffData({ a: {} }, { a: { constructor: 'x' } })).toEqual([{ path: '/a/constructor', after: 'x' }]);
  });
});
