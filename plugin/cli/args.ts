// Splits `a b --flag value --other value` into positionals and flags; a flag without a value is a usage error.
export interface ParsedArgs {
  positional: string[];
  flags: Record<string, string>;
}

export class UsageError extends Error {}

export function parseArgs(argv: string[]): ParsedArgs {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) {
      flags[arg.slice(2, eq)] = arg.slice(eq + 1);
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${arg} needs a value`);
    flags[arg.slice(2)] = value;
    i++;
  }
  return { positional, flags };
}

/** Flags a command does not know are refused: a typo must not silently do something else. */
export function onlyFlags(args: ParsedArgs, allowed: string[]): void {
  for (const name of Object.keys(args.flags)) {
    if (!allowed.includes(name)) throw new UsageError(`unknown option --${name}`);
  }
}
