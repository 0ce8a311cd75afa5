// JSON pointers (RFC 6901) over plain data: the addresses of fields in permissions, history and effects.
import { describe, expect, it } from 'vitest';
import { covers, fieldOf, getAt, parsePointer, setAt, toPointer } from '../../plugin/core/pointer.ts';
import type { Json, JsonObject } from '../../plugin/core/types.ts';

const data: JsonObject = { customer: { name: 'A', 'a/b': 1, 'm~n': 2 }, lines: [{ price: 1 }, { price: 2 }], zero: 0, nil: null };

describe('parsePointer and toPointer', () => {
  it.each<{ pointer: string; parts: string[] }>([
    { pointer: '', parts: [] },
    { pointer: '/', parts: [] },
    { pointer: '/customer', parts: ['customer'] },
    { pointer: '/lines/0/price', parts: ['lines', '0', 'price'] },
    { pointer: '/a~1b', parts: ['a/b'] },
    { pointer: '/m~0n', parts: ['m~n'] },
    { pointer: '/~01', parts: ['~1'] },
  ])('"$pointer" ⇄ $parts', ({ pointer, parts }) => {
    expect(parsePointer(pointer)).toEqual(parts);
    if (pointer !== '/') expect(toPointer(parts)).toBe(pointer);
  });

  it('numbers become index segments', () => {
    expect(toPointer(['lines', 3, 'price'])).toBe('/lines/3/price');
  });
});

describe('getAt', () => {
  it.each<{ pointer: string; value: Json | undefined }>([
    { pointer: '', value: data },
    { pointer: '/customer/name', value: 'A' },
    { pointer: '/customer/a~1b', value: 1 },
    { pointer: '/customer/m~0n', value: 2 },
    { pointer: '/lines/1/price', value: 2 },
    { pointer: '/lines/5/price', value: undefined },
    { pointer: '/zero', value: 0 },
    { pointer: '/nil', value: null },
    { pointer: '/nil/x', value: undefined },
    { pointer: '/zero/x', value: undefined },
    { pointer: '/missing/deeper', value: undefined },
  ])('$pointer → $value', ({ pointer, value }) => {
    expect(getAt(data, pointer)).toEqual(value);
  });
});

describe('setAt', () => {
  it.each<{ title: string; pointer: string; value: Json | undefined; expected: JsonObject }>([
    { title: 'replaces a value', pointer: '/zero', value: 5, expected: { ...data, zero: 5 } },
    { title: 'adds a nested value, making the objects on the way', pointer: '/extra/deep/x', value: true, expected: { ...data, extra: { deep: { x: true } } } },
    { title: 'replaces a scalar on the way by an object', pointer: '/zero/x', value: 1, expected: { ...data, zero: { x: 1 } } },
    { title: 'sets a field of a line', pointer: '/lines/0/price', value: 9, expected: { ...data, lines: [{ price: 9 }, { price: 2 }] } },
    { title: 'removes a field when the value is undefined', pointer: '/customer/name', value: undefined, expected: { ...data, customer: { 'a/b': 1, 'm~n': 2 } } },
    { title: 'the root pointer changes nothing', pointer: '', value: 1, expected: data },
  ])('$title', ({ pointer, value, expected }) => {
    const input = structuredClone(data);
    expect(setAt(input, pointer, value)).toEqual(expected);
    // A copy is returned; the input stays as it was.
    expect(input).toEqual(data);
  });
});

describe('covers and fieldOf', () => {
  it.each<{ prefix: string; pointer: string; expected: boolean }>([
    { prefix: '/customer', pointer: '/customer', expected: true },
    { prefix: '/customer', pointer: '/customer/name', expected: true },
    { prefix: '/customer', pointer: '/customerCancelRequest', expected: false },
    { prefix: '/customer/name', pointer: '/customer', expected: false },
    { prefix: '/lines', pointer: '/lines/0/price', expected: true },
  ])('covers($prefix, $pointer) → $expected', ({ prefix, pointer, expected }) => {
    expect(covers(prefix, pointer)).toBe(expected);
  });

  it.each<{ pointer: string; field: string }>([
    { pointer: '/lines/3/price', field: '/lines/price' },
    { pointer: '/lines/12', field: '/lines' },
    { pointer: '/customer/name', field: '/customer/name' },
    { pointer: '/a~1b/0', field: '/a~1b' },
  ])('fieldOf($pointer) → $field', ({ pointer, field }) => {
    expect(fieldOf(pointer)).toBe(field);
  });
});

describe('keys that name the prototype', () => {
  // JSON.parse makes "__proto__" an ordinary own key; walking it with plain property access reaches Object.prototype.
  const hostile = () => JSON.parse('{"customer":{"name":"A","__proto__":{"polluted":"yes"}}}') as JsonObject;

  it('setAt writes an own key and never touches Object.prototype', () => {
    const out = setAt({}, '/customer/__proto__/polluted', 'yes');
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(out.customer as object, '__proto__')).toBe(true);
    expect(getAt(out, '/customer/__proto__/polluted')).toBe('yes');
  });

  it('setAt of "__proto__" itself sets an own key, not the prototype of the copy', () => {
    const out = setAt({}, '/__proto__', { polluted: 'yes' });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect((out as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
  });

  it('getAt reads own keys only', () => {
    expect(getAt({}, '/__proto__')).toBeUndefined();
    expect(getAt({ a: {} }, '/a/constructor')).toBeUndefined();
    expect(getAt(hostile(), '/customer/__proto__/polluted')).toBe('yes');
  });
});
