// The states tab: every state as a card, and a form to add one.
import { useI18n } from '../../i18n';
import { addState } from './draft-ops';
import { useStudio } from './studio-context';
import { StateCard } from './state-card';
import { AddByKeyForm } from './add-by-key-form';
import { NAME_PATTERN } from './draft-ops';

export function StatesPanel() {
  const { draft, update } = useStudio();
  const { t } = useI18n();

  return (
    <div className="adm-stack">
      {Object.keys(draft.states).map((k) => (
        <StateCard key={k} stateKey={k} />
      ))}
      <AddByKeyForm
        title={t('admin.studio.addState')}
        placeholder="on_hold"
        pattern={NAME_PATTERN}
        taken={draft.states}
        name="new-state"
        testId="add-state"
        withLabels
        onAdd={(key, label) => {
          update((d) => addState(d, key, label));
          requestAnimationFrame(() => document.getElementById(`studio-state-${key}`)?.scrollIntoView({ block: 'center' }));
        }}
      />
    </div>
  );
}
