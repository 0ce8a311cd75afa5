// Which store a host opens: PostgreSQL when a database URL is given (several processes may share it), else the
// embedded store in the data folder (one process, no server to run).
import { PluginFailure } from '../core/errors.ts';
import { resolve } from 'node:path';
import { JournaledStore } from '../adapters/store/journaled-store.ts';
import { PostgresStore } from '../adapters/store/postgres/postgres-store.ts';
import type { Store } from '../runtime/ports.ts';

export interface StoreChoice {
  /** The data folder: the embedded store's home, and where outside messages are written. */
  dataDir: string;
  /** postgres://… : the PostgreSQL store instead of the embedded one. */
  databaseUrl?: string;
  /** The PostgreSQL schema of the store's tables (default public). */
  databaseSchema?: string;
  /** Connections each process keeps to PostgreSQL (default 10). */
  poolSize?: number;
  /** Statements running longer are cancelled (default 15 s). */
  statementTimeoutMs?: number;
  /** The embedded store opened beside a running server, for commands that only read. */
  readOnly?: boolean;
  /** The embedded store's size ceiling in bytes (STORE_MAX_MB; default 1 GiB): writes that would pass it are refused. */
  storeMaxBytes?: number;
}

export function openStore(choice: StoreChoice): Store {
  if (choice.databaseUrl)
    return new PostgresStore({ url: choice.databaseUrl, schema: choice.databaseSchema, poolSize: choice.poolSize, statementTimeoutMs: choice.statementTimeoutMs });
  return new JournaledStore({ dataDir: resolve(choice.dataDir), readOnly: choice.readOnly, maxBytes: choice.storeMaxBytes });
}

/** A whole positive number from the environment, or undefined; anything else is refused naming the variable. */
function positive(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new PluginFailure('setup_invalid', `${name} must be a whole number above 0 (got "${text}")`);
  return n;
}

/** The choice the environment makes: DATA_DIR, STORE_MAX_MB, DATABASE_URL, DATABASE_SCHEMA, DATABASE_POOL_SIZE, DATABASE_STATEMENT_TIMEOUT_MS. */
export function storeChoiceFromEnv(env: NodeJS.ProcessEnv = process.env): StoreChoice {
  return {
    dataDir: env.DATA_DIR || './data',
    databaseUrl: env.DATABASE_URL || undefined,
    databaseSchema: env.DATABASE_SCHEMA || undefined,
    poolSize: positive(env, 'DATABASE_POOL_SIZE'),
    statementTimeoutMs: positive(env, 'DATABASE_STATEMENT_TIMEOUT_MS'),
    storeMaxBytes: ((mb) => (mb === undefined ? undefined : mb * 1024 * 1024))(positive(env, 'STORE_MAX_MB')),
  };
}
