// The departments as <option>s, by their label in the current language, for the department selects.
import { useI18n } from '../i18n';
import type { Department } from '../model';
import { words } from '../lib/words';

export function DepartmentOptions({ departments }: { departments?: Department[] }) {
  const { lang } = useI18n();
  return (
    <>
      {(departments ?? []).map((d) => (
        <option key={d.id} value={d.id}>
          {words(d.label, lang)}
        </option>
      ))}
    </>
  );
}
