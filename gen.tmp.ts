import { mkdtemp, writeFile, stat, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer } from './plugin/server.ts';
import { JournaledStore } from './plugin/adapters/store/journaled-store.ts';
import { writeSnapshot } from './plugin/adapters/store/journal/data-dir-files.ts';
import { StoreState } from './plugin/adapters/store/store-state.ts';
const N = Number(process.argv[2] ?? 100000);
const dir = await mkdtemp('/work/gen-');
const s = await startServer({ port: 0, dataDir: dir, quiet: true });
await s.close();
const store = new JournaledStore({ dataDir: dir }); await store.init();
const data: any = await store.exportAll(); await store.close();
const proto = data.records.find((r: any) => r.template === 'sales-order' && r.status === 'confirmed' && r.summary.amount < 50000);
const audit = data.audit[proto.id]; const moves = data.stockMovements.filter((m: any) => m.recordId === proto.id);
for (let i = 0; i < N; i++) {
  const id = `gen-${i}`;
  const at = new Date(Date.parse('2025-01-01T00:00:00Z') + i * 60000).toISOString();
  data.records.push({ ...proto, id, number: `SO-${String(100000 + i)}`, createdAt: at, updatedAt: at, summary: { ...proto.summary, customer: `客户 ${i % 5000}` } });
  data.audit[id] = audit.map((a: any, k: number) => ({ ...a, id: `${id}-a${k}`, recordId: id }));
  for (const [k, m] of moves.entries()) data.stockMovements.push({ ...m, id: `${id}-m${k}`, recordId: id });
}
await rm(join(dir, 'journal.log'));
await writeSnapshot(dir, StoreState.load(data), 0);
console.log(dir, (await stat(join(dir, 'store.json'))).size / 1e6, 'MB');
