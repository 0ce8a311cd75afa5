// The parameters of one effect, as a small form for the known types and raw JSON for the others.
import type { EffectDef, Json, JsonObject } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { JsonEditor } from '../components/json-editor';
import { RecordSetParams } from './record-set-params';
import { useStudio } from './studio-context';
import { ValueSource } from './value-source';

export const KNOWN_EFFECTS = ['notify', 'stock.reserve', 'stock.ship', 'stock.restore', 'record.assign', 'record.set'] as const;

interface Props {
  effect: EffectDef;
  onChange: (e: EffectDef) => void;
  params: string[];
}

function setParam(effect: EffectDef, key: string, v: Json | undefined): EffectDef {
  const next: EffectDef = { ...effect };
  if (v === undefined) delete next[key];
  else next[key] = v;
  return next;
}

export function EffectParams({ effect, onChange, params }: Props) {
  const { draft } = useStudio();
  const { t, label } = useI18n();

  switch (effect.type) {
    case 'notify': {
      const names = Object.keys(draft.notifications ?? {});
      const current = typeof effect.notification === 'string' ? effect.notification : '';
      return (
        <div className="adm-row">
          <span className="adm-row__label">{t('admin.effect.notification')}</span>
          <select
            aria-label={t('admin.effect.notification')}
            value={current}
            onChange={(e) => onChange(setParam(effect, 'notification', e.target.value || undefined))}
          >
            <option value="">—</option>
            {current && !names.includes(current) && <option value={current}>{current}</option>}
            {names.map((n) => (
              <option key={n} value={n}>
                {n} · {label(draft.notifications[n].title)}
              </option>
            ))}
          </select>
        </div>
      );
    }
    case 'stock.reserve':
    case 'stock.ship':
    case 'stock.restore':
      return <p className="adm-muted adm-small">{t(`admin.effect.hint.${effect.type}`)}</p>;
    case 'record.assign':
      return (
        <div className="adm-stack adm-stack--tight">
          <ValueSource label={t('admin.effect.handler')} params={params} value={effect.handler} onChange={(v) => onChange(setParam(effect, 'handler', v))} />
          <ValueSource
            label={t('admin.effect.department')}
            params={params}
            value={effect.department}
            onChange={(v) => onChange(setParam(effect, 'department', v))}
          />
        </div>
      );
    case 'record.set': {
      const fields = effect.fields && typeof effect.fields === 'object' && !Array.isArray(effect.fields) ? effect.fields : {};
      return <RecordSetParams fields={fields} params={params} onChange={(f) => onChange({ ...effect, fields: f })} />;
    }
    default: {
      const { type, ...rest } = effect;
      return (
        <JsonEditor
          label={t('admin.effect.rawParams')}
          objectOnly
          value={rest as JsonObject}
          onChange={(v) => onChange({ ...((v ?? {}) as JsonObject), type })}
        />
      );
    }
  }
}
