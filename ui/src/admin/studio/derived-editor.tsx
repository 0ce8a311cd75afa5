// Derived values: numbers the template computes from a table of lines (a sum of a column, a sum of two columns
// multiplied, a count of lines), offered to rules beside the form's fields as `derived.<name>`.
import { useState } from 'react';
import type { DerivedDef } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { pointer } from '../pointer';
import { InlineFindings } from '../components/inline-findings';
import { KEY_PATTERN } from './draft-ops';
import { keyProblem } from './key-problem';
import { listColumns, listFields } from './form-fields';
import { useStudio } from './studio-context';

const OPS: DerivedDef['op'][] = ['sum', 'sumProduct', 'count'];
const NUMERIC = new Set(['number', 'integer', 'money']);
const fieldsNeeded = (op: DerivedDef['op']) => (op === 'sum' ? 1 : op === 'sumProduct' ? 2 : 0);

function DerivedRow({ def, onChange }: { def: DerivedDef; onChange: (d: DerivedDef) => void }) {
  const { draft } = useStudio();
  const { t, label } = useI18n();
  const tables = listFields(draft.form.schema).filter((f) => f.depth === 0 && f.type === 'lines');
  const columns = listColumns(draft, def.items).filter((c) => NUMERIC.has(c.type));
  const fields = Array.from({ length: fieldsNeeded(def.op) }, (_, i) => def.fields?.[i] ?? columns[i]?.key ?? '');
  const set = (next: Partial<DerivedDef>) => {
    const merged = { ...def, ...next };
    const n = fieldsNeeded(merged.op);
    const cols = listColumns(draft, merged.items).filter((c) => NUMERIC.has(c.type));
    const chosen = Array.from({ length: n }, (_, i) => merged.fields?.[i] ?? cols[i]?.key ?? '');
    const { fields: _f, ...rest } = merged;
    onChange(n ? { ...rest, fields: chosen } : rest);
  };
  return (
    <div className="adm-row">
      <select name="derived-op" aria-label={t('admin.derived.op')} value={def.op} onChange={(e) => set({ op: e.target.value as DerivedDef['op'] })}>
        {OPS.map((o) => (
          <option key={o} value={o}>
            {t(`admin.derived.ops.${o}`)}
          </option>
        ))}
      </select>
      <select name="derived-items" aria-label={t('admin.derived.items')} value={def.items} onChange={(e) => set({ items: e.target.value, fields: undefined })}>
        {tables.map((f) => (
          <option key={f.pointer} value={f.pointer}>
            {label(draft.form.labels?.[f.pointer]) || f.key}
          </option>
        ))}
      </select>
      {fields.map((f, i) => (
        <select key={i} name={`derived-field-${i}`} aria-label={t('admin.derived.field')} value={f} onChange={(e) => set({ fields: fields.map((x, j) => (j === i ? e.target.value : x)) })}>
          {columns.map((c) => (
            <option key={c.key} value={c.key}>
              {label(draft.form.labels?.[c.pointer]) || c.key}
            </option>
          ))}
        </select>
      ))}
    </div>
  );
}

export function DerivedEditor() {
  const { draft, update } = useStudio();
  const { t } = useI18n();
  const [name, setName] = useState('');
  const tables = listFields(draft.form.schema).filter((f) => f.depth === 0 && f.type === 'lines');
  const problem = keyProblem(name, Object.keys(draft.derived ?? {}), t, KEY_PATTERN);
  const setDerived = (key: string, def: DerivedDef | undefined) =>
    update((d) => {
      const all = { ...(d.derived ?? {}) };
      if (def) all[key] = def;
      else delete all[key];
      if (Object.keys(all).length) d.derived = all;
      else delete d.derived;
    });

  return (
    <section className="adm-card adm-stack" data-testid="derived">
      <h3>{t('admin.derived.title')}</h3>
      <p className="adm-muted adm-small">{t('admin.derived.hint')}</p>
      {Object.entries(draft.derived ?? {}).map(([key, def]) => (
        <div key={key} className="adm-row" data-testid={`derived-${key}`}>
          <code>derived.{key}</code>
          <DerivedRow def={def} onChange={(d) => setDerived(key, d)} />
          <button type="button" className="adm-btn adm-btn--quiet" onClick={() => setDerived(key, undefined)}>
            {t('admin.common.remove')}
          </button>
          <InlineFindings at={[pointer('derived', key)]} />
        </div>
      ))}
      {tables.length > 0 ? (
        <form
          className="adm-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (!name || problem) return;
            setDerived(name, { op: 'count', items: tables[0].pointer });
            setName('');
          }}
        >
          <input name="new-derived-key" aria-label={t('admin.studio.key')} placeholder="totalQuantity" value={name} onChange={(e) => setName(e.target.value.trim())} />
          {problem && <span className="adm-field-error">{problem}</span>}
          <button type="submit" className="adm-btn adm-btn--small" disabled={!name || !!problem}>
            + {t('admin.derived.add')}
          </button>
        </form>
      ) : (
        <p className="adm-muted adm-small">{t('admin.derived.noTables')}</p>
      )}
    </section>
  );
}
