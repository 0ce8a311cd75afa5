// Read-only forms show values as text, not as disabled inputs: dates and choices read the same in every browser.
import { and, isControl, rankWith, schemaMatches, type ControlProps, type RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps } from '@jsonforms/react';
import { useI18n } from '../i18n';
import { formatNumber } from '../lib/format';

function ReadonlyControl({ label, data, schema, visible }: ControlProps) {
  const { t, lang } = useI18n();
  if (!visible) return null;
  let text: string;
  // a dropdown shows its option's title (in the reader's language), not the stored code
  const option = Array.isArray(schema.oneOf) ? schema.oneOf.find((o) => o.const === data) : undefined;
  if (option?.title) text = option.title;
  else if (data === undefined || data === null || data === '') text = '—';
  else if (typeof data === 'boolean') text = data ? t('common.yes') : t('common.no');
  else if (typeof data === 'number') text = schema.type === 'integer' || Number.isInteger(data) ? formatNumber(data, lang) : String(data);
  else text = String(data);
  return (
    <div className="control ro-control">
      <label>{label}</label>
      <div className={`ro-value${text === '—' ? ' muted' : ''}`}>{text}</div>
    </div>
  );
}

/** Every control of a primitive value (objects and arrays keep their own renderers). */
export const readonlyControlTester: RankedTester = rankWith(
  30,
  and(
    isControl,
    schemaMatches((s) => s.type !== 'object' && s.type !== 'array'),
  ),
);

export const ReadonlyControlRenderer = withJsonFormsControlProps(ReadonlyControl);
