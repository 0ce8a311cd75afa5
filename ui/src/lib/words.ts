// Server texts arrive as { zh-CN, en } or as a plain string.
import type { Lang } from '../i18n';
import type { Words } from '../model';

export function words(w: Words | undefined | null, lang: Lang): string {
  if (w === undefined || w === null) return '';
  if (typeof w === 'string') return w;
  return w[lang] || w[lang === 'en' ? 'zh-CN' : 'en'] || '';
}
