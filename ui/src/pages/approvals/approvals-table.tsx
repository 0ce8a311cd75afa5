import { Link } from 'react-router';
import { useI18n } from '../../i18n';
import { StatusBadge } from '../../components/status-badge';
import { formatDateTime, formatMoney } from '../../lib/format';
import { useUsers } from '../../records/people';
import type { Decision } from './decision-dialog';
import type { ApprovalRow } from './use-approvals';
import type { Approval } from '../../model';

function reasonText(row: ApprovalRow, code: string | undefined, label: (l?: { 'zh-CN': string; en: string }) => string) {
  if (!code) return '';
  for (const list of Object.values(row.template?.reasons ?? {})) {
    const r = list.find((x) => x.code === code);
    if (r) return label(r.label);
  }
  return code;
}

export function ApprovalsTable({ rows, mode, onDecide, onWithdraw }: { rows: ApprovalRow[]; mode: 'todo' | 'mine' | 'decided'; onDecide: (r: ApprovalRow, d: Decision) => void; onWithdraw: (r: ApprovalRow) => void }) {
  const { t, label, lang } = useI18n();
  const users = useUsers();
  return (
    <div className="table-wrap">
      <table className="table table-approvals" data-testid="approvals-table">
        <thead>
          <tr>
            <th>{t('record.number')}</th>
            <th>{t('approvals.action')}</th>
            <th>{t('record.customer')}</th>
            <th className="num">{t('record.amount')}</th>
            <th>{t('approvals.reason')}</th>
            <th>{t('approvals.requestedBy')}</th>
            <th>{t('approvals.requestedAt')}</th>
            <th>{t('approvals.statusCol')}</th>
            <th className="col-act" />
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const a = row.approval;
            const def = row.template?.actions?.[a.action];
            return (
              <tr key={a.id} data-approval={a.id}>
                <td className="nowrap">
                  {row.record ? (
                    <Link className="record-link" to={`/orders/${encodeURIComponent(a.recordId)}`}>
                      {row.record.number}
                    </Link>
                  ) : (
                    a.recordNumber ?? a.recordId
                  )}
                  {row.record && (
                    <div>
                      <StatusBadge template={row.template} status={row.record.status} />
                    </div>
                  )}
                </td>
                <td>{def ? label(def.label) : a.actionLabel ? label(a.actionLabel) : a.action}</td>
                <td>{row.record?.summary?.customer ?? ''}</td>
                <td className="num">{formatMoney(row.record?.summary?.amount, lang)}</td>
                <td>
                  {reasonText(row, asked(a).reason, label)}
                  {asked(a).comment && <div className="muted small">“{asked(a).comment}”</div>}
                </td>
                <td>{a.requesterName ?? users.data?.find((u) => u.id === a.requestedBy)?.name ?? a.requestedBy}</td>
                <td className="nowrap">{formatDateTime(a.requestedAt, lang)}</td>
                <td>
                  <span className={`badge badge-${a.status === 'pending' ? 'amber' : a.status === 'approved' ? 'green' : a.status === 'rejected' ? 'red' : 'grey'}`}>{t(`approvals.status.${a.status}`)}</span>
                  {a.comment && <div className="muted small">“{a.comment}”</div>}
                </td>
                <td className="col-act nowrap">
                  {mode === 'todo' && a.status === 'pending' && (
                    <div className="btn-row">
                      <button type="button" className="btn btn-sm btn-primary" onClick={() => onDecide(row, 'approve')}>
                        {t('approvals.approve')}
                      </button>
                      <button type="button" className="btn btn-sm btn-danger-outline" onClick={() => onDecide(row, 'reject')}>
                        {t('approvals.reject')}
                      </button>
                      <button type="button" className="btn btn-sm" onClick={() => onDecide(row, 'transfer')}>
                        {t('approvals.transfer')}
                      </button>
                    </div>
                  )}
                  {mode === 'mine' && a.status === 'pending' && (
                    <button type="button" className="btn btn-sm" onClick={() => onWithdraw(row)}>
                      {t('approvals.withdraw')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** What the requester asked for: the action's reason and comment as they were sent. */
function asked(a: Approval): { reason?: string; comment?: string } {
  return a.command as { reason?: string; comment?: string };
}
