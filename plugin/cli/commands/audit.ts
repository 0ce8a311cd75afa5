// audit verify: walks the store's audit chain and names the first entry that does not hold.
import { describeBreak, describeBreakZh } from '../../adapters/store/audit-chain.ts';
import { onlyFlags, UsageError, type ParsedArgs } from '../args.ts';
import type { CliContext, ExitCode } from '../context.ts';

export async function auditCommand(ctx: CliContext, args: ParsedArgs): Promise<ExitCode> {
  onlyFlags(args, []);
  const [, sub, ...extra] = args.positional;
  if (sub !== 'verify') throw new UsageError(sub ? `unknown audit command "${sub}"` : 'audit needs verify');
  if (extra.length > 0) throw new UsageError(`unexpected ${extra.join(' ')}`);
  if (!ctx.store.verifyAudit) {
    ctx.err('此存储不保存审计链。 / This store keeps no audit chain.');
    return 1;
  }
  const report = await ctx.store.verifyAudit();
  if (report.ok) {
    ctx.out(`审计链完整：${report.count} 条记录均未被修改、删除或调换顺序。`);
    ctx.out(`The audit chain holds: ${report.count} entries, none edited, deleted or reordered (end hash ${report.head.hash.slice(0, 16)}…, checked in ${report.tookMs} ms).`);
    return 0;
  }
  ctx.err(`审计链在 ${describeBreakZh(report.broken)} 处断开；之前的 ${report.count} 条完好。请从该条目之前的备份恢复，或查明原因后再决定。`);
  ctx.err(`The audit chain is broken at ${describeBreak(report.broken)}. The ${report.count} entries before it hold. Restore from a backup taken before it, or find out what happened first.`);
  return 1;
}
