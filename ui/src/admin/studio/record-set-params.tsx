// record.set: the fields an action writes, each a JSON pointer with a fixed value or one of the action's params.
import type { Json, JsonObject } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { listFields, type FieldInfo } from './form-fields';
import { useStudio } from './studio-context';
import { ValueSource } from './value-source';

interface Props {
  fields: JsonObject;
  onChange: (fields: JsonObject) => void;
  params: string[];
}

function coerceFor(f?: FieldInfo) {
  return (text: string): Json => {
    if (f?.type === 'number' || f?.type === 'integer') {
      const n = Number(text);
      return text.trim() !== '' && Number.isFinite(n) ? n : text;
    }
    if (f?.type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
    return text;
  };
}

export function RecordSetParams({ fields, onChange, params }: Props) {
  const { draft } = useStudio();
  const { t, label } = useI18n();
  const known = listFields(draft.form.schema);
  const entries = Object.entries(fields);
  const rename = (from: string, to: string) =>
    onChange(Object.fromEntries(entries.map(([k, v]) => [k === from ? to : k, v])));
  const free = known.find((f) => !(f.pointer in fields));

  return (
    <div className="adm-stack adm-stack--tight">
      {entries.map(([ptr, value]) => (
        <div key={ptr} className="adm-row">
          <span className="adm-row__label">{t('admin.effect.field')}</span>
          <select aria-label={t('admin.effect.field')} value={ptr} onChange={(e) => rename(ptr, e.target.value)}>
            {!known.some((f) => f.pointer === ptr) && <option value={ptr}>{ptr}</option>}
            {known.map((f) => (
              <option key={f.pointer} value={f.pointer} disabled={f.pointer !== ptr && f.pointer in fields}>
                {label(draft.form.labels?.[f.pointer]) || f.key} ({f.pointer})
              </option>
            ))}
          </select>
          <ValueSource
            label={t('admin.effect.value')}
            allowNone={false}
            params={params}
            value={value}
            coerce={coerceFor(known.find((f) => f.pointer === ptr))}
            onChange={(v) => onChange({ ...fields, [ptr]: v ?? '' })}
          />
          <button
            type="button"
            className="adm-btn adm-btn--quiet"
            aria-label={t('admin.common.remove')}
            onClick={() => onChange(Object.fromEntries(entries.filter(([k]) => k !== ptr)))}
          >
            ×
          </button>
        </div>
      ))}
      <div>
        <button type="button" className="adm-btn adm-btn--small" disabled={!free} onClick={() => free && onChange({ ...fields, [free.pointer]: '' })}>
          + {t('admin.effect.addField')}
        </button>
      </div>
    </div>
  );
}
