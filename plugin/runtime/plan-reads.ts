// The store as one plan reads it: a record's ledger and stock movements are read once per plan, however many
// steps, guards and effects ask (on a database every ask is a round trip). A plan sees one moment anyway: it
// runs in the writer section and its commit checks the record's version.
import type { LedgerEntry, RecordTrail, StockMovement, Store } from './ports.ts';

/** `about`: the record the plan is about, and its trail when it was read with it. */
export function readsOnce(store: Store, about?: { id: string; trail?: RecordTrail }): Store {
  const ledger = new Map<string, Promise<LedgerEntry[]>>();
  const movements = new Map<string, Promise<StockMovement[]>>();
  const once = <T>(memo: Map<string, Promise<T[]>>, id: string, read: () => Promise<T[]>): Promise<T[]> => {
    let list = memo.get(id);
    if (!list) {
      memo.set(id, (list = read()));
      list.catch(() => memo.delete(id));
    }
    // A copy for each caller: what one does with its list is not seen by the next.
    return list.then((items) => items.map((x) => ({ ...x })));
  };
  // The record a command is about: its ledger and stock are nearly always asked for, so both are asked at once
  // (or were read with the record).
  if (about) {
    const { id, trail } = about;
    once(ledger, id, () => (trail ? Promise.resolve(trail.ledger) : store.ledgerEntries(id))).catch(() => undefined);
    once(movements, id, () => (trail ? Promise.resolve(trail.stock) : store.stockMovements(id))).catch(() => undefined);
  }
  return new Proxy(store, {
    get(target, name) {
      if (name === 'ledgerEntries') return (id: string) => once(ledger, id, () => target.ledgerEntries(id));
      if (name === 'stockMovements') return (id: string) => once(movements, id, () => target.stockMovements(id));
      const value = Reflect.get(target, name, target) as unknown;
      // Stores keep private fields: their methods must run on the store itself, not on the proxy.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
