// A template's mark chosen by clicks: a short icon (an emoji or a character or two) and one of a few colours.
import type { Template } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { TemplateMark } from '../../components/template-mark';
import { MARK_COLORS } from '../gallery/new-template';

type Appearance = NonNullable<Template['appearance']>;

export function AppearanceInput({ value, name, onChange }: { value?: Appearance; name: string; onChange: (a: Appearance) => void }) {
  const { t } = useI18n();
  return (
    <div className="adm-row" data-testid="appearance">
      <TemplateMark appearance={value} name={name} />
      <input type="text" name="icon" aria-label={t('admin.appearance.icon')} placeholder="↩" maxLength={4} value={value?.icon ?? ''} onChange={(e) => onChange({ ...value, icon: e.target.value })} style={{ width: '5rem' }} />
      <div className="adm-row" role="radiogroup" aria-label={t('admin.appearance.color')}>
        {MARK_COLORS.map((c) => (
          <label key={c} className={`adm-swatch${value?.color === c ? ' is-on' : ''}`} style={{ background: c }} title={c}>
            <input type="radio" name="color" value={c} checked={value?.color === c} onChange={() => onChange({ ...value, color: c })} />
          </label>
        ))}
      </div>
    </div>
  );
}
