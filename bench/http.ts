// The store at the sizes users have, measured over HTTP against the real server in its own process.
// For each size: seed the demo data plus N confirmed sales orders, start `plugin/server.ts`, then time cancels
// one at a time and 10 in flight, list pages (status filter, `q` search, processed by me), cold start, memory and disk; beside
// them, floors measured in the same run: an empty HTTP round trip and a 1 KB append + fsync on the same disk.
// With --store postgres the same orders are copied into a throwaway PostgreSQL (Debian's packages) and the
// server runs on it; a second server process on the same database is then measured beside the first.
// Run: npm run bench:http                    (1,000, 10,000 and 100,000 orders, embedded store)
//      npm run bench:http -- --sizes 1000    (only some sizes)
//      npm run bench:http -- --store postgres
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { PostgresStore } from '../plugin/adapters/store/postgres/postgres-store.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../scripts/throwaway-postgres.ts';
import { readSeeded, seedOrders } from './seed-orders.ts';

const ROOT = join(import.meta.dirname, '..');
const SEQUENTIAL = 200;
const IN_FLIGHT = 10;
const CONCURRENT_CANCELS = 1000;
const LIST_REQUESTS = 200;
const TIME_LIMIT_MS = 60_000; // no phase runs longer than this, whatever the machine

const flag = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
};
const sizes = flag('--sizes')?.split(',').map(Number) ?? [1000, 10_000, 100_000];
const storeKind = flag('--store') ?? 'embedded';
if (storeKind !== 'embedded' && storeKind !== 'postgres') throw new Error(`--store takes embedded or postgres (got ${storeKind})`);

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;

async function timed(n: number, fn: (i: number) => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  const deadline = performance.now() + TIME_LIMIT_MS;
  for (let i = 0; i < n && performance.now() < deadline; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return samples;
}

/** 1 KB appended and flushed to the disk, the least a durable commit can cost here. */
async function appendFloor(dir: string): Promise<number> {
  const handle = await open(join(dir, 'floor.bin'), 'a');
  const kb = Buffer.alloc(1024, 120);
  const samples = await timed(300, async () => {
    await handle.write(kb);
    await handle.datasync();
  });
  await handle.close();
  await rm(join(dir, 'floor.bin'));
  return quantile(samples, 0.5);
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) total += e.isDirectory() ? await folderBytes(join(dir, e.name)) : (await stat(join(dir, e.name))).size;
  return total;
}

function startServer(env: Record<string, string>, port: number): Promise<{ child: ChildProcess; ms: number }> {
  const t = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'plugin/server.ts'], {
    cwd: ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', async (chunk: Buffer) => {
      if (out.includes('running at')) return; // already answered
      out += chunk.toString();
      if (!out.includes('running at')) return;
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (health.ok) resolve({ child, ms: performance.now() - t });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
}

/** Where the server keeps the orders: its data folder, or a database of the throwaway PostgreSQL. */
interface Target {
  env: Record<string, string>;
  /** The least a durable commit can cost in this store, and what it is. */
  floor(): Promise<number>;
  diskMb(): Promise<number>;
  drop(): Promise<void>;
}

async function embeddedTarget(dataDir: string): Promise<Target> {
  return { env: { DATA_DIR: dataDir, DATABASE_URL: '' }, floor: () => appendFloor(dataDir), diskMb: async () => (await folderBytes(dataDir)) / 1e6, drop: async () => undefined };
}

/** The seeded data folder copied into a new database, as `store copy --to postgres` does. */
async function postgresTarget(server: ThrowawayPostgres, dataDir: string, orders: number): Promise<Target> {
  const name = `bench_${orders}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = server.url.replace(/\/postgres$/, `/${name}`);
  const store = new PostgresStore({ url, statementTimeoutMs: 600_000 });
  await store.init();
  await store.importAll((await readSeeded(dataDir)) as never);
  await store.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('VACUUM ANALYZE');
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: url },
    // One row inserted and committed over loopback: the database's own round trip and flush.
    floor: async () => {
      await client.query('CREATE TABLE IF NOT EXISTS floor (n int, pad text)');
      const pad = 'x'.repeat(1000);
      const samples = await timed(300, async (i) => void (await client.query('INSERT INTO floor VALUES ($1, $2)', [i, pad])));
      await client.query('DROP TABLE floor');
      return quantile(samples, 0.5);
    },
    diskMb: async () => Number((await client.query<{ n: string }>('SELECT pg_database_size(current_database()) AS n')).rows[0].n) / 1e6,
    drop: async () => void (await client.end()),
  };
}

async function signIn(api: string): Promise<Record<string, string>> {
  const session = await (await fetch(`${api}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'demo' }) })).json();
  return { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' };
}

