// Field-level changes between two versions of a record's data, order lines included.
import { ownAt, toPointer } from './pointer.ts';
import type { FieldChange, Json } from './types.ts';

export function diffData(before: Json | undefined, after: Json | undefined, path: (string | number)[] = []): FieldChange[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const bothObjects = isObject(before) && isObject(after);
  const bothArrays = Array.isArray(before) && Array.isArray(after);
  if (bothArrays) {
    const a = before as Json[];
    const b = after as Json[];
    const out: FieldChange[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(...diffData(a[i], b[i], [...path, i]));
    return out;
  }
  if (bothObjects) {
    const a = before as Record<string, Json>;
    const b = after as Record<string, Json>;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    // Own keys only: a "__proto__" or "constructor" key is compared with nothing, not with Object.prototype.
    return [...keys].flatMap((k) => diffData(ownAt(a, k), ownAt(b, k), [...path, k]));
  }
  const change: FieldChange = { path: toPointer(path) };
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  return [change];
}

function isObject(v: unknown): v is Record<string, Json> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
