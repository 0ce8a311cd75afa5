import type { Template } from '../model';
import { useI18n } from '../i18n';

const palette = ['blue', 'indigo', 'teal', 'green', 'amber', 'violet', 'cyan'];

/** A calm colour per state: initial states neutral, cancellations red, hidden or read-only ends grey, the rest by position. */
function tone(t: Template | undefined, state: string): string {
  const def = t?.states?.[state];
  if (/cancel|reject|void/i.test(state)) return 'red';
  if (def?.initial || state === 'draft') return 'neutral';
  if (def?.hidden || /archiv/i.test(state)) return 'grey';
  const names = t ? Object.keys(t.states) : [];
  const i = Math.max(0, names.indexOf(state));
  return palette[i % palette.length];
}

export function StatusBadge({ template, status }: { template?: Template; status: string }) {
  const { label } = useI18n();
  const def = template?.states?.[status];
  return (
    <span className={`badge badge-${tone(template, status)}`} data-status={status}>
      {def ? label(def.label) : status}
    </span>
  );
}
