// A date field someone empties is left out, not kept as "" (which is no date, so the form would refuse it): an
// optional delivery date can be cleared again. The vanilla cell passes the input's "" through.
import { isDateControl, rankWith, type CellProps, type RankedTester } from '@jsonforms/core';
import { withJsonFormsCellProps } from '@jsonforms/react';

function DateCell({ data, className, id, enabled, path, handleChange }: CellProps & { className?: string }) {
  return (
    <input
      type="date"
      value={typeof data === 'string' ? data : ''}
      className={className}
      id={id}
      disabled={!enabled}
      onChange={(e) => handleChange(path, e.target.value === '' ? undefined : e.target.value)}
    />
  );
}

export const dateCellTester: RankedTester = rankWith(5, isDateControl);
export const DateCellRenderer = withJsonFormsCellProps(DateCell);
