// The audit chain on PostgreSQL: one chain across processes, and `audit verify` names an entry edited or deleted
// in the database (behind the append-only trigger's back, as the database's owner could).
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../../../plugin/adapters/store/postgres/postgres-store.ts';
import { runCli } from '../../../../plugin/cli.ts';
import type { AuditEntry } from '../../../../plugin/core/types.ts';
import { freshSchema, postgresUrl } from '../../../support/postgres.ts';
import { aRecord, anAudit } from '../store-contract.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function openStore(schema: string): Promise<PostgresStore> {
  const store = new PostgresStore({ url: postgresUrl(), schema, poolSize: 4 });
  await store.init();
  cleanups.unshift(() => store.close());
  return store;
}

async function freshStore(): Promise<{ schema: string; store: PostgresStore }> {
  const { schema, drop } = freshSchema();
  cleanups.push(drop);
  return { schema, store: await openStore(schema) };
}

async function sql<T extends pg.QueryResultRow>(schema: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: postgresUrl() });
  await client.connect();
  try {
    await client.query(`SET search_path TO ${schema}, public`);
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** Changes the audit table with its append-only trigger set aside. */
const behindTheTrigger = (schema: string, text: string, params: unknown[] = []) =>
  sql(schema, `ALTER TABLE audit DISABLE TRIGGER audit_append_only; ${text.replace(/\$1/g, `'${String(params[0]).replace(/'/g, "''")}'`)}; ALTER TABLE audit ENABLE TRIGGER audit_append_only`);

