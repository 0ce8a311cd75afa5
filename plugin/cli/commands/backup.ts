// backup <file> | restore <file> | snapshots list | snapshots restore <id>
import { readJsonFile, writeJsonLines } from '../../adapters/store/journal/snapshot-file.ts';
import { MemoryStore } from '../../adapters/store/memory-store.ts';
import type { Json } from '../../core/types.ts';
import { onlyFlags, UsageError, type ParsedArgs } from '../args.ts';
import type { CliContext, ExitCode } from '../context.ts';

function oneTarget(args: ParsedArgs, what: string): string {
  onlyFlags(args, []);
  const [, target, ...extra] = args.positional;
  if (!target) throw new UsageError(`${args.positional[0]} needs ${what}`);
  if (extra.length > 0) throw new UsageError(`unexpected ${extra.join(' ')}`);
  return target;
}

export async function backupCommand(ctx: CliContext, args: ParsedArgs): Promise<ExitCode> {
  const file = oneTarget(args, 'a file to write');
  // A line an item, as store.json: one JSON document, and no string of the whole store is built.
  await writeJsonLines(file, (await ctx.store.exportAll()) as Record<string, unknown>);
  ctx.out(`Backed up the store to ${file}.`);
  return 0;
}

export async function restoreCommand(ctx: CliContext, args: ParsedArgs): Promise<ExitCode> {
  const file = oneTarget(args, 'a backup file');
  let data: Json;
  try {
    data = (await readJsonFile(file)) as Json;
  } catch (error) {
    const why = error instanceof SyntaxError ? 'it is not JSON' : error instanceof Error ? error.message : String(error);
    ctx.err(`Nothing restored: cannot read ${file} as a backup (${why}).`);
    return 1;
  }
  try {
    // Checked on a scratch store first, so garbage is refused before anything (even a snapshot) is written.
    new MemoryStore({ data });
  } catch (error) {
    ctx.err(`Nothing restored: ${file} is not a backup of this store (${error instanceof Error ? error.message : String(error)}).`);
    return 1;
  }
  // The current state stays recoverable: a wrong file restored by mistake can be undone with `snapshots restore`.
  const before = await ctx.store.snapshot(`before restore of ${file}`);
  await ctx.store.importAll(data);
  ctx.out(`Restored ${file}. The previous state is snapshot ${before.id}.`);
  return 0;
}

export async function snapshotsCommand(ctx: CliContext, args: ParsedArgs): Promise<ExitCode> {
  onlyFlags(args, []);
  const [, sub, id, ...extra] = args.positional;
  if (extra.length > 0) throw new UsageError(`unexpected ${extra.join(' ')}`);
  if (sub === 'list') {
    if (id) throw new UsageError(`unexpected ${id}`);
    const list = await ctx.store.listSnapshots();
    if (list.length === 0) ctx.out('No snapshots.');
    for (const s of list) ctx.out(`${s.id}\t${s.at}\t${s.label}`);
    return 0;
  }
  if (sub === 'restore') {
    if (!id) throw new UsageError('snapshots restore needs a snapshot id (see snapshots list)');
    try {
      await ctx.store.restoreSnapshot(id);
    } catch (error) {
      ctx.err(`Nothing restored: ${error instanceof Error ? error.message : String(error)}.`);
      return 1;
    }
    ctx.out(`Restored snapshot ${id}.`);
    return 0;
  }
  throw new UsageError(sub ? `unknown snapshots command "${sub}"` : 'snapshots needs list or restore');
}
