// The actions tab: every action as a collapsible card, and a form to add one.
import { useState } from 'react';
import type { Labels } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { LabelsInput } from '../components/labels-input';
import { addAction, KEY_PATTERN } from './draft-ops';
import { useStudio } from './studio-context';
import { ActionCard } from './action-card';

export function ActionsPanel() {
  const { draft, update } = useStudio();
  const { t } = useI18n();
  const [key, setKey] = useState('');
  const [label, setLabel] = useState<Labels>({ 'zh-CN': '', en: '' });
  const problem = !key ? '' : !KEY_PATTERN.test(key) ? t('admin.studio.keyPattern') : key in draft.actions ? t('admin.studio.keyTaken') : '';

  return (
    <div className="adm-stack">
      {Object.keys(draft.actions).map((k) => (
        <ActionCard key={k} actionKey={k} />
      ))}
      <form
        className="adm-card adm-add"
        data-testid="add-action"
        onSubmit={(e) => {
          e.preventDefault();
          if (!key || problem) return;
          update((d) => addAction(d, key, { 'zh-CN': label['zh-CN'] || key, en: label.en || key }));
          setKey('');
          setLabel({ 'zh-CN': '', en: '' });
        }}
      >
        <h3>{t('admin.studio.addAction')}</h3>
        <div className="adm-add__row">
          <label className="adm-field">
            <span className="adm-field__label">{t('admin.studio.key')}</span>
            <input name="new-action-key" value={key} onChange={(e) => setKey(e.target.value.trim())} placeholder="hold" />
            {problem && <span className="adm-field-error">{problem}</span>}
          </label>
          <div className="adm-field">
            <span className="adm-field__label">{t('admin.studio.label')}</span>
            <LabelsInput name="new-action-label" value={label} onChange={setLabel} />
          </div>
          <button type="submit" className="adm-btn adm-btn--primary" disabled={!key || !!problem}>
            {t('admin.common.add')}
          </button>
        </div>
      </form>
    </div>
  );
}
