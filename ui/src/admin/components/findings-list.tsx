// Validation findings as a list: level, JSON pointer path, message.
import type { Finding } from '../issues';
import { useI18n } from '../../i18n';

interface Props {
  items: Finding[];
  /** Called with the path when a finding is clicked (to bring its part of the form into view). */
  onPick?: (path: string) => void;
  compact?: boolean;
  testId?: string;
}

export function FindingsList({ items, onPick, compact, testId }: Props) {
  const { t } = useI18n();
  if (items.length === 0) return null;
  return (
    <ul className={`adm-findings${compact ? ' adm-findings--compact' : ''}`} data-testid={testId}>
      {items.map((f, i) => (
        <li key={`${f.level}${f.path}${i}`} className={`adm-finding adm-finding--${f.level}`}>
          <span className="adm-finding__level">
            {t(f.level === 'error' ? 'admin.findings.error' : 'admin.findings.warning')}
          </span>
          {onPick ? (
            <button type="button" className="adm-finding__path adm-linkish" onClick={() => onPick(f.path)}>
              <code>{f.path || '/'}</code>
            </button>
          ) : (
            <code className="adm-finding__path">{f.path || '/'}</code>
          )}
          <span className="adm-finding__message">{f.message}</span>
        </li>
      ))}
    </ul>
  );
}
