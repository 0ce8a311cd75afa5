// The template as a whole: name, record noun, mark, description, record number prefix, list columns, who may create records.
import type { ListColumn, Template } from '../../../../plugin/core/types';
import { LIST_COLUMNS, templateColumns } from '../../records/list-columns';
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

/** The columns a list may show besides the number, which it always shows (the record's link). */
const CHOOSABLE = LIST_COLUMNS.filter((c) => c !== 'number');

/** The list's columns as chosen, in the usual order; none chosen: the default (customer and amount when the summary has them). */
function setColumns(d: Template, chosen: string[]): void {
  const columns = CHOOSABLE.filter((c) => chosen.includes(c));
  if (columns.length) d.list = { ...(d.list ?? {}), columns };
  else delete d.list;
}

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
        <span className="adm-field__label">{t('admin.studio.noun')}</span>
        <LabelsInput
          name="template-noun"
          value={draft.noun}
          onChange={(l) => update((d) => {
            if (l['zh-CN'] || l.en) d.noun = l;
            else delete d.noun;
          })}
        />
        <span className="adm-muted">{t('admin.studio.nounHint', { name: label(draft.name) })}</span>
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
      <div className="adm-field" data-testid="list-columns">
        <span className="adm-field__label">{t('admin.studio.listColumns')}</span>
        <CheckChips
          name="list-columns"
          options={CHOOSABLE.map((c: ListColumn) => ({ value: c, label: t(`record.${c}`) }))}
          value={templateColumns(draft).filter((c) => c !== 'number')}
          onChange={(chosen) => update((d) => setColumns(d, chosen))}
        />
        <span className="adm-muted">
          {t(draft.list?.columns ? 'admin.studio.listColumnsChosen' : 'admin.studio.listColumnsDefault')}{' '}
          {draft.list?.columns && (
            <button type="button" className="adm-btn adm-btn--quiet" data-testid="list-columns-default" onClick={() => update((d) => delete d.list)}>
              {t('admin.studio.listColumnsReset')}
            </button>
          )}
        </span>
      </div>
      <div className="adm-field">
        <span className="adm-field__label">{t('admin.studio.createRoles')}</span>
        <CheckChips name="create-roles" options={roleOptions} value={draft.create?.roles ?? []} onChange={(roles) => update((d) => (d.create = { ...(d.create ?? {}), roles }))} />
      </div>
      <InlineFindings at={[pointer('name'), pointer('description'), pointer('noun'), pointer('numberPrefix'), pointer('appearance'), pointer('summary'), pointer('list'), pointer('create')]} />
    </div>
  );
}
