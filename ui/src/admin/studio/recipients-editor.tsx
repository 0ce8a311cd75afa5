// Who a notification goes to: chips for the current recipients, and a small builder to add one.
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { listFields } from './form-fields';
import { formatRecipient, parseRecipient, RECIPIENT_KINDS, WITH_VALUE, type RecipientKind } from './recipients';
import { useStudio } from './studio-context';

export function RecipientsEditor({ value, onChange }: { value: string[]; onChange: (v: string[]) => void }) {
  const { draft, roleOptions } = useStudio();
  const { t, label } = useI18n();
  const [kind, setKind] = useState<RecipientKind>('handler');
  const [arg, setArg] = useState('');
  const fields = listFields(draft.form.schema).filter((f) => f.type === 'string');
  const roleName = (r: string) => roleOptions.find((o) => o.value === r)?.label ?? r;

  const describe = (s: string) => {
    const r = parseRecipient(s);
    if (r.kind === 'role') return t('admin.recipient.roleOf', { role: roleName(r.value) });
    if (r.kind === 'department') return t('admin.recipient.departmentOf', { role: roleName(r.value) });
    if (r.kind === 'contact') return t('admin.recipient.contactOf', { field: label(draft.form.labels?.[r.value]) || r.value });
    return (RECIPIENT_KINDS as readonly string[]).includes(r.kind) ? t(`admin.recipient.${r.kind}`) : s;
  };

  const needsArg = WITH_VALUE.includes(kind);
  const candidate = formatRecipient({ kind, value: arg });
  const canAdd = (!needsArg || !!arg) && !value.includes(candidate);

  return (
    <div className="adm-stack adm-stack--tight">
      <div className="adm-chips">
        {value.map((s) => (
          <span key={s} className="adm-chip is-on" title={s}>
            {describe(s)}
            <button type="button" className="adm-chip__x" aria-label={t('admin.common.remove')} onClick={() => onChange(value.filter((x) => x !== s))}>
              ×
            </button>
          </span>
        ))}
        {value.length === 0 && <span className="adm-muted adm-small">{t('admin.recipient.none')}</span>}
      </div>
      <div className="adm-row">
        <select
          aria-label={t('admin.recipient.kind')}
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as RecipientKind);
            setArg('');
          }}
        >
          {RECIPIENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`admin.recipient.${k}`)}
            </option>
          ))}
        </select>
        {(kind === 'role' || kind === 'department') && (
          <select aria-label={t('admin.studio.role')} value={arg} onChange={(e) => setArg(e.target.value)}>
            <option value="">—</option>
            {roleOptions.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        )}
        {kind === 'contact' && (
          <select aria-label={t('admin.recipient.contactField')} value={arg} onChange={(e) => setArg(e.target.value)}>
            <option value="">—</option>
            {fields.map((f) => (
              <option key={f.pointer} value={f.pointer}>
                {label(draft.form.labels?.[f.pointer]) || f.key} ({f.pointer})
              </option>
            ))}
          </select>
        )}
        <button
          type="button"
          className="adm-btn adm-btn--small"
          disabled={!canAdd}
          onClick={() => {
            onChange([...value, candidate]);
            setArg('');
          }}
        >
          + {t('admin.common.add')}
        </button>
      </div>
    </div>
  );
}
