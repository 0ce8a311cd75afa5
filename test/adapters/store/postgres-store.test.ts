import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startThrowawayPostgres } from '../../../scripts/throwaway-postgres.ts';
import { PostgresStore } from '../../../plugin/adapters/store/postgres/postgres-store.ts';
import { StoreUnavailable } from '../../../plugin/runtime/ports.ts';
import { freshSchema, postgresUrl } from '../../support/postgres.ts';
import { aLedgerEntry, aMovement, aRecord, runStoreContract } from './store-contract.ts';

runStoreContract('PostgresStore', async () => {
  const { schema, drop } = freshSchema();
  return { store: new PostgresStore({ url: postgresUrl(), schema }), cleanup: drop };
});

async function asAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('PostgresStore', () => {
  it('answers "unavailable" while the database server is down, and works again once it is back, without a restart', async () => {
    // A server of its own: this one is stopped and started again.
    const server = await startThrowawayPostgres();
    const store = new PostgresStore({ url: server.url });
    try {
      await store.init();
      await store.commit({ records: [{ record: aRecord('1') }] });
      server.halt();
      await expect(store.getRecord('1')).rejects.toBeInstanceOf(StoreUnavailable);
      await expect(store.commit({ records: [{ record: aRecord('2') }] })).rejects.toBeInstanceOf(StoreUnavailable);
      expect(store.health()).toMatchObject({ ok: false, reason: expect.stringContaining('cannot be reached') });

      server.resume();
      expect((await store.getRecord('1'))?.id).toBe('1');
      expect(store.health()).toEqual({ ok: true });
      await store.commit({ records: [{ record: aRecord('2') }] });
    } finally {
      await store.close().catch(() => undefined);
      server.stop();
    }
  });

  it('reads a record with its ledger and stock in one go, and the trails of a page of records', async () => {
    const { schema, drop } = freshSchema();
    const store = new PostgresStore({ url: postgresUrl(), schema });
    await store.init();
    try {
      await store.commit({
        records: [{ record: aRecord('1') }, { record: aRecord('2') }],
        ledger: [aLedgerEntry('l1', '1'), aLedgerEntry('l2', '1', { amount: -100, reverses: 'l1' })],
        stock: [aMovement('m1', { recordId: '1', reserved: 2 }), aMovement('m2', { recordId: '2', reserved: 1 })],
      });
      const one = await store.getRecordWithTrail('1');
      expect(one).toEqual({ record: aRecord('1'), ledger: [aLedgerEntry('l1', '1'), aLedgerEntry('l2', '1', { amount: -100, reverses: 'l1' })], stock: [aMovement('m1', { recordId: '1', reserved: 2 })] });
      expect(await store.getRecordWithTrail('nope')).toBeUndefined();
      const trails = await store.trailsOf(['2', '1', 'nope']);
      expect(trails.get('1')?.ledger.map((e) => e.id)).toEqual(['l1', 'l2']);
      expect(trails.get('2')).toEqual({ ledger: [], stock: [aMovement('m2', { recordId: '2', reserved: 1 })] });
      expect(trails.get('nope')).toEqual({ ledger: [], stock: [] });
    } finally {
      await store.close();
      await drop();
    }
  });

  it('refuses a schema name it could not quote safely, and a pool too small for a list', () => {
    expect(() => new PostgresStore({ url: postgresUrl(), schema: 'Robert"; DROP' })).toThrow(/schema/);
    expect(() => new PostgresStore({ url: postgresUrl(), poolSize: 1 })).toThrow(/at least 2/);
  });

  it('refuses to open a database a newer release has migrated, saying so', async () => {
    const { schema, drop } = freshSchema();
    const first = new PostgresStore({ url: postgresUrl(), schema });
    await first.init();
    await first.close();
    await asAdmin(`INSERT INTO ${schema}.schema_migrations (version) VALUES (999)`);
    try {
      await expect(new PostgresStore({ url: postgresUrl(), schema }).init()).rejects.toThrow(/newer than this release/);
    } finally {
      await drop();
    }
  });
});
