// Field rights as a matrix one can scan: for the chosen role, one row per field, whether the role sees it and
// in which states it may write it. A state that is read-only, or a field whose own write list leaves the role
// out, shows why a box cannot be ticked.
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { listFields } from './form-fields';
import { maySee, mayWrite, setMaySee, setMayWrite, writeLocked } from './field-rights';
import { useStudio } from './studio-context';
import { OptionSelect } from '../components/option-select';

export function RightsMatrix() {
  const { draft, update, roleOptions, stateOptions } = useStudio();
  const { t, label } = useI18n();
  const [chosen, setChosen] = useState('');
  const role = roleOptions.some((r) => r.value === chosen) ? chosen : (roleOptions[0]?.value ?? '');
  const fields = listFields(draft.form.schema).filter((f) => f.depth === 0);

  return (
    <div className="adm-stack" data-testid="rights-matrix">
      <p className="adm-muted adm-small">{t('admin.rights.intro')}</p>
      <OptionSelect name="rights-role" label={t('admin.rights.role')} value={role} options={roleOptions} onChange={setChosen} />
      <div className="adm-scroll-x">
        <table className="adm-table adm-table--compact adm-matrix">
          <thead>
            <tr>
              <th>{t('admin.rights.field')}</th>
              <th>{t('admin.rights.sees')}</th>
              {stateOptions.map((s) => (
                <th key={s.value} title={draft.states[s.value].readOnly ? t('admin.rights.readOnlyState') : undefined}>
                  {t('admin.rights.writesIn', { state: s.label })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => {
              const name = label(draft.form.labels?.[f.pointer]) || f.key;
              const sees = maySee(draft, f.pointer, role);
              const locked = writeLocked(draft, f.pointer, role);
              return (
                <tr key={f.pointer} data-testid={`rights-${f.key}`}>
                  <td className="adm-nowrap">{name}</td>
                  <td>
                    <input type="checkbox" name={`sees-${f.key}`} aria-label={t('admin.rights.seesField', { field: name })} checked={sees} onChange={(e) => update((d) => setMaySee(d, f.pointer, role, e.target.checked))} />
                  </td>
                  {stateOptions.map((s) => {
                    const readOnly = !!draft.states[s.value].readOnly;
                    return (
                      <td key={s.value}>
                        <input
                          type="checkbox"
                          name={`writes-${f.key}-${s.value}`}
                          aria-label={t('admin.rights.writesField', { field: name, state: s.label })}
                          title={readOnly ? t('admin.rights.readOnlyState') : locked ? t('admin.rights.locked') : undefined}
                          checked={!readOnly && !locked && sees && mayWrite(draft, s.value, f.pointer, role)}
                          disabled={readOnly || locked || !sees}
                          onChange={(e) => update((d) => setMayWrite(d, s.value, f.pointer, role, e.target.checked))}
                        />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
