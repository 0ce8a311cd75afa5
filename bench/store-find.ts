// Times MemoryStore.findRecords over 100,000 records against a plain Array.filter of the same records.
// Run: npx tsx bench/store-find.ts
import { performance } from 'node:perf_hooks';
import type { WorkRecord } from '../plugin/core/types.ts';
import type { RecordQuery } from '../plugin/runtime/ports.ts';
import { MemoryStore } from '../plugin/adapters/store/memory-store.ts';
import { emptyStoreData } from '../plugin/adapters/store/store-state.ts';

const COUNT = 100_000;
const RUNS = 30;

// A fixed seed keeps runs comparable.
let seed = 42;
const random = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];

const statuses = ['draft', 'confirmed', 'shipped', 'settled', 'cancelled', 'archived'];
const departments = ['east', 'west', 'north', 'south'];
const handlers = Array.from({ length: 40 }, (_, i) => `u-sales${i + 1}`);
const customers = ['Acme Trading', '华东贸易有限公司', 'Beta GmbH', 'Northwind', 'Contoso', '上海电子', 'Globex', 'Initech', 'Umbrella', 'Stark Industries'];

function synthetic(): WorkRecord[] {
  const start = Date.parse('2023-01-01T00:00:00.000Z');
  return Array.from({ length: COUNT }, (_, i) => {
    const createdAt = new Date(start + i * 5 * 60_000).toISOString();
    const handler = pick(handlers);
    return {
      id: `r${i + 1}`,
      number: `SO-${String(i + 1).padStart(6, '0')}`,
      template: 'sales-order',
      templateVersion: 1,
      status: pick(statuses),
      version: 1,
      data: { customer: { name: pick(customers) }, lines: [{ product: 'NB-14', warehouse: 'WH-SH', quantity: 2, price: 4999 }] },
      handler,
      department: pick(departments),
      watchers: random() < 0.05 ? [pick(handlers)] : [],
      summary: { customer: `${pick(customers)} ${i % 97}`, amount: Math.round(random() * 100_000) / 100 },
      createdBy: handler,
      createdAt,
      updatedAt: createdAt,
    };
  });
}

interface Case {
  name: string;
  query: RecordQuery;
  /** The same filter written the obvious way, for the baseline. */
  filter: (r: WorkRecord) => boolean;
}

const all = { all: true } as const;
const page = { page: 1, pageSize: 20 };
const east = { userId: 'u-sales1', departments: ['east'], ownOnly: false };

const cases: Case[] = [
  {
    name: 'q on number "SO-0123", archived left out',
    query: { ...page, visibility: all, q: 'SO-0123', excludeStatus: ['archived'] },
    filter: (r) => r.status !== 'archived' && (r.number.toLowerCase().includes('so-0123') || (r.summary.customer ?? '').toLowerCase().includes('so-0123')),
  },
  {
    name: 'q on customer "acme"',
    query: { ...page, visibility: all, q: 'acme' },
    filter: (r) => r.number.toLowerCase().includes('acme') || (r.summary.customer ?? '').toLowerCase().includes('acme'),
  },
  {
    name: 'status = confirmed',
    query: { ...page, visibility: all, status: ['confirmed'] },
    filter: (r) => r.status === 'confirmed',
  },
  {
    name: 'department visibility (east + own + watched), archived left out',
    query: { ...page, visibility: east, excludeStatus: ['archived'] },
    filter: (r) =>
      r.status !== 'archived' && (r.handler === east.userId || r.watchers.includes(east.userId) || east.departments.includes(r.department)),
  },
  {
    name: 'one month (from/to), status = shipped',
    query: { ...page, visibility: all, from: '2023-06-01', to: '2023-06-30', status: ['shipped'] },
    filter: (r) => r.createdAt >= '2023-06-01T00:00:00.000Z' && r.createdAt <= '2023-06-30T23:59:59.999Z' && r.status === 'shipped',
  },
  {
    name: 'department visibility, sorted by amount',
    query: { ...page, visibility: east, sort: { field: 'amount', dir: 'desc' } },
    filter: (r) => r.handler === east.userId || r.watchers.includes(east.userId) || east.departments.includes(r.department),
  },
  {
    name: 'department visibility, sorted by amount, page 1000 (selection path)',
    query: { page: 1000, pageSize: 20, visibility: east, sort: { field: 'amount', dir: 'desc' } },
    filter: (r) => r.handler === east.userId || r.watchers.includes(east.userId) || east.departments.includes(r.department),
  },
  {
    name: 'no filter, sorted by customer, page 2500 (worst case)',
    query: { page: 2500, pageSize: 20, visibility: all, sort: { field: 'customer', dir: 'asc' } },
    filter: () => true,
  },
  {
    name: 'no filter at all, last page',
    query: { page: 5000, pageSize: 20, visibility: all },
    filter: () => true,
  },
];

function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(fn: () => unknown | Promise<unknown>): Promise<number> {
  for (let i = 0; i < 5; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

async function main(): Promise<void> {
  const records = synthetic();
  let t = performance.now();
  const store = new MemoryStore({ data: { ...emptyStoreData(), records } });
  console.log(`filled a MemoryStore with ${COUNT.toLocaleString('en')} records in ${(performance.now() - t).toFixed(0)} ms\n`);

  console.log(`median of ${RUNS} runs, page of 20`);
  console.log(['query', 'total', 'findRecords ms', 'Array.filter ms', 'ratio'].join(' | '));
  for (const c of cases) {
    const result = await store.findRecords(c.query);
    const expected = records.filter(c.filter).length;
    if (result.total !== expected) throw new Error(`${c.name}: findRecords total ${result.total} but Array.filter found ${expected}`);
    const store_ms = await time(() => store.findRecords(c.query));
    const base_ms = await time(() => records.filter(c.filter).slice(0, 20));
    console.log([c.name, result.total, store_ms.toFixed(2), base_ms.toFixed(2), `${(store_ms / base_ms).toFixed(2)}x`].join(' | '));
  }

  const commit_ms = await time(() =>
    store.commit({ records: [{ record: { ...records[0], id: `new-${performance.now()}`, createdAt: new Date().toISOString() } }] }),
  );
  console.log(`\none commit of a new record (median): ${commit_ms.toFixed(2)} ms`);
}

await main();
