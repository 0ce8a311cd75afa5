// The form's layout (its JSON Forms UI schema) as the studio edits it: where each field's control sits,
// sections shown as groups or as tabs, the order of fields within them, and a field's show/hide rule.
import type { JsonObject, Labels, Template } from '../../../../plugin/core/types';

type Element = JsonObject;
export type LayoutStyle = 'groups' | 'tabs';

export interface Section {
  /** Its place among the layout's top-level elements. */
  index: number;
  label: string;
}

const elementsOf = (e: Element): Element[] => (Array.isArray(e.elements) ? (e.elements as Element[]) : []);
const isSection = (e: Element): boolean => e.type === 'Group' || e.type === 'Category';
const scopeOf = (key: string): string => `#/properties/${key}`;
export const bilingual = (l: Labels): string => (l.en && l.en !== l['zh-CN'] ? `${l['zh-CN']} / ${l.en}` : l['zh-CN']);
const GENERAL: Labels = { 'zh-CN': '基本信息', en: 'General' };

/** The layout element whose `elements` hold the control of a scope, searched depth first. */
function holderOf(root: Element, scope: string): Element | undefined {
  const els = elementsOf(root);
  if (els.some((e) => e.scope === scope)) return root;
  for (const e of els) {
    const found = holderOf(e, scope);
    if (found) return found;
  }
  return undefined;
}

function controlOf(root: Element, scope: string): Element | undefined {
  return elementsOf(holderOf(root, scope) ?? {}).find((e) => e.scope === scope);
}

export function layoutStyle(ui: Element): LayoutStyle {
  return ui.type === 'Categorization' ? 'tabs' : 'groups';
}

/** A new control goes at the end of the form; with tabs, at the end of the last tab. */
export function appendControl(ui: Element, control: Element): void {
  const els = elementsOf(ui);
  const last = els[els.length - 1];
  if (layoutStyle(ui) === 'tabs' && last) last.elements = [...elementsOf(last), control];
  else ui.elements = [...els, control];
}

/** Removes a scope's control wherever it sits. */
export function removeControl(ui: Element, scope: string): void {
  if (!Array.isArray(ui.elements)) return;
  ui.elements = elementsOf(ui).filter((e) => e.scope !== scope);
  for (const e of elementsOf(ui)) removeControl(e, scope);
}

/** Moves a top-level field's control one place up (-1) or down (+1) among its neighbours. */
export function moveField(t: Template, key: string, by: -1 | 1): void {
  const holder = holderOf(t.form.uischema, scopeOf(key));
  if (!holder) return;
  const list = [...elementsOf(holder)];
  const i = list.findIndex((e) => e.scope === scopeOf(key));
  const j = i + by;
  if (j < 0 || j >= list.length) return;
  [list[i], list[j]] = [list[j], list[i]];
  holder.elements = list;
}

export function sectionsOf(ui: Element): Section[] {
  return elementsOf(ui).flatMap((e, index) => (isSection(e) ? [{ index, label: typeof e.label === 'string' ? e.label : '' }] : []));
}

/** The section a field sits in (its index among the top-level elements), or -1 when it sits outside any. */
export function sectionOf(ui: Element, key: string): number {
  return elementsOf(ui).findIndex((e) => isSection(e) && holderOf(e, scopeOf(key)) !== undefined);
}

export function addSection(t: Template, label: Labels): void {
  const ui = t.form.uischema;
  const type = layoutStyle(ui) === 'tabs' ? 'Category' : 'Group';
  ui.elements = [...elementsOf(ui), { type, label: bilingual(label), elements: [] }];
}

export function renameSection(t: Template, index: number, label: Labels): void {
  const s = elementsOf(t.form.uischema)[index];
  if (s && isSection(s)) s.label = bilingual(label);
}

/** Removes a section; its fields stay, outside any section (with tabs: in the first other tab). */
export function removeSection(t: Template, index: number): void {
  const ui = t.form.uischema;
  const els = elementsOf(ui);
  const gone = els[index];
  if (!gone || !isSection(gone)) return;
  const rest = els.filter((_, i) => i !== index);
  if (layoutStyle(ui) === 'tabs') {
    if (!rest.length) return; // the last tab holds every field: switch to groups first
    rest[0].elements = [...elementsOf(rest[0]), ...elementsOf(gone)];
    ui.elements = rest;
  } else {
    ui.elements = [...rest.slice(0, index), ...elementsOf(gone), ...rest.slice(index)];
  }
}

/** Moves a top-level field's control to the end of a section (-1: outside any section, at the end of the form). */
export function moveToSection(t: Template, key: string, index: number): void {
  const ui = t.form.uischema;
  const control = controlOf(ui, scopeOf(key));
  const target = index < 0 ? ui : elementsOf(ui)[index];
  if (!control || !target || (index >= 0 && !isSection(target)) || (index < 0 && layoutStyle(ui) === 'tabs')) return;
  removeControl(ui, scopeOf(key));
  target.elements = [...elementsOf(target), control];
}

/**
 * Groups on one page, or tabs: with tabs every top-level element must be a tab, so fields outside any section
 * gather in a first tab; back to groups, each tab becomes a group.
 */
export function setLayoutStyle(t: Template, style: LayoutStyle): void {
  const ui = t.form.uischema;
  if (layoutStyle(ui) === style) return;
  const els = elementsOf(ui);
  if (style === 'tabs') {
    const loose = els.filter((e) => !isSection(e));
    const tabs = els.filter(isSection).map((e) => ({ ...e, type: 'Category' }));
    const first = loose.length || !tabs.length ? [{ type: 'Category', label: bilingual(GENERAL), elements: loose }] : [];
    t.form.uischema = { type: 'Categorization', elements: [...first, ...tabs] };
  } else {
    t.form.uischema = { type: 'VerticalLayout', elements: els.map((e) => ({ ...e, type: 'Group' })) };
  }
}

/** A top-level field's JSON Forms rule (show, hide, enable or disable on a condition), if it has one. */
export function ruleOf(t: Template, key: string): JsonObject | undefined {
  const rule = controlOf(t.form.uischema, scopeOf(key))?.rule;
  return rule && typeof rule === 'object' && !Array.isArray(rule) ? rule : undefined;
}

export function setRule(t: Template, key: string, rule: JsonObject | undefined): void {
  const control = controlOf(t.form.uischema, scopeOf(key));
  if (!control) return;
  if (rule) control.rule = rule;
  else delete control.rule;
}
