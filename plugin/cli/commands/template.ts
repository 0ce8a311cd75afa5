// template import | export | list
import { writeFile } from 'node:fs/promises';
import { loadBundleFile } from '../../adapters/template-files.ts';
import { onlyFlags, UsageError, type ParsedArgs } from '../args.ts';
import type { CliContext, ExitCode } from '../context.ts';

async function importTemplate(ctx: CliContext, file: string): Promise<ExitCode> {
  let bundle: unknown;
  try {
    bundle = await loadBundleFile(file, ctx.rootDir);
  } catch (error) {
    ctx.err(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const result = await ctx.runtime.installTemplate(bundle);
  if (!result.ok) {
    ctx.err(`${file} was not installed: ${result.message.en}`);
    for (const e of result.errors ?? []) ctx.err(`  ${e.path || '/'}: ${e.message}`);
    return 1;
  }
  const { id, version, created } = result.value;
  ctx.out(created ? `Installed ${id} v${version}.` : `${id} v${version} is already installed; nothing changed.`);
  return 0;
}

async function exportTemplate(ctx: CliContext, id: string, args: ParsedArgs): Promise<ExitCode> {
  const rawVersion = args.flags.version;
  if (rawVersion !== undefined && !/^\d+$/.test(rawVersion)) throw new UsageError('--version must be a whole number');
  const template = await ctx.runtime.getTemplate(id, rawVersion === undefined ? undefined : Number(rawVersion));
  if (!template) {
    ctx.err(`No template ${id}${rawVersion ? ` v${rawVersion}` : ''}.`);
    return 1;
  }
  const text = `${JSON.stringify(template, null, 2)}\n`;
  if (args.flags.out) {
    await writeFile(args.flags.out, text);
    ctx.out(`Wrote ${template.id} v${template.version} to ${args.flags.out}.`);
  } else {
    ctx.out(text.trimEnd());
  }
  return 0;
}

async function listTemplates(ctx: CliContext): Promise<ExitCode> {
  const templates = [...(await ctx.runtime.listTemplates())].sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version);
  if (templates.length === 0) ctx.out('No templates installed.');
  for (const t of templates) ctx.out(`${t.id}\tv${t.version}\t${t.name['zh-CN']} / ${t.name.en}`);
  return 0;
}

export async function templateCommand(ctx: CliContext, args: ParsedArgs): Promise<ExitCode> {
  const [, sub, target, ...extra] = args.positional;
  if (extra.length > 0) throw new UsageError(`unexpected ${extra.join(' ')}`);
  switch (sub) {
    case 'import':
      onlyFlags(args, []);
      if (!target) throw new UsageError('template import needs a file');
      return importTemplate(ctx, target);
    case 'export':
      onlyFlags(args, ['version', 'out']);
      if (!target) throw new UsageError('template export needs a template id');
      return exportTemplate(ctx, target, args);
    case 'list':
      onlyFlags(args, []);
      if (target) throw new UsageError(`unexpected ${target}`);
      return listTemplates(ctx);
    default:
      throw new UsageError(sub ? `unknown template command "${sub}"` : 'template needs import, export or list');
  }
}
