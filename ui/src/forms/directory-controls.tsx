// Fields of `format: "user"` and `format: "department"`: chosen from the directory by name (the server checks
// the choice again). Read-only forms show the name instead of the id.
import type { ReactNode } from 'react';
import { and, formatIs, isControl, rankWith, type ControlProps, type RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps } from '@jsonforms/react';
import { useI18n } from '../i18n';
import { words } from '../lib/words';
import { DepartmentOptions } from '../records/department-options';
import { useDepartments, useUsers } from '../records/people';

interface Choice {
  className: string;
  placeholder: string;
  options: ReactNode;
  /** The name of the chosen entry, for read-only forms. */
  name?: string;
}

function DirectoryControl({ label, data, path, handleChange, enabled, visible, required, errors, id, choice }: ControlProps & { choice: Choice }) {
  if (!visible) return null;
  return (
    <div className={`control ${choice.className}`}>
      <label htmlFor={`${id}-pick`}>
        {label}
        {required && enabled ? ' *' : ''}
      </label>
      {enabled ? (
        <select id={`${id}-pick`} value={typeof data === 'string' ? data : ''} onChange={(e) => handleChange(path, e.target.value || undefined)}>
          <option value="">{choice.placeholder}</option>
          {choice.options}
        </select>
      ) : (
        <div className="ro-value">{choice.name ?? (data ? String(data) : '—')}</div>
      )}
      {errors && <div className="validation_error">{errors}</div>}
    </div>
  );
}

function PersonControl(props: ControlProps) {
  const { t } = useI18n();
  const people = (useUsers().data ?? []).filter((u) => !u.disabled || u.id === props.data);
  const options = people.map((u) => (
    <option key={u.id} value={u.id}>
      {u.name}
      {u.department ? ` · ${u.department}` : ''}
    </option>
  ));
  return <DirectoryControl {...props} choice={{ className: 'person-control', placeholder: t('form.choosePerson'), options, name: people.find((u) => u.id === props.data)?.name }} />;
}

function DepartmentControl(props: ControlProps) {
  const { t, lang } = useI18n();
  const departments = useDepartments().data;
  const chosen = departments?.find((d) => d.id === props.data);
  return (
    <DirectoryControl
      {...props}
      choice={{ className: 'department-control', placeholder: t('form.chooseDepartment'), options: <DepartmentOptions departments={departments} />, name: chosen && words(chosen.label, lang) }}
    />
  );
}

export const personControlTester: RankedTester = rankWith(40, and(isControl, formatIs('user')));
export const PersonControlRenderer = withJsonFormsControlProps(PersonControl);
export const departmentControlTester: RankedTester = rankWith(40, and(isControl, formatIs('department')));
export const DepartmentControlRenderer = withJsonFormsControlProps(DepartmentControl);
