// Validation findings from the server, tagged error or warning, and the ones that belong to a part of the template.
import type { Issue } from './admin-api';
import { isUnder, normalizePointer } from './pointer';

export type Level = 'error' | 'warning';

export interface Finding extends Issue {
  level: Level;
}

export function findings(errors: Issue[] = [], warnings: Issue[] = []): Finding[] {
  const tag = (level: Level) => (i: Issue): Finding => ({
    path: normalizePointer(i.path ?? ''),
    message: i.message,
    level,
  });
  return [...errors.map(tag('error')), ...warnings.map(tag('warning'))];
}

export function under(all: Finding[], ...bases: string[]): Finding[] {
  return all.filter((f) => bases.some((b) => isUnder(f.path, b)));
}

export function countByLevel(list: Finding[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const f of list) {
    if (f.level === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}
