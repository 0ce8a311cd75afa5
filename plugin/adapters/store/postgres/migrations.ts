// The PostgreSQL store's schema, as numbered steps applied once each, in order, on start. A step is never
// edited once released: a change is a new step. Several processes starting at once take turns (advisory lock).
import { PluginFailure } from '../../../core/errors.ts';
import type { PoolClient } from 'pg';
import type { AuditEntry } from '../../../core/types.ts';
import { EMPTY_HEAD, linkEntry } from '../audit-chain.ts';

/**
 * Each item keeps its whole JSON (`doc`); the columns beside it are what lists, searches and checks need.
 * Templates are `json`, not `jsonb`: the order of their keys is the order of fields, states and actions on screen.
 * Text the store sorts or compares is `COLLATE "C"`: the order JavaScript's `<` gives, as the embedded store.
 */
const STEPS: string[] = [
  /* 1: everything the embedded store keeps, one table per kind */ `
  CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;

  CREATE TABLE templates (
    id text COLLATE "C" NOT NULL,
    version integer NOT NULL,
    doc json NOT NULL,
    PRIMARY KEY (id, version)
  );

  CREATE TABLE users (
    id text PRIMARY KEY,
    username text NOT NULL UNIQUE,
    seq bigserial NOT NULL,
    doc jsonb NOT NULL
  );

  CREATE TABLE sessions (
    token text PRIMARY KEY,
    user_id text NOT NULL,
    expires_at timestamptz NOT NULL
  );
  CREATE INDEX sessions_user ON sessions (user_id);

  CREATE TABLE records (
    id text COLLATE "C" PRIMARY KEY,
    number text COLLATE "C" NOT NULL UNIQUE,
    template text NOT NULL,
    template_version integer NOT NULL,
    status text COLLATE "C" NOT NULL,
    version integer NOT NULL,
    handler text NOT NULL,
    department text NOT NULL,
    watchers text[] NOT NULL,
    customer text COLLATE "C",
    amount double precision,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    -- What a search (q) compares with, lower-cased as JavaScript does it.
    number_search text NOT NULL,
    customer_search text NOT NULL,
    doc jsonb NOT NULL
  );
  CREATE INDEX records_created ON records (created_at, id);
  CREATE INDEX records_template_created ON records (template, created_at, id);
  CREATE INDEX records_status ON records (status);
  CREATE INDEX records_handler ON records (handler);
  CREATE INDEX records_department ON records (department);
  CREATE INDEX records_watchers ON records USING gin (watchers);
  CREATE INDEX records_updated ON records (updated_at);
  CREATE INDEX records_amount ON records (amount);
  CREATE INDEX records_customer ON records (customer);
  CREATE INDEX records_number_search ON records USING gin (number_search public.gin_trgm_ops);
  CREATE INDEX records_customer_search ON records USING gin (customer_search public.gin_trgm_ops);

  CREATE TABLE audit (
    seq bigserial PRIMARY KEY,
    id text NOT NULL,
    record_id text NOT NULL,
    doc jsonb NOT NULL
  );
  CREATE INDEX audit_record ON audit (record_id, seq);

  CREATE TABLE stock_movements (
    seq bigserial PRIMARY KEY,
    id text NOT NULL,
    record_id text,
    doc jsonb NOT NULL
  );
  CREATE INDEX stock_movements_record ON stock_movements (record_id, seq);

  CREATE TABLE stock_levels (
    product text COLLATE "C" NOT NULL,
    warehouse text COLLATE "C" NOT NULL,
    on_hand numeric NOT NULL,
    reserved numeric NOT NULL,
    PRIMARY KEY (product, warehouse)
  );

  CREATE TABLE notifications (
    seq bigserial PRIMARY KEY,
    id text NOT NULL UNIQUE,
    recipient text NOT NULL,
    at timestamptz NOT NULL,
    doc jsonb NOT NULL
  );
  CREATE INDEX notifications_recipient ON notifications (recipient, at, seq);

  -- Outside deliveries waiting; a process claims some for a while, so that another does not send them too.
  CREATE TABLE outbox (
    notification_id text PRIMARY KEY REFERENCES notifications (id),
    seq bigint NOT NULL,
    claimed_until timestamptz
  );
  CREATE INDEX outbox_order ON outbox (seq);

  CREATE TABLE ledger (
    seq bigserial PRIMARY KEY,
    id text NOT NULL UNIQUE,
    record_id text NOT NULL,
    doc jsonb NOT NULL
  );
  CREATE INDEX ledger_record ON ledger (record_id, seq);

  CREATE TABLE closed_periods (period text COLLATE "C" PRIMARY KEY);

  CREATE TABLE approvals (
    id text PRIMARY KEY,
    seq bigserial NOT NULL,
    record_id text NOT NULL,
    status text NOT NULL,
    doc jsonb NOT NULL
  );
  CREATE INDEX approvals_record ON approvals (record_id);
  CREATE INDEX approvals_status ON approvals (status);

  CREATE TABLE documents (
    id text PRIMARY KEY,
    seq bigserial NOT NULL,
    kind text NOT NULL,
    doc jsonb NOT NULL
  );

  CREATE TABLE counters (name text PRIMARY KEY, value bigint NOT NULL);

  CREATE TABLE triggers (
    id text PRIMARY KEY,
    seq bigserial NOT NULL,
    doc jsonb NOT NULL
  );

  CREATE TABLE answers (
    key text PRIMARY KEY,
    at timestamptz NOT NULL,
    doc jsonb NOT NULL
  );
  CREATE INDEX answers_at ON answers (at);

  CREATE TABLE backups (
    id text PRIMARY KEY,
    seq bigserial NOT NULL,
    doc jsonb NOT NULL
  );

  CREATE TABLE snapshots (
    id text PRIMARY KEY,
    at timestamptz NOT NULL,
    label text NOT NULL,
    doc jsonb NOT NULL
  );

  -- The audit trail and the ledger are append-only: a counter-entry corrects, nothing edits or deletes.
  CREATE FUNCTION refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
  END $$;
  CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
  CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON ledger FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();

  -- The end of a commit's one statement: when a record it updates was not at the version expected, or a counter
  -- was already at the value, it raises, and the whole statement (all it wrote) is undone.
  CREATE FUNCTION commit_check(expected_records text[], updated_records text[], expected_counters text[], moved_counters text[])
  RETURNS void LANGUAGE plpgsql AS $$
  DECLARE missing text;
  BEGIN
    SELECT x INTO missing FROM unnest(expected_records) AS x WHERE x <> ALL (updated_records) LIMIT 1;
    IF missing IS NOT NULL THEN
      RAISE EXCEPTION 'record % was changed by someone else', missing USING ERRCODE = 'OW409', DETAIL = missing;
    END IF;
    SELECT x INTO missing FROM unnest(expected_counters) AS x WHERE x <> ALL (moved_counters) LIMIT 1;
    IF missing IS NOT NULL THEN
      RAISE EXCEPTION 'counter % moved on', missing USING ERRCODE = 'OW412', DETAIL = missing;
    END IF;
  END $$;
  `,
  /* 2: the audit chain (see audit-chain.ts): each entry's position and hash, and the chain's head in one row */ `
  ALTER TABLE audit ADD COLUMN chain_seq bigint;
  CREATE UNIQUE INDEX audit_chain ON audit (chain_seq);

  -- One row: where the chain ends. A commit takes it FOR UPDATE, so commits from every process chain in one line.
  -- linked_all is false until the entries written before this step are linked (in their order, by the store's start).
  -- verified_*: where the last walk that held ended; a start checks from there on.
  CREATE TABLE audit_chain_head (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    seq bigint NOT NULL,
    hash text NOT NULL,
    linked_all boolean NOT NULL,
    verified_seq bigint NOT NULL DEFAULT 0,
    verified_hash text NOT NULL DEFAULT repeat('0', 64)
  );
  INSERT INTO audit_chain_head (seq, hash, linked_all) VALUES (0, repeat('0', 64), NOT EXISTS (SELECT 1 FROM audit));

  -- Appends entries after the head: entries is [{ "entry": {...}, "content": "<sha256 of its canonical JSON>" }].
  -- The hash is linkHash of audit-chain.ts: sha256 of "<prev>|<seq>|<content>". The head row is locked from here
  -- to the end of the commit's statement only: a commit calls this last.
  CREATE FUNCTION audit_append(entries jsonb) RETURNS void LANGUAGE plpgsql AS $$
  DECLARE head_seq bigint; head_hash text; e jsonb; h text;
  BEGIN
    SELECT seq, hash INTO head_seq, head_hash FROM audit_chain_head FOR UPDATE;
    FOR e IN SELECT x.value FROM jsonb_array_elements(entries) WITH ORDINALITY AS x(value, i) ORDER BY x.i LOOP
      head_seq := head_seq + 1;
      h := encode(sha256(convert_to(head_hash || '|' || head_seq::text || '|' || (e->>'content'), 'UTF8')), 'hex');
      INSERT INTO audit (id, record_id, chain_seq, doc)
        VALUES (e->'entry'->>'id', e->'entry'->>'recordId', head_seq,
                (e->'entry') || jsonb_build_object('chain', jsonb_build_object('seq', head_seq, 'prev', head_hash, 'hash', h)));
      head_hash := h;
    END LOOP;
    UPDATE audit_chain_head SET seq = head_seq, hash = head_hash;
  END $$;
  `,
  /* 3: who worked on which record (record-sql.ts's workedBySql): the actor and the approver of each entry */ `
  CREATE INDEX audit_actor ON audit ((doc->>'actor'));
  CREATE INDEX audit_approver ON audit ((doc->>'approvedBy')) WHERE doc->>'approvedBy' IS NOT NULL;
  `,
];

