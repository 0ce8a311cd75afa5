// The command line for operators: `npm run cli -- <command>`, on the store in DATA_DIR (default ./data), or on
// PostgreSQL when DATABASE_URL is set.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, UsageError } from './cli/args.ts';
import { auditCommand } from './cli/commands/audit.ts';
import { backupCommand, restoreCommand, snapshotsCommand } from './cli/commands/backup.ts';
import { storeCommand } from './cli/commands/store-copy.ts';
import { templateCommand } from './cli/commands/template.ts';
import { userCommand } from './cli/commands/user.ts';
import type { CliContext, CliOutput, ExitCode } from './cli/context.ts';
import { openStore, storeChoiceFromEnv, type StoreChoice } from './host/store-choice.ts';
import { createPlugin } from './index.ts';

export const USAGE = `Usage: npm run cli -- <command>

  template import <file>                       install a template bundle (rule paths resolved from the current folder)
  template export <id> [--version N] [--out f] print or write an installed template
  template list                                installed templates and versions
  user create --username u --name n --password p --roles a,b [--department d] [--email e]
  backup <file>                                write the whole store to a JSON file
  restore <file>                               replace the store with a backup (a snapshot of the current state is kept)
  snapshots list                               restorable snapshots, newest first
  snapshots restore <id>                       go back to a snapshot
  audit verify                                 walk the audit chain; names the first entry edited, deleted or reordered
  store copy --to postgres [--replace yes]     copy the embedded store in DATA_DIR into PostgreSQL (DATABASE_URL),
                                               then check it by counts and a sample of records

The store is the one in DATA_DIR (default ./data), or PostgreSQL when DATABASE_URL is set. Commands that
change the embedded store refuse while a server runs on that folder (stop it first, or use the web app or
the HTTP API); backup, template list/export, snapshots list, audit verify and store copy only read it, and work beside a
running server (stop it before a store copy all the same, or later changes are not copied).`;

/** Commands that only read: they open the folder without taking it from a running server. */
const readsOnly = (name: string, sub: string | undefined): boolean =>
  name === 'backup' || name === 'store' || name === 'audit' || (name === 'template' && (sub === 'list' || sub === 'export')) || (name === 'snapshots' && sub === 'list');

const COMMANDS: Record<string, (ctx: CliContext, args: ReturnType<typeof parseArgs>) => Promise<ExitCode>> = {
  template: templateCommand,
  user: userCommand,
  backup: backupCommand,
  restore: restoreCommand,
  snapshots: snapshotsCommand,
  store: storeCommand,
  audit: auditCommand,
};

export async function runCli(argv: string[], options: StoreChoice & { rootDir?: string } & CliOutput): Promise<ExitCode> {
  const { out, err } = options;
  if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
    out(USAGE);
    return 0;
  }
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (error) {
    err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const name = args.positional[0];
  if (!name) {
    err(USAGE);
    return 2;
  }
  // Own entries only: "constructor" or "toString" are no commands.
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    err(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }

  // A copy reads the embedded store whatever DATABASE_URL says: PostgreSQL is where it goes.
  const copying = name === 'store';
  const store = openStore({ ...options, databaseUrl: copying ? undefined : options.databaseUrl, readOnly: readsOnly(name, args.positional[1]) });
  try {
    await store.init();
    const { runtime } = createPlugin({ store });
    return await command({ store, runtime, rootDir: options.rootDir ?? process.cwd(), out, err, target: options }, args);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    err(`Failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  runCli(process.argv.slice(2), {
    ...storeChoiceFromEnv(),
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  }).then((code) => process.exit(code));
}
