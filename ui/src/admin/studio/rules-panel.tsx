// Rules by condition builder: "field operator value" rows joined by all / any, saved as the template's
// json-rules-engine rules that guards and automations name. Rules of another shape are shown as they are.
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { FindingsList } from '../components/findings-list';
import { under } from '../issues';
import { pointer } from '../pointer';
import { DERIVED, fromRule, toRule, type Condition } from './conditions';
import { DerivedEditor } from './derived-editor';
import { ConditionEditor } from './condition-editor';
import { RuleTrial } from './rule-trial';
import { KEY_PATTERN } from './draft-ops';
import { keyProblem } from './key-problem';
import { listFields } from './form-fields';
import { useStudio } from './studio-context';

export function RulesPanel() {
  const { draft, update, findings } = useStudio();
  const { t, label } = useI18n();
  const fields = [
    ...listFields(draft.form.schema)
      .filter((f) => f.depth === 0)
      .map((f) => ({ key: f.key, label: label(draft.form.labels?.[f.pointer]) || f.key })),
    // the derived values, for conditions on what the lines add up to
    ...Object.keys(draft.derived ?? {}).map((k) => ({ key: `${DERIVED}${k}`, label: `${t('admin.derived.short')} ${k}` })),
  ];
  const [name, setName] = useState('');
  const [condition, setCondition] = useState<Condition>({ join: 'all', rows: [] });
  const taken = Object.keys(draft.rules ?? {});
  const problem = keyProblem(name, taken, t, KEY_PATTERN);

  return (
    <div className="adm-stack">
      <DerivedEditor />
      {Object.entries(draft.rules ?? {}).map(([rule, def]) => {
        const built = fromRule(def);
        return (
          <div key={rule} className="adm-card adm-stack" id={`studio-rule-${rule}`} data-testid={`rule-${rule}`}>
            <div className="adm-row">
              <code>{rule}</code>
              <span className="adm-spacer" />
              <button type="button" className="adm-btn adm-btn--quiet" onClick={() => update((d) => delete d.rules[rule])}>
                {t('admin.common.remove')}
              </button>
            </div>
            {built ? (
              <ConditionEditor negatable fields={fields} value={built} onChange={(c) => update((d) => (d.rules[rule] = toRule(d, c)))} />
            ) : (
              <pre className="adm-small">{JSON.stringify(def, null, 2)}</pre>
            )}
            <RuleTrial rule={rule} />
            <FindingsList items={under(findings, pointer('rules', rule))} compact />
          </div>
        );
      })}
      <form
        className="adm-card adm-add adm-stack"
        data-testid="add-rule"
        onSubmit={(e) => {
          e.preventDefault();
          if (!name || problem || !condition.rows.length) return;
          update((d) => (d.rules = { ...(d.rules ?? {}), [name]: toRule(d, condition) }));
          setName('');
          setCondition({ join: 'all', rows: [] });
        }}
      >
        <h3>{t('admin.rules.add')}</h3>
        <p className="adm-muted adm-small">{t('admin.rules.addHint')}</p>
        <label className="adm-field">
          <span className="adm-field__label">{t('admin.studio.key')}</span>
          <input name="new-rule-key" value={name} placeholder="largeAmount" onChange={(e) => setName(e.target.value.trim())} />
          {problem && <span className="adm-field-error">{problem}</span>}
        </label>
        <ConditionEditor negatable fields={fields} value={condition} onChange={setCondition} />
        <button type="submit" className="adm-btn adm-btn--primary" disabled={!name || !!problem || !condition.rows.length}>
          {t('admin.common.add')}
        </button>
      </form>
    </div>
  );
}
