import pg from 'pg';
import { PostgresStore } from '/work/main/plugin/adapters/store/postgres/postgres-store.ts';
import { startServer } from '/work/main/plugin/server.ts';
const U = (await import('node:fs')).readFileSync('/tmp/devpg.url', 'utf8').trim();
const admin = new pg.Client({ connectionString: U }); await admin.connect();
await admin.query('DROP DATABASE IF EXISTS prof WITH (FORCE)'); await admin.query('CREATE DATABASE prof'); await admin.end();
const url = U.replace(/\/postgres$/, '/prof');
const counts = new Map<string, { n: number; ms: number }>();
const orig = pg.Pool.prototype.query;
let on = false;
let trace: string[] = []; let t0 = 0;
function note(sql: string, t: number) { if (!on) return; trace.push(`${(t - t0).toFixed(2)} +${(performance.now() - t).toFixed(2)} ${String(sql).replace(/\s+/g, ' ').slice(0, 60)}`); const k = String(sql).replace(/\s+/g, ' ').slice(0, 90); const c = counts.get(k) ?? { n: 0, ms: 0 }; c.n++; c.ms += performance.now() - t; counts.set(k, c); }
(pg.Pool.prototype as any).query = function (sql: any, params: any) { const t = performance.now(); const p = orig.call(this, sql, params); (p as any).then?.(() => note(typeof sql === 'string' ? sql : sql.text, t), () => {}); return p; };
const origC = pg.Client.prototype.query;
(pg.Client.prototype as any).query = function (sql: any, params: any, cb: any) { const t = performance.now(); const p = origC.call(this, sql, params, cb); (p as any)?.then?.(() => note(typeof sql === 'string' ? sql : sql.text, t), () => {}); return p; };
const server = await startServer({ port: 0, dataDir: '/tmp/profdata', databaseUrl: process.env.EMB ? undefined : url, quiet: true });
const login = await (await fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'manager', password: 'demo' }) })).json();
const headers = { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' };
const ids: string[] = [];
for (let i = 0; i < 150; i++) {
  const r = await (await fetch(`${server.url}/api/records`, { method: 'POST', headers, body: JSON.stringify({ template: 'sales-order', data: { orderDate: '2026-11-01', customer: { name: 'X', email: 'a@b.c' }, lines: [{ product: 'KB-01', warehouse: 'WH-BJ', quantity: 1, price: 10 }] } }) })).json();
  await fetch(`${server.url}/api/records/${r.id}/actions/confirm`, { method: 'POST', headers, body: '{}' });
  ids.push(r.id);
}
await new Promise((r) => setTimeout(r, 300));
on = true;
const { execSync } = await import('node:child_process');
const pgCpu = () => execSync("ps -C postgres -o cputimes= | awk '{s+=$1} END {print s}'").toString().trim();
const pgBefore = Number(execSync("for p in $(pgrep postgres); do awk '{print $14+$15}' /proc/$p/stat; done | awk '{s+=$1} END {print s}'").toString());
const cpu0 = process.cpuUsage();
const t = performance.now();
for (const id of ids) { t0 = performance.now(); trace = []; const res = await fetch(`${server.url}/api/records/${id}/actions/cancel`, { method: 'POST', headers, body: JSON.stringify({ reason: 'customer_request' }) }); await res.text(); trace.push(`answered ${(performance.now() - t0).toFixed(2)}`); }

const el = performance.now() - t;
const cpu1 = process.cpuUsage(cpu0);
const pgAfter = Number(execSync("for p in $(pgrep postgres); do awk '{print $14+$15}' /proc/$p/stat; done | awk '{s+=$1} END {print s}'").toString());
console.log('node cpu ms per cancel', ((cpu1.user + cpu1.system) / 1000 / 150).toFixed(2), 'pg cpu ms per cancel', ((pgAfter - pgBefore) * 10 / 150).toFixed(2));
await new Promise((r) => setTimeout(r, 300));
on = false;
console.log('per cancel ms', (el / 150).toFixed(2));
for (const [k, c] of [...counts].sort((a, b) => b[1].ms - a[1].ms)) console.log((c.n / 150).toFixed(1), (c.ms / 150).toFixed(2), k);
await server.close();
