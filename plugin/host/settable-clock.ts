// A clock the host can hold at a chosen time (demo seeding writes history "in the past"), real time otherwise.
import type { Clock } from '../runtime/ports.ts';

export interface SettableClock extends Clock {
  /** Hold the clock at this time; `undefined` lets it follow real time again. */
  set(at: Date | undefined): void;
}

export function createSettableClock(): SettableClock {
  let held: Date | undefined;
  return {
    now: () => (held ? new Date(held.getTime()) : new Date()),
    set(at) {
      held = at ? new Date(at.getTime()) : undefined;
    },
  };
}
