// Titles inside a template's JSON Schema are written once for both languages, "维修 / Repair" (labels of
// their own are `Labels`); these read them per language.
import type { Labels } from './types.ts';

/** "维修 / Repair" → { zh-CN: "维修", en: "Repair" }; a title without " / " is the same in both. */
export function titleLabels(text: string): Labels {
  const parts = text.split(' / ');
  return parts.length === 2 ? { 'zh-CN': parts[0].trim(), en: parts[1].trim() } : { 'zh-CN': text, en: text };
}

/** The reader's half of "维修 / Repair". */
export function titleIn(text: string, lang: keyof Labels): string {
  return titleLabels(text)[lang];
}
