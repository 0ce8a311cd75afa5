// The template as a whole: name, mark, description, record number prefix, who may create records.
import { useI18n } from '../../i18n';
import { pointer } from '../pointer';
import { LabelsInput } from '../components/labels-input';
import { CheckChips } from '../components/check-chips';
import { AppearanceInput } from '../components/appearance-input';
import { InlineFindings } from '../components/inline-findings';
import { useStudio } from './studio-context';

export function GeneralPanel() {
  const { draft, update, roleOptions } = useStudio();
  const { t } = useI18n();
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
      <div className="adm-field">
        <span className="adm-field__label">{t('admin.studio.createRoles')}</span>
        <CheckChips name="create-roles" options={roleOptions} value={draft.create?.roles ?? []} onChange={(roles) => update((d) => (d.create = { ...(d.create ?? {}), roles }))} />
      </div>
      <InlineFindings at={[pointer('name'), pointer('description'), pointer('numberPrefix'), pointer('appearance'), pointer('create')]} />
    </div>
  );
}
