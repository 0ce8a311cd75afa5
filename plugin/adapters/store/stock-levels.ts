// Stock levels as running sums of movements, one per product and warehouse.
import type { StockLevel, StockMovement } from '../../runtime/ports.ts';

export const levelKey = (product: string, warehouse: string): string => `${product}\u0000${warehouse}`;

// Quantities are counted to 6 decimals at most; rounding stops float drift in long sums (0.1 + 0.2).
const roundQty = (n: number): number => Math.round(n * 1e6) / 1e6;

/** Adds a movement to its level in `levels`; returns the level when this created it. */
export function addToLevel(levels: Map<string, StockLevel>, m: StockMovement): StockLevel | undefined {
  const key = levelKey(m.product, m.warehouse);
  const existing = levels.get(key);
  const level = existing ?? { product: m.product, warehouse: m.warehouse, onHand: 0, reserved: 0 };
  if (!existing) levels.set(key, level);
  level.onHand = roundQty(level.onHand + m.onHand);
  level.reserved = roundQty(level.reserved + m.reserved);
  return existing ? undefined : level;
}

export function levelsFromMovements(movements: StockMovement[]): StockLevel[] {
  const levels = new Map<string, StockLevel>();
  for (const m of movements) addToLevel(levels, m);
  return [...levels.values()];
}
