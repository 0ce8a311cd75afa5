// Date, time and date-time fields someone empties are left out, not kept as "" (which is no date, so the form would
// refuse it): an optional delivery date can be cleared again. Otherwise they store what the vanilla cells store.
import { isDateControl, isDateTimeControl, isTimeControl, rankWith, type CellProps, type RankedTester } from '@jsonforms/core';
import { withJsonFormsCellProps } from '@jsonforms/react';

interface Kind {
  input: 'date' | 'time' | 'datetime-local';
  /** The stored value as the input shows it. */
  shown(value: string): string;
  /** What the input gives, as it is stored. */
  stored(value: string): string;
}

const KINDS: Record<'date' | 'time' | 'dateTime', Kind> = {
  date: { input: 'date', shown: (v) => v, stored: (v) => v },
  // a time input gives HH:mm; the time format wants the seconds
  time: { input: 'time', shown: (v) => v, stored: (v) => (v.split(':').length === 2 ? `${v}:00` : v) },
  dateTime: { input: 'datetime-local', shown: (v) => v.slice(0, 16), stored: (v) => `${v}:00.000Z` },
};

function temporalCell(kind: Kind) {
  return function TemporalCell({ data, className, id, enabled, path, handleChange }: CellProps & { className?: string }) {
    return (
      <input
        type={kind.input}
        value={typeof data === 'string' ? kind.shown(data) : ''}
        className={className}
        id={id}
        disabled={!enabled}
        onChange={(e) => handleChange(path, e.target.value === '' ? undefined : kind.stored(e.target.value))}
      />
    );
  };
}

// above the vanilla cells' rank (2), which keep ""
export const temporalCells: { tester: RankedTester; cell: ReturnType<typeof withJsonFormsCellProps> }[] = [
  { tester: rankWith(5, isDateControl), cell: withJsonFormsCellProps(temporalCell(KINDS.date)) },
  { tester: rankWith(5, isTimeControl), cell: withJsonFormsCellProps(temporalCell(KINDS.time)) },
  { tester: rankWith(5, isDateTimeControl), cell: withJsonFormsCellProps(temporalCell(KINDS.dateTime)) },
];
