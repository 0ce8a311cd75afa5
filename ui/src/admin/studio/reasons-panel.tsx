// The reason lists (e.g. why an order was cancelled): lists by name, each a list of code + labels.
import type { ReasonDef } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { pointer } from '../pointer';
import { LabelsInput } from '../components/labels-input';
import { InlineFindings } from '../components/inline-findings';
import { useStudio } from './studio-context';
import { AddByKeyForm } from './add-by-key-form';

function ReasonList({ name }: { name: string }) {
  const { draft, original, update } = useStudio();
  const { t } = useI18n();
  const list = draft.reasons[name];
  const set = (next: ReasonDef[]) => update((d) => (d.reasons[name] = next));
  const setAt = (i: number, r: ReasonDef) => set(list.map((x, j) => (j === i ? r : x)));
  const usedBy = Object.entries(draft.actions)
    .filter(([, a]) => a.input?.reason?.list === name)
    .map(([k]) => k);
  const originalCodes = (original.reasons?.[name] ?? []).map((r) => r.code);

  return (
    <article className="adm-card adm-item" id={`studio-reasons-${name}`} data-testid={`reasons-${name}`}>
      <header className="adm-item__head">
        <code className="adm-item__key">{name}</code>
        <span className="adm-muted adm-small">
          {usedBy.length ? t('admin.studio.usedBy', { list: usedBy.join(', ') }) : t('admin.studio.unused')}
        </span>
        <span className="adm-spacer" />
        {!(name in (original.reasons ?? {})) && (
          <button
            type="button"
            className="adm-btn adm-btn--quiet"
            onClick={() => update((d) => {
              const { [name]: _gone, ...rest } = d.reasons;
              d.reasons = rest;
            })}
          >
            {t('admin.common.remove')}
          </button>
        )}
      </header>
      <table className="adm-table adm-table--compact">
        <thead>
          <tr>
            <th>{t('admin.studio.code')}</th>
            <th>{t('admin.studio.label')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((r, i) => (
            <tr key={i}>
              <td>
                {originalCodes.includes(r.code) ? (
                  <code>{r.code}</code>
                ) : (
                  <input aria-label={t('admin.studio.code')} value={r.code} onChange={(e) => setAt(i, { ...r, code: e.target.value.trim() })} />
                )}
              </td>
              <td>
                <LabelsInput value={r.label} onChange={(label) => setAt(i, { ...r, label })} />
              </td>
              <td>
                <button type="button" className="adm-btn adm-btn--quiet" aria-label={t('admin.common.remove')} onClick={() => set(list.filter((_, j) => j !== i))}>
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="adm-btn adm-btn--small" onClick={() => set([...list, { code: '', label: { 'zh-CN': '', en: '' } }])}>
        + {t('admin.studio.addReason')}
      </button>
      <InlineFindings at={[pointer('reasons', name)]} />
    </article>
  );
}

export function ReasonsPanel() {
  const { draft, update } = useStudio();
  const { t } = useI18n();
  return (
    <div className="adm-stack">
      {Object.keys(draft.reasons ?? {}).map((n) => (
        <ReasonList key={n} name={n} />
      ))}
      <AddByKeyForm
        title={t('admin.studio.addReasonList')}
        keyLabel={t('admin.studio.listName')}
        placeholder="archive"
        taken={draft.reasons}
        name="new-reasons"
        testId="add-reasons"
        onAdd={(name) => update((d) => (d.reasons = { ...(d.reasons ?? {}), [name]: [] }))}
      />
    </div>
  );
}
