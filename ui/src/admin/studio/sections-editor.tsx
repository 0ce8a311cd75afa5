// The form's sections: shown as groups on one page or as tabs; added, renamed and removed.
import { useState } from 'react';
import type { Labels } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { LabelsInput } from '../components/labels-input';
import { labelsOfTitle } from '../../forms/prepare-form';
import { addSection, layoutStyle, removeSection, renameSection, sectionsOf, setLayoutStyle, type LayoutStyle } from './form-layout';
import { useStudio } from './studio-context';


export function SectionsEditor() {
  const { draft, update } = useStudio();
  const { t } = useI18n();
  const [name, setName] = useState<Labels>({ 'zh-CN': '', en: '' });
  const ui = draft.form.uischema;
  const sections = sectionsOf(ui);
  const tabs = layoutStyle(ui) === 'tabs';

  return (
    <div className="adm-card adm-stack" data-testid="form-sections">
      <div className="adm-row">
        <h3>{t('admin.sections.title')}</h3>
        <span className="adm-spacer" />
        <label className="adm-inline">
          {t('admin.sections.style')}
          <select name="layout-style" value={layoutStyle(ui)} onChange={(e) => update((d) => setLayoutStyle(d, e.target.value as LayoutStyle))}>
            <option value="groups">{t('admin.sections.groups')}</option>
            <option value="tabs">{t('admin.sections.tabs')}</option>
          </select>
        </label>
      </div>
      {sections.map((s) => (
        <div key={s.index} className="adm-row" data-testid={`section-${s.index}`}>
          <LabelsInput name={`section-${s.index}`} value={labelsOfTitle(s.label)} onChange={(l) => update((d) => renameSection(d, s.index, l))} />
          <button type="button" className="adm-btn adm-btn--quiet" disabled={tabs && sections.length === 1} onClick={() => update((d) => removeSection(d, s.index))}>
            {t('admin.common.remove')}
          </button>
        </div>
      ))}
      <form
        className="adm-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (!name['zh-CN'].trim()) return;
          update((d) => addSection(d, { 'zh-CN': name['zh-CN'].trim(), en: name.en.trim() }));
          setName({ 'zh-CN': '', en: '' });
        }}
      >
        <LabelsInput name="new-section" value={name} onChange={setName} />
        <button type="submit" className="adm-btn adm-btn--small" disabled={!name['zh-CN'].trim()}>
          + {t('admin.sections.add')}
        </button>
      </form>
      <p className="adm-muted adm-small">{t('admin.sections.hint')}</p>
    </div>
  );
}
