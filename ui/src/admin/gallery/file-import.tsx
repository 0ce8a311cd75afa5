// Import a template bundle from a .json file: parse it here, install it on the server, show each error at its path.
import { useRef, useState } from 'react';
import { ApiError } from '../../api';
import { adminApi, versionsOf } from '../admin-api';
import { useI18n } from '../../i18n';
import { findings } from '../issues';
import { FindingsList } from '../components/findings-list';

type Result =
  | { kind: 'installed'; id: string; version: number; unchanged: boolean }
  | { kind: 'invalid'; detail: string; errors: { path: string; message: string }[] }
  | { kind: 'failed'; detail: string };

export function FileImport({ onInstalled }: { onInstalled: (id: string) => void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [fileName, setFileName] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setFileName(file.name);
    setResult(null);
    let bundle: unknown;
    try {
      bundle = JSON.parse(await file.text());
    } catch (e) {
      setResult({ kind: 'failed', detail: t('admin.import.notJson', { error: e instanceof Error ? e.message : String(e) }) });
      return;
    }
    setBusy(true);
    try {
      const before = await adminApi.listTemplates().catch(() => []);
      const res = await adminApi.installTemplate(bundle);
      const unchanged = versionsOf(before, res.id).includes(res.version);
      setResult({ kind: 'installed', id: res.id, version: res.version, unchanged });
      onInstalled(res.id);
    } catch (e) {
      if (e instanceof ApiError && e.errors?.length) {
        setResult({ kind: 'invalid', detail: e.detail, errors: e.errors });
      } else {
        setResult({ kind: 'failed', detail: e instanceof ApiError ? e.detail || e.code : String(e) });
      }
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className="adm-import">
      <label className="adm-btn adm-btn--primary adm-import__pick">
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          data-testid="template-file"
          disabled={busy}
          onChange={(e) => onFile(e.target.files?.[0])}
        />
        {busy ? t('admin.common.working') : t('admin.import.pick')}
      </label>
      <span className="adm-muted">{fileName || t('admin.import.hint')}</span>
      {result?.kind === 'installed' && (
        <p className="adm-note adm-note--ok" role="status" data-testid="import-result">
          {result.unchanged
            ? t('admin.import.unchanged', { id: result.id, v: result.version })
            : t('admin.import.installed', { id: result.id, v: result.version })}
        </p>
      )}
      {result?.kind === 'invalid' && (
        <div className="adm-problem" role="alert" data-testid="import-errors">
          <p className="adm-problem__detail">
            {t('admin.import.invalid', { n: result.errors.length })}
            {result.detail ? ` ${result.detail}` : ''}
          </p>
          <FindingsList items={findings(result.errors)} />
        </div>
      )}
      {result?.kind === 'failed' && (
        <p className="adm-problem" role="alert" data-testid="import-errors">
          {result.detail}
        </p>
      )}
    </div>
  );
}
