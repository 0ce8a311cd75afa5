// Starting a template: from a blank page (the smallest template the runtime accepts, for the studio to grow)
// or as a copy of an installed one under a new id, name and number prefix. Pure, so it is tested without a browser.
import type { Labels, Template } from '../../../../plugin/core/types';

export interface TemplateStart {
  id: string;
  name: Labels;
  numberPrefix: string;
  /** How it is marked in lists; left out when empty. */
  appearance?: Template['appearance'];
}

/** The colours offered for a template's mark. */
export const MARK_COLORS = ['#2f6bd8', '#0f9d76', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#64748b'];

function appearanceOf(start: TemplateStart): Pick<Template, 'appearance'> {
  const icon = start.appearance?.icon?.trim();
  const color = start.appearance?.color;
  const a = { ...(icon ? { icon } : {}), ...(color ? { color } : {}) };
  return Object.keys(a).length ? { appearance: a } : {};
}

// The same patterns the server's template schema holds them to.
export const TEMPLATE_ID = /^[a-z][a-z0-9-]{1,62}$/;
export const NUMBER_PREFIX = /^[A-Za-z][A-Za-z0-9]{0,15}$/;

export type StartProblem =
  | { field: 'id'; why: 'pattern' | 'taken' }
  | { field: 'name'; why: 'missing' }
  | { field: 'numberPrefix'; why: 'pattern'; }
  | { field: 'numberPrefix'; why: 'taken'; by: string };

/** What is wrong with a start, checked against the installed templates (latest version of each). */
export function startProblems(start: TemplateStart, installed: Pick<Template, 'id' | 'numberPrefix'>[]): StartProblem[] {
  const problems: StartProblem[] = [];
  if (!TEMPLATE_ID.test(start.id)) problems.push({ field: 'id', why: 'pattern' });
  else if (installed.some((t) => t.id === start.id)) problems.push({ field: 'id', why: 'taken' });
  if (!start.name['zh-CN'].trim() || !start.name.en.trim()) problems.push({ field: 'name', why: 'missing' });
  const prefix = start.numberPrefix.trim();
  const holder = installed.find((t) => t.numberPrefix.toLowerCase() === prefix.toLowerCase());
  if (!NUMBER_PREFIX.test(prefix)) problems.push({ field: 'numberPrefix', why: 'pattern' });
  else if (holder) problems.push({ field: 'numberPrefix', why: 'taken', by: holder.id });
  return problems;
}

const labels = (zh: string, en: string): Labels => ({ 'zh-CN': zh, en });

/**
 * The smallest working template: one text field, a draft that the administrator fills and finishes.
 * Everything else (fields, states, actions, roles, rules) is added in the studio.
 */
export function blankTemplate(start: TemplateStart): Template {
  return {
    id: start.id,
    version: 1,
    name: { 'zh-CN': start.name['zh-CN'].trim(), en: start.name.en.trim() },
    numberPrefix: start.numberPrefix.trim(),
    ...appearanceOf(start),
    form: {
      schema: { type: 'object', required: ['title'], properties: { title: { type: 'string', title: '标题 / Title', minLength: 1, maxLength: 200 } } },
      uischema: { type: 'VerticalLayout', elements: [{ type: 'Control', scope: '#/properties/title' }] },
    },
    summary: {},
    roles: { admin: { label: labels('管理员', 'Administrator'), view: 'all' } },
    states: {
      draft: { label: labels('草稿', 'Draft'), initial: true, edit: { admin: '*' } },
      done: { label: labels('已完成', 'Done'), readOnly: true, terminal: true },
    },
    actions: { finish: { label: labels('完成', 'Finish'), from: ['draft'], to: 'done', allow: [{ role: 'admin', scope: 'all' }] } },
    create: { roles: ['admin'] },
    reasons: {},
    notifications: {},
    rules: {},
  } as unknown as Template;
}

/**
 * A copy of an installed template as version 1 of a new one: everything but its id, name, number prefix and record
 * noun (a copy's records are called by its new name until the studio gives them a noun of their own).
 */
export function copyTemplate(source: Template, start: TemplateStart): Template {
  const copy = structuredClone(source);
  const { appearance: _theirs, noun: _theirNoun, ...rest } = copy;
  return { ...rest, id: start.id, version: 1, name: { 'zh-CN': start.name['zh-CN'].trim(), en: start.name.en.trim() }, numberPrefix: start.numberPrefix.trim(), ...appearanceOf(start) };
}
