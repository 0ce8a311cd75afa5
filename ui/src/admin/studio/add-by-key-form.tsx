// The dashed "add" card under a studio list: a new key (checked against the pattern and the keys in use),
// optionally its labels, and an Add button.
import { useState } from 'react';
import type { Labels } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { LabelsInput } from '../components/labels-input';
import { keyProblem } from './key-problem';
import { KEY_PATTERN } from './draft-ops';

const NO_LABEL: Labels = { 'zh-CN': '', en: '' };

interface Props {
  title: string;
  /** The key field's caption (default: "Key"). */
  keyLabel?: string;
  placeholder: string;
  /** The entries already there; their keys are taken. */
  taken: Record<string, unknown> | undefined;
  /** Prefix of the inputs' names (`<name>-key`, `<name>-label`), for forms and tests. */
  name?: string;
  testId?: string;
  /** Ask for labels in both languages too. */
  withLabels?: boolean;
  /** What a key must look like (default: a rule/list key). */
  pattern?: RegExp;
  /** Called with a valid, free key; a blank label falls back to the key. */
  onAdd: (key: string, label: Labels) => void;
}

export function AddByKeyForm({ title, keyLabel, placeholder, taken, name, testId, withLabels, pattern = KEY_PATTERN, onAdd }: Props) {
  const { t } = useI18n();
  const [key, setKey] = useState('');
  const [label, setLabel] = useState<Labels>(NO_LABEL);
  const problem = keyProblem(key, Object.keys(taken ?? {}), t, pattern);

  return (
    <form
      className="adm-card adm-add"
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault();
        if (!key || problem) return;
        onAdd(key, { 'zh-CN': label['zh-CN'] || key, en: label.en || key });
        setKey('');
        setLabel(NO_LABEL);
      }}
    >
      <h3>{title}</h3>
      <div className="adm-add__row">
        <label className="adm-field">
          <span className="adm-field__label">{keyLabel ?? t('admin.studio.key')}</span>
          <input name={name && `${name}-key`} value={key} onChange={(e) => setKey(e.target.value.trim())} placeholder={placeholder} />
          {problem && <span className="adm-field-error">{problem}</span>}
        </label>
        {withLabels && (
          <div className="adm-field">
            <span className="adm-field__label">{t('admin.studio.label')}</span>
            <LabelsInput name={name && `${name}-label`} value={label} onChange={setLabel} />
          </div>
        )}
        <button type="submit" className="adm-btn adm-btn--primary" disabled={!key || !!problem}>
          {t('admin.common.add')}
        </button>
      </div>
    </form>
  );
}
