// JSON pointers (RFC 6901): build, split, and ask whether one lies under another.

export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function pointer(...tokens: (string | number)[]): string {
  return tokens.map((t) => '/' + escapeToken(String(t))).join('');
}

/** Accepts "/a/b", "#/a/b" and "" (the whole document). */
export function splitPointer(p: string): string[] {
  const s = p.startsWith('#') ? p.slice(1) : p;
  if (s === '' || s === '/') return [];
  return s.replace(/^\//, '').split('/').map(unescapeToken);
}

export function normalizePointer(p: string): string {
  return pointer(...splitPointer(p));
}

/** True when `p` is `base` or somewhere below it. */
export function isUnder(p: string, base: string): boolean {
  const a = normalizePointer(p);
  const b = normalizePointer(base);
  return b === '' || a === b || a.startsWith(b + '/');
}
