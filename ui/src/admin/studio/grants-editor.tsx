// Who may do something: rows of role + scope (own / department / all).
import type { Grant, Scope } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { useStudio } from './studio-context';

const SCOPES: Scope[] = ['own', 'department', 'all'];

export function GrantsEditor({ value, onChange, name }: { value: Grant[]; onChange: (g: Grant[]) => void; name: string }) {
  const { roleOptions } = useStudio();
  const { t } = useI18n();
  const setAt = (i: number, g: Grant) => onChange(value.map((x, j) => (j === i ? g : x)));
  const unused = roleOptions.find((r) => !value.some((g) => g.role === r.value));
  return (
    <div className="adm-rows" data-testid={name}>
      {value.map((g, i) => (
        <div className="adm-row" key={i}>
          <select aria-label={t('admin.studio.role')} value={g.role} onChange={(e) => setAt(i, { ...g, role: e.target.value })}>
            {!roleOptions.some((r) => r.value === g.role) && <option value={g.role}>{g.role}</option>}
            {roleOptions.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
          <select aria-label={t('admin.studio.scope')} value={g.scope} onChange={(e) => setAt(i, { ...g, scope: e.target.value as Scope })}>
            {SCOPES.map((s) => (
              <option key={s} value={s}>
                {t(`admin.scope.${s}`)}
              </option>
            ))}
          </select>
          <button type="button" className="adm-btn adm-btn--quiet" aria-label={t('admin.common.remove')} onClick={() => onChange(value.filter((_, j) => j !== i))}>
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="adm-btn adm-btn--small"
        disabled={!roleOptions.length}
        onClick={() => onChange([...value, { role: (unused ?? roleOptions[0]).value, scope: 'all' }])}
      >
        + {t('admin.studio.addGrant')}
      </button>
    </div>
  );
}
