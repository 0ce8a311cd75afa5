// Who may see, run and write what: one set of rules used both to enforce and to offer.
import { covers, fieldOf } from './pointer.ts';
import type { Actor, FieldChange, Grant, RoleDef, Scope, Template, Visibility, WorkRecord } from './types.ts';

/** The template's definition of a role: own entries only, as role names are free text ("constructor" is none). */
function roleDef(template: Template, role: string): RoleDef | undefined {
  return Object.hasOwn(template.roles, role) ? template.roles[role] : undefined;
}

export function inScope(scope: Scope, record: WorkRecord, actor: Actor): boolean {
  if (scope === 'all') return true;
  if (scope === 'department') return !!actor.department && record.department === actor.department;
  return record.handler === actor.id;
}

/** The grant that lets the actor act on this record, if any. */
export function matchingGrant(grants: Grant[], record: WorkRecord, actor: Actor): Grant | undefined {
  return grants.find((g) => actor.roles.includes(g.role) && inScope(g.scope, record, actor));
}

/** Records a caller may open: by their roles' view scope, or because they handle or once handled it. */
export function canSee(template: Template, record: WorkRecord, actor: Actor): boolean {
  if (record.handler === actor.id || record.watchers.includes(actor.id)) return true;
  return actor.roles.some((r) => {
    const def = roleDef(template, r);
    return !!def && inScope(def.view, record, actor);
  });
}

/**
 * What a list query may return: per template, the widest view the actor's roles give there (as canSee
 * judges one record), plus what they handle or watch anywhere. One view for every template when they agree.
 */
export function visibilityOf(templates: Template[], actor: Actor): Visibility {
  const department = actor.department;
  const widest = (t: Template): 'all' | 'department' | 'own' => {
    const scopes = actor.roles.map((r) => roleDef(t, r)?.view);
    return scopes.includes('all') ? 'all' : scopes.includes('department') && department ? 'department' : 'own';
  };
  const views = templates.map((t) => ({ key: `${t.id}@${t.version}`, view: widest(t) }));
  if (views.every((v) => v.view === 'all')) return { all: true };
  if (views.every((v) => v.view === 'own')) return { userId: actor.id, departments: [], ownOnly: true };
  if (views.every((v) => v.view === 'department')) return { userId: actor.id, departments: [department!], ownOnly: false };
  const byTemplate: Record<string, { all: true } | { departments: string[] }> = {};
  for (const { key, view } of views) if (view !== 'own') byTemplate[key] = view === 'all' ? { all: true } : { departments: [department!] };
  return { userId: actor.id, templates: byTemplate };
}

export function canRead(template: Template, pointer: string, actor: Actor): boolean {
  const field = fieldOf(pointer);
  return Object.entries(template.fields ?? {}).every(
    ([key, perm]) => !covers(key, field) || !perm.read || perm.read.some((r) => actor.roles.includes(r)),
  );
}

function fieldWritable(template: Template, pointer: string, actor: Actor): boolean {
  const field = fieldOf(pointer);
  return Object.entries(template.fields ?? {}).every(
    ([key, perm]) => !(covers(key, field) || covers(field, key)) || !perm.write || perm.write.some((r) => actor.roles.includes(r)),
  );
}

/** Pointers the actor may write in the record's current state ('*' expanded to the form's top-level fields). */
export function editableFields(template: Template, record: WorkRecord, actor: Actor): string[] {
  const state = template.states[record.status];
  if (!state || state.readOnly || state.terminal || !canSee(template, record, actor)) return [];
  // Earlier handlers follow the record but may not change it.
  if (record.handler !== actor.id && record.watchers.includes(actor.id) && !actorHasViewBeyondOwn(template, record, actor)) return [];
  const all = Object.keys((template.form.schema.properties as object) ?? {}).map((k) => '/' + k);
  const out = new Set<string>();
  for (const role of actor.roles) {
    const edit = state.edit && Object.hasOwn(state.edit, role) ? state.edit[role] : undefined;
    if (!edit) continue;
    for (const p of edit === '*' ? all : edit) if (fieldWritable(template, p, actor)) out.add(p);
  }
  return [...out];
}

function actorHasViewBeyondOwn(template: Template, record: WorkRecord, actor: Actor): boolean {
  return actor.roles.some((r) => {
    const def = roleDef(template, r);
    return !!def && def.view !== 'own' && inScope(def.view, record, actor);
  });
}

/** The first change the actor may not make, if any. */
export function forbiddenChange(template: Template, record: WorkRecord, actor: Actor, changes: FieldChange[]): FieldChange | undefined {
  const editable = editableFields(template, record, actor);
  // An edit list may name a field of list items (/lines/price); changes carry the item's index (/lines/0/price).
  return changes.find((c) => !editable.some((e) => covers(e, c.path) || covers(e, fieldOf(c.path))) || !fieldWritable(template, c.path, actor));
}

/** Fields a creator may fill: everything but what field permissions keep from their roles. */
export function unwritableOnCreate(template: Template, pointers: string[], actor: Actor): string | undefined {
  return pointers.find((p) => !fieldWritable(template, p, actor));
}
