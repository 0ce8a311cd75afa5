// A fresh, empty place in the run's PostgreSQL for one test: a schema of its own, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export const postgresUrl = (): string => inject('postgresUrl');

/** A new schema name, and how to drop it with everything in it. */
export function freshSchema(): { schema: string; drop(): Promise<void> } {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  return {
    schema,
    async drop() {
      const client = new pg.Client({ connectionString: postgresUrl() });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
