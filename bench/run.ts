// The command path, measured: what interpreting a template costs on top of storing its result.
// Each figure is a ratio against a baseline measured in the same run on the same machine.
// Run: npm run bench   (the list/search figures over 100,000 records: npx tsx bench/store-find.ts)
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { JournaledStore } from '../plugin/adapters/store/journaled-store.ts';
import { MemoryStore } from '../plugin/adapters/store/memory-store.ts';
import { createRulesEvaluator } from '../plugin/adapters/rules/json-rules-engine.ts';
import { installPrebuiltTemplates } from '../plugin/host/install-prebuilt.ts';
import type { Actor, WorkRecord } from '../plugin/core/types.ts';
import type { Store } from '../plugin/runtime/ports.ts';
import { createRuntime, type HostRuntime } from '../plugin/runtime/runtime.ts';

const root = join(import.meta.dirname, '..');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median time of `fn`; `settle` runs untimed after each sample (work the action leaves for after its answer). */
async function time(runs: number, fn: (i: number) => Promise<unknown> | unknown, settle?: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
    await settle?.();
  }
  return median(samples);
}

async function setUp(store: Store): Promise<{ runtime: HostRuntime; sales: Actor; admin: Actor }> {
  await store.init();
  const runtime = createRuntime({ store, guards: createRulesEvaluator() });
  await installPrebuiltTemplates(runtime, root);
  await runtime.addUser({ username: 'admin', name: 'Admin', password: 'bench', roles: ['admin'] });
  await runtime.addUser({ username: 'sales1', name: 'Sales', password: 'bench', roles: ['sales'], department: 'east' });
  const users = await store.listUsers();
  const asActor = (u: string) => {
    const x = users.find((y) => y.username === u)!;
    return { id: x.id, name: x.name, roles: x.roles, ...(x.department ? { department: x.department } : {}) };
  };
  await store.commit({
    stock: ['NB-14', 'NB-16', 'MON-27'].map((product, i) => ({ id: `open-${i}`, product, warehouse: 'WH-SH', onHand: 1e9, reserved: 0, at: new Date().toISOString() })),
  });
  return { runtime, sales: asActor('sales1'), admin: asActor('admin') };
}

const orderData = (i: number) => ({
  orderDate: '2026-11-01',
  customer: { name: `客户 ${i}`, email: `c${i}@example.com` },
  lines: [
    { product: 'NB-14', warehouse: 'WH-SH', quantity: 1 + (i % 5), price: 4999 },
    { product: 'MON-27', warehouse: 'WH-SH', quantity: 2, price: 1299 },
  ],
});

/** Fills the store with `count` copies of a real record: the file size lowdb rewrites on each commit. */
async function fill(store: Store, runtime: HostRuntime, sales: Actor, count: number): Promise<void> {
  const made = await runtime.createRecord(sales, 'sales-order', orderData(0));
  if (!made.ok) throw new Error(made.message.en);
  const { availableActions: _a, editable: _e, handlerName: _h, departmentLabel: _d, ...proto } = made.value;
  const batch: WorkRecord[] = [];
  for (let i = 1; i < count; i++) batch.push({ ...(proto as WorkRecord), id: `bench-${i}`, number: `SO-9${String(i).padStart(5, '0')}` });
  for (let i = 0; i < batch.length; i += 1000) await store.commit({ records: batch.slice(i, i + 1000).map((record) => ({ record })) });
}

async function commandPath(label: string, store: Store, records: number, runs: number, baseline: () => Promise<unknown>) {
  const { runtime, sales } = await setUp(store);
  await fill(store, runtime, sales, records);
  const ids: string[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await runtime.createRecord(sales, 'sales-order', orderData(i));
    if (!r.ok) throw new Error(r.message.en);
    ids.push(r.value.id);
  }
  const confirm = await time(runs, (i) => runtime.runAction(sales, ids[i], 'confirm', {}));
  const preview = await time(runs, (i) => runtime.previewAction(sales, ids[i], 'cancel', { reason: 'customer_request' }));
  // The customer's message is delivered after the answer (a second store write): the person waits for the first only.
  const cancel = await time(runs, (i) => runtime.runAction(sales, ids[i], 'cancel', { reason: 'customer_request' }), () => runtime.deliverOutbox());
  const base = await time(runs, baseline);
  return { label, records, confirm, preview, cancel, base };
}

async function main() {
  const rows: string[] = [];
  const line = (cells: (string | number)[]) => rows.push(`| ${cells.join(' | ')} |`);

  // Memory store: the baseline is one bare commit of a change set of the same shape (a record, stock, audit).
  const memory = new MemoryStore();
  let probe: WorkRecord | undefined;
  const m = await commandPath('memory', memory, 1000, 200, async () => {
    probe ??= await memory.getRecord('bench-1');
    const r = probe!;
    probe = { ...r, version: r.version + 1 };
    await memory.commit({
      records: [{ record: probe, expectVersion: r.version }],
      stock: [{ id: `b-${r.version}`, recordId: r.id, product: 'NB-14', warehouse: 'WH-SH', onHand: 0, reserved: 0, at: r.createdAt }],
      audit: [{ id: `a-${r.version}`, recordId: r.id, at: r.createdAt, actor: 'bench', actorName: 'bench', action: 'bench' }],
    });
  });

  // Journaled store: the baseline is writing the whole store with fs.writeFile(JSON.stringify(...)), what the earlier whole-file store did on every commit.
  const results = [m];
  for (const records of [1000, 10000]) {
    const dir = await mkdtemp(join(tmpdir(), 'ow-bench-'));
    const store = new JournaledStore({ dataDir: dir });
    const r = await commandPath('journaled', store, records, records > 5000 ? 20 : 50, async () => {
      await writeFile(join(dir, 'baseline.json'), JSON.stringify(await store.exportAll()));
    });
    results.push(r);
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }

  line(['store', 'records', 'confirm (ms)', 'cancel preview (ms)', 'cancel (ms)', 'baseline (ms)', 'cancel ÷ baseline']);
  line(['---', '---:', '---:', '---:', '---:', '---:', '---:']);
  for (const r of results)
    line([r.label, r.records, r.confirm.toFixed(2), r.preview.toFixed(2), r.cancel.toFixed(2), r.base.toFixed(2), (r.cancel / r.base).toFixed(2) + '×']);

  // Guards: json-rules-engine against the same condition written as plain JavaScript.
  const rules = createRulesEvaluator();
  const rule = { conditions: { all: [{ fact: 'ledger', path: '$.receivable', operator: 'greaterThan', value: 0 }, { fact: 'ledger', path: '$.receipt', operator: 'greaterThanInclusive', value: { fact: 'ledger', path: '$.receivable' } }] } };
  const facts = { ledger: { receivable: 100, receipt: 100 } };
  const engine = await time(2000, () => rules.evaluate({ paid: rule }, ['paid'], facts));
  const plain = await time(2000, () => facts.ledger.receivable > 0 && facts.ledger.receipt >= facts.ledger.receivable);
  rows.push('', `guard evaluation: json-rules-engine ${(engine * 1000).toFixed(1)} µs, plain JavaScript ${(plain * 1000).toFixed(2)} µs (median of 2000)`);

  console.log(rows.join('\n'));
}

await main();
