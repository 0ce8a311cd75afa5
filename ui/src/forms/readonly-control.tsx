// Read-only forms show values as text, not as disabled inputs: dates and choices read the same in every browser.
import { and, isControl, rankWith, schemaMatches, type ControlProps, type JsonSchema, type RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps } from '@jsonforms/react';
import { useI18n, type Lang } from '../i18n';
import { formatNumber } from '../lib/format';

/** A primitive value as a reader sees it: a dropdown's option title (in their language), not the stored code; "—" for nothing. */
export function readonlyText(schema: JsonSchema, data: unknown, t: (key: string) => string, lang: Lang): string {
  const option = Array.isArray(schema.oneOf) ? schema.oneOf.find((o) => o.const === data) : undefined;
  if (option?.title) return option.title;
  if (data === undefined || data === null || data === '') return '—';
  if (typeof data === 'boolean') return data ? t('common.yes') : t('common.no');
  if (typeof data === 'number') return schema.type === 'integer' || Number.isInteger(data) ? formatNumber(data, lang) : String(data);
  return String(data);
}

function ReadonlyControl({ label, data, schema, visible }: ControlProps) {
  const { t, lang } = useI18n();
  if (!visible) return null;
  const text = readonlyText(schema, data, t, lang);
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
