// A parameter value of an effect: nothing, taken from the action's params ({ "$param": name }), or fixed.
import type { Json } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';

type Mode = 'none' | 'param' | 'fixed';

function modeOf(v: Json | undefined): Mode {
  if (v === undefined) return 'none';
  if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.$param === 'string') return 'param';
  return 'fixed';
}

interface Props {
  value: Json | undefined;
  onChange: (v: Json | undefined) => void;
  /** Names of the action's params, offered for "from the action". */
  params: string[];
  label: string;
  /** Offer "not set" (absent value); off where a value is required. */
  allowNone?: boolean;
  /** Turns the typed text into the stored value (e.g. a number for a number field). */
  coerce?: (text: string) => Json;
}

export function ValueSource({ value, onChange, params, label, allowNone = true, coerce = (x) => x }: Props) {
  const { t } = useI18n();
  const mode = modeOf(value);
  const paramName = mode === 'param' ? String((value as { $param: string }).$param) : '';
  return (
    <div className="adm-row">
      <span className="adm-row__label">{label}</span>
      <select
        aria-label={label}
        value={mode}
        onChange={(e) => {
          const m = e.target.value as Mode;
          onChange(m === 'none' ? undefined : m === 'param' ? { $param: params[0] ?? '' } : '');
        }}
      >
        {allowNone && <option value="none">{t('admin.effect.source.none')}</option>}
        <option value="param">{t('admin.effect.source.param')}</option>
        <option value="fixed">{t('admin.effect.source.fixed')}</option>
      </select>
      {mode === 'param' &&
        (params.length ? (
          <select aria-label={t('admin.effect.paramName')} value={paramName} onChange={(e) => onChange({ $param: e.target.value })}>
            {!params.includes(paramName) && <option value={paramName}>{paramName || '—'}</option>}
            {params.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        ) : (
          <input aria-label={t('admin.effect.paramName')} value={paramName} onChange={(e) => onChange({ $param: e.target.value })} />
        ))}
      {mode === 'fixed' && (
        <input
          aria-label={t('admin.effect.fixedValue')}
          value={typeof value === 'string' ? value : JSON.stringify(value)}
          onChange={(e) => onChange(coerce(e.target.value))}
        />
      )}
    </div>
  );
}
