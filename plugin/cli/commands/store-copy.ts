// store copy --to postgres [--replace]: the embedded store in DATA_DIR moved into PostgreSQL, everything in it,
// then checked: every kind counted on both sides, and a spread of records compared with their history,
// stock and ledger. Sign-ins are not copied: people sign in again.
import { isDeepStrictEqual } from 'node:util';
import { PostgresStore } from '../../adapters/store/postgres/postgres-store.ts';
import type { StoreData } from '../../adapters/store/store-data.ts';
import type { Store } from '../../runtime/ports.ts';
import { onlyFlags, UsageError, type ParsedArgs } from '../args.ts';
import type { CliContext, ExitCode } from '../context.ts';

/** How many records are compared in full after the copy (all of them in a smaller store). */
const SAMPLE = 200;

export async function storeCommand(ctx: CliContext, args: ParsedArgs): Promise<ExitCode> {
  onlyFlags(args, ['to', 'replace']);
  const [, sub, ...extra] = args.positional;
  if (sub !== 'copy') throw new UsageError(sub ? `unknown store command "${sub}"` : 'store needs a command: copy');
  if (extra.length) throw new UsageError(`unexpected ${extra.join(' ')}`);
  const to = args.flags.to;
  if (to !== 'postgres') throw new UsageError('store copy needs --to postgres (the database is the one DATABASE_URL names)');
  const url = ctx.target.databaseUrl;
  if (!url) throw new UsageError('DATABASE_URL is not set: set it to the PostgreSQL database to copy into (postgres://user:password@host/db)');
  const replace = args.flags.replace === undefined ? false : args.flags.replace === 'yes';
  if (args.flags.replace !== undefined && !replace) throw new UsageError('--replace takes "yes" (it overwrites what the database holds)');

  const started = Date.now();
  const data = (await ctx.store.exportAll()) as unknown as StoreData;
  const target = new PostgresStore({ url, schema: ctx.target.databaseSchema, poolSize: ctx.target.poolSize, statementTimeoutMs: 600_000 });
  await target.init();
  try {
    const held = await holdings(target);
    if (held && !replace) {
      ctx.err(`Nothing copied: the database already holds ${held}. Add --replace yes to overwrite it with the embedded store.`);
      return 1;
    }
    await target.importAll(data as never);
    const copied = (await target.exportAll()) as unknown as StoreData;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    ctx.out(`Copied the store in ${ctx.target.dataDir} into PostgreSQL (schema ${ctx.target.databaseSchema ?? 'public'}) in ${seconds} s.`);
    const rows = countRows(data, copied);
    for (const r of rows) ctx.out(`  ${r.kind.padEnd(16)} ${String(r.source).padStart(9)} → ${String(r.copied).padStart(9)}${r.source === r.copied ? '' : '   MISMATCH'}`);
    const { compared, differing } = await compareSample(ctx.store, target, data);
    if (differing.length) ctx.err(`  ${differing.length} of ${compared} sampled records differ: ${differing.slice(0, 10).join(', ')}`);
    else ctx.out(`  ${compared} records compared in full (data, history, stock, ledger, approvals): all equal.`);
    const ok = !differing.length && rows.every((r) => r.source === r.copied);
    if (!ok) ctx.err('The copy does not match the embedded store; keep using the embedded store and report this.');
    else ctx.out('Start the server with DATABASE_URL set to use it.');
    return ok ? 0 : 1;
  } finally {
    await target.close();
  }
}

/** What the database holds already, in words, or '' when it is empty. */
async function holdings(store: Store): Promise<string> {
  const templates = (await store.listTemplates()).length;
  const users = (await store.listUsers()).length;
  const records = (await store.findRecords({ visibility: { all: true }, page: 1, pageSize: 0 })).total;
  return templates + users + records ? `${records} records, ${templates} template versions and ${users} users` : '';
}

function countRows(source: StoreData, copied: StoreData): { kind: string; source: number; copied: number }[] {
  const count = (d: StoreData) => ({
    templates: d.templates.length,
    users: d.users.length,
    records: d.records.length,
    history: Object.values(d.audit).reduce((n, list) => n + list.length, 0),
    'stock movements': d.stockMovements.length,
    'stock levels': d.stockLevels.length,
    ledger: d.ledger.length,
    approvals: d.approvals.length,
    documents: d.documents.length,
    notifications: d.notifications.length,
    'closed periods': d.closedPeriods.length,
    counters: Object.keys(d.counters).length,
    'pending work': d.triggers.length,
    backups: d.backups.length,
  });
  const a = count(source);
  const b = count(copied);
  return Object.keys(a).map((kind) => ({ kind, source: a[kind as keyof typeof a], copied: b[kind as keyof typeof b] }));
}

/** Records spread over the whole store (first and last included) read from both; the numbers of those that differ. */
async function compareSample(source: Store, target: Store, data: StoreData): Promise<{ compared: number; differing: string[] }> {
  const n = data.records.length;
  const step = Math.max(1, n / SAMPLE);
  const picked = new Set<number>();
  for (let i = 0; i < n && picked.size < SAMPLE; i += step) picked.add(Math.floor(i));
  if (n) picked.add(n - 1);
  const differing: string[] = [];
  for (const i of picked) {
    const { id, number } = data.records[i];
    const read = (s: Store) => Promise.all([s.getRecord(id), s.getAudit(id), s.stockMovements(id), s.ledgerEntries(id), s.listApprovals({ recordId: id })]);
    if (!isDeepStrictEqual(await read(source), await read(target))) differing.push(number);
  }
  return { compared: picked.size, differing };
}
