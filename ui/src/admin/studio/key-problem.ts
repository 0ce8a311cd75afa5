// What is wrong with a new key (of a role, rule, field, automation…), as the words a person reads; '' when nothing.
export function keyProblem(key: string, taken: string[], t: (k: string) => string, pattern: RegExp): string {
  if (!key) return '';
  if (!pattern.test(key)) return t('admin.studio.keyPattern');
  return taken.includes(key) ? t('admin.studio.keyTaken') : '';
}
