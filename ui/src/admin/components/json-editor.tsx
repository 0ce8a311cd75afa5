// Raw JSON for the parts without a form: kept as text while it does not parse, committed when it does.
import { useEffect, useState } from 'react';
import type { Json } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';

interface Props {
  value: Json | undefined;
  onChange: (next: Json | undefined) => void;
  rows?: number;
  /** Only objects are accepted (effect params, JSON Schemas). */
  objectOnly?: boolean;
  label?: string;
}

const show = (v: Json | undefined) => (v === undefined ? '' : JSON.stringify(v, null, 2));

export function JsonEditor({ value, onChange, rows = 4, objectOnly, label }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState(show(value));
  const [error, setError] = useState('');
  useEffect(() => {
    // Take outside changes, but never overwrite what the person is typing with the same value re-serialised.
    setText((cur) => {
      try {
        if (cur.trim() && JSON.stringify(JSON.parse(cur)) === JSON.stringify(value)) return cur;
      } catch {
        /* the current text is broken: replace it */
      }
      return show(value);
    });
  }, [value]);
  const onText = (s: string) => {
    setText(s);
    if (!s.trim()) {
      setError('');
      onChange(undefined);
      return;
    }
    try {
      const v = JSON.parse(s) as Json;
      if (objectOnly && (typeof v !== 'object' || v === null || Array.isArray(v))) {
        setError(t('admin.json.objectOnly'));
        return;
      }
      setError('');
      onChange(v);
    } catch (e) {
      setError(t('admin.json.invalid', { error: e instanceof Error ? e.message : String(e) }));
    }
  };
  return (
    <div className="adm-json">
      <textarea
        className="adm-json__text"
        rows={rows}
        spellCheck={false}
        aria-label={label ?? 'JSON'}
        aria-invalid={!!error}
        value={text}
        onChange={(e) => onText(e.target.value)}
      />
      {error && <span className="adm-field-error">{error}</span>}
    </div>
  );
}
