// The template as a whole: name, mark, description, record number prefix, who may create records.
import type { Template } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { OptionSelect } from '../components/option-select';
import { listFields } from './form-fields';
import { pointer } from '../pointer';
import { LabelsInput } from '../components/labels-input';
import { CheckChips } from '../components/check-chips';
import { AppearanceInput } from '../components/appearance-input';
import { InlineFindings } from '../components/inline-findings';
import { useStudio } from './studio-context';

const NUMBERS = new Set(['number', 'integer', 'money']);

/** What lists show for a record besides its number and state: its customer and its amount (or nothing). */
function setSummary(d: Template, key: 'customer' | 'amount', value: string): void {
  const summary = { ...(d.summary ?? {}) };
  if (value) summary[key] = value;
  else delete summary[key];
  d.summary = summary;
}

export function GeneralPanel() {
  const { draft, update, roleOptions } = useStudio();
  const { t, label } = useI18n();
  const fields = listFields(draft.form.schema).filter((f) => f.depth === 0);
  const fieldName = (p: string) => label(draft.form.labels?.[p]) || p;
  return (
    <div className="adm-card adm-stack">
      <div className="adm-grid2">
        <div className="adm-field">
          <span className="adm-field__label">{t('admin.studio.name')}</span>
          <LabelsInput name="template-name" value={draft.name} onChange={(l) => update((d) => (d.name = l))} />
        </div>
        <label className="adm-field">
          <span className="adm-field__label">{t('admin.studio.numberPrefix')}</span>
          <input value={draft.numberPrefix ?? ''} onChange={(e) => update((d) => (d.numberPrefix = e.target.value.trim()))} />
        </label>
      </div>
      <div className="adm-field">
        <span className="adm-field__label">{t('admin.appearance.label')}</span>
        <AppearanceInput
          name={draft.name['zh-CN']}
          value={draft.appearance}
          onChange={(a) => update((d) => {
            const icon = a.icon?.trim();
            const next = { ...(icon ? { icon } : {}), ...(a.color ? { color: a.color } : {}) };
            if (Object.keys(next).length) d.appearance = next;
            else delete d.appearance;
          })}
        />
      </div>
      <div className="adm-field">
        <span className="adm-field__label">{t('admin.studio.description')}</span>
        <LabelsInput
          multiline
          value={draft.description}
          onChange={(l) => update((d) => {
            if (l['zh-CN'] || l.en) d.description = l;
            else delete d.description;
          })}
        />
      </div>
      <div className="adm-grid2">
        <OptionSelect
          name="summary-customer"
          label={t('admin.summary.customer')}
          value={draft.summary?.customer ?? ''}
          none={t('admin.summary.none')}
          options={fields.filter((f) => f.type === 'string').map((f) => ({ value: f.pointer, label: fieldName(f.pointer) }))}
          onChange={(v) => update((d) => setSummary(d, 'customer', v))}
        />
        <OptionSelect
          name="summary-amount"
          label={t('admin.summary.amount')}
          value={draft.summary?.amount ?? ''}
          none={t('admin.summary.none')}
          options={[
            ...fields.filter((f) => NUMBERS.has(f.type)).map((f) => ({ value: f.pointer, label: fieldName(f.pointer) })),
            ...Object.keys(draft.derived ?? {}).map((k) => ({ value: k, label: `${t('admin.derived.short')} ${k}` })),
          ]}
          onChange={(v) => update((d) => setSummary(d, 'amount', v))}
        />
      </div>
      <div className="adm-field">
        <span className="adm-field__label">{t('admin.studio.createRoles')}</span>
        <CheckChips name="create-roles" options={roleOptions} value={draft.create?.roles ?? []} onChange={(roles) => update((d) => (d.create = { ...(d.create ?? {}), roles }))} />
      </div>
      <InlineFindings at={[pointer('name'), pointer('description'), pointer('numberPrefix'), pointer('appearance'), pointer('summary'), pointer('create')]} />
    </div>
  );
}
