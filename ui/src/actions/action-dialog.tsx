// Confirm an action on one record: read what it will do (the preview), answer its questions, run it.
import { useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import type { AvailableAction, Preview, RecordView, Template } from '../model';
import { Dialog } from '../components/dialog';
import { ErrorBanner, errorText } from '../components/error-banner';
import { Loading } from '../components/loading';
import { StatusBadge } from '../components/status-badge';
import { useAsync } from '../lib/use-async';
import { words } from '../lib/words';
import { ActionInputs, answersMissing, emptyAnswers, type ActionAnswers } from './action-inputs';
import { actionMeta, pickedParams } from './action-meta';
import { EffectList } from './effect-list';
import { runAction, type ActionResult } from './run-action';

export function ActionDialog({
  record,
  template,
  action,
  onClose,
  onDone,
}: {
  record: RecordView;
  template?: Template;
  action: AvailableAction;
  onClose: () => void;
  onDone: (result: ActionResult) => void;
}) {
  const { t, label, lang } = useI18n();
  const meta = actionMeta(action.name, template, action);
  const [answers, setAnswers] = useState<ActionAnswers>(emptyAnswers);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const preview = useAsync(
    () => api<Preview>('GET', `/records/${encodeURIComponent(record.id)}/actions/${encodeURIComponent(action.name)}/preview`),
    [record.id, action.name],
  );
  const p = preview.data;
  const refused = p && !p.allowed;

  async function confirm() {
    const m = answersMissing(meta, answers);
    setMissing(m);
    if (m) return;
    setBusy(true);
    setError(null);
    try {
      const result = await runAction(record.id, action.name, {
        reason: answers.reason || undefined,
        comment: answers.comment.trim() || undefined,
        params: pickedParams(meta, answers.pick),
        version: record.version,
      });
      onDone(result);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const actionName = label(meta.label);
  return (
    <Dialog
      title={t('action.confirmTitle', { action: actionName, number: record.number })}
      onClose={onClose}
      busy={busy}
      wide
      testId="action-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="button" className={`btn ${meta.danger ? 'btn-danger' : 'btn-primary'}`} onClick={confirm} disabled={busy || !p || !!refused} data-testid="action-confirm">
            {busy ? t('common.working') : meta.needsApproval || p?.needsApproval ? t('action.submitForApproval') : t('action.confirm', { action: actionName })}
          </button>
        </>
      }
    >
      {meta.description && <p className="action-description">{label(meta.description)}</p>}
      {p?.from && p?.to && p.from !== p.to && (
        <div className="transition-line">
          <StatusBadge template={template} status={p.from} />
          <span className="arrow" aria-hidden="true">→</span>
          <StatusBadge template={template} status={p.to} />
        </div>
      )}
      <section className="dialog-section">
        <h3>{t('action.willDo')}</h3>
        {preview.loading && !p && <Loading />}
        <ErrorBanner error={preview.error} onRetry={preview.reload} />
        {p && <EffectList effects={p.effects ?? []} />}
        {p && (p.needsApproval || meta.needsApproval) && <div className="alert alert-warning">{t('action.needsApproval')}</div>}
        {refused && (
          <div className="alert alert-error" role="alert" data-testid="action-refused">
            <div>{words(p.message, lang) || t('action.notAllowed')}</div>
            {(p.reasons ?? []).length > 0 && (
              <ul>
                {(p.reasons ?? []).map((r, i) => (
                  <li key={i}>{words(r, lang)}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </section>
      {!refused && (
        <section className="dialog-section">
          <ActionInputs meta={meta} value={answers} onChange={setAnswers} currentHandler={record.handler} />
        </section>
      )}
      {missing && <div className="alert alert-error">{t(missing)}</div>}
      {!!error && (
        <div className="alert alert-error" role="alert" data-testid="action-error">
          {errorText(error, t)}
        </div>
      )}
    </Dialog>
  );
}
