// Which of our two languages a request reads: English only when asked for, Chinese otherwise.
import type { Request } from 'express';
import type { Labels } from '../../core/types.ts';

export type Language = keyof Labels;

export function requestLanguage(req: Request): Language {
  const header = req.get('accept-language') ?? '';
  return header.trim().toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

export function say(labels: Labels, lang: Language): string {
  return labels[lang] ?? labels['zh-CN'] ?? labels.en;
}
