// Who may see and who may write a top-level field, per role and per state, as the matrix reads and sets them:
// seeing is the field's `read` list (none = everyone who sees the record); writing is each state's `edit`
// grants ('*' = every field), bounded by the field's own `write` list when it has one.
import type { Template } from '../../../../plugin/core/types';
import { listFields } from './form-fields';

const covers = (grant: string, p: string): boolean => p === grant || p.startsWith(`${grant}/`);

export function maySee(t: Template, p: string, role: string): boolean {
  const read = t.fields?.[p]?.read;
  return !read || read.includes(role);
}

export function setMaySee(t: Template, p: string, role: string, on: boolean): void {
  const roles = Object.keys(t.roles ?? {});
  const current = t.fields?.[p]?.read ?? roles;
  const read = on ? [...new Set([...current, role])] : current.filter((r) => r !== role);
  const perm = { ...(t.fields?.[p] ?? {}) };
  if (roles.every((r) => read.includes(r))) delete perm.read;
  else perm.read = read;
  const fields = { ...(t.fields ?? {}) };
  if (Object.keys(perm).length) fields[p] = perm;
  else delete fields[p];
  if (Object.keys(fields).length) t.fields = fields;
  else delete t.fields;
}

/** Does the field's own write list keep this role out, whatever a state grants? */
export function writeLocked(t: Template, p: string, role: string): boolean {
  const write = t.fields?.[p]?.write;
  return !!write && !write.includes(role);
}

export function mayWrite(t: Template, state: string, p: string, role: string): boolean {
  const s = t.states[state];
  if (!s || s.readOnly) return false;
  const grant = s.edit?.[role];
  return grant === '*' || (Array.isArray(grant) && grant.some((g) => covers(g, p)));
}

/** Grants or takes one top-level field (and all under it) in a state; every field granted reads back as '*'. */
export function setMayWrite(t: Template, state: string, p: string, role: string, on: boolean): void {
  const s = t.states[state];
  if (!s) return;
  const grant = s.edit?.[role];
  const all = listFields(t.form.schema).filter((f) => f.depth === 0).map((f) => f.pointer);
  const list = grant === '*' ? all : (grant ?? []);
  const next = on ? [...new Set([...list, p])] : list.filter((g) => !covers(g, p) && !covers(p, g));
  const edit = { ...(s.edit ?? {}) };
  if (next.length === 0) delete edit[role];
  else edit[role] = all.every((a) => next.includes(a)) ? '*' : next;
  if (Object.keys(edit).length) s.edit = edit;
  else delete s.edit;
}
