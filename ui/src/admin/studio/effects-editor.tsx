// The effects an action runs, in order: type, parameters, move up or down, remove, add.
import type { EffectDef } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { EffectParams, KNOWN_EFFECTS } from './effect-params';

interface Props {
  value: EffectDef[];
  onChange: (next: EffectDef[]) => void;
  params: string[];
  name: string;
}

const CUSTOM = '__custom';

export function EffectsEditor({ value, onChange, params, name }: Props) {
  const { t } = useI18n();
  const setAt = (i: number, e: EffectDef) => onChange(value.map((x, j) => (j === i ? e : x)));
  const move = (i: number, by: number) => {
    const next = [...value];
    const [e] = next.splice(i, 1);
    next.splice(i + by, 0, e);
    onChange(next);
  };
  return (
    <ol className="adm-effects" data-testid={name}>
      {value.map((e, i) => {
        const known = (KNOWN_EFFECTS as readonly string[]).includes(e.type);
        return (
          <li key={i} className="adm-effect">
            <div className="adm-row">
              <select
                aria-label={t('admin.effect.type')}
                value={known ? e.type : CUSTOM}
                onChange={(ev) => {
                  const type = ev.target.value === CUSTOM ? '' : ev.target.value;
                  setAt(i, { type });
                }}
              >
                {KNOWN_EFFECTS.map((k) => (
                  <option key={k} value={k}>
                    {t(`admin.effect.name.${k}`)} ({k})
                  </option>
                ))}
                <option value={CUSTOM}>{t('admin.effect.custom')}</option>
              </select>
              {!known && (
                <input
                  aria-label={t('admin.effect.customType')}
                  placeholder="ledger.reverse"
                  value={e.type}
                  onChange={(ev) => setAt(i, { ...e, type: ev.target.value.trim() })}
                />
              )}
              <span className="adm-spacer" />
              <button type="button" className="adm-btn adm-btn--quiet" disabled={i === 0} aria-label={t('admin.common.moveUp')} onClick={() => move(i, -1)}>
                ↑
              </button>
              <button type="button" className="adm-btn adm-btn--quiet" disabled={i === value.length - 1} aria-label={t('admin.common.moveDown')} onClick={() => move(i, 1)}>
                ↓
              </button>
              <button type="button" className="adm-btn adm-btn--quiet" aria-label={t('admin.common.remove')} onClick={() => onChange(value.filter((_, j) => j !== i))}>
                ×
              </button>
            </div>
            <EffectParams effect={e} params={params} onChange={(next) => setAt(i, next)} />
          </li>
        );
      })}
      <li className="adm-effects__add">
        <button type="button" className="adm-btn adm-btn--small" onClick={() => onChange([...value, { type: 'notify' }])}>
          + {t('admin.effect.add')}
        </button>
      </li>
    </ol>
  );
}
