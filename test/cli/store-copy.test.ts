// `store copy --to postgres`: the embedded store with the demo in it, moved into PostgreSQL whole and checked.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../plugin/adapters/http/gallery.ts';
import { JournaledStore } from '../../plugin/adapters/store/journaled-store.ts';
import { PostgresStore } from '../../plugin/adapters/store/postgres/postgres-store.ts';
import { runCli } from '../../plugin/cli.ts';
import { startServer } from '../../plugin/server.ts';
import { freshSchema, postgresUrl } from '../support/postgres.ts';

/** An export with its stock levels in one order (each store lists them in its own). */
function comparable(exported: unknown): unknown {
  const data = exported as { stockLevels: { product: string; warehouse: string }[] };
  const key = (l: { product: string; warehouse: string }) => `${l.product}\u0000${l.warehouse}`;
  return { ...data, stockLevels: [...data.stockLevels].sort((a, b) => (key(a) < key(b) ? -1 : 1)) };
}

let dir: string;
let dataDir: string;
const target = freshSchema();

async function cli(env: { databaseUrl?: string }, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { dataDir, databaseSchema: target.schema, ...env, rootDir: PROJECT_ROOT, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ow-copy-'));
  dataDir = join(dir, 'data');
  // The demo as a first start leaves it: templates, people, orders through their states, settlements.
  const server = await startServer({ port: 0, dataDir, quiet: true });
  await server.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await target.drop();
});

describe('store copy --to postgres', () => {
  it('copies everything, says how much of each kind on both sides, and compares a sample of records', async () => {
    const res = await cli({ databaseUrl: postgresUrl() }, 'store', 'copy', '--to', 'postgres');
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/records\s+\d+ →\s+\d+/);
    expect(res.out).not.toContain('MISMATCH');
    expect(res.out).toMatch(/\d+ records compared in full .*: all equal/);

    const embedded = new JournaledStore({ dataDir, readOnly: true });
    const copied = new PostgresStore({ url: postgresUrl(), schema: target.schema });
    await embedded.init();
    await copied.init();
    try {
      expect(comparable(await copied.exportAll())).toEqual(comparable(await embedded.exportAll()));
      // The copy is a working store: its counters go on where the embedded one stopped.
      const counter = await embedded.counter('SO');
      expect(counter).toBeGreaterThan(0);
      expect(await copied.counter('SO')).toBe(counter);
    } finally {
      await embedded.close();
      await copied.close();
    }
  });

  it('refuses to overwrite a database that holds a store, unless told to replace it', async () => {
    const refused = await cli({ databaseUrl: postgresUrl() }, 'store', 'copy', '--to', 'postgres');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/already holds \d+ records.*--replace yes/);
    const replaced = await cli({ databaseUrl: postgresUrl() }, 'store', 'copy', '--to', 'postgres', '--replace', 'yes');
    expect(replaced.code).toBe(0);
  });

  it('says what is missing when no database is named or the target is not PostgreSQL', async () => {
    const noUrl = await cli({}, 'store', 'copy', '--to', 'postgres');
    expect(noUrl.code).toBe(2);
    expect(noUrl.err).toContain('DATABASE_URL is not set');
    const wrongTarget = await cli({ databaseUrl: postgresUrl() }, 'store', 'copy', '--to', 'mysql');
    expect(wrongTarget.code).toBe(2);
    expect(wrongTarget.err).toContain('--to postgres');
  });
});
