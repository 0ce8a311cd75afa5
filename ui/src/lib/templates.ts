// Templates by id and version, fetched once per page load.
import { api } from '../api';
import type { Template } from '../model';
import { useAsync } from './use-async';
import { recordNoun } from '../records/list-columns';

const cache = new Map<string, Promise<Template>>();

export function loadTemplate(id: string, version?: number): Promise<Template> {
  const key = `${id}@${version ?? 'latest'}`;
  let p = cache.get(key);
  if (!p) {
    const q = version !== undefined ? `?version=${encodeURIComponent(String(version))}` : '';
    p = api<Template>('GET', `/templates/${encodeURIComponent(id)}${q}`);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

export interface TemplateInfo {
  id: string;
  version: number;
  name: Template['name'];
  appearance?: Template['appearance'];
  /** The roles its versions know. */
  roles?: string[];
}

/** Whether someone with these roles works with the template's records at all (an administrator: every template). */
export function worksWith(t: TemplateInfo, roles: readonly string[]): boolean {
  return roles.includes('admin') || !t.roles || t.roles.some((r) => roles.includes(r));
}

export function listTemplates(): Promise<TemplateInfo[]> {
  return api<TemplateInfo[]>('GET', '/templates');
}

export function useTemplate(id: string | undefined, version?: number) {
  return useAsync<Template | undefined>(() => (id ? loadTemplate(id, version) : Promise.resolve(undefined)), [id, version]);
}

/** The label of a state, falling back to its name. */
export function stateLabel(t: Template | undefined, state: string | undefined, label: (l?: Template['name']) => string): string {
  if (!state) return '';
  const def = t?.states?.[state];
  return def ? label(def.label) : state;
}

/**
 * What one record of the template is called, in the reader's words (its noun, else its name); `heading` starts it
 * with a capital for a title ("Settlement ST-000001"). No template yet: undefined, for the caller's generic word.
 */
export function nounOf(t: Pick<Template, 'name' | 'noun'> | undefined, label: (l?: Template['name']) => string, heading = false): string | undefined {
  if (!t) return undefined;
  const word = label(recordNoun(t));
  return heading ? word.charAt(0).toUpperCase() + word.slice(1) : word;
}
