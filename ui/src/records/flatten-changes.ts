// Field changes down to the leaves, so "/customer" {…} → {…} reads as "Customer name: A → B".
import type { FieldChange, Json } from '../model';

const isObj = (v: unknown): v is Record<string, Json> => !!v && typeof v === 'object' && !Array.isArray(v);

function walk(path: string, before: unknown, after: unknown, out: FieldChange[]) {
  if (isObj(before) || isObj(after)) {
    const b = isObj(before) ? before : {};
    const a = isObj(after) ? after : {};
    for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) walk(`${path}/${k}`, b[k], a[k], out);
    return;
  }
  if (Array.isArray(before) || Array.isArray(after)) {
    const b = Array.isArray(before) ? before : [];
    const a = Array.isArray(after) ? after : [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(`${path}/${i}`, b[i], a[i], out);
    return;
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  out.push({ path, before: before as Json, after: after as Json });
}

export function flattenChanges(changes: FieldChange[]): FieldChange[] {
  const out: FieldChange[] = [];
  for (const c of changes) walk(c.path, c.before, c.after, out);
  return out;
}
