// The states tab: every state as a card, and a form to add one.
import { useState } from 'react';
import type { Labels } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { LabelsInput } from '../components/labels-input';
import { addState, KEY_PATTERN } from './draft-ops';
import { useStudio } from './studio-context';
import { StateCard } from './state-card';

export function StatesPanel() {
  const { draft, update } = useStudio();
  const { t } = useI18n();
  const [key, setKey] = useState('');
  const [label, setLabel] = useState<Labels>({ 'zh-CN': '', en: '' });
  const problem = !key
    ? ''
    : !KEY_PATTERN.test(key)
      ? t('admin.studio.keyPattern')
      : key in draft.states
        ? t('admin.studio.keyTaken')
        : '';

  const add = () => {
    if (!key || problem) return;
    const l = { 'zh-CN': label['zh-CN'] || key, en: label.en || key };
    update((d) => addState(d, key, l));
    setKey('');
    setLabel({ 'zh-CN': '', en: '' });
    requestAnimationFrame(() => document.getElementById(`studio-state-${key}`)?.scrollIntoView({ block: 'center' }));
  };

  return (
    <div className="adm-stack">
      {Object.keys(draft.states).map((k) => (
        <StateCard key={k} stateKey={k} />
      ))}
      <form
        className="adm-card adm-add"
        data-testid="add-state"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <h3>{t('admin.studio.addState')}</h3>
        <div className="adm-add__row">
          <label className="adm-field">
            <span className="adm-field__label">{t('admin.studio.key')}</span>
            <input name="new-state-key" value={key} onChange={(e) => setKey(e.target.value.trim())} placeholder="on_hold" />
            {problem && <span className="adm-field-error">{problem}</span>}
          </label>
          <div className="adm-field">
            <span className="adm-field__label">{t('admin.studio.label')}</span>
            <LabelsInput name="new-state-label" value={label} onChange={setLabel} />
          </div>
          <button type="submit" className="adm-btn adm-btn--primary" disabled={!key || !!problem}>
            {t('admin.common.add')}
          </button>
        </div>
      </form>
    </div>
  );
}
