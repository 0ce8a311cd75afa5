// user create: how the first administrator comes to be on a store started without demo data.
import { onlyFlags, UsageError, type ParsedArgs } from '../args.ts';
import type { CliContext, ExitCode } from '../context.ts';

export async function userCommand(ctx: CliContext, args: ParsedArgs): Promise<ExitCode> {
  const [, sub, ...extra] = args.positional;
  if (sub !== 'create') throw new UsageError(sub ? `unknown user command "${sub}"` : 'user needs create');
  if (extra.length > 0) throw new UsageError(`unexpected ${extra.join(' ')}`);
  onlyFlags(args, ['username', 'name', 'password', 'roles', 'department', 'email']);
  const { username, name, password, roles, department, email } = args.flags;
  const missing = (['username', 'name', 'password', 'roles'] as const).filter((f) => !args.flags[f]);
  if (missing.length > 0) throw new UsageError(`user create needs ${missing.map((m) => `--${m}`).join(', ')}`);

  const result = await ctx.runtime.addUser({
    username,
    name,
    password,
    roles: roles.split(',').map((r) => r.trim()).filter(Boolean),
    ...(department ? { department } : {}),
    ...(email ? { email } : {}),
  });
  if (!result.ok) {
    ctx.err(`User not created: ${result.message.en}`);
    for (const e of result.errors ?? []) ctx.err(`  ${e.path}: ${e.message}`);
    return 1;
  }
  const u = result.value;
  ctx.out(`Created ${u.username} (${u.roles.join(', ')}${u.department ? `, ${u.department}` : ''}), id ${u.id}.`);
  return 0;
}
