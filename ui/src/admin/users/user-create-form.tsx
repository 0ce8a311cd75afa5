// Creates a user: username, name, password, roles, department.
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { adminApi, type AdminUser, type Department } from '../admin-api';
import type { Labels } from '../../../../plugin/core/types';
import { CheckChips } from '../components/check-chips';
import { ProblemBox } from '../components/problem-box';
import type { RoleOption } from './use-role-options';

interface Props {
  roles: RoleOption[];
  departments: Department[];
  onCreated: (u: AdminUser) => void;
}

const EMPTY = { username: '', name: '', password: '', email: '', roles: [] as string[], department: '' };

export function UserCreateForm({ roles, departments, onCreated }: Props) {
  const { t, label } = useI18n();
  const [form, setForm] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = <K extends keyof typeof EMPTY>(k: K, v: (typeof EMPTY)[K]) => setForm((f) => ({ ...f, [k]: v }));
  const ready = form.username.trim() && form.name.trim() && form.password.length >= 4 && form.roles.length > 0;

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const u = await adminApi.createUser({
        username: form.username.trim(),
        name: form.name.trim(),
        password: form.password,
        roles: form.roles,
        ...(form.department ? { department: form.department } : {}),
        ...(form.email.trim() ? { email: form.email.trim() } : {}),
      });
      setForm(EMPTY);
      onCreated(u);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="adm-card adm-stack"
      data-testid="user-create"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready && !busy) submit();
      }}
    >
      <h2>{t('admin.users.create')}</h2>
      <div className="adm-grid3">
        <label className="adm-field">
          <span className="adm-field__label">{t('admin.users.username')}</span>
          <input name="username" autoComplete="off" value={form.username} onChange={(e) => set('username', e.target.value)} />
        </label>
        <label className="adm-field">
          <span className="adm-field__label">{t('admin.users.name')}</span>
          <input name="name" autoComplete="off" value={form.name} onChange={(e) => set('name', e.target.value)} />
        </label>
        <label className="adm-field">
          <span className="adm-field__label">{t('admin.users.password')}</span>
          <input name="password" type="password" autoComplete="new-password" value={form.password} onChange={(e) => set('password', e.target.value)} />
          <span className="adm-muted adm-small">{t('admin.users.passwordHint')}</span>
        </label>
      </div>
      <div className="adm-grid3">
        <label className="adm-field">
          <span className="adm-field__label">{t('admin.users.email')}</span>
          <input name="email" type="email" autoComplete="off" value={form.email} onChange={(e) => set('email', e.target.value)} />
        </label>
        <div className="adm-field">
          <span className="adm-field__label">{t('admin.users.roles')}</span>
          <CheckChips
            name="roles"
            options={roles.map((r) => ({ value: r.value, label: label(r.label) || r.value }))}
            value={form.roles}
            onChange={(v) => set('roles', v)}
          />
        </div>
        <label className="adm-field">
          <span className="adm-field__label">{t('admin.users.department')}</span>
          <select name="department" value={form.department} onChange={(e) => set('department', e.target.value)}>
            <option value="">{t('admin.users.noDepartment')}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {label(d.label as Labels)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ProblemBox error={error} />
      <div>
        <button type="submit" className="adm-btn adm-btn--primary" disabled={!ready || busy}>
          {busy ? t('admin.common.working') : t('admin.users.createButton')}
        </button>
      </div>
    </form>
  );
}
