// Small readings of the store that runtime tests share.
import type { Json } from '../../plugin/core/types.ts';
import type { LedgerEntry, StockMovement } from '../../plugin/runtime/ports.ts';
import type { PreviewEffect } from '../../plugin/runtime/runtime-api.ts';
import type { RuntimeFixture } from '../fixtures/runtime-fixture.ts';

/** Everything the store holds that a command could change, snapshots included. */
export async function everything(f: RuntimeFixture): Promise<{ data: Json; snapshots: number }> {
  return { data: await f.store.exportAll(), snapshots: (await f.store.listSnapshots()).length };
}

export async function level(f: RuntimeFixture, product: string, warehouse: string): Promise<{ onHand: number; reserved: number; available: number }> {
  const [l] = await f.runtime.stockLevels({ product, warehouse });
  return { onHand: l?.onHand ?? 0, reserved: l?.reserved ?? 0, available: l?.available ?? 0 };
}

export async function balances(f: RuntimeFixture, id: string): Promise<Record<string, number>> {
  const r = await f.runtime.recordLedger(f.actor('admin'), id);
  if (!r.ok) throw new Error(r.message.en);
  return r.value.balances;
}

export async function allMovements(f: RuntimeFixture): Promise<StockMovement[]> {
  const data = (await f.store.exportAll()) as unknown as { stockMovements: StockMovement[] };
  return data.stockMovements;
}

export async function allLedger(f: RuntimeFixture): Promise<LedgerEntry[]> {
  return f.store.allLedgerEntries();
}

/** Stock movements summed per product and warehouse, zero sums left out. */
export function netStock(items: readonly object[]): Record<string, { onHand: number; reserved: number }> {
  const out: Record<string, { onHand: number; reserved: number }> = {};
  for (const m of items as { product?: unknown; warehouse?: unknown; onHand?: unknown; reserved?: unknown }[]) {
    if (typeof m.product !== 'string') continue;
    const k = `${m.product}@${m.warehouse}`;
    const s = (out[k] ??= { onHand: 0, reserved: 0 });
    s.onHand += Number(m.onHand ?? 0);
    s.reserved += Number(m.reserved ?? 0);
  }
  for (const [k, v] of Object.entries(out)) if (v.onHand === 0 && v.reserved === 0) delete out[k];
  return out;
}

/** The ledger lines a preview lists, as (account, amount) sorted, for comparing with what was committed. */
export function previewLedger(effects: PreviewEffect[]): string[] {
  return effects.filter((e) => e.kind === 'ledger').map((e) => `${e.account} ${Number(e.amount).toFixed(2)}${e.reverses ? ' reverses ' + String(e.reverses) : ''}`).sort();
}

export function committedLedger(entries: LedgerEntry[]): string[] {
  return entries.map((e) => `${e.account} ${e.amount.toFixed(2)}${e.reverses ? ' reverses ' + e.reverses : ''}`).sort();
}

/** What was added to a list between two readings (the lists only grow). */
export function added<T extends { id: string }>(before: T[], after: T[]): T[] {
  const seen = new Set(before.map((x) => x.id));
  return after.filter((x) => !seen.has(x.id));
}