/** Busy and total CPU time of the whole machine so far (/proc/stat), to tell how much of it a phase used. */
async function machineCpu(): Promise<{ busy: number; total: number }> {
  const fields = (await readFile('/proc/stat', 'utf8')).split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3] + fields[4];
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** CPU seconds used so far by processes (user + system, from /proc/<pid>/stat); those gone meanwhile count 0. */
async function cpuSecondsOf(pids: number[]): Promise<number> {
  let ticks = 0;
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  }
  return ticks / 100;
}

/** PostgreSQL's processes (the server and a backend per connection). */
const postgresPids = (): number[] => {
  try {
    return execFileSync('pgrep', ['-x', 'postgres']).toString().trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
};

interface Phase {
  perSecond: number;
  done: number;
  /** Share of the machine's CPU (all cores) busy meanwhile. */
  cpuBusy: number;
  /** CPU milliseconds per cancel of the servers, of PostgreSQL, and of this benchmark's own client. */
  perCancel: { servers: number; postgres: number; client: number };
}

/** Cancels orders `from`, `from - 1`, … with ten requests always open, spread over the servers. */
async function inFlight(apis: string[], servers: ChildProcess[], headers: Record<string, string>, from: number, count: number): Promise<Phase> {
  let next = 0;
  const pg0 = postgresPids();
  const [cpu, srv, db, own] = [await machineCpu(), await cpuSecondsOf(servers.map((c) => c.pid!)), await cpuSecondsOf(pg0), process.cpuUsage()];
  const t = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, async (_, lane) => {
    while (next < count && performance.now() - t < TIME_LIMIT_MS) await cancel(apis[lane % apis.length], headers, from - next++);
  }));
  const seconds = (performance.now() - t) / 1000;
  const after = await machineCpu();
  const perCancel = (cpuSeconds: number) => (cpuSeconds * 1000) / next;
  return {
    perSecond: next / seconds,
    done: next,
    cpuBusy: (after.busy - cpu.busy) / (after.total - cpu.total),
    perCancel: {
      servers: perCancel((await cpuSecondsOf(servers.map((c) => c.pid!))) - srv),
      postgres: perCancel((await cpuSecondsOf(pg0)) - db),
      client: perCancel((() => { const u = process.cpuUsage(own); return (u.user + u.system) / 1e6; })()),
    },
  };
}

async function cancel(api: string, headers: Record<string, string>, n: number): Promise<void> {
  const res = await fetch(`${api}/records/bench-${n}/actions/cancel`, { method: 'POST', headers, body: JSON.stringify({ reason: 'customer_request' }) });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`cancel bench-${n}: ${res.status} ${body.slice(0, 200)}`);
}

