// What an action will do, in the server's words, one line per effect.
import { useI18n } from '../i18n';
import type { PreviewEffect } from '../model';
import { words } from '../lib/words';

const icons: Record<string, string> = {
  state: '⇢',
  stock: '▦',
  ledger: '¥',
  notify: '✉',
  assign: '👤',
  set: '✎',
  approval: '✔',
  snapshot: '⎙',
  step: '↳',
};

export function EffectList({ effects }: { effects: PreviewEffect[] }) {
  const { t, lang } = useI18n();
  if (effects.length === 0) return <p className="muted">{t('action.noEffects')}</p>;
  return (
    <ul className="effect-list" data-testid="effect-list">
      {effects.map((e, i) => (
        <li key={i} className={`effect effect-${e.kind}`}>
          <span className="effect-icon" aria-hidden="true">
            {icons[e.kind] ?? '•'}
          </span>
          <span className="effect-kind">{t(`effect.${e.kind}`) !== `effect.${e.kind}` ? t(`effect.${e.kind}`) : e.kind}</span>
          <span className="effect-text">{words(e.text, lang)}</span>
        </li>
      ))}
    </ul>
  );
}
