// What is wrong with a new key (of a role, rule, field, automation…), as the words a person reads; '' when nothing.
import { NAME_PATTERN } from './draft-ops';
export function keyProblem(key: string, taken: string[], t: (k: string) => string, pattern: RegExp): string {
  if (!key) return '';
  if (!pattern.test(key)) return t(pattern === NAME_PATTERN ? 'admin.studio.namePattern' : 'admin.studio.keyPattern');
  return taken.includes(key) ? t('admin.studio.keyTaken') : '';
}
