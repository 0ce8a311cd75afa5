// One user in the list: roles and department (editable in place), enable / disable.
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { adminApi, type AdminUser, type Department } from '../admin-api';
import type { Labels } from '../../../../plugin/core/types';
import { CheckChips } from '../components/check-chips';
import { ProblemBox } from '../components/problem-box';
import type { RoleOption } from './use-role-options';

interface Props {
  user: AdminUser;
  roles: RoleOption[];
  departments: Department[];
  isSelf: boolean;
  onChanged: (u: AdminUser) => void;
}

export function UserRow({ user, roles, departments, isSelf, onChanged }: Props) {
  const { t, label } = useI18n();
  const [editing, setEditing] = useState(false);
  const [draftRoles, setDraftRoles] = useState(user.roles);
  const [draftDept, setDraftDept] = useState(user.department ?? '');
  const [draftName, setDraftName] = useState(user.name);
  const [newPassword, setNewPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const roleName = (r: string) => label(roles.find((o) => o.value === r)?.label) || r;
  const deptName = (d?: string | null) => (d ? label(departments.find((x) => x.id === d)?.label as Labels) || d : '—');

  const patch = async (body: Parameters<typeof adminApi.updateUser>[1]) => {
    setBusy(true);
    setError(null);
    try {
      const u = await adminApi.updateUser(user.id, body);
      onChanged(u);
      setEditing(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr data-testid={`user-${user.username}`} className={user.disabled ? 'is-disabled' : ''}>
      <td>
        <code>{user.username}</code>
      </td>
      <td>
        {editing ? (
          <div className="adm-stack adm-stack--tight">
            <input aria-label={t('admin.users.name')} value={draftName} onChange={(e) => setDraftName(e.target.value)} />
            <input
              type="password"
              autoComplete="new-password"
              aria-label={t('admin.users.newPassword')}
              placeholder={t('admin.users.newPassword')}
              value={newPassword}
              onChange={(e) => setNewPassword(e.target.value)}
            />
          </div>
        ) : (
          <>
            {user.name}
            {user.email && <div className="adm-muted adm-small">{user.email}</div>}
          </>
        )}
      </td>
      <td>
        {editing ? (
          <CheckChips
            options={roles.map((r) => ({ value: r.value, label: label(r.label) || r.value }))}
            value={draftRoles}
            onChange={setDraftRoles}
          />
        ) : (
          <span className="adm-chips">
            {user.roles.map((r) => (
              <span key={r} className="adm-chip is-static">
                {roleName(r)}
              </span>
            ))}
          </span>
        )}
      </td>
      <td>
        {editing ? (
          <select aria-label={t('admin.users.department')} value={draftDept} onChange={(e) => setDraftDept(e.target.value)}>
            <option value="">{t('admin.users.noDepartment')}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {label(d.label as Labels)}
              </option>
            ))}
          </select>
        ) : (
          deptName(user.department)
        )}
      </td>
      <td>
        <span className={`adm-badge ${user.disabled ? 'adm-badge--danger' : 'adm-badge--ok'}`}>
          {user.disabled ? t('admin.users.disabled') : t('admin.users.active')}
        </span>
      </td>
      <td className="adm-table__actions">
        {editing ? (
          <>
            <button
              type="button"
              className="adm-btn adm-btn--primary"
              disabled={busy || draftRoles.length === 0 || !draftName.trim() || (newPassword !== '' && newPassword.length < 4)}
              onClick={() =>
                patch({
                  roles: draftRoles,
                  department: draftDept || null,
                  ...(draftName.trim() !== user.name ? { name: draftName.trim() } : {}),
                  ...(newPassword ? { password: newPassword } : {}),
                })
              }
            >
              {t('admin.common.save')}
            </button>
            <button type="button" className="adm-btn" disabled={busy} onClick={() => setEditing(false)}>
              {t('admin.common.cancel')}
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="adm-btn"
              onClick={() => {
                setDraftRoles(user.roles);
                setDraftDept(user.department ?? '');
                setDraftName(user.name);
                setNewPassword('');
                setEditing(true);
              }}
            >
              {t('admin.common.edit')}
            </button>
            <button
              type="button"
              className={`adm-btn ${user.disabled ? '' : 'adm-btn--danger'}`}
              disabled={busy || isSelf}
              title={isSelf ? t('admin.users.notSelf') : undefined}
              onClick={() => patch({ disabled: !user.disabled })}
            >
              {user.disabled ? t('admin.users.enable') : t('admin.users.disable')}
            </button>
          </>
        )}
        {error ? <ProblemBox error={error} /> : null}
      </td>
    </tr>
  );
}
