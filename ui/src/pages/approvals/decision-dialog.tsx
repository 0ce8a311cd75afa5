// Approve or reject with a comment, or hand the request to another approver.
import { useState } from 'react';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { ReassignPicker, type ReassignValue } from '../../actions/reassign-picker';
import { Dialog } from '../../components/dialog';
import { errorText } from '../../components/error-banner';
import type { ApprovalRow } from './use-approvals';
import { EffectList } from '../../actions/effect-list';
import { Loading } from '../../components/loading';
import { useAsync } from '../../lib/use-async';
import { words } from '../../lib/words';
import type { Preview } from '../../model';

export type Decision = 'approve' | 'reject' | 'transfer';

/** What approving would do, before the approver decides: the requester's preview of the action. */
function ApprovalImpact({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const impact = useAsync(() => api<Preview>('GET', `/approvals/${encodeURIComponent(id)}/preview`), [id]);
  if (impact.error) return <p className="alert alert-error">{errorText(impact.error, t)}</p>;
  if (!impact.data) return <Loading />;
  return (
    <div className="approval-impact" data-testid="approval-impact">
      <h4>{t('approvals.impact')}</h4>
      {!impact.data.allowed && impact.data.message && <p className="alert alert-warning">{words(impact.data.message, lang)}</p>}
      <EffectList effects={impact.data.effects.filter((e) => e.kind !== 'approval')} />
    </div>
  );
}

export function DecisionDialog({ row, kind, onClose, onDone }: { row: ApprovalRow; kind: Decision; onClose: () => void; onDone: (message: string) => void }) {
  const { t, label } = useI18n();
  const { user } = useAuth();
  const [comment, setComment] = useState('');
  const [pick, setPick] = useState<ReassignValue>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const a = row.approval;
  const actionName = row.template?.actions?.[a.action] ? label(row.template.actions[a.action].label) : a.action;
  const number = row.record?.number ?? a.recordId;

  async function submit() {
    if (kind === 'transfer' && !pick.handler) {
      setError(t('approvals.pickApprover'));
      return;
    }
    if (kind === 'reject' && !comment.trim()) {
      setError(t('approvals.rejectNeedsComment'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = {};
      if (comment.trim()) body.comment = comment.trim();
      if (kind === 'transfer') body.to = pick.handler;
      await api('POST', `/approvals/${encodeURIComponent(a.id)}/${kind}`, body);
      onDone(t(`approvals.done.${kind}`, { number, action: actionName }));
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={t(`approvals.dialog.${kind}`, { number, action: actionName })}
      onClose={onClose}
      busy={busy}
      testId="decision-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="button" className={`btn ${kind === 'reject' ? 'btn-danger' : 'btn-primary'}`} onClick={submit} disabled={busy} data-testid="decision-confirm">
            {t(`approvals.${kind}`)}
          </button>
        </>
      }
    >
      {kind === 'approve' && <ApprovalImpact id={a.id} />}
      {kind === 'transfer' && <ReassignPicker value={pick} onChange={setPick} wantDepartment={false} personLabel={t('approvals.transferTo')} excludeUser={user?.id} />}
      <label className="field">
        <span>
          {t('action.comment')}
          {kind === 'reject' && <span className="req">*</span>}
        </span>
        <textarea className="input" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
    </Dialog>
  );
}
