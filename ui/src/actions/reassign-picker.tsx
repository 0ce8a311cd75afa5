// Pick a new handler (people filtered by name or department) and/or a new department.
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import type { PublicUser } from '../model';
import { words } from '../lib/words';
import { searchUsers, useDepartments } from '../records/people';
import { DepartmentOptions } from '../records/department-options';

export interface ReassignValue {
  handler?: string;
  department?: string;
}

export function ReassignPicker({
  value,
  onChange,
  wantHandler = true,
  wantDepartment = true,
  excludeUser,
  personLabel,
  roles,
}: {
  value: ReassignValue;
  onChange: (v: ReassignValue) => void;
  wantHandler?: boolean;
  wantDepartment?: boolean;
  excludeUser?: string;
  /** What the person list is called (default: the new handler). */
  personLabel?: string;
  /** Only people holding one of these roles are offered (the server refuses the others). */
  roles?: string[];
}) {
  const { t, lang } = useI18n();
  const depts = useDepartments();
  const [q, setQ] = useState('');
  const [deptFilter, setDeptFilter] = useState('');
  const [people, setPeople] = useState<PublicUser[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!wantHandler) return;
    let live = true;
    setLoading(true);
    const timer = window.setTimeout(() => {
      searchUsers(q.trim(), deptFilter || undefined)
        .then((list) => live && setPeople(list.filter((u) => !u.disabled && (!roles || u.roles.some((r) => roles.includes(r))))))
        .catch(() => live && setPeople([]))
        .finally(() => live && setLoading(false));
    }, 200);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [q, deptFilter, wantHandler, roles]);

  const deptLabel = (id?: string) => {
    const d = depts.data?.find((x) => x.id === id);
    return d ? words(d.label, lang) : id ?? '';
  };

  return (
    <div className="reassign-picker" data-testid="reassign-picker">
      {wantHandler && (
        <fieldset className="fieldset">
          <legend>{personLabel ?? t('reassign.person')}</legend>
          <div className="picker-filters">
            <input className="input" type="search" placeholder={t('reassign.searchName')} aria-label={t('reassign.searchName')} value={q} onChange={(e) => setQ(e.target.value)} />
            <select className="input" aria-label={t('reassign.filterDepartment')} value={deptFilter} onChange={(e) => setDeptFilter(e.target.value)}>
              <option value="">{t('list.allDepartments')}</option>
              <DepartmentOptions departments={depts.data} />
            </select>
          </div>
          <ul className="people-list" aria-label={personLabel ?? t('reassign.person')}>
            {loading && people.length === 0 && <li className="muted">{t('common.loading')}</li>}
            {!loading && people.length === 0 && <li className="muted">{t('reassign.nobody')}</li>}
            {people
              .filter((u) => u.id !== excludeUser)
              .map((u) => (
                <li key={u.id}>
                  <label className={`person${value.handler === u.id ? ' chosen' : ''}`}>
                    <input
                      type="radio"
                      name="reassign-person"
                      value={u.id}
                      checked={value.handler === u.id}
                      onChange={() => onChange({ ...value, handler: u.id })}
                    />
                    <span className="person-name">{u.name}</span>
                    <span className="person-meta">
                      {u.username} · {deptLabel(u.department) || '—'}
                    </span>
                  </label>
                </li>
              ))}
          </ul>
          {value.handler && (
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => onChange({ ...value, handler: undefined })}>
              {t('reassign.clearPerson')}
            </button>
          )}
        </fieldset>
      )}
      {wantDepartment && (
        <label className="field">
          <span>{t('reassign.department')}</span>
          <select className="input" name="reassign-department" value={value.department ?? ''} onChange={(e) => onChange({ ...value, department: e.target.value || undefined })}>
            <option value="">{t('reassign.keepDepartment')}</option>
            <DepartmentOptions departments={depts.data} />
          </select>
        </label>
      )}
    </div>
  );
}
