// Turn a template's form into what one person sees now: labels in their language,
// fields they may not read left out, fields they may not write marked read-only.
import type { JsonObject, Labels, Template } from '../model';
import { covers, isWritable, scopeToPointer } from './pointers';

type Lang = 'zh-CN' | 'en';

/** "下单日期 / Order date" → the part for the language; anything else unchanged. */
export function pickBilingual(text: string, lang: Lang): string {
  const parts = text.split(' / ');
  if (parts.length === 2) return lang === 'en' ? parts[1].trim() : parts[0].trim();
  return text;
}

/** "下单日期 / Order date" as Labels for an editor; without " / " it is Chinese only (the English left to fill). */
export function labelsOfTitle(text: string): Labels {
  return { 'zh-CN': pickBilingual(text, 'zh-CN'), en: text.includes(' / ') ? pickBilingual(text, 'en') : '' };
}

function labelFor(labels: Record<string, Labels> | undefined, pointer: string, lang: Lang): string | undefined {
  const l = labels?.[pointer];
  return l ? l[lang] || l['zh-CN'] || l.en : undefined;
}

/** A deep copy of the schema with every title in the reader's language. */
export function localizeSchema(schema: JsonObject, labels: Record<string, Labels> | undefined, lang: Lang, pointer = ''): JsonObject {
  const out: JsonObject = { ...schema };
  const own = pointer ? labelFor(labels, pointer, lang) : undefined;
  if (own) out.title = own;
  else if (typeof schema.title === 'string') out.title = pickBilingual(schema.title, lang);
  if (schema.properties && typeof schema.properties === 'object' && !Array.isArray(schema.properties)) {
    const props: JsonObject = {};
    for (const [k, v] of Object.entries(schema.properties as JsonObject)) {
      props[k] = v && typeof v === 'object' && !Array.isArray(v) ? localizeSchema(v as JsonObject, labels, lang, `${pointer}/${k}`) : v;
    }
    out.properties = props;
  }
  if (schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items)) {
    out.items = localizeSchema(schema.items as JsonObject, labels, lang, pointer);
  }
  // The options of a dropdown: "退货 / Return" shows in the reader's language.
  if (typeof schema.description === 'string') out.description = pickBilingual(schema.description, lang);
  if (Array.isArray(schema.oneOf))
    out.oneOf = schema.oneOf.map((o) => (o && typeof o === 'object' && !Array.isArray(o) && typeof o.title === 'string' ? { ...o, title: pickBilingual(o.title, lang) } : o));
  return out;
}

export interface FormAccess {
  /** Pointers the reader may write, or 'all'; [] = everything read-only. */
  editable: string[] | 'all';
  /** Pointers the reader may not see (left out of the form). */
  hidden: string[];
  /** Pointers the reader may never write (field permissions), whatever `editable` says. */
  locked?: string[];
}

/** A deep copy of the uischema: labels translated, hidden controls dropped, non-writable controls read-only. */
export function prepareUischema(ui: JsonObject, access: FormAccess, labels: Record<string, Labels> | undefined, lang: Lang): JsonObject | null {
  const out: JsonObject = { ...ui };
  if (typeof ui.label === 'string') out.label = pickBilingual(ui.label, lang);
  if (ui.type === 'Control' && typeof ui.scope === 'string') {
    const pointer = scopeToPointer(ui.scope);
    if (access.hidden.some((h) => pointer === h || pointer.startsWith(h + '/'))) return null;
    const l = labelFor(labels, pointer, lang);
    if (l && typeof ui.label !== 'string' && ui.label !== false) out.label = l;
    const locked = access.locked?.some((l) => covers(l, pointer)) ?? false;
    if (locked || !isWritable(access.editable, pointer)) {
      out.options = { ...((ui.options as JsonObject) ?? {}), readonly: true };
    }
  }
  if (Array.isArray(ui.elements)) {
    out.elements = (ui.elements as JsonObject[])
      .map((e) => prepareUischema(e, access, labels, lang))
      .filter((e): e is JsonObject => e !== null)
      .filter((e) => !(Array.isArray(e.elements) && e.elements.length === 0 && e.type !== 'Control'));
  }
  return out;
}

/** Pointers the reader may not see, from the template's field permissions and their roles. */
export function hiddenFields(t: Template, roles: string[]): string[] {
  return Object.entries(t.fields ?? {})
    .filter(([, perm]) => Array.isArray(perm.read) && !perm.read.some((r) => roles.includes(r)))
    .map(([p]) => p);
}

/** Pointers the reader may not write whatever the state says (field-level write permissions). */
export function writeProtected(t: Template, roles: string[]): string[] {
  return Object.entries(t.fields ?? {})
    .filter(([, perm]) => Array.isArray(perm.write) && !perm.write.some((r) => roles.includes(r)))
    .map(([p]) => p);
}

/** What someone with these roles may write in a state: its grants for their roles; nothing in a read-only state. */
export function stateAccess(t: Template, stateKey: string, roles: string[]): string[] | 'all' {
  const state = t.states[stateKey];
  if (!state || state.readOnly) return [];
  const grants = state.edit ?? {};
  const out: string[] = [];
  for (const r of roles) {
    const g = grants[r];
    if (g === '*') return 'all';
    if (Array.isArray(g)) out.push(...g);
  }
  return out;
}

/** What a new record's author may write: the initial state's grants for their roles. */
export function createAccess(t: Template, roles: string[]): string[] | 'all' {
  const initial = Object.keys(t.states).find((k) => t.states[k].initial);
  return initial ? stateAccess(t, initial, roles) : [];
}

/** Does the reader see some top-level field they may not write? */
export function partlyLocked(t: Template, editable: string[] | 'all', roles: string[]): boolean {
  const hidden = hiddenFields(t, roles);
  const locked = writeProtected(t, roles);
  const props = Object.keys(((t.form.schema as { properties?: object }).properties ?? {}) as object).map((k) => `/${k}`);
  return props.some((p) => !hidden.includes(p) && (locked.includes(p) || !isWritable(editable, p)));
}
