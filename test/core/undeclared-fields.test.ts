import { describe, expect, it } from 'vitest';
import { undeclaredFields } from '../../plugin/core/undeclared-fields.ts';

const schema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    customer: { type: 'object', properties: { name: { type: 'string' } } },
    lines: { type: 'array', items: { type: 'object', properties: { qty: { type: 'number' } } } },
    extra: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'string' } },
    either: { type: 'object', oneOf: [{ properties: { a: { type: 'string' } } }] },
  },
};

describe('fields the form does not declare', () => {
  it('are named by their pointers, at any depth, in objects and in lines', () => {
    expect(undeclaredFields(schema, { name: 'x', nick: 1, customer: { name: 'a', 'a/b~c': 2 }, lines: [{ qty: 1 }, { qty: 2, colour: 'red' }] })).toEqual([
      '/nick', '/customer/a~1b~0c', '/lines/1/colour',
    ]);
  });

  it('are none when the data keeps to the form, or where the schema says what else it takes', () => {
    expect(undeclaredFields(schema, { name: 'x', customer: { name: 'a' }, lines: [] })).toEqual([]);
    expect(undeclaredFields(schema, { extra: { a: 'x', anything: 'y' }, either: { b: 1 } })).toEqual([]);
    expect(undeclaredFields({ type: 'object' }, { free: 1 })).toEqual([]);
  });

  it('count "__proto__" and "constructor" as the keys they are', () => {
    expect(undeclaredFields(schema, JSON.parse('{"__proto__": {"x": 1}, "constructor": 1}'))).toEqual(['/__proto__', '/constructor']);
  });
});
