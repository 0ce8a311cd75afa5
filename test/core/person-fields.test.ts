import { describe, expect, it } from 'vitest';
import { unknownPeople } from '../../plugin/core/person-fields.ts';

const schema = {
  type: 'object',
  properties: {
    approver: { type: 'string', format: 'user' },
    note: { type: 'string' },
    lines: { type: 'array', items: { type: 'object', properties: { checkedBy: { type: 'string', format: 'user' } } } },
  },
};
const known = (id: string) => id === 'u1';

describe('person fields', () => {
  it('a person of the directory, or no value at all, passes', () => {
    expect(unknownPeople(schema, { approver: 'u1', note: 'x', lines: [{ checkedBy: 'u1' }, {}] }, known)).toEqual([]);
    expect(unknownPeople(schema, {}, known)).toEqual([]);
  });

  it('anyone else is named at their pointer, in lines too', () => {
    expect(unknownPeople(schema, { approver: 'nobody', lines: [{ checkedBy: 'u1' }, { checkedBy: 'ghost' }] }, known).map((e) => e.path)).toEqual(['/approver', '/lines/1/checkedBy']);
  });
});
