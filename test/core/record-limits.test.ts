import { describe, expect, it } from 'vitest';
import { DEFAULT_RECORD_LIMITS as defaults, jsonBytes, limitErrors, limitsOf } from '../../plugin/core/record-limits.ts';
import type { Json, JsonObject } from '../../plugin/core/types.ts';

const schema: JsonObject = {
  type: 'object',
  properties: {
    note: { type: 'string' },
    short: { type: 'string', maxLength: 50_000 },
    choice: { anyOf: [{ type: 'string', maxLength: 20_000 }, { type: 'null' }] },
    tags: { type: 'array', items: { type: 'string' } },
    lines: { type: 'array', maxItems: 5_000, items: { type: 'object', properties: { text: { type: 'string' } } } },
    extra: { type: 'object', additionalProperties: true },
    ref: { $ref: '#/definitions/long' },
  },
  definitions: { long: { type: 'string', maxLength: 30_000 } },
};

const x = (n: number) => 'x'.repeat(n);
const paths = (data: Json) => limitErrors(schema, data, defaults).map((e) => e.path);

describe('limits on the size of record data', () => {
  it.each<[string, Json, string[]]>([
    ['a string at the limit passes', { note: x(10_000) }, []],
    ['a string past the limit, without its own maxLength, is refused at its pointer', { note: x(10_001) }, ['/note']],
    ['a field with its own maxLength answers to that, not to the default', { short: x(40_000), choice: x(15_000), ref: x(25_000) }, []],
    ['a string inside a list item is refused where it stands', { lines: [{ text: 'ok' }, { text: x(10_001) }] }, ['/lines/1/text']],
    ['what an open object lets in is limited too', { extra: { anything: x(10_001), deeper: { list: Array(1_001).fill(1) } } }, ['/extra/anything', '/extra/deeper/list']],
    ['a list past 1000 items without its own maxItems is refused', { tags: Array(1_001).fill('a') }, ['/tags']],
    ['a list with its own maxItems answers to that', { lines: Array(2_000).fill({}) }, []],
    ['characters are counted, not UTF-16 units', { note: '😀'.repeat(10_000) }, []],
  ])('%s', (_name, data, expected) => {
    expect(paths(data)).toEqual(expected);
  });

  it('says the limit, and what to do, in its message', () => {
    const [string] = limitErrors(schema, { note: x(12_345) }, defaults);
    expect(string.message).toMatch(/12345 characters.*10000.*shorten it.*maxLength.*limits\.maxStringLength/);
    const [list] = limitErrors(schema, { tags: Array(20_000).fill('a') }, defaults);
    expect(list.message).toMatch(/20000 items.*1000.*limits\.maxItems/);
  });

  it('the whole record past its byte limit is refused at its largest field', () => {
    const data = { note: x(9_000), extra: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, x(8_000)])) };
    const errors = limitErrors(schema, data, defaults);
    expect(errors).toEqual([{ path: '/extra', message: expect.stringMatching(/the data is 322 KB .* more than the 256 KB .*limits\.maxRecordBytes/), zh: expect.stringMatching(/数据（JSON）共 322 KB.*256 KB.*limits\.maxRecordBytes/) }]);
  });

  it('counts bytes as UTF-8: a Chinese character is three', () => {
    expect(jsonBytes('中文')).toBe(8);
    expect(jsonBytes({ a: '😀' })).toBe(12);
    expect(limitErrors({ type: 'object' }, { s: '中'.repeat(9_000) }, { ...defaults, maxRecordBytes: 20_000 })).toHaveLength(1);
  });

  it('a template raises or lowers each limit on its own; the rest keep their defaults', () => {
    expect(limitsOf({})).toEqual({ maxStringLength: 10_000, maxItems: 1_000, maxRecordBytes: 262_144 });
    expect(limitsOf({ limits: { maxStringLength: 600_000 } })).toEqual({ maxStringLength: 600_000, maxItems: 1_000, maxRecordBytes: 262_144 });
    const raised = limitsOf({ limits: { maxStringLength: 600_000, maxRecordBytes: 1_048_576 } });
    expect(limitErrors(schema, { note: x(500_000) }, raised)).toEqual([]);
    expect(limitErrors(schema, { note: x(20) }, limitsOf({ limits: { maxStringLength: 10 } })).map((e) => e.path)).toEqual(['/note']);
  });

  it('reports at most twenty places, however many there are', () => {
    const data = { extra: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, x(10_001)])) };
    expect(limitErrors(schema, data, { ...defaults, maxRecordBytes: 10_000_000 })).toHaveLength(20);
  });
});
