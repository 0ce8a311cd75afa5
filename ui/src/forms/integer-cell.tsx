// Whole-number fields keep what was typed: 1.5 stays 1.5 and is refused as "must be a whole number" where the
// vanilla cell would quietly make it 1 (parseInt).
import { isIntegerControl, rankWith, type CellProps, type RankedTester } from '@jsonforms/core';
import { withJsonFormsCellProps } from '@jsonforms/react';

function IntegerCell({ data, className, id, enabled, path, handleChange }: CellProps & { className?: string }) {
  return (
    <input
      type="number"
      step="1"
      inputMode="numeric"
      value={data ?? ''}
      className={className}
      id={id}
      disabled={!enabled}
      onChange={(e) => handleChange(path, e.target.value === '' ? undefined : Number(e.target.value))}
    />
  );
}

export const integerCellTester: RankedTester = rankWith(5, isIntegerControl);
export const IntegerCellRenderer = withJsonFormsCellProps(IntegerCell);
