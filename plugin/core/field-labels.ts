// What people call a field of a template's form: its label, else its schema title, else its key — never its pointer.
import { titleLabels } from './bilingual-title.ts';
import type { JsonObject, Labels, Template } from './types.ts';

/** The field at `pointer` (items of a table included, `/lines/0/qty` or `/lines/qty`) in both languages. */
export function fieldLabels(template: Template, pointer: string): Labels {
  const own = template.form.labels?.[pointer];
  if (own) return { 'zh-CN': own['zh-CN'], en: own.en || own['zh-CN'] };
  let node: JsonObject | undefined = template.form.schema as unknown as JsonObject;
  for (const key of pointer.split('/').slice(1)) {
    if (node?.type === 'array') node = node.items as JsonObject | undefined;
    if (/^\d+$/.test(key) && !(node?.properties as JsonObject | undefined)?.[key]) continue;
    node = (node?.properties as JsonObject | undefined)?.[key] as JsonObject | undefined;
  }
  if (typeof node?.title === 'string') return titleLabels(node.title);
  const key = pointer.split('/').pop()!;
  return { 'zh-CN': key, en: key };
}
