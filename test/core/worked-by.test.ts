import { describe, expect, it } from 'vitest';
import { workedBy } from '../../plugin/core/worked-by.ts';

describe('who worked on a record, by its audit entry', () => {
  it('is whoever did it', () => {
    expect(workedBy({ actor: 'u-sales1', action: 'confirm' })).toEqual(['u-sales1']);
  });

  it('is also the approver whose decision let it happen', () => {
    expect(workedBy({ actor: 'u-sales1', action: 'cancel', approvedBy: 'u-manager' })).toEqual(['u-sales1', 'u-manager']);
    expect(workedBy({ actor: 'u-manager', action: 'cancel', approvedBy: 'u-manager' })).toEqual(['u-manager']);
  });

  it('is nobody for a comment', () => {
    expect(workedBy({ actor: 'u-finance', action: 'comment' })).toEqual([]);
  });
});
