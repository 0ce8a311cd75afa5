// The audit trail: who did what, when, why, and which fields changed from what to what.
import { useI18n } from '../i18n';
import type { FieldChange, HistoryEntry, Template } from '../model';
import { flattenChanges } from './flatten-changes';
import { useDepartmentLabel } from './department-label';
import { useUsers } from './people';
import { formatDateTime, formatValue } from '../lib/format';
import { stripIndexes } from '../forms/pointers';
import { pickBilingual } from '../forms/prepare-form';
import { StatusBadge } from '../components/status-badge';

function reasonLabel(t: Template | undefined, code: string, label: (l?: Template['name']) => string): string {
  for (const list of Object.values(t?.reasons ?? {})) {
    const r = list.find((x) => x.code === code);
    if (r) return label(r.label);
  }
  return code;
}

/** Record properties (not data fields) that history may name. */
const RECORD_FIELDS: Record<string, string> = { handler: 'record.handler', department: 'record.department', status: 'record.status' };

function fieldLabel(t: Template | undefined, path: string, lang: 'zh-CN' | 'en'): string {
  const key = stripIndexes(path);
  const l = t?.form.labels?.[key];
  const name = l ? l[lang] || l['zh-CN'] : undefined;
  const idx = path.match(/\/(\d+)(?=\/|$)/);
  if (name) return idx ? `${name} #${Number(idx[1]) + 1}` : name;
  // fall back to the schema title, else the pointer itself
  const parts = key.split('/').filter(Boolean);
  let s: unknown = t?.form.schema;
  for (const p of parts) {
    const o = s as { properties?: Record<string, unknown>; items?: { properties?: Record<string, unknown> } } | undefined;
    s = o?.properties?.[p] ?? o?.items?.properties?.[p];
  }
  const title = (s as { title?: string } | undefined)?.title;
  return title ? pickBilingual(title, lang) : path;
}

/** A comment's text with the people it mentions ("@姓名", "@username") marked out. */
function withMentions(text: string, mentions: string[] | undefined, people: { id: string; username: string; name: string }[] | undefined): React.ReactNode {
  const words = (mentions ?? [])
    .flatMap((id) => people?.filter((p) => p.id === id).flatMap((p) => [p.name, p.username]) ?? [])
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (!words.length) return text;
  const parts = text.split(new RegExp(`(@(?:${words.join('|')}))`, 'i'));
  return parts.map((part, i) => (i % 2 === 1 ? <mark key={i} className="mention">{part}</mark> : part));
}

export function HistoryTimeline({ entries, template }: { entries: HistoryEntry[]; template?: Template }) {
  const { t, lang, label } = useI18n();
  const people = useUsers();
  const nameOf = (id: string) => people.data?.find((u) => u.id === id)?.name ?? id;
  if (entries.length === 0) return <p className="muted">{t('history.empty')}</p>;
  const actionLabel = (a: string) => {
    const def = template?.actions?.[a];
    if (def) return label(def.label);
    const key = `history.action.${a}`;
    const known = t(key);
    return known === key ? a : known;
  };
  // an approval's request or rejection names the action asked for; entries written before `asked` held it in the comment
  const legacyAsked = (e: HistoryEntry) => !e.asked && (e.action === 'approval.requested' || e.action === 'approval.rejected') && !!e.comment && !!template?.actions?.[e.comment];
  const heading = (e: HistoryEntry) => {
    const asked = e.asked ?? (legacyAsked(e) ? e.comment : undefined);
    return asked ? t(`history.asked.${e.action}`, { action: actionLabel(asked) }) : actionLabel(e.action);
  };
  return (
    <ol className="timeline" data-testid="history">
      {entries.map((e, i) => (
        <li key={e.id ?? i} className="timeline-item">
          <div className="timeline-dot" aria-hidden="true" />
          <div className="timeline-body">
            <div className="timeline-head">
              <strong className="timeline-action">{heading(e)}</strong>
              {e.from && e.to && e.from !== e.to && (
                <span className="transition-line small">
                  <StatusBadge template={template} status={e.from} />
                  <span className="arrow">→</span>
                  <StatusBadge template={template} status={e.to} />
                </span>
              )}
              {!e.from && e.to && <StatusBadge template={template} status={e.to} />}
            </div>
            <div className="timeline-meta">
              <span>{e.actorName ?? e.actor}</span>
              <span>·</span>
              <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
              {e.automation && <span className="muted">{t('history.byAutomation')}</span>}
              {e.approvedBy && <span className="muted">{t('history.approvedBy', { who: nameOf(e.approvedBy) })}</span>}
            </div>
            {e.reason && (
              <div className="timeline-reason">
                {t('history.reason')}: {reasonLabel(template, e.reason, label)}
              </div>
            )}
            {e.comment && e.action === 'comment' ? (
              <div className="timeline-comment is-note">{withMentions(e.comment, e.mentions, people.data)}</div>
            ) : (
              e.comment && !legacyAsked(e) && <div className="timeline-comment">“{e.comment}”</div>
            )}
            {e.changes && e.changes.length > 0 && (
              <ChangeTable changes={flattenChanges(e.changes)} template={template} collapsed={!e.from} />
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}

function ChangeTable({ changes, template, collapsed }: { changes: FieldChange[]; template?: Template; collapsed: boolean }) {
  const { t, lang, label } = useI18n();
  const users = useUsers();
  const deptLabel = useDepartmentLabel();
  const field = (path: string) => {
    const own = RECORD_FIELDS[path.replace(/^\//, '')];
    return own ? t(own) : fieldLabel(template, path, lang);
  };
  const value = (path: string, v: unknown) => {
    const key = path.replace(/^\//, '');
    if (key === 'handler' && typeof v === 'string') return users.data?.find((u) => u.id === v)?.name ?? v;
    if (key === 'department' && typeof v === 'string') return deptLabel(v);
    if (key === 'status' && typeof v === 'string' && template?.states[v]) return label(template.states[v].label);
    return formatValue(v);
  };
  if (changes.length === 0) return null;
  const table = (
              <table className="changes">
                <tbody>
                  {changes.map((c, j) => (
                    <tr key={j}>
                      <th>{field(c.path)}</th>
                      <td className="before">{value(c.path, c.before)}</td>
                      <td className="arrow">→</td>
                      <td className="after">{value(c.path, c.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
  );
  if (!collapsed) return table;
  return (
    <details className="changes-details">
      <summary>{t('history.details', { n: changes.length })}</summary>
      {table}
    </details>
  );
}
