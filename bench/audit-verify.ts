// How long the audit chain's check takes at start: `tsx bench/audit-verify.ts [--orders 100000] [--postgres]`.
// Seeds a data folder as the HTTP benchmark does (demo data plus N confirmed orders, each with its audit
// entries), then times opening the embedded store and walking its chain; with --postgres, the same data
// imported into a throwaway PostgreSQL server and its chain walked in pages.
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { JournaledStore } from '../plugin/adapters/store/journaled-store.ts';
import { PostgresStore } from '../plugin/adapters/store/postgres/postgres-store.ts';
import { startThrowawayPostgres } from '../scripts/throwaway-postgres.ts';
import { readSeeded, seedOrders } from './seed-orders.ts';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : (process.argv[i + 1] ?? '');
};
const orders = Number(arg('orders') ?? 100_000);
const ROOT = join(import.meta.dirname, '..');

const dataDir = await mkdtemp(join(ROOT, '.bench-audit-'));
try {
  let t = performance.now();
  await seedOrders(dataDir, orders);
  console.log(`seeded ${orders} orders in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const store = new JournaledStore({ dataDir });
  t = performance.now();
  await store.init();
  const opened = performance.now() - t;
  for (let run = 0; run < 3; run++) {
    const report = await store.verifyAudit();
    console.log(`embedded: opened in ${(opened / 1000).toFixed(2)} s; chain of ${report.count} entries (${report.ok ? 'holds' : 'BROKEN'}) walked in ${report.tookMs} ms`);
  }
  await store.close();
  // A start after a whole walk that held: store.json is the one checked, only the journal after it is walked.
  const again = new JournaledStore({ dataDir });
  t = performance.now();
  await again.init();
  const reopened = performance.now() - t;
  const atStart = await again.verifyAudit({ sinceCheckpoint: true });
  console.log(`embedded, next start: opened in ${(reopened / 1000).toFixed(2)} s; checked ${atStart.count} entries after position ${atStart.from} in ${atStart.tookMs} ms`);
  await again.close();

  if (process.argv.includes('--postgres')) {
    const server = await startThrowawayPostgres();
    try {
      const pgStore = new PostgresStore({ url: server.url });
      await pgStore.init();
      t = performance.now();
      await pgStore.importAll((await readSeeded(dataDir)) as never);
      console.log(`postgres: imported in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      for (let run = 0; run < 3; run++) {
        const report = await pgStore.verifyAudit();
        console.log(`postgres: chain of ${report.count} entries (${report.ok ? 'holds' : 'BROKEN'}) walked in ${report.tookMs} ms`);
      }
      const atStart = await pgStore.verifyAudit({ sinceCheckpoint: true });
      console.log(`postgres, a start: checked ${atStart.count} entries after position ${atStart.from} in ${atStart.tookMs} ms`);
      await pgStore.close();
    } finally {
      server.stop();
    }
  }
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
