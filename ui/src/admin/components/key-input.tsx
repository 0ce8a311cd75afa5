// Edits an identifier (state, action, list key): committed on blur or Enter, checked for form and uniqueness.
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { keyProblem } from '../studio/key-problem';
import { NAME_PATTERN } from '../studio/draft-ops';

interface Props {
  value: string;
  taken: string[];
  onCommit: (next: string) => void;
  name?: string;
}

export function KeyInput({ value, taken, onCommit, name }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const problem = text === value ? '' : keyProblem(text, taken, t, NAME_PATTERN) || (text ? '' : t('admin.studio.namePattern'));
  const commit = () => {
    if (text !== value && !problem) onCommit(text);
  };
  return (
    <span className="adm-key">
      <input
        type="text"
        className="adm-key__input"
        name={name}
        aria-label={t('admin.studio.key')}
        aria-invalid={!!problem}
        value={text}
        onChange={(e) => setText(e.target.value.trim())}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
        }}
      />
      {problem && <span className="adm-field-error">{problem}</span>}
    </span>
  );
}
