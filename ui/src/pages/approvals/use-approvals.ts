// Approvals with the orders they are about (number, template for labels), fetched alongside.
import { api } from '../../api';
import type { Approval, RecordView, Template } from '../../model';
import { loadTemplate } from '../../lib/templates';
import { useAsync } from '../../lib/use-async';

export interface ApprovalRow {
  approval: Approval;
  record?: RecordView;
  template?: Template;
}

async function withRecords(list: Approval[]): Promise<ApprovalRow[]> {
  const ids = [...new Set(list.map((a) => a.recordId))];
  const records = new Map<string, RecordView>();
  await Promise.all(
    ids.map(async (id) => {
      try {
        records.set(id, await api<RecordView>('GET', `/records/${encodeURIComponent(id)}`));
      } catch {
        /* out of scope or gone: show the approval without it */
      }
    }),
  );
  return Promise.all(
    list.map(async (approval) => {
      const record = records.get(approval.recordId);
      let template: Template | undefined;
      const tid = record?.template ?? approval.template;
      if (tid) {
        try {
          template = await loadTemplate(tid, record?.templateVersion ?? approval.templateVersion);
        } catch {
          template = undefined;
        }
      }
      return { approval, record, template };
    }),
  );
}

export function useApprovals(query: string) {
  return useAsync(async () => withRecords(await api<Approval[]>('GET', `/approvals?${query}`)), [query]);
}
