// The actions tab: every action as a collapsible card, and a form to add one.
import { useI18n } from '../../i18n';
import { addAction } from './draft-ops';
import { useStudio } from './studio-context';
import { ActionCard } from './action-card';
import { AddByKeyForm } from './add-by-key-form';
import { NAME_PATTERN } from './draft-ops';

export function ActionsPanel() {
  const { draft, update } = useStudio();
  const { t } = useI18n();

  return (
    <div className="adm-stack">
      {Object.keys(draft.actions).map((k) => (
        <ActionCard key={k} actionKey={k} />
      ))}
      <AddByKeyForm
        title={t('admin.studio.addAction')}
        placeholder="hold"
        pattern={NAME_PATTERN}
        taken={draft.actions}
        name="new-action"
        testId="add-action"
        withLabels
        onAdd={(key, label) => update((d) => addAction(d, key, label))}
      />
    </div>
  );
}