async function verify(schema: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['audit', 'verify'], { dataDir: '/nonexistent', databaseUrl: postgresUrl(), databaseSchema: schema, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Twenty records of two entries each, committed one record at a time. */
async function fill(store: PostgresStore, from = 1, n = 20): Promise<void> {
  for (let i = from; i < from + n; i++)
    await store.commit({ records: [{ record: aRecord(String(i)) }], audit: [anAudit(`a${i}`, String(i)), anAudit(`b${i}`, String(i), { action: 'confirm', from: 'draft', to: 'confirmed' })] });
}

describe('the audit chain on PostgreSQL', () => {
  it('audit verify says the chain holds, with the number of entries', async () => {
    const { schema, store } = await freshStore();
    await fill(store);
    const res = await verify(schema);
    expect(res.code, res.err).toBe(0);
    expect(res.out).toContain('The audit chain holds: 40 entries');
    // Readers see the entries as committed; the link is the store's.
    expect(await store.getAudit('3')).toEqual([anAudit('a3', '3'), anAudit('b3', '3', { action: 'confirm', from: 'draft', to: 'confirmed' })]);
  });

  it("an entry whose actor was edited in the database is named by audit verify, with its record and time", async () => {
    const { schema, store } = await freshStore();
    await fill(store);
    await behindTheTrigger(schema, `UPDATE audit SET doc = jsonb_set(doc, '{actor}', '"someone-else"') WHERE id = $1`, ['a7']);
    const res = await verify(schema);
    expect(res.code).toBe(1);
    expect(res.err).toContain('The audit chain is broken at entry a7 (record 7, 2024-05-01T08:00:00.000Z, chain position 13): changed');
  });

  it('a deleted entry is caught: the entry after the gap is named', async () => {
    const { schema, store } = await freshStore();
    await fill(store);
    await behindTheTrigger(schema, 'DELETE FROM audit WHERE id = $1', ['b4']);
    const res = await verify(schema);
    expect(res.code).toBe(1);
    expect(res.err).toContain('entry a5 (record 5, 2024-05-01T08:00:00.000Z, chain position 8): missing: chain position 8 is missing (deleted');
  });

  it('entries whose places in the chain were swapped in the database are named as reordered', async () => {
    const { schema, store } = await freshStore();
    await fill(store, 1, 5);
    await behindTheTrigger(schema, `UPDATE audit SET chain_seq = CASE chain_seq WHEN 4 THEN -4 WHEN 5 THEN 4 END WHERE chain_seq IN (4, 5); UPDATE audit SET chain_seq = 5 WHERE chain_seq = -4`);
    const res = await verify(schema);
    expect(res.code).toBe(1);
    expect(res.err).toContain('entry a3 (record 3, 2024-05-01T08:00:00.000Z, chain position 4): reordered');
  });

  it('a start checks only what was added since the last check that held, and that the entry it ended at is unchanged', async () => {
    const { schema, store } = await freshStore();
    await fill(store, 1, 10);
    expect(await store.verifyAudit()).toMatchObject({ ok: true, count: 20, from: 0 });
    await fill(store, 11, 2);
    expect(await store.verifyAudit({ sinceCheckpoint: true })).toMatchObject({ ok: true, count: 4, from: 20 });
    expect(await store.verifyAudit({ sinceCheckpoint: true })).toMatchObject({ ok: true, count: 0, from: 24 });
    await behindTheTrigger(schema, `UPDATE audit SET doc = jsonb_set(doc, '{actor}', '"someone-else"') WHERE id = $1`, ['b12']);
    expect(await store.verifyAudit({ sinceCheckpoint: true })).toMatchObject({ ok: false, broken: { id: 'b12', seq: 24, problem: 'changed' } });
  });

  it('concurrent commits from two stores (as two processes) keep one valid chain', async () => {
    const { schema, store: one } = await freshStore();
    const two = await openStore(schema);
    // Many commits at once from both, each store using several connections.
    await Promise.all([
      ...Array.from({ length: 10 }, (_, k) => fill(one, 1000 + k * 10, 10)),
      ...Array.from({ length: 10 }, (_, k) => fill(two, 5000 + k * 10, 10)),
    ]);
    const report = await two.verifyAudit();
    expect(report).toMatchObject({ ok: true, count: 400 });
    const seqs = await sql<{ chain_seq: string }>(schema, 'SELECT chain_seq FROM audit ORDER BY chain_seq');
    expect(seqs.map((r) => Number(r.chain_seq))).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
    // Both entries of one commit sit side by side in the chain.
    const pairs = await sql<{ a: string; b: string }>(schema, `SELECT x.chain_seq AS a, y.chain_seq AS b FROM audit x JOIN audit y ON y.id = 'b' || substr(x.id, 2) WHERE x.id LIKE 'a%'`);
    for (const p of pairs) expect(Number(p.b)).toBe(Number(p.a) + 1);
  });

  it('a database from before the chain is linked on start, in the order its entries were written, and checked from then on', async () => {
    const { schema, store } = await freshStore();
    await fill(store, 1, 5);
    await store.close();
    // Back to schema version 1 (steps 2 and 3 undone), with entries that carry no link.
    await sql(
      schema,
      `ALTER TABLE audit DISABLE TRIGGER audit_append_only; UPDATE audit SET doc = doc - 'chain'; ALTER TABLE audit ENABLE TRIGGER audit_append_only;
       DROP INDEX audit_actor; DROP INDEX audit_approver;
       DROP FUNCTION audit_append; DROP TABLE audit_chain_head; ALTER TABLE audit DROP COLUMN chain_seq; DELETE FROM schema_migrations WHERE version >= 2`,
    );
    const reopened = await openStore(schema);
    expect(await reopened.verifyAudit()).toMatchObject({ ok: true, count: 10 });
    const rows = await sql<{ id: string; c: string }>(schema, 'SELECT id, chain_seq AS c FROM audit ORDER BY seq');
    expect(rows.map((r) => Number(r.c))).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    await fill(reopened, 6, 1);
    expect(await reopened.verifyAudit()).toMatchObject({ ok: true, count: 12 });
  });

  it('an export carries the chain and an import into another database keeps it whole', async () => {
    const { store } = await freshStore();
    await fill(store, 1, 3);
    const data = (await store.exportAll()) as unknown as { audit: Record<string, AuditEntry[]>; auditHead: { seq: number } };
    expect(data.auditHead.seq).toBe(6);
    expect(data.audit['2'][0].chain?.seq).toBe(3);
    const { store: other } = await freshStore();
    await other.importAll(data as never);
    expect(await other.verifyAudit()).toMatchObject({ ok: true, count: 6 });
    await fill(other, 10, 1);
    expect(await other.verifyAudit()).toMatchObject({ ok: true, count: 8 });
  });
});
