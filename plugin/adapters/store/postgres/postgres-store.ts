// The Store on PostgreSQL: one database that several server processes share. Every commit is one statement that
// applies only where the records it replaces are still at the versions expected (commit.ts), so conflicting
// commands from any process end with one winner; numbers, sign-ins and the outbox live in the database.
import { PluginFailure } from '../../../core/errors.ts';
import pg from 'pg';
import type { AuditEntry, Json, Template, WorkRecord } from '../../../core/types.ts';
import {
  StoreUnavailable,
  type AuditChainReport,
  type AuditChainResult,
  systemClock,
  type Approval,
  type AutomationTrigger,
  type ChangeSet,
  type Clock,
  type Document,
  type IdempotentAnswer,
  type LedgerEntry,
  type Notification,
  type RecordQuery,
  type RecordTrail,
  type RecordWithTrail,
  type Session,
  type SnapshotInfo,
  type StockLevel,
  type StockMovement,
  type Store,
  type StoreHealth,
  type User,
} from '../../../runtime/ports.ts';
import { ChainWalker, EMPTY_HEAD } from '../audit-chain.ts';
import { backupInfo, restoreChanges, type ScopedBackup } from '../scoped-backups.ts';
import { newSnapshotId, newestFirst } from '../state-backed-store.ts';
import { checkStoreData, clone, deepFreeze, refuseMalformed } from '../store-data.ts';
import { byId, commitChangeSet } from './commit.ts';
import { migrate, quoteIdent } from './migrations.ts';
import { recordQuerySql } from './record-sql.ts';
import { docs, insertRows, prepared } from './rows.ts';
import { SharedCache, type CachedKind } from './shared-cache.ts';
import { readWholeStore, replaceWholeStore } from './whole-store.ts';

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** The schema the store's tables live in (several stores may share one database). */
  schema?: string;
  /** Connections this process keeps open; a database serves `max_connections` across all processes. */
  poolSize?: number;
  /** A statement running longer is cancelled (and its transaction rolled back). */
  statementTimeoutMs?: number;
  clock?: Clock;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Errors that mean the database cannot be reached, rather than that a statement was wrong. */
const UNREACHABLE = /^(08|57P0[1-3]|53300)/;
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EPIPE']);

/**
 * The `ledger` and `stock` columns of a record's trail, oldest first. `recordId` is a parameter or an unnest()
 * column, never `records.id`: that one is collated "C", and comparing it kept PostgreSQL off the trail indexes.
 */
const trailOf = (recordId: string): string =>
  `coalesce((SELECT jsonb_agg(l.doc ORDER BY l.seq) FROM ledger l WHERE l.record_id = ${recordId}), '[]') AS ledger,
   coalesce((SELECT jsonb_agg(m.doc ORDER BY m.seq) FROM stock_movements m WHERE m.record_id = ${recordId}), '[]') AS stock`;

export class PostgresStore implements Store {
  private pool: pg.Pool | undefined;
  private readonly schema: string;
  private readonly cache: SharedCache;
  private readonly clock: Clock;
  private unreachable: string | undefined;

  constructor(private readonly options: PostgresStoreOptions) {
    this.schema = options.schema ?? 'public';
    if (!SCHEMA_NAME.test(this.schema)) throw new PluginFailure('setup_invalid', `schema "${this.schema}" must be lower-case letters, digits and _ (at most 63)`);
    // A list asks for its page and its count on two connections at once, and first-start setup holds one.
    if (options.poolSize !== undefined && options.poolSize < 2) throw new PluginFailure('setup_invalid', `pool size must be at least 2 (got ${options.poolSize})`);
    this.clock = options.clock ?? systemClock;
    this.cache = new SharedCache(this.schema);
  }

  private get config(): pg.ClientConfig {
    return {
      connectionString: this.options.url,
      options: `-c search_path=${quoteIdent(this.schema)},public -c statement_timeout=${this.options.statementTimeoutMs ?? 15_000}`,
      application_name: 'order-workflow',
    };
  }

