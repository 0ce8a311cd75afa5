// A department's label in the reader's language; the server may send the id where a label was meant.
import { useI18n } from '../i18n';
import { words } from '../lib/words';
import { useDepartments } from './people';

export function useDepartmentLabel(): (id: string | undefined, given?: string) => string {
  const { lang } = useI18n();
  const depts = useDepartments();
  return (id, given) => {
    const d = depts.data?.find((x) => x.id === id);
    if (d && (!given || given === id)) return words(d.label, lang);
    return given ?? id ?? '';
  };
}
