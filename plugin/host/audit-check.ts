// At start the host walks the audit chain: a store whose trail was edited, deleted or reordered is not served
// unless the operator says so (AUDIT_ALLOW_BROKEN=1), having seen which entry and why.
import { PluginFailure } from '../core/errors.ts';
import { describeBreak, describeBreakZh } from '../adapters/store/audit-chain.ts';
import type { Store } from '../runtime/ports.ts';

export async function checkAuditChain(store: Store, allowBroken: boolean, log: (line: string) => void, warn: (line: string) => void): Promise<void> {
  if (!store.verifyAudit) return;
  const report = await store.verifyAudit({ sinceCheckpoint: true });
  if (report.ok) {
    log(`Audit chain checked: ${report.count} entries${report.from ? ` after position ${report.from} (where the last check ended)` : ''} in ${report.tookMs} ms.`);
    return;
  }
  const zh = `审计链在 ${describeBreakZh(report.broken)} 处断开，服务器拒绝启动。请运行 \`npm run cli -- audit verify\` 查看详情，从该条目之前的备份恢复数据；若已查明原因并接受风险，可设置 AUDIT_ALLOW_BROKEN=1 启动。`;
  const en =
    `The audit chain is broken at ${describeBreak(report.broken)}. The server will not start on it. ` +
    'Run `npm run cli -- audit verify` for details and restore the data from a backup taken before that entry; ' +
    'once you know what happened and accept it, start with AUDIT_ALLOW_BROKEN=1.';
  if (!allowBroken) throw new PluginFailure('store_damaged', `${zh}\n${en}`);
  warn(`警告 / Warning (AUDIT_ALLOW_BROKEN=1): ${describeBreak(report.broken)}`);
}