  async init(): Promise<void> {
    if (this.pool) return;
    const pool = new pg.Pool({ ...this.config, max: this.options.poolSize ?? 10 });
    // An idle connection the server closed is dropped by the pool; without a listener it would crash the process.
    pool.on('error', (e) => (this.unreachable = e.message));
    try {
      const client = await pool.connect();
      try {
        await migrate(client, this.schema);
      } finally {
        client.release();
      }
      await this.cache.open(this.config);
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw new PluginFailure('store_unavailable', `cannot open the PostgreSQL store: ${(e as Error).message}`);
    }
    this.pool = pool;
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await this.cache.close();
    await pool?.end();
  }

  health(): StoreHealth {
    return this.unreachable ? { ok: false, reason: `the database cannot be reached: ${this.unreachable}` } : { ok: true };
  }

  /** A session-level advisory lock, held on one connection while `work` runs. */
  async alone<T>(work: () => Promise<T>): Promise<T> {
    const client = await this.watch(this.open.connect());
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [`order-workflow:${this.schema}:setup`]);
      try {
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`order-workflow:${this.schema}:setup`]);
      }
    } finally {
      client.release();
    }
  }

  private get open(): pg.Pool {
    if (!this.pool) throw new PluginFailure('store_unavailable', 'PostgresStore is not open: call init() first (or it was closed)');
    return this.pool;
  }

  /** A database that cannot be reached answers 503 (store_unavailable), not 500. */
  private watch<T>(work: Promise<T>): Promise<T> {
    return work.then(
      (value) => {
        this.unreachable = undefined;
        return value;
      },
      (e: unknown) => {
        const code = (e as { code?: string }).code ?? '';
        if (UNREACHABLE.test(code) || NETWORK.has(code) || /Connection terminated/.test((e as Error).message)) {
          this.unreachable = (e as Error).message;
          throw new StoreUnavailable(`the database cannot be reached (${(e as Error).message})`);
        }
        throw e;
      },
    );
  }

  private query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.watch(this.open.query<R>(prepared(sql, params)));
  }

  private async docs<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.query<{ doc: T }>(sql, params)).rows.map((r) => r.doc);
  }

  private async one<T>(sql: string, params: unknown[]): Promise<T | undefined> {
    return (await this.docs<T>(sql, params))[0];
  }

  /** Runs `work` in one transaction: committed if it returns, rolled back if it throws. */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.watch(this.open.connect());
    // A connection that cannot even roll back is broken: the pool drops it instead of lending it again.
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch((failed: Error) => (broken = failed));
      throw e;
    } finally {
      client.release(broken);
    }
  }

  /** A change to what every process keeps in memory, announced to them with it. */
  private async changeShared(kind: CachedKind, work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    try {
      await this.watch(
        this.transaction(async (client) => {
          await work(client);
          await client.query(...this.cache.announce(kind));
        }),
      );
    } finally {
      this.cache.forget(kind);
    }
  }

  // ------------------------------------------------------------ templates and users (kept in memory)

  private templates(): Promise<Template[]> {
    return this.cache.get('templates', async () => deepFreeze(await this.docs<Template>('SELECT doc FROM templates ORDER BY id, version')));
  }

  async listTemplates(): Promise<Template[]> {
    return [...(await this.templates())];
  }

  async getTemplate(id: string, version?: number): Promise<Template | undefined> {
    const versions = (await this.templates()).filter((t) => t.id === id);
    return version === undefined ? versions.at(-1) : versions.find((t) => t.version === version);
  }

  putTemplate(template: Template): Promise<void> {
    const t = clone(template);
    refuseMalformed('templates', t, 'template', 'cannot store template');
    return this.changeShared('templates', (client) => insertRows(client, 'templates', [t], 'ON CONFLICT (id, version) DO UPDATE SET doc = excluded.doc'));
  }

  private users(): Promise<User[]> {
    return this.cache.get('users', async () => deepFreeze(await this.docs<User>('SELECT doc FROM users ORDER BY seq')));
  }

  async listUsers(): Promise<User[]> {
    return [...(await this.users())];
  }

  async getUser(id: string): Promise<User | undefined> {
    return clone((await this.users()).find((u) => u.id === id));
  }

  async getUserByUsername(username: string): Promise<User | undefined> {
    return clone((await this.users()).find((u) => u.username === username));
  }

  putUser(user: User): Promise<void> {
    const u = clone(user);
    refuseMalformed('users', u, 'user', 'cannot store user');
    return this.changeShared('users', async (client) => {
      const { rows } = await client.query<{ id: string }>('SELECT id FROM users WHERE username = $1 AND id <> $2', [u.username, u.id]);
      if (rows.length) throw new PluginFailure('data_inconsistent', `username "${u.username}" already belongs to user ${rows[0].id}`);
      try {
        await insertRows(client, 'users', [u], 'ON CONFLICT (id) DO UPDATE SET username = excluded.username, doc = excluded.doc');
      } catch (e) {
        // Taken by another process between the look and the write.
        if ((e as { code?: string }).code === '23505') throw new PluginFailure('data_inconsistent', `username "${u.username}" already belongs to another user`);
        throw e;
      }
    });
  }

  // ------------------------------------------------------------ sessions

  async putSession(session: Session): Promise<void> {
    const s = clone(session);
    refuseMalformed('sessions', s, 'session', 'cannot store session');
    await this.query(
      'INSERT INTO sessions (token, user_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT (token) DO UPDATE SET user_id = excluded.user_id, expires_at = excluded.expires_at',
      [s.token, s.userId, s.expiresAt],
    );
  }

  async getSession(token: string): Promise<Session | undefined> {
    // Every request asks; a sign-out anywhere is announced, and every process forgets what it kept.
    const session = await this.cache.getEntry('sessions', token, async () => {
      const { rows } = await this.query<{ token: string; userId: string; expiresAt: Date }>(
        'SELECT token, user_id AS "userId", expires_at AS "expiresAt" FROM sessions WHERE token = $1',
        [token],
      );
      return rows[0] && { token: rows[0].token, userId: rows[0].userId, expiresAt: rows[0].expiresAt.toISOString() };
    });
    return session && { ...session };
  }

  deleteSession(token: string): Promise<void> {
    return this.changeShared('sessions', async (client) => void (await client.query('DELETE FROM sessions WHERE token = $1', [token])));
  }

  purgeSessions(now: string): Promise<void> {
    return this.changeShared('sessions', async (client) => void (await client.query('DELETE FROM sessions WHERE expires_at < $1', [now])));
  }

  deleteSessionsOf(userId: string): Promise<void> {
    return this.changeShared('sessions', async (client) => void (await client.query('DELETE FROM sessions WHERE user_id = $1', [userId])));
  }

  // ------------------------------------------------------------ records

  getRecord(id: string): Promise<WorkRecord | undefined> {
    return this.one('SELECT doc FROM records WHERE id = $1', [id]);
  }

  async getRecordWithTrail(id: string): Promise<RecordWithTrail | undefined> {
    const { rows } = await this.query<RecordWithTrail>(`SELECT r.doc AS record, ${trailOf('$1')} FROM records r WHERE r.id = $1`, [id]);
    return rows[0];
  }

  async trailsOf(ids: string[]): Promise<Map<string, RecordTrail>> {
    const { rows } = await this.query<{ id: string } & RecordTrail>(`SELECT r.id, ${trailOf('r.id')} FROM unnest($1::text[]) AS r(id)`, [ids]);
    return new Map(rows.map(({ id, ledger, stock }) => [id, { ledger, stock }]));
  }

  async findRecords(query: RecordQuery): Promise<{ items: WorkRecord[]; total: number }> {
    const { page, pageParams, count: countSql, params } = recordQuerySql(query);
    // Two connections at once: the page and the count do not wait for each other.
    const [items, count] = await this.watch(
      Promise.all([docs<WorkRecord>(this.open, page, [...params, ...pageParams]), this.open.query<{ n: string }>(countSql, params)]),
    );
    return { items, total: Number(count.rows[0].n) };
  }

  allRecords(template?: string): Promise<WorkRecord[]> {
    return template === undefined
      ? this.docs('SELECT doc FROM records ORDER BY created_at, id')
      : this.docs('SELECT doc FROM records WHERE template = $1 ORDER BY created_at, id', [template]);
  }

  getAudit(recordId: string): Promise<AuditEntry[]> {
    // The chain link is the store's own, as in the embedded store (export and `audit verify` carry it).
    return this.docs(`SELECT doc - 'chain' AS doc FROM audit WHERE record_id = $1 ORDER BY seq`, [recordId]);
  }

  async counter(name: string): Promise<number> {
    const { rows } = await this.query<{ value: string }>('SELECT value FROM counters WHERE name = $1', [name]);
    return rows.length ? Number(rows[0].value) : 0;
  }

  // ------------------------------------------------------------ stock

  async stockLevels(filter: { product?: string; warehouse?: string } = {}): Promise<StockLevel[]> {
    const { rows } = await this.query<StockLevel>(
      `SELECT product, warehouse, on_hand::float8 AS "onHand", reserved::float8 AS reserved FROM stock_levels
       WHERE ($1::text IS NULL OR product = $1) AND ($2::text IS NULL OR warehouse = $2) ORDER BY product, warehouse`,
      [filter.product ?? null, filter.warehouse ?? null],
    );
    return rows;
  }

  stockMovements(recordId: string): Promise<StockMovement[]> {
    return this.docs('SELECT doc FROM stock_movements WHERE record_id = $1 ORDER BY seq', [recordId]);
  }

  // ------------------------------------------------------------ notifications and the outbox

  notificationsFor(to: string): Promise<Notification[]> {
    return this.docs('SELECT doc FROM notifications WHERE recipient = $1 ORDER BY at DESC, seq DESC', [to]);
  }

  async markNotificationsRead(to: string, ids: string[] | 'all'): Promise<void> {
    const read = `UPDATE notifications SET doc = jsonb_set(doc, '{read}', 'true') WHERE recipient = $1`;
    if (ids === 'all') await this.query(read, [to]);
    else await this.query(`${read} AND id = ANY($2)`, [to, ids]);
  }

  pendingOutbox(): Promise<Notification[]> {
    return this.docs('SELECT n.doc FROM outbox o JOIN notifications n ON n.id = o.notification_id ORDER BY o.seq');
  }

  /** Waiting deliveries no other process holds, held by this one for a minute; SKIP LOCKED lets processes claim side by side. */
  claimOutbox(): Promise<Notification[]> {
    return this.docs(
      `WITH claimed AS (
         UPDATE outbox SET claimed_until = now() + interval '1 minute'
         WHERE notification_id IN (
           SELECT notification_id FROM outbox WHERE claimed_until IS NULL OR claimed_until < now()
           ORDER BY seq LIMIT 100 FOR UPDATE SKIP LOCKED)
         RETURNING notification_id, seq)
       SELECT n.doc FROM claimed c JOIN notifications n ON n.id = c.notification_id ORDER BY c.seq`,
    );
  }

  async markDelivered(ids: string[]): Promise<void> {
    // One statement, so one round trip and all or nothing.
    await this.query(
      `WITH sent AS (DELETE FROM outbox WHERE notification_id = ANY($1))
       UPDATE notifications SET doc = jsonb_set(doc, '{delivered}', 'true') WHERE id = ANY($1)`,
      [ids],
    );
  }

  // ------------------------------------------------------------ ledger and periods

  ledgerEntries(recordId: string): Promise<LedgerEntry[]> {
    return this.docs('SELECT doc FROM ledger WHERE record_id = $1 ORDER BY seq', [recordId]);
  }

  allLedgerEntries(): Promise<LedgerEntry[]> {
    return this.docs('SELECT doc FROM ledger ORDER BY seq');
  }

  // the periods page asks which months have entries: the months alone, not every entry over the wire
  async ledgerPeriods(): Promise<string[]> {
    return (await this.query<{ period: string }>("SELECT DISTINCT doc->>'period' AS period FROM ledger")).rows.map((r) => r.period).sort();
  }

  async closedPeriods(): Promise<string[]> {
    return (await this.query<{ period: string }>('SELECT period FROM closed_periods ORDER BY period')).rows.map((r) => r.period);
  }

  async setPeriodClosed(period: string, closed: boolean): Promise<void> {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw new RangeError(`period must be "YYYY-MM" (got "${period}")`);
    if (closed) await this.query('INSERT INTO closed_periods (period) VALUES ($1) ON CONFLICT DO NOTHING', [period]);
    else await this.query('DELETE FROM closed_periods WHERE period = $1', [period]);
  }

  // ------------------------------------------------------------ approvals, documents, answers, triggers

  getApproval(id: string): Promise<Approval | undefined> {
    return this.one('SELECT doc FROM approvals WHERE id = $1', [id]);
  }

  listApprovals(filter: { status?: Approval['status']; recordId?: string } = {}): Promise<Approval[]> {
    return this.docs(
      'SELECT doc FROM approvals WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR record_id = $2) ORDER BY seq',
      [filter.status ?? null, filter.recordId ?? null],
    );
  }

  getDocument(id: string): Promise<Document | undefined> {
    return this.one('SELECT doc FROM documents WHERE id = $1', [id]);
  }

  listDocuments(kind?: string): Promise<Document[]> {
    return this.docs('SELECT doc FROM documents WHERE ($1::text IS NULL OR kind = $1) ORDER BY seq', [kind ?? null]);
  }

  getAnswer(key: string): Promise<IdempotentAnswer | undefined> {
    return this.one('SELECT doc FROM answers WHERE key = $1', [key]);
  }

  pendingTriggers(): Promise<AutomationTrigger[]> {
    return this.docs('SELECT doc FROM triggers ORDER BY seq');
  }

  // ------------------------------------------------------------ commit

  async commit(changes: ChangeSet): Promise<void> {
    await this.watch(commitChangeSet(this.open, changes, (work) => this.transaction(work)));
  }

  /**
   * Walks the chain in pages of entries, in one repeatable-read snapshot so that commits meanwhile from any
   * process neither move its end nor show half of themselves.
   */
  async verifyAudit({ sinceCheckpoint = false } = {}): Promise<AuditChainReport> {
    const started = performance.now();
    let from = 0;
    const result = await this.watch(
      this.transaction(async (client): Promise<AuditChainResult> => {
        await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
        let start = EMPTY_HEAD;
        if (sinceCheckpoint) {
          const [mark] = (await client.query<{ seq: string; hash: string }>('SELECT verified_seq AS seq, verified_hash AS hash FROM audit_chain_head')).rows;
          const seq = Number(mark.seq);
          if (seq > 0) {
            const [entry] = await docs<AuditEntry>(client, 'SELECT doc FROM audit WHERE chain_seq = $1', [seq]);
            if (entry?.chain?.hash !== mark.hash || new ChainWalker({ seq: seq - 1, hash: entry.chain.prev }).next(entry))
              return {
                ok: false,
                count: 0,
                broken: {
                  seq,
                  ...(entry && { id: entry.id, recordId: entry.recordId, at: entry.at }),
                  problem: entry ? 'changed' : 'missing',
                  detail: entry ? 'the entry where the last check ended is no longer what it was' : 'the entry where the last check ended is missing (deleted)',
                },
              };
            start = { seq, hash: mark.hash };
            from = seq;
          }
        }
        const walker = new ChainWalker(start);
        for (let after = start.seq; ; ) {
          const { rows } = await client.query<{ c: string; doc: AuditEntry }>(
            prepared('SELECT chain_seq AS c, doc FROM audit WHERE chain_seq > $1 ORDER BY chain_seq LIMIT 10000', [after]),
          );
          if (!rows.length) break;
          for (const row of rows) {
            // The row's place and the link it carries must agree: rows whose places were swapped are reordered.
            if (row.doc.chain && Number(row.c) !== row.doc.chain.seq)
              return {
                ok: false,
                count: walker.count,
                broken: { seq: Number(row.c), id: row.doc.id, recordId: row.doc.recordId, at: row.doc.at, problem: 'reordered', detail: `it is stored at position ${row.c} but its link says ${row.doc.chain.seq}: entries were moved` },
              };
            const broken = walker.next(row.doc);
            if (broken) return { ok: false, count: walker.count, broken };
          }
          after = Number(rows[rows.length - 1].c);
        }
        const { rows } = await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_chain_head');
        const [unlinked] = await docs<AuditEntry>(client, 'SELECT doc FROM audit WHERE chain_seq IS NULL ORDER BY seq LIMIT 1');
        const broken = walker.end({ seq: Number(rows[0].seq), hash: rows[0].hash }) ?? (unlinked && walker.next(unlinked));
        return broken ? { ok: false, count: walker.count, broken } : { ok: true, count: walker.count, head: walker.last };
      }),
    );
    // The next start checks from here; another process may have got further meanwhile.
    if (result.ok) await this.query('UPDATE audit_chain_head SET verified_seq = $1, verified_hash = $2 WHERE verified_seq < $1', [result.head.seq, result.head.hash]);
    return { ...result, tookMs: Math.round(performance.now() - started), from };
  }

  // ------------------------------------------------------------ snapshots, backups, export and import

  async snapshot(label: string): Promise<SnapshotInfo> {
    const at = this.clock.now();
    const info: SnapshotInfo = { id: newSnapshotId(at), at: at.toISOString(), label };
    await this.watch(
      this.transaction(async (client) => {
        // Repeatable read: the copy is of one moment, whatever other processes commit meanwhile.
        await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        const data = await readWholeStore(client);
        await client.query('INSERT INTO snapshots (id, at, label, doc) VALUES ($1, $2, $3, $4)', [info.id, info.at, label, JSON.stringify(data)]);
      }),
    );
    return info;
  }

  async listSnapshots(): Promise<SnapshotInfo[]> {
    const { rows } = await this.query<{ id: string; at: Date; label: string }>('SELECT id, at, label FROM snapshots');
    const whole = rows.map((r) => ({ id: r.id, at: r.at.toISOString(), label: r.label }));
    const backups = (await this.docs<ScopedBackup>('SELECT doc FROM backups ORDER BY seq')).map(backupInfo);
    return [...whole, ...backups].sort(newestFirst);
  }

  async restoreSnapshot(id: string): Promise<void> {
    const [backup] = await this.docs<ScopedBackup>('SELECT doc FROM backups WHERE id = $1', [id]);
    if (backup) return this.commit(await this.restoreBackupChanges(backup));
    const { rows } = await this.query<{ doc: Json }>('SELECT doc FROM snapshots WHERE id = $1', [id]);
    if (!rows.length) throw new PluginFailure('snapshot_missing', `no snapshot "${id}"`);
    await this.importAll(rows[0].doc);
  }

  /** The change set that restores a backup of one operation, looked up against the records as they stand now. */
  private async restoreBackupChanges(backup: ScopedBackup): Promise<ChangeSet> {
    const pool = this.open;
    const [records, approvals, documents, movements, ledger] = await this.watch(
      Promise.all([
        byId<WorkRecord>(pool, 'records', backup.records.map((r) => r.id)),
        byId<Approval>(pool, 'approvals', backup.approvals.map((a) => a.id)),
        byId<Document>(pool, 'documents', backup.documents.map((d) => d.id)),
        byId<StockMovement>(pool, 'stock_movements', backup.stock),
        byId<LedgerEntry>(pool, 'ledger', backup.ledger),
      ]),
    );
    return restoreChanges(backup, this.clock.now().toISOString(), {
      record: (id) => records.get(id),
      approval: (id) => approvals.get(id),
      document: (id) => documents.get(id),
      movement: (id) => movements.get(id),
      ledgerEntry: (id) => ledger.get(id),
    });
  }

  async exportAll(): Promise<Json> {
    return (await this.watch(
      this.transaction(async (client) => {
        await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        return readWholeStore(client);
      }),
    )) as unknown as Json;
  }

  async importAll(data: Json): Promise<void> {
    // Checked before anything is touched: garbage is refused and the store stays as it was.
    const checked = checkStoreData(clone(data ?? null), 'cannot import: not a valid store export');
    await this.watch(
      this.transaction(async (client) => {
        await replaceWholeStore(client, checked);
        await client.query(...this.cache.announce('templates'));
        await client.query(...this.cache.announce('users'));
      }),
    );
    this.cache.forget('templates');
    this.cache.forget('users');
  }
}

