// Confirm an action on one record: read what it will do (the preview), answer its questions, run it.
import { useEffect, useMemo, useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import type { AvailableAction, Preview, RecordView, Template } from '../model';
import { Dialog } from '../components/dialog';
import { ErrorBanner, errorText } from '../components/error-banner';
import { Loading } from '../components/loading';
import { StatusBadge } from '../components/status-badge';
import { useAsync } from '../lib/use-async';
import { words } from '../lib/words';
import { ActionInputs } from './action-inputs';
import { actionMeta, pickedParams } from './action-meta';
import { EffectList } from './effect-list';
import { runAction, type ActionResult } from './run-action';
import { useAnsweredRun } from './use-answered-run';

/** Refusal codes that only mean "not answered yet". */
const INPUT_CODES = new Set(['reason_required', 'reason_unknown', 'validation_failed']);

function previewSearch(reason: string, params: Record<string, unknown> | undefined): string {
  const q = new URLSearchParams();
  if (reason) q.set('reason', reason);
  if (params && Object.keys(params).length) q.set('params', JSON.stringify(params));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Every reason the server gave, minus the one already shown as the message. */
function refusalReasons(p: Preview, lang: 'zh-CN' | 'en'): string[] {
  const main = words(p.message, lang);
  return (p.reasons ?? []).map((r) => words(r, lang)).filter((r) => r && r !== main);
}

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
  const meta = useMemo(() => actionMeta(action.name, template, action), [action, template]);
  const { answers, setAnswers, busy, error, missing, run } = useAnsweredRun(meta);
  // The preview follows the answers (a chosen person changes who is told), a moment after they change.
  const params = pickedParams(meta, answers.pick, answers.other);
  const needsPick = (meta.pickHandler || meta.pickDepartment) && !params?.handler && !params?.department;
  const previewQuery = previewSearch(answers.reason, params);
  const [settledQuery, setSettledQuery] = useState(previewQuery);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettledQuery(previewQuery), 250);
    return () => window.clearTimeout(timer);
  }, [previewQuery]);
  const preview = useAsync(
    () =>
      needsPick
        ? Promise.resolve(undefined)
        : api<Preview>('GET', `/records/${encodeURIComponent(record.id)}/actions/${encodeURIComponent(action.name)}/preview${settledQuery}`),
    [record.id, action.name, settledQuery, needsPick],
  );
  const p = preview.data;
  // a refusal about what the person has not answered yet is no refusal: the dialog asks for it
  const refused = p && !p.allowed && !INPUT_CODES.has(p.code ?? '');

  const confirm = () =>
    run(async () => {
      const result = await runAction(record.id, action.name, {
        reason: answers.reason || undefined,
        comment: answers.comment.trim() || undefined,
        params,
        version: record.version,
      });
      onDone(result);
    });

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
          {/* "返回", never "取消" beside an action that may itself be 取消订单 */}
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            {t('action.back')}
          </button>
          <button type="button" className={`btn ${meta.danger ? 'btn-danger' : 'btn-primary'}`} onClick={confirm} disabled={busy || (!p && !needsPick) || !!refused} data-testid="action-confirm">
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
        {needsPick && <p className="muted">{t('reassign.previewHint')}</p>}
        {!needsPick && preview.loading && !p && <Loading />}
        <ErrorBanner error={preview.error} onRetry={preview.reload} />
        {p && (p.allowed || refused) && <EffectList effects={p.effects ?? []} />}
        {p && !p.allowed && !refused && <p className="muted">{t('action.previewAfterInput')}</p>}
        {p && (p.needsApproval || meta.needsApproval) && <div className="alert alert-warning">{t('action.needsApproval')}</div>}
        {refused && (
          <div className="alert alert-error" role="alert" data-testid="action-refused">
            <div>
              <div>{words(p.message, lang) || t('action.notAllowed')}</div>
              {refusalReasons(p, lang).length > 0 && (
                <ul>
                  {refusalReasons(p, lang).map((r, i) => (
                    <li key={i}>{r}</li>
                  ))}
                </ul>
              )}
            </div>
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