async function stopServer(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

const randomPort = () => 40000 + Math.floor(Math.random() * 20000);

async function measure(orders: number, postgres: ThrowawayPostgres | undefined) {
  const dataDir = await mkdtemp(join(ROOT, '.bench-data-'));
  let target: Target | undefined;
  try {
    const seedStart = performance.now();
    await seedOrders(dataDir, orders);
    target = postgres ? await postgresTarget(postgres, dataDir, orders) : await embeddedTarget(dataDir);
    const seedMs = performance.now() - seedStart;
    const port = randomPort();
    const { child, ms: startMs } = await startServer(target.env, port);
    const api = `http://127.0.0.1:${port}/api`;
    try {
      const headers = await signIn(api);
      const get = async (path: string) => {
        const res = await fetch(`${api}${path}`, { headers });
        await res.text();
        if (!res.ok) throw new Error(`${path}: ${res.status}`);
      };

      const healthFloor = quantile(await timed(300, () => get('/health')), 0.5);
      // Every order is different: cancels walk them from the newest down (the oldest stay for the lists).
      const one = await timed(Math.min(SEQUENTIAL, orders / 4), (i) => cancel(api, headers, orders - 1 - i));
      let first = orders - 1 - one.length;
      const count = Math.min(CONCURRENT_CANCELS, Math.floor(orders / 4));
      const single = await inFlight([api], [child], headers, first, count);
      first -= single.done;
      // A second process on the same database, with the ten requests spread over both.
      let pair: Phase | undefined;
      if (postgres) {
        const secondPort = randomPort();
        const second = await startServer(target.env, secondPort);
        try {
          pair = await inFlight([api, `http://127.0.0.1:${secondPort}/api`], [child, second.child], headers, first, count);
        } finally {
          await stopServer(second.child);
        }
      }
      const byStatus = await timed(LIST_REQUESTS, (i) => get(`/records?status=confirmed&pageSize=50&page=${1 + (i % 20)}`));
      const search = await timed(LIST_REQUESTS, (i) => get(`/records?pageSize=50&q=${encodeURIComponent(i % 2 ? `SO-2${String(i * 37 % orders).padStart(5, '0')}` : `Acme Trading Ltd. ${i * 13}`)}`));
      // "processed by me": the admin cancelled the orders above, a list of about a thousand in the whole store
      const me = await (await fetch(`${api}/me`, { headers })).json();
      const processed = await timed(LIST_REQUESTS, (i) => get(`/records?processedBy=${me.id}&pageSize=50&page=${1 + (i % 10)}`));
      const rss = Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
      return {
        orders, seedMs, startMs, rss, diskMb: await target.diskMb(),
        cancelMedian: quantile(one, 0.5), cancelP99: quantile(one, 0.99), single, pair, perSecond: single.perSecond,
        listP99: quantile(byStatus, 0.99), searchP99: quantile(search, 0.99), processedP99: quantile(processed, 0.99),
        healthFloor, commitFloor: await target.floor(),
      };
    } finally {
      await stopServer(child);
    }
  } finally {
    await target?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const postgres = storeKind === 'postgres' ? await startThrowawayPostgres() : undefined;
const rows: Awaited<ReturnType<typeof measure>>[] = [];
try {
  for (const n of sizes) {
    rows.push(await measure(n, postgres));
    console.error(`measured ${n} orders`);
  }
} finally {
  postgres?.stop();
}
const base = rows[0];
const floorName = postgres ? '1 KB row insert + commit (floor)' : '1 KB append + fsync (floor)';
const pairColumns = postgres ? ' cancels/s, 2 processes | 2 processes ÷ 1 |' : '';
const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
const main = [
  `| orders | cancel median | cancel p99 | t(N)/t(first) | cancels/s, 10 in flight |${pairColumns} list of 50 p99 (status) | list of 50 p99 (\`q\`) | list of 50 p99 (processed by me) | cold start | resident memory | ${postgres ? 'database' : 'data folder'} | HTTP round trip (floor) | ${floorName} | cancel ÷ (round trip + commit floor) |`,
  `|---:|---:|---:|---:|---:|${postgres ? '---:|---:|' : ''}---:|---:|---:|---:|---:|---:|---:|---:|---:|`,
  ...rows.map((r) => {
    const pair = r.pair ? ` ${r.pair.perSecond.toFixed(0)} | ${(r.pair.perSecond / r.perSecond).toFixed(2)}× |` : '';
    return `| ${r.orders.toLocaleString('en')} | ${ms(r.cancelMedian)} | ${ms(r.cancelP99)} | ${(r.cancelMedian / base.cancelMedian).toFixed(2)} | ${r.perSecond.toFixed(0)} |${pair} ${ms(r.listP99)} | ${ms(r.searchP99)} | ${ms(r.processedP99)} | ${(r.startMs / 1000).toFixed(2)} s | ${r.rss.toFixed(0)} MB | ${r.diskMb.toFixed(0)} MB | ${ms(r.healthFloor)} | ${ms(r.commitFloor)} | ${(r.cancelMedian / (r.healthFloor + r.commitFloor)).toFixed(1)}× |`;
  }),
];
// Where the CPU went while ten cancels were always open: the whole machine, and each party per cancel.
const cpu = [
  '| orders | servers | cancels/s | machine CPU busy | CPU per cancel: server(s) | PostgreSQL | benchmark client | total |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.flatMap((r) => [['1', r.single] as const, ...(r.pair ? [['2', r.pair] as const] : [])].map(([n, phase]) => {
    const { servers, postgres: db, client } = phase.perCancel;
    return `| ${r.orders.toLocaleString('en')} | ${n} | ${phase.perSecond.toFixed(0)} | ${pct(phase.cpuBusy)} | ${ms(servers)} | ${ms(db)} | ${ms(client)} | ${ms(servers + db + client)} |`;
  })),
];
const table = [...main, '', ...cpu].join('\n');
console.log(table);
await mkdir(join(ROOT, 'bench', 'results'), { recursive: true });
await writeFile(join(ROOT, 'bench', 'results', `http-${storeKind}-${new Date().toISOString().slice(0, 16).replace(/:/g, '')}.md`), `${table}\n`);
