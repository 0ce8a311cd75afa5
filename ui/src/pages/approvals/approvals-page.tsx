// Approvals: requests I may decide (approve, reject, hand to another approver) and my own requests (withdraw).
import { useState } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { Empty } from '../../components/empty';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { Notice } from '../../components/notice';
import { PageHeader } from '../../components/page-header';
import { ApprovalsTable } from './approvals-table';
import { DecisionDialog, type Decision } from './decision-dialog';
import { useApprovals, type ApprovalRow } from './use-approvals';

type Tab = 'todo' | 'mine' | 'decided';

export function ApprovalsPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('todo');
  const [mineStatus, setMineStatus] = useState('pending');
  const query = tab === 'todo' ? 'status=pending' : tab === 'decided' ? 'decided=1' : `mine=1${mineStatus ? `&status=${mineStatus}` : ''}`;
  const rows = useApprovals(query);
  const [decision, setDecision] = useState<{ row: ApprovalRow; kind: Decision } | null>(null);
  const [msg, setMsg] = useState<string | null>(null);

  async function withdraw(row: ApprovalRow) {
    try {
      await api('POST', `/approvals/${encodeURIComponent(row.approval.id)}/withdraw`, {});
      setMsg(t('approvals.withdrawn'));
      rows.reload();
    } catch (e) {
      setMsg(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <div>
      <PageHeader title={t('approvals.title')} />
      {msg && (
        <Notice tone="info" onClose={() => setMsg(null)}>
          <span data-testid="approval-message">{msg}</span>
        </Notice>
      )}
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'todo'} className={tab === 'todo' ? 'active' : ''} onClick={() => setTab('todo')}>
          {t('approvals.todo')}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'mine'} className={tab === 'mine' ? 'active' : ''} onClick={() => setTab('mine')}>
          {t('approvals.mine')}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'decided'} className={tab === 'decided' ? 'active' : ''} onClick={() => setTab('decided')} data-testid="tab-decided">
          {t('approvals.decided')}
        </button>
        {tab === 'mine' && (
          <select className="input input-sm tabs-extra" value={mineStatus} onChange={(e) => setMineStatus(e.target.value)} aria-label={t('approvals.status')}>
            <option value="">{t('approvals.allStatuses')}</option>
            {['pending', 'approved', 'rejected', 'withdrawn'].map((s) => (
              <option key={s} value={s}>
                {t(`approvals.status.${s}`)}
              </option>
            ))}
          </select>
        )}
      </div>
      <div className="card">
        <ErrorBanner error={rows.error} onRetry={rows.reload} />
        {rows.loading && !rows.data && <Loading />}
        {rows.data && rows.data.length === 0 && <Empty text={t(tab === 'todo' ? 'approvals.emptyTodo' : tab === 'decided' ? 'approvals.emptyDecided' : 'approvals.emptyMine')} />}
        {rows.data && rows.data.length > 0 && (
          <ApprovalsTable
            rows={rows.data}
            mode={tab}
            onDecide={(row, kind) => setDecision({ row, kind })}
            onWithdraw={withdraw}
          />
        )}
      </div>
      {decision && (
        <DecisionDialog
          row={decision.row}
          kind={decision.kind}
          onClose={() => setDecision(null)}
          onDone={(text) => {
            setDecision(null);
            setMsg(text);
            rows.reload();
          }}
        />
      )}
    </div>
  );
}
