// Fills a data folder for the HTTP benchmark: the demo data, then N confirmed sales orders. Twenty-four orders
// are made and confirmed through the real runtime (varied customers, people, lines); the N orders are copies of
// them under new ids, numbers, dates and customers, with their audit entries and stock reservations, written
// straight into store.json as the embedded store's own snapshot writer lays it out.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeSnapshot } from '../plugin/adapters/store/journal/data-dir-files.ts';
import { JournaledStore } from '../plugin/adapters/store/journaled-store.ts';
import { StoreState, type StoreData } from '../plugin/adapters/store/store-state.ts';
import { HOST_ACTOR } from '../plugin/host/system-actor.ts';
import { startServer } from '../plugin/server.ts';

const PROTOTYPES = 24;
const CUSTOMERS = ['上海华联商贸有限公司', '北京星辰科技有限公司', '杭州云帆网络科技', 'Acme Trading Ltd.', '深圳前海创新电子', '成都天府软件服务'];
const LINES = [
  [{ product: 'KB-01', warehouse: 'WH-SH', quantity: 2, price: 299 }],
  [{ product: 'MON-27', warehouse: 'WH-BJ', quantity: 1, price: 1899 }, { product: 'MS-01', warehouse: 'WH-BJ', quantity: 3, price: 129 }],
  [{ product: 'NB-14', warehouse: 'WH-SH', quantity: 1, price: 5999 }, { product: 'DOCK-01', warehouse: 'WH-SH', quantity: 1, price: 899 }, { product: 'KB-01', warehouse: 'WH-SH', quantity: 1, price: 299 }],
];

/** Seeds `dataDir` (empty) and returns it with `orders` more confirmed sales orders in it. */
export async function seedOrders(dataDir: string, orders: number): Promise<void> {
  const server = await startServer({ port: 0, dataDir, quiet: true });
  const sales = (await server.runtime.listUsers(HOST_ACTOR)).filter((u) => u.roles.includes('sales'));
  const prototypes: string[] = [];
  for (let i = 0; i < PROTOTYPES; i++) {
    const { id, name, roles, department } = sales[i % sales.length];
    const actor = { id, name, roles, ...(department ? { department } : {}) };
    const data = { orderDate: '2026-10-01', customer: { name: CUSTOMERS[i % CUSTOMERS.length], email: `buyer${i}@example.com` }, lines: LINES[i % LINES.length] };
    const made = await server.runtime.createRecord(actor, 'sales-order', data);
    if (!made.ok) throw new Error(`seeding: ${made.message.en}`);
    const confirmed = await server.runtime.runAction(actor, made.value.id, 'confirm', {});
    if (!confirmed.ok) throw new Error(`seeding: ${confirmed.message.en}`);
    prototypes.push(made.value.id);
  }
  await server.close();

  const store = new JournaledStore({ dataDir });
  await store.init();
  const data = (await store.exportAll()) as unknown as StoreData;
  data.sessions = [];
  await store.close();
  const byId = new Map(data.records.map((r) => [r.id, r]));
  const movementsOf = new Map(prototypes.map((p) => [p, data.stockMovements.filter((m) => m.recordId === p)]));
  const start = Date.parse('2024-01-01T00:00:00.000Z');
  for (let i = 0; i < orders; i++) {
    const proto = byId.get(prototypes[i % PROTOTYPES])!;
    const id = `bench-${i}`;
    const at = new Date(start + i * 5 * 60_000).toISOString();
    const customer = `${CUSTOMERS[i % CUSTOMERS.length]} ${Math.floor(i / CUSTOMERS.length) % 5000}`;
    data.records.push({
      ...proto, id, number: `SO-${String(200000 + i)}`, createdAt: at, updatedAt: at,
      data: { ...proto.data, orderDate: at.slice(0, 10), customer: { ...(proto.data.customer as object), name: customer } },
      summary: { ...proto.summary, customer },
    });
    data.audit[id] = data.audit[proto.id].map((a, k) => ({ ...a, id: `${id}-a${k}`, recordId: id, at }));
    for (const [k, m] of movementsOf.get(proto.id)!.entries())
      data.stockMovements.push({ ...m, id: `${id}-m${k}`, recordId: id, at });
  }
  // Levels are the sum of the movements: left out, they are summed again on load, reservations included.
  delete (data as Partial<StoreData>).stockLevels;
  // The copies' audit entries carry their prototypes' chain links: unlinked, they are linked afresh on load,
  // oldest first, as a store written before the chain is.
  for (const list of Object.values(data.audit)) for (const a of list) delete a.chain;
  delete data.auditHead;
  // A fresh snapshot holds everything; the journal that seeding wrote is folded into it.
  await rm(join(dataDir, 'journal.log'), { force: true });
  await writeSnapshot(dataDir, StoreState.load(data), 0);
}

/** The whole seeded store, as an export (to copy it into another store). */
export async function readSeeded(dataDir: string): Promise<StoreData> {
  const store = new JournaledStore({ dataDir, readOnly: true });
  await store.init();
  try {
    return (await store.exportAll()) as unknown as StoreData;
  } finally {
    await store.close();
  }
}
