// /admin/users: the people who use the app, their roles and departments; create, edit, disable.
import { useCallback, useMemo, useState } from 'react';
import { useI18n } from '../../i18n';
import { useAuth } from '../../auth';
import { adminApi, type AdminUser } from '../admin-api';
import { useLoad } from '../components/use-load';
import { ProblemBox } from '../components/problem-box';
import { AdminOnly } from '../components/admin-only';
import { useRoleOptions } from './use-role-options';
import { UserCreateForm } from './user-create-form';
import { UserRow } from './user-row';

function UsersContent() {
  const { t } = useI18n();
  const { user: me } = useAuth();
  const loadUsers = useCallback(() => adminApi.listUsers(), []);
  const loadDepartments = useCallback(() => adminApi.departments(), []);
  const users = useLoad(loadUsers, [loadUsers]);
  const departments = useLoad(loadDepartments, [loadDepartments]);
  const roles = useRoleOptions();
  const [q, setQ] = useState('');
  const [created, setCreated] = useState<string>();

  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const all = users.data ?? [];
    if (!needle) return all;
    return all.filter((u) => `${u.username} ${u.name} ${u.department ?? ''} ${u.roles.join(' ')}`.toLowerCase().includes(needle));
  }, [users.data, q]);

  const replace = (u: AdminUser) => users.setData((list) => (list ?? []).map((x) => (x.id === u.id ? u : x)));

  return (
    <>
      <header className="adm-page-head">
        <h1>{t('admin.users.title')}</h1>
        <p className="adm-muted">{t('admin.users.intro')}</p>
      </header>
      <ProblemBox error={users.error ?? departments.error ?? roles.error} />

      <UserCreateForm
        roles={roles.data ?? []}
        departments={departments.data ?? []}
        onCreated={(u) => {
          setCreated(u.username);
          users.setData((list) => [...(list ?? []), u]);
          users.reload();
        }}
      />
      {created && (
        <p className="adm-note adm-note--ok" role="status" data-testid="user-created">
          {t('admin.users.created', { username: created })}
        </p>
      )}

      <section className="adm-section">
        <div className="adm-row adm-row--between">
          <h2>{t('admin.users.list', { n: users.data?.length ?? 0 })}</h2>
          <input type="search" className="adm-search" placeholder={t('admin.users.search')} aria-label={t('admin.users.search')} value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <table className="adm-table" data-testid="users-table">
          <thead>
            <tr>
              <th>{t('admin.users.username')}</th>
              <th>{t('admin.users.name')}</th>
              <th>{t('admin.users.roles')}</th>
              <th>{t('admin.users.department')}</th>
              <th>{t('admin.users.status')}</th>
              <th className="adm-table__actions">{t('admin.common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((u) => (
              <UserRow
                key={u.id}
                user={u}
                roles={roles.data ?? []}
                departments={departments.data ?? []}
                isSelf={u.id === me?.id}
                onChanged={replace}
              />
            ))}
            {users.loading && !users.data && (
              <tr>
                <td colSpan={6} className="adm-muted">
                  {t('admin.common.loading')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </section>
    </>
  );
}

export function UsersPage() {
  return (
    <AdminOnly>
      <UsersContent />
    </AdminOnly>
  );
}
