// Records from an Excel sheet: a blank sheet to fill, the file to send, and what came of it — the numbers made,
// or every row and column the server refused (then nothing was imported).
import { useState } from 'react';
import { api, ApiError } from '../api';
import { Dialog } from '../components/dialog';
import { errorText } from '../components/error-banner';
import { useI18n } from '../i18n';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function ImportDialog({ template, onClose, onDone }: { template: string; onClose: () => void; onDone: (created: number) => void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ text: string; rows: { path: string; message: string }[] } | null>(null);

  async function send() {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      const res = await api<{ created: number }>('POST', `/records/import?template=${encodeURIComponent(template)}`, undefined, { file: { body: file, type: XLSX } });
      onDone(res.created);
    } catch (e) {
      setProblem({ text: errorText(e, t), rows: e instanceof ApiError ? (e.errors ?? []) : [] });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={t('import.title')}
      onClose={onClose}
      busy={busy}
      testId="import-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            {t('action.back')}
          </button>
          <button type="button" className="btn btn-primary" onClick={send} disabled={busy || !file} data-testid="import-send">
            {busy ? t('common.working') : t('import.send')}
          </button>
        </>
      }
    >
      <p className="muted small">{t('import.hint')}</p>
      <p>
        <a href={`/api/records/import-template?template=${encodeURIComponent(template)}`} download>
          {t('import.blank')}
        </a>
      </p>
      <input type="file" accept=".xlsx" name="sheet" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      {problem && (
        <div className="alert alert-error" role="alert" data-testid="import-problem">
          <span>{problem.text}</span>
          {problem.rows.length > 0 && (
            <table className="table table-compact">
              <thead>
                <tr>
                  <th>{t('import.row')}</th>
                  <th>{t('import.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {problem.rows.map((r, i) => (
                  <tr key={i}>
                    <td>{r.path.split('/')[2] ?? ''}</td>
                    <td>{r.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </Dialog>
  );
}
