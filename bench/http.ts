// The store at the sizes users have, measured over HTTP against the real server in its own process.
// For each size: seed the demo data plus N confirmed sales orders, start `plugin/server.ts`, then time cancels
// one at a time and 10 in flight, list pages (status filter, `q` search), cold start, memory and disk; beside
// them, floors measured in the same run: an empty HTTP round trip and a 1 KB append + fsync on the same disk.
// Run: npm run bench:http                    (1,000, 10,000 and 100,000 orders)
//      npm run bench:http -- --sizes 1000    (only some sizes)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { seedOrders } from './seed-orders.ts';

const ROOT = join(import.meta.dirname, '..');
const SEQUENTIAL = 200;
const IN_FLIGHT = 10;
const CONCURRENT_CANCELS = 1000;
const LIST_REQUESTS = 200;
const TIME_LIMIT_MS = 60_000; // no phase runs longer than this, whatever the machine

const sizes = (() => {
  const i = process.argv.indexOf('--sizes');
  return i === -1 ? [1000, 10_000, 100_000] : process.argv[i + 1].split(',').map(Number);
})();

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

function startServer(dataDir: string, port: number): Promise<{ child: ChildProcess; ms: number }> {
  const t = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'plugin/server.ts'], {
    cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'],
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

async function measure(orders: number) {
  const dataDir = await mkdtemp(join(ROOT, '.bench-data-'));
  try {
    const seedStart = performance.now();
    await seedOrders(dataDir, orders);
    const seedMs = performance.now() - seedStart;
    const port = 40000 + Math.floor(Math.random() * 20000);
    const { child, ms: startMs } = await startServer(dataDir, port);
    const api = `http://127.0.0.1:${port}/api`;
    try {
      const session = await (await fetch(`${api}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'demo' }) })).json();
      const headers = { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' };
      const cancel = async (n: number) => {
        const res = await fetch(`${api}/records/bench-${n}/actions/cancel`, { method: 'POST', headers, body: JSON.stringify({ reason: 'customer_request' }) });
        const body = await res.text();
        if (res.status !== 200) throw new Error(`cancel bench-${n}: ${res.status} ${body.slice(0, 200)}`);
      };
      const get = async (path: string) => {
        const res = await fetch(`${api}${path}`, { headers });
        await res.text();
        if (!res.ok) throw new Error(`${path}: ${res.status}`);
      };

      const healthFloor = quantile(await timed(300, () => get('/health')), 0.5);
      // Every order is different: cancels walk them from the newest down (the oldest stay for the lists).
      const one = await timed(Math.min(SEQUENTIAL, orders / 4), (i) => cancel(orders - 1 - i));
      const first = orders - 1 - one.length;
      const count = Math.min(CONCURRENT_CANCELS, Math.floor(orders / 2));
      let next = 0;
      const t = performance.now();
      await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
        while (next < count && performance.now() - t < TIME_LIMIT_MS) await cancel(first - next++);
      }));
      const perSecond = next / ((performance.now() - t) / 1000);
      const byStatus = await timed(LIST_REQUESTS, (i) => get(`/records?status=confirmed&pageSize=50&page=${1 + (i % 20)}`));
      const search = await timed(LIST_REQUESTS, (i) => get(`/records?pageSize=50&q=${encodeURIComponent(i % 2 ? `SO-2${String(i * 37 % orders).padStart(5, '0')}` : `Acme Trading Ltd. ${i * 13}`)}`));
      const rss = Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
      return {
        orders, seedMs, startMs, rss, diskMb: (await folderBytes(dataDir)) / 1e6,
        cancelMedian: quantile(one, 0.5), cancelP99: quantile(one, 0.99), perSecond,
        listP99: quantile(byStatus, 0.99), searchP99: quantile(search, 0.99),
        healthFloor, appendFloor: await appendFloor(dataDir),
      };
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

const rows: Awaited<ReturnType<typeof measure>>[] = [];
for (const n of sizes) {
  rows.push(await measure(n));
  console.error(`measured ${n} orders`);
}
const base = rows[0];
const table = [
  '| orders | cancel median | cancel p99 | t(N)/t(first) | cancels/s, 10 in flight | list of 50 p99 (status) | list of 50 p99 (`q`) | cold start | resident memory | data folder | HTTP round trip (floor) | 1 KB append + fsync (floor) | cancel ÷ (round trip + fsync) |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) =>
    `| ${r.orders.toLocaleString('en')} | ${ms(r.cancelMedian)} | ${ms(r.cancelP99)} | ${(r.cancelMedian / base.cancelMedian).toFixed(2)} | ${r.perSecond.toFixed(0)} | ${ms(r.listP99)} | ${ms(r.searchP99)} | ${(r.startMs / 1000).toFixed(2)} s | ${r.rss.toFixed(0)} MB | ${r.diskMb.toFixed(0)} MB | ${ms(r.healthFloor)} | ${ms(r.appendFloor)} | ${(r.cancelMedian / (r.healthFloor + r.appendFloor)).toFixed(1)}× |`),
].join('\n');
console.log(table);
await mkdir(join(ROOT, 'bench', 'results'), { recursive: true });
await writeFile(join(ROOT, 'bench', 'results', `http-${new Date().toISOString().slice(0, 16).replace(/:/g, '')}.md`), `${table}\n`);
