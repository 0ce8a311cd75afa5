// The command line for operators: `npm run cli -- <command>`, on the store in DATA_DIR (default ./data).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { JournaledStore } from './adapters/store/journaled-store.ts';
import { parseArgs, UsageError } from './cli/args.ts';
import { backupCommand, restoreCommand, snapshotsCommand } from './cli/commands/backup.ts';
import { templateCommand } from './cli/commands/template.ts';
import { userCommand } from './cli/commands/user.ts';
import type { CliContext, CliOutput, ExitCode } from './cli/context.ts';
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

The store is the one in DATA_DIR (default ./data). Commands that change it refuse while a server
runs on that folder (stop it first, or use the web app or the HTTP API); backup, template list/export
and snapshots list only read, and work beside a running server.`;

/** Commands that only read: they open the folder without taking it from a running server. */
const readsOnly = (name: string, sub: string | undefined): boolean =>
  name === 'backup' || (name === 'template' && (sub === 'list' || sub === 'export')) || (name === 'snapshots' && sub === 'list');

const COMMANDS: Record<string, (ctx: CliContext, args: ReturnType<typeof parseArgs>) => Promise<ExitCode>> = {
  template: templateCommand,
  user: userCommand,
  backup: backupCommand,
  restore: restoreCommand,
  snapshots: snapshotsCommand,
};

export async function runCli(argv: string[], options: { dataDir: string; rootDir?: string } & CliOutput): Promise<ExitCode> {
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

  const store = new JournaledStore({ dataDir: resolve(options.dataDir), readOnly: readsOnly(name, args.positional[1]) });
  try {
    await store.init();
    const { runtime } = createPlugin({ store });
    return await command({ store, runtime, rootDir: options.rootDir ?? process.cwd(), out, err }, args);
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
    dataDir: process.env.DATA_DIR ?? './data',
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  }).then((code) => process.exit(code));
}
