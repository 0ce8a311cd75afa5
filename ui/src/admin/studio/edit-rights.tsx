// Per role, which fields it may write in one state: none, all ('*'), or a chosen set of JSON pointers.
import type { StateDef } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { CheckChips } from '../components/check-chips';
import { listFields } from './form-fields';
import { useStudio } from './studio-context';

type Mode = 'none' | 'all' | 'some';

export function EditRights({ stateKey }: { stateKey: string }) {
  const { draft, update, roleOptions } = useStudio();
  const { t, label } = useI18n();
  const state = draft.states[stateKey];
  const fields = listFields(draft.form.schema).map((f) => ({
    value: f.pointer,
    label: label(draft.form.labels?.[f.pointer]) || f.pointer,
  }));
  const modeOf = (role: string): Mode => {
    const e = state.edit?.[role];
    return e === undefined ? 'none' : e === '*' ? 'all' : 'some';
  };
  const set = (role: string, v: string[] | '*' | undefined) =>
    update((d) => {
      const s: StateDef = d.states[stateKey];
      const edit = { ...(s.edit ?? {}) };
      if (v === undefined) delete edit[role];
      else edit[role] = v;
      if (Object.keys(edit).length) s.edit = edit;
      else delete s.edit;
    });

  return (
    <table className="adm-table adm-table--compact">
      <thead>
        <tr>
          <th>{t('admin.studio.role')}</th>
          <th>{t('admin.studio.mayEdit')}</th>
        </tr>
      </thead>
      <tbody>
        {roleOptions.map((r) => {
          const mode = modeOf(r.value);
          const current = state.edit?.[r.value];
          return (
            <tr key={r.value}>
              <td className="adm-nowrap">{r.label}</td>
              <td>
                <select
                  aria-label={t('admin.studio.mayEditFor', { role: r.label })}
                  value={mode}
                  disabled={state.readOnly}
                  onChange={(e) => {
                    const m = e.target.value as Mode;
                    set(r.value, m === 'none' ? undefined : m === 'all' ? '*' : []);
                  }}
                >
                  <option value="none">{t('admin.studio.editNone')}</option>
                  <option value="all">{t('admin.studio.editAll')}</option>
                  <option value="some">{t('admin.studio.editSome')}</option>
                </select>
                {mode === 'some' && Array.isArray(current) && (
                  <CheckChips options={fields} value={current} onChange={(v) => set(r.value, v)} />
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
