// The template's roles: the words people see and which records each role sees (own, its department, all).
// Who holds a role is set on the user (用户与角色); which actions a role may run, on each action.
import { useEffect, useState } from 'react';
import { adminApi, type AdminUser } from '../admin-api';
import type { Labels, Scope } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { LabelsInput } from '../components/labels-input';
import { FindingsList } from '../components/findings-list';
import { under } from '../issues';
import { pointer } from '../pointer';
import { NAME_PATTERN } from './draft-ops';
import { keyProblem } from './key-problem';
import { useStudio } from './studio-context';

const SCOPES: Scope[] = ['own', 'department', 'all'];

function ScopeSelect({ value, onChange, name }: { value: Scope; onChange: (s: Scope) => void; name: string }) {
  const { t } = useI18n();
  return (
    <select name={name} aria-label={t('admin.roles.view')} value={value} onChange={(e) => onChange(e.target.value as Scope)}>
      {SCOPES.map((s) => (
        <option key={s} value={s}>
          {t(`admin.roles.scope.${s}`)}
        </option>
      ))}
    </select>
  );
}

export function RolesPanel() {
  const { draft, update, findings } = useStudio();
  const { t } = useI18n();
  const [key, setKey] = useState('');
  const [labels, setLabels] = useState<Labels>({ 'zh-CN': '', en: '' });
  const [view, setView] = useState<Scope>('all');
  const taken = Object.keys(draft.roles ?? {});
  // who holds each role is set on the user; shown here so a role's reach is seen where it is defined
  const [users, setUsers] = useState<AdminUser[]>([]);
  useEffect(() => {
    adminApi.listUsers().then(setUsers, () => setUsers([]));
  }, []);
  const holders = (role: string) =>
    users
      .filter((u) => !u.disabled && u.roles.includes(role))
      .map((u) => u.name)
      .join('、');
  const problem = keyProblem(key, taken, t, NAME_PATTERN);

  return (
    <div className="adm-stack">
      <p className="adm-muted adm-small">{t('admin.roles.intro')}</p>
      <table className="adm-table" data-testid="roles">
        <thead>
          <tr>
            <th>{t('admin.studio.key')}</th>
            <th>{t('admin.studio.label')}</th>
            <th>{t('admin.roles.view')}</th>
            <th>{t('admin.roles.holders')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {Object.entries(draft.roles ?? {}).map(([role, def]) => (
            <tr key={role} id={`studio-role-${role}`} data-testid={`role-${role}`}>
              <td>
                <code>{role}</code>
                <FindingsList items={under(findings, pointer('roles', role))} compact />
              </td>
              <td>
                <LabelsInput value={def.label} onChange={(l) => update((d) => (d.roles[role].label = l))} />
              </td>
              <td>
                <ScopeSelect name={`view-${role}`} value={def.view} onChange={(s) => update((d) => (d.roles[role].view = s))} />
              </td>
              <td className="adm-small" data-testid={`holders-${role}`}>
                {holders(role) || <span className="adm-muted">{t('admin.roles.nobody')}</span>}{' '}
                <a href="/admin/users">{t('admin.roles.assign')}</a>
              </td>
              <td>
                <button type="button" className="adm-btn adm-btn--quiet" onClick={() => update((d) => delete d.roles[role])}>
                  {t('admin.common.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="adm-card adm-add"
        data-testid="add-role"
        onSubmit={(e) => {
          e.preventDefault();
          if (!key || problem || !labels['zh-CN'].trim()) return;
          update((d) => (d.roles = { ...d.roles, [key]: { label: { 'zh-CN': labels['zh-CN'].trim(), en: labels.en.trim() || key }, view } }));
          setKey('');
          setLabels({ 'zh-CN': '', en: '' });
        }}
      >
        <h3>{t('admin.roles.add')}</h3>
        <div className="adm-add__row">
          <label className="adm-field">
            <span className="adm-field__label">{t('admin.studio.key')}</span>
            <input name="new-role-key" value={key} placeholder="finance" onChange={(e) => setKey(e.target.value.trim())} />
            {problem && <span className="adm-field-error">{problem}</span>}
          </label>
          <div className="adm-field">
            <span className="adm-field__label">{t('admin.studio.label')}</span>
            <LabelsInput name="new-role-label" value={labels} onChange={setLabels} />
          </div>
          <label className="adm-field">
            <span className="adm-field__label">{t('admin.roles.view')}</span>
            <ScopeSelect name="new-role-view" value={view} onChange={setView} />
          </label>
          <button type="submit" className="adm-btn adm-btn--primary" disabled={!key || !!problem || !labels['zh-CN'].trim()}>
            {t('admin.common.add')}
          </button>
        </div>
      </form>
    </div>
  );
}
