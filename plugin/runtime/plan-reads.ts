// The store as one plan reads it: a record's ledger and stock movements are read once per plan, however many
// steps, guards and effects ask (on a database every ask is a round trip). A plan sees one moment anyway: it
// runs in the writer section and its commit checks the record's version.
import type { LedgerEntry, StockMovement, Store } from './ports.ts';

export function readsOnce(store: Store, recordId?: string): Store {
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
  // The record a command is about: its ledger and stock are nearly always asked for, so both are asked at once.
  if (recordId !== undefined) {
    once(ledger, recordId, () => store.ledgerEntries(recordId)).catch(() => undefined);
    once(movements, recordId, () => store.stockMovements(recordId)).catch(() => undefined);
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
