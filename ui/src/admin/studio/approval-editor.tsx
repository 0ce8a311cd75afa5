// Whether an action needs approval first, who decides, and the rule that decides whether it is needed.
import type { ApprovalDef } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { GrantsEditor } from './grants-editor';
import { useStudio } from './studio-context';

export function ApprovalEditor({ value, onChange, name }: { value?: ApprovalDef; onChange: (a?: ApprovalDef) => void; name: string }) {
  const { draft } = useStudio();
  const { t } = useI18n();
  const rules = Object.keys(draft.rules ?? {});
  return (
    <div className="adm-stack adm-stack--tight">
      <label className="adm-inline">
        <input
          type="checkbox"
          checked={!!value}
          onChange={(e) => onChange(e.target.checked ? { approvers: [] } : undefined)}
        />
        {t('admin.studio.needsApproval')}
      </label>
      {value && (
        <div className="adm-indent adm-stack adm-stack--tight">
          <div className="adm-field">
            <span className="adm-field__label">{t('admin.studio.approvers')}</span>
            <GrantsEditor name={`${name}-approvers`} value={value.approvers} onChange={(approvers) => onChange({ ...value, approvers })} />
          </div>
          <label className="adm-field">
            <span className="adm-field__label">{t('admin.studio.approvalWhen')}</span>
            <select
              value={value.when ?? ''}
              onChange={(e) => {
                const { when: _w, ...rest } = value;
                onChange(e.target.value ? { ...rest, when: e.target.value } : rest);
              }}
            >
              <option value="">{t('admin.studio.approvalAlways')}</option>
              {value.when && !rules.includes(value.when) && <option value={value.when}>{value.when}</option>}
              {rules.map((r) => (
                <option key={r} value={r}>
                  {t('admin.studio.whenRule', { rule: r })}
                </option>
              ))}
            </select>
          </label>
          <label className="adm-inline">
            <input
              type="checkbox"
              checked={!!value.allowSelf}
              onChange={(e) => {
                const { allowSelf: _a, ...rest } = value;
                onChange(e.target.checked ? { ...rest, allowSelf: true } : rest);
              }}
            />
            {t('admin.studio.allowSelf')}
          </label>
        </div>
      )}
    </div>
  );
}
