// JSON pointers, JSON Forms scopes and data paths, and which pointers cover which.

/** "#/properties/customer/properties/name" → "/customer/name" (array items drop out: "/lines/product"). */
export function scopeToPointer(scope: string): string {
  const parts = scope.replace(/^#\/?/, '').split('/').filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === 'properties' && i + 1 < parts.length) {
      out.push(parts[++i]);
    }
    // 'items' and other keywords carry no data key
  }
  return '/' + out.join('/');
}

/** "/lines/0/quantity" → "/lines/quantity": the pointer a template's labels and permissions use. */
export function stripIndexes(pointer: string): string {
  return pointer.replace(/\/\d+(?=\/|$)/g, '');
}

/** Does `granted` (e.g. "/customer") cover `target` (e.g. "/customer/name")? */
export function covers(granted: string, target: string): boolean {
  if (granted === '' || granted === '/' || granted === '*') return true;
  const g = stripIndexes(granted);
  const t = stripIndexes(target);
  return t === g || t.startsWith(g + '/');
}

/** May any of `editable` write under `target`, or `target` under it? (a parent control is writable when a child is) */
export function isWritable(editable: string[] | 'all', target: string): boolean {
  if (editable === 'all') return true;
  return editable.some((p) => covers(p, target));
}

/** "/customer/name" or "/data/customer/name" → "customer.name" (JSON Forms data path). */
export function pointerToDataPath(pointer: string): string {
  const p = pointer.startsWith('/data/') ? pointer.slice(5) : pointer;
  return p
    .split('/')
    .filter(Boolean)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}
