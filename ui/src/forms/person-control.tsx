// A field of `format: "user"`: a person chosen from the directory by name (the server checks the choice
// again). Read-only forms show the person's name instead of the id.
import { and, formatIs, isControl, rankWith, type ControlProps, type RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps } from '@jsonforms/react';
import { useI18n } from '../i18n';
import { useUsers } from '../records/people';

function PersonControl({ label, data, path, handleChange, enabled, visible, required, errors, id }: ControlProps) {
  const { t } = useI18n();
  const { data: users } = useUsers();
  if (!visible) return null;
  const people = (users ?? []).filter((u) => !u.disabled || u.id === data);
  const name = people.find((u) => u.id === data)?.name;
  return (
    <div className="control person-control">
      <label htmlFor={`${id}-person`}>
        {label}
        {required && enabled ? ' *' : ''}
      </label>
      {enabled ? (
        <select id={`${id}-person`} value={typeof data === 'string' ? data : ''} onChange={(e) => handleChange(path, e.target.value || undefined)}>
          <option value="">{t('form.choosePerson')}</option>
          {people.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
              {u.department ? ` · ${u.department}` : ''}
            </option>
          ))}
        </select>
      ) : (
        <div className="ro-value">{name ?? (data ? String(data) : '—')}</div>
      )}
      {errors && <div className="validation_error">{errors}</div>}
    </div>
  );
}

export const personControlTester: RankedTester = rankWith(40, and(isControl, formatIs('user')));
export const PersonControlRenderer = withJsonFormsControlProps(PersonControl);
