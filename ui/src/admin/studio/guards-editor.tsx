// Rules an action must pass, each with the message a person reads when it does not.
import type { GuardRef } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { LabelsInput } from '../components/labels-input';
import { useStudio } from './studio-context';

export function GuardsEditor({ value, onChange }: { value: GuardRef[]; onChange: (g: GuardRef[]) => void }) {
  const { draft } = useStudio();
  const { t } = useI18n();
  const rules = Object.keys(draft.rules ?? {});
  const setAt = (i: number, g: GuardRef) => onChange(value.map((x, j) => (j === i ? g : x)));
  return (
    <div className="adm-stack adm-stack--tight">
      {value.map((g, i) => (
        <div key={i} className="adm-guard">
          <div className="adm-row">
            <span className="adm-row__label">{t('admin.studio.rule')}</span>
            <select aria-label={t('admin.studio.rule')} value={g.rule} onChange={(e) => setAt(i, { ...g, rule: e.target.value })}>
              {!rules.includes(g.rule) && <option value={g.rule}>{g.rule || '—'}</option>}
              {rules.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
            <span className="adm-spacer" />
            <button type="button" className="adm-btn adm-btn--quiet" aria-label={t('admin.common.remove')} onClick={() => onChange(value.filter((_, j) => j !== i))}>
              ×
            </button>
          </div>
          <LabelsInput value={g.message} onChange={(message) => setAt(i, { ...g, message })} />
        </div>
      ))}
      <button
        type="button"
        className="adm-btn adm-btn--small"
        disabled={!rules.length}
        onClick={() => onChange([...value, { rule: rules[0], message: { 'zh-CN': '', en: '' } }])}
      >
        + {t('admin.studio.addGuard')}
      </button>
    </div>
  );
}
