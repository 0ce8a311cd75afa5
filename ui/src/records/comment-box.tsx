// A comment under a record's history. Typing "@" offers people from the directory (GET /api/users?q=):
// choosing one writes "@姓名" (or "@username" where two people share the name), whom the server then notifies.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import type { HistoryEntry, PublicUser } from '../model';
import { errorText } from '../components/error-banner';
import { allUsers, searchUsers } from './people';

/** The longest comment the server keeps (characters). */
export const COMMENT_MAX = 2000;

/** The "@word" being typed just before the caret, if any: where its "@" is and what follows it. */
function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = before.match(/(^|[^\p{L}\p{N}_.@-])@([\p{L}\p{N}_.-]{0,40})$/u);
  if (!m) return null;
  return { start: caret - m[2].length - 1, query: m[2] };
}

export function CommentBox({ recordId, onPosted }: { recordId: string; onPosted: (entry: HistoryEntry) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [options, setOptions] = useState<PublicUser[]>([]);
  const [active, setActive] = useState(0);
  const box = useRef<HTMLTextAreaElement>(null);
  const length = [...text.trim()].length;
  const tooLong = length > COMMENT_MAX;

  // people matching what follows the "@", asked again as it changes (the last answer wins)
  useEffect(() => {
    if (!mention) return setOptions([]);
    let current = true;
    searchUsers(mention.query)
      .then((people) => current && (setOptions(people.filter((p) => !p.disabled).slice(0, 8)), setActive(0)))
      .catch(() => current && setOptions([]));
    return () => {
      current = false;
    };
  }, [mention?.query, mention?.start]);

  function changed(value: string, caret: number) {
    setText(value);
    setError(null);
    setMention(mentionAt(value, caret));
  }

  async function pick(person: PublicUser) {
    if (!mention) return;
    const everyone = await allUsers().catch(() => [] as PublicUser[]);
    const shared = everyone.filter((u) => u.name === person.name).length > 1;
    const word = `@${shared ? person.username : person.name} `;
    const caret = mention.start + 1 + mention.query.length;
    const next = text.slice(0, mention.start) + word + text.slice(caret);
    setText(next);
    setMention(null);
    const at = mention.start + word.length;
    requestAnimationFrame(() => {
      box.current?.focus();
      box.current?.setSelectionRange(at, at);
    });
  }

  function keyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (mention && options.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        void pick(options[active] ?? options[0]);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        setMention(null);
        return;
      }
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void post();
    }
  }

  async function post() {
    if (!length || tooLong || busy) return;
    setBusy(true);
    setError(null);
    try {
      const entry = await api<HistoryEntry>('POST', `/records/${encodeURIComponent(recordId)}/comments`, { text });
      setText('');
      setMention(null);
      onPosted(entry);
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="comment-box" data-testid="comment-box">
      <label className="field">
        <span>{t('comment.label')}</span>
        <textarea
          ref={box}
          className="input"
          rows={3}
          value={text}
          placeholder={t('comment.placeholder')}
          data-testid="comment-text"
          aria-invalid={tooLong || undefined}
          aria-autocomplete="list"
          aria-expanded={!!mention && options.length > 0}
          onChange={(e) => changed(e.target.value, e.target.selectionStart)}
          onKeyDown={keyDown}
          onBlur={() => setTimeout(() => setMention(null), 150)}
        />
      </label>
      {mention && options.length > 0 && (
        <ul className="mention-list" role="listbox" aria-label={t('comment.mentionList')} data-testid="mention-list">
          {options.map((p, i) => (
            <li key={p.id} role="option" aria-selected={i === active} className={i === active ? 'is-active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                void pick(p);
              }}
            >
              <strong>{p.name}</strong> <span className="muted small">@{p.username}</span>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <div className="alert alert-error" role="alert" data-testid="comment-error">
          {error}
        </div>
      )}
      <div className="comment-actions">
        <span className={`small ${tooLong ? 'text-danger' : 'muted'}`}>{t('comment.count', { n: length, max: COMMENT_MAX })}</span>
        <span className="muted small">{t('comment.hint')}</span>
        <span className="spacer" />
        <button type="button" className="btn btn-primary" data-testid="comment-post" disabled={!length || tooLong || busy} onClick={() => void post()}>
          {t('comment.post')}
        </button>
      </div>
    </div>
  );
}
