// One state: key (renamable while new), labels, flags, who may edit which fields, and its findings.
import type { StateDef } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { pointer } from '../pointer';
import { LabelsInput } from '../components/labels-input';
import { KeyInput } from '../components/key-input';
import { InlineFindings } from '../components/inline-findings';
import { removeState, renameState, setInitial } from './draft-ops';
import { useStudio } from './studio-context';
import { EditRights } from './edit-rights';

const FLAGS = ['terminal', 'readOnly', 'hidden'] as const;

export function StateCard({ stateKey }: { stateKey: string }) {
  const { draft, original, update } = useStudio();
  const { t } = useI18n();
  const state = draft.states[stateKey];
  const isNew = !(stateKey in original.states);
  const change = (fn: (s: StateDef) => void) => update((d) => fn(d.states[stateKey]));

  return (
    <article className={`adm-card adm-item${isNew ? ' is-new' : ''}`} id={`studio-state-${stateKey}`} data-testid={`state-${stateKey}`}>
      <header className="adm-item__head">
        {isNew ? (
          <KeyInput
            value={stateKey}
            name="state-key"
            taken={Object.keys(draft.states)}
            onCommit={(k) => update((d) => renameState(d, stateKey, k))}
          />
        ) : (
          <code className="adm-item__key">{stateKey}</code>
        )}
        {isNew && <span className="adm-badge adm-badge--new">{t('admin.studio.new')}</span>}
        <span className="adm-spacer" />
        {/* records made with earlier versions keep theirs; what still names the state is reported on validate */}
        <button type="button" className="adm-btn adm-btn--quiet" name={`remove-state-${stateKey}`} onClick={() => update((d) => removeState(d, stateKey))}>
          {t('admin.common.remove')}
        </button>
      </header>
      <div className="adm-grid2">
        <div className="adm-field">
          <span className="adm-field__label">{t('admin.studio.label')}</span>
          <LabelsInput name={`state-${stateKey}-label`} value={state.label} onChange={(l) => change((s) => (s.label = l))} />
        </div>
        <div className="adm-field">
          <span className="adm-field__label">{t('admin.studio.flags')}</span>
          <div className="adm-flags">
            <label title={t('admin.studio.flag.initialHint')}>
              <input type="checkbox" checked={!!state.initial} onChange={(e) => update((d) => {
                if (e.target.checked) setInitial(d, stateKey);
                else delete d.states[stateKey].initial;
              })} />
              {t('admin.studio.flag.initial')}
            </label>
            {FLAGS.map((f) => (
              <label key={f} title={t(`admin.studio.flag.${f}Hint`)}>
                <input
                  type="checkbox"
                  checked={!!state[f]}
                  onChange={(e) => change((s) => {
                    if (e.target.checked) s[f] = true;
                    else delete s[f];
                  })}
                />
                {t(`admin.studio.flag.${f}`)}
              </label>
            ))}
          </div>
        </div>
      </div>
      <details className="adm-sub" open={isNew || undefined}>
        <summary>{t('admin.studio.editRights')}</summary>
        {state.readOnly && <p className="adm-muted">{t('admin.studio.readOnlyNote')}</p>}
        <EditRights stateKey={stateKey} />
      </details>
      <InlineFindings at={[pointer('states', stateKey)]} testId={`findings-state-${stateKey}`} />
    </article>
  );
}
