// Dates, money and numbers in the reader's language.
import type { Lang } from '../i18n';

export function formatDateTime(iso: string | undefined, lang: Lang): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
}

export function formatDate(iso: string | undefined, lang: Lang): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(lang, { year: 'numeric', month: '2-digit', day: '2-digit' });
}

export function formatMoney(n: number | undefined | null, lang: Lang): string {
  if (n === undefined || n === null || Number.isNaN(n)) return '';
  return new Intl.NumberFormat(lang, { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 }).format(n);
}

export function formatNumber(n: number | undefined | null, lang: Lang): string {
  if (n === undefined || n === null || Number.isNaN(n)) return '';
  return new Intl.NumberFormat(lang).format(n);
}

/** Any JSON value as a short text for history diffs. */
export function formatValue(v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}
