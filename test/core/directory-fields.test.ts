import { describe, expect, it } from 'vitest';
import { unknownEntries } from '../../plugin/core/directory-fields.ts';

const schema = {
  type: 'object',
  properties: {
    approver: { type: 'string', format: 'user' },
    note: { type: 'string' },
    team: { type: 'string', format: 'department' },
    lines: { type: 'array', items: { type: 'object', properties: { checkedBy: { type: 'string', format: 'user' } } } },
  },
};
const known = (id: string) => id === 'u1';

describe('person and department fields', () => {
  it('a person of the directory, or no value at all, passes', () => {
    expect(unknownEntries(schema, { approver: 'u1', note: 'x', lines: [{ checkedBy: 'u1' }, {}] }, 'user', known)).toEqual([]);
    expect(unknownEntries(schema, {}, 'user', known)).toEqual([]);
  });

  it('anyone else is named at their pointer, in lines too', () => {
    expect(unknownEntries(schema, { approver: 'nobody', lines: [{ checkedBy: 'u1' }, { checkedBy: 'ghost' }] }, 'user', known).map((e) => e.path)).toEqual(['/approver', '/lines/1/checkedBy']);
  });

  it('departments are checked apart from people', () => {
    expect(unknownEntries(schema, { team: 'east', approver: 'ghost' }, 'department', (d) => d === 'east')).toEqual([]);
    expect(unknownEntries(schema, { team: 'mars' }, 'department', (d) => d === 'east')).toEqual([{ path: '/team', message: 'is not a department of the directory', value: 'mars' }]);
  });
});