export const SCHEMA_VERSION = STEPS.length;

/** Applies the steps this database lacks; refuses a database made by a newer release. */
export async function migrate(client: PoolClient, schema: string): Promise<void> {
  await client.query('BEGIN');
  try {
    // One process migrates at a time; the others wait, then find nothing left to do.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`order-workflow:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    // A schema made in this transaction is not yet on the connection's search path: name it for the steps.
    await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}, public`);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    const current = rows[0].v ?? 0;
    if (current > STEPS.length)
      throw new PluginFailure('store_unavailable', `the database schema is at version ${current}, newer than this release knows (${STEPS.length}): run the newer release`);
    for (let v = current + 1; v <= STEPS.length; v++) {
      await client.query(STEPS[v - 1]);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [v]);
    }
    await linkOlderAudit(client);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
}

/**
 * Entries written before the chain (a database from an older release) are linked once, in the order they were
 * written (their seq), so the chain covers them from then on. Runs under the migration lock; the append-only
 * trigger is set aside for this transaction only.
 */
async function linkOlderAudit(client: PoolClient): Promise<void> {
  const { rows } = await client.query<{ linked_all: boolean }>('SELECT linked_all FROM audit_chain_head FOR UPDATE');
  if (rows[0].linked_all) return;
  await client.query('ALTER TABLE audit DISABLE TRIGGER audit_append_only');
  let head = EMPTY_HEAD;
  for (let after = 0; ; ) {
    const page = await client.query<{ seq: string; doc: AuditEntry }>('SELECT seq, doc FROM audit WHERE seq > $1 ORDER BY seq LIMIT 5000', [after]);
    if (!page.rows.length) break;
    const links = page.rows.map((r) => {
      const { chain } = linkEntry({ ...r.doc, chain: undefined }, head);
      head = { seq: chain.seq, hash: chain.hash };
      return { row: Number(r.seq), chain };
    });
    await client.query(
      `UPDATE audit a SET chain_seq = (x.chain->>'seq')::bigint, doc = a.doc || jsonb_build_object('chain', x.chain)
       FROM jsonb_to_recordset($1::jsonb) AS x("row" bigint, chain jsonb) WHERE a.seq = x."row"`,
      [JSON.stringify(links)],
    );
    after = links.at(-1)!.row;
  }
  await client.query('ALTER TABLE audit ENABLE TRIGGER audit_append_only');
  await client.query('UPDATE audit_chain_head SET seq = $1, hash = $2, linked_all = true', [head.seq, head.hash]);
}

/** A schema name as SQL; names are checked where they are given, this only quotes. */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
