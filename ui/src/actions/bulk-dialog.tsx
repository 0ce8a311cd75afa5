// Run one action on many records at once (POST /api/records/bulk/:action) and show each record's outcome.
import { useMemo, useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import type { BulkResult, RecordView, Template } from '../model';
import { Dialog } from '../components/dialog';
import { errorText } from '../components/error-banner';
import { words } from '../lib/words';
import { ActionInputs } from './action-inputs';
import { actionMeta, pickedParams } from './action-meta';
import { useAnsweredRun } from './use-answered-run';

export function BulkDialog({
  action,
  template,
  records: chosen,
  onClose,
  onFinished,
}: {
  action: string;
  template?: Template;
  records: RecordView[];
  onClose: () => void;
  onFinished: () => void;
}) {
  const { t, label, lang } = useI18n();
  // the list behind the dialog reloads when the run finishes; keep the records as they were chosen
  const [records] = useState(chosen);
  const meta = useMemo(() => actionMeta(action, template), [action, template]);
  const { answers, setAnswers, busy, error, missing, run: runAnswered } = useAnsweredRun(meta);
  const [results, setResults] = useState<BulkResult[] | null>(null);
  const byId = new Map(records.map((r) => [r.id, r]));

  const run = () =>
    runAnswered(async () => {
      const body: Record<string, unknown> = { ids: records.map((r) => r.id) };
      if (answers.reason) body.reason = answers.reason;
      if (answers.comment.trim()) body.comment = answers.comment.trim();
      const params = pickedParams(meta, answers.pick, answers.other);
      if (params) body.params = params;
      const res = await api<{ results: BulkResult[] }>('POST', `/records/bulk/${encodeURIComponent(action)}`, body);
      setResults(res.results ?? []);
      onFinished();
    });

  const okCount = results?.filter((r) => r.ok).length ?? 0;
  return (
    <Dialog
      title={t('bulk.title', { action: label(meta.label), n: records.length })}
      onClose={onClose}
      busy={busy}
      wide
      testId="bulk-dialog"
      footer={
        results ? (
          <button type="button" className="btn btn-primary" onClick={onClose}>
            {t('common.close')}
          </button>
        ) : (
          <>
            <button type="button" className="btn" onClick={onClose} disabled={busy}>
              {t('action.back')}
            </button>
            <button type="button" className={`btn ${meta.danger ? 'btn-danger' : 'btn-primary'}`} onClick={run} disabled={busy} data-testid="bulk-confirm">
              {busy ? t('common.working') : t('bulk.run', { action: label(meta.label), n: records.length })}
            </button>
          </>
        )
      }
    >
      {!results && (
        <>
          {meta.description && <p className="action-description">{label(meta.description)}</p>}
          <p className="muted">{records.map((r) => r.number).join('、')}</p>
          <ActionInputs meta={meta} value={answers} onChange={setAnswers} />
          {missing && <div className="alert alert-error">{t(missing)}</div>}
          {!!error && (
            <div className="alert alert-error" role="alert">
              {errorText(error, t)}
            </div>
          )}
        </>
      )}
      {results && (
        <>
          <div className={`alert ${okCount === results.length ? 'alert-success' : 'alert-warning'}`}>{t('bulk.summary', { ok: okCount, n: results.length })}</div>
          <table className="table table-compact" data-testid="bulk-results">
            <thead>
              <tr>
                <th>{t('record.number')}</th>
                <th>{t('bulk.outcome')}</th>
                <th>{t('bulk.message')}</th>
              </tr>
            </thead>
            <tbody>
              {results.map((r) => (
                <tr key={r.id}>
                  <td>{byId.get(r.id)?.number ?? r.record?.number ?? r.id}</td>
                  <td>
                    {r.ok ? (
                      <span className="badge badge-green">{r.approval || r.status === 202 ? t('bulk.submitted') : t('bulk.ok')}</span>
                    ) : (
                      <span className="badge badge-red">{t('bulk.failed')}</span>
                    )}
                  </td>
                  <td>{r.ok ? '' : words(r.message, lang) || r.code}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Dialog>
  );
}
