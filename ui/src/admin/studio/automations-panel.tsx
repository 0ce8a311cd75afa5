// Automations: when something happens to a record (created, an action done, a field changed, on a schedule),
// and a rule holds, the system runs an action, through the same checks as people.
import { useState } from 'react';
import type { AutomationDef, Labels } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { LabelsInput } from '../components/labels-input';
import { FindingsList } from '../components/findings-list';
import { under } from '../issues';
import { pointer } from '../pointer';
import { addAutomation, EVENTS, removeAutomation } from './automations';
import { KEY_PATTERN } from './draft-ops';
import { keyProblem } from './key-problem';
import { OptionSelect } from '../components/option-select';
import { listFields } from './form-fields';
import { useStudio } from './studio-context';

type Event = (typeof EVENTS)[number];

export function AutomationsPanel() {
  const { draft, update, findings } = useStudio();
  const { t, label } = useI18n();
  const actions = Object.entries(draft.actions).map(([k, a]) => ({ value: k, label: label(a.label) || k }));
  const rules = Object.keys(draft.rules ?? {});
  const fields = listFields(draft.form.schema).filter((f) => f.depth === 0);
  const [name, setName] = useState('');
  const [words, setWords] = useState<Labels>({ 'zh-CN': '', en: '' });
  const [event, setEvent] = useState<Event>('action.done');
  const [onAction, setOnAction] = useState(actions[0]?.value ?? '');
  const [onField, setOnField] = useState(fields[0]?.pointer ?? '');
  const [every, setEvery] = useState(60);
  const [when, setWhen] = useState('');
  const [run, setRun] = useState(actions[0]?.value ?? '');
  const [reason, setReason] = useState('');
  const reasonList = draft.actions[run]?.input?.reason?.list;
  const reasons = reasonList ? (draft.reasons[reasonList] ?? []) : [];
  const problem = keyProblem(name, Object.keys(draft.automations ?? {}), t, KEY_PATTERN);
  const ready = !!name && !problem && !!words['zh-CN'].trim() && !!run;
  const actionName = (k?: string) => actions.find((a) => a.value === k)?.label ?? k ?? '';

  const describe = (def: AutomationDef) =>
    t('admin.automations.summary', {
      on: t(`admin.automations.event.${def.on.event}`, { action: actionName(def.on.action), field: def.on.field ?? '', every: def.on.everyMinutes ?? 60 }),
      when: def.when ? t('admin.automations.andRule', { rule: def.when }) : '',
      run: actionName(def.run.action),
    });

  return (
    <div className="adm-stack">
      {Object.entries(draft.automations ?? {}).map(([key, def]) => (
        <div key={key} className="adm-card adm-row" id={`studio-automation-${key}`} data-testid={`automation-${key}`}>
          <code>{key}</code>
          <strong>{label(def.label)}</strong>
          <span className="adm-muted adm-small">{describe(def)}</span>
          <span className="adm-spacer" />
          <button type="button" className="adm-btn adm-btn--quiet" onClick={() => update((d) => removeAutomation(d, key))}>
            {t('admin.common.remove')}
          </button>
          <FindingsList items={under(findings, pointer('automations', key))} compact />
        </div>
      ))}
      <form
        className="adm-card adm-add adm-stack"
        data-testid="add-automation"
        onSubmit={(e) => {
          e.preventDefault();
          if (!ready) return;
          const on: AutomationDef['on'] =
            event === 'action.done' ? { event, action: onAction } : event === 'field.changed' ? { event, field: onField } : event === 'schedule' ? { event, everyMinutes: every } : { event };
          const def: AutomationDef = {
            label: { 'zh-CN': words['zh-CN'].trim(), en: words.en.trim() || name },
            on,
            ...(when ? { when } : {}),
            run: { action: run, ...(reason ? { reason } : {}) },
          };
          update((d) => addAutomation(d, name, def));
          setName('');
          setWords({ 'zh-CN': '', en: '' });
        }}
      >
        <h3>{t('admin.automations.add')}</h3>
        <p className="adm-muted adm-small">{t('admin.automations.hint')}</p>
        <div className="adm-add__row">
          <label className="adm-field">
            <span className="adm-field__label">{t('admin.studio.key')}</span>
            <input name="new-automation-key" value={name} placeholder="autoClose" onChange={(e) => setName(e.target.value.trim())} />
            {problem && <span className="adm-field-error">{problem}</span>}
          </label>
          <div className="adm-field">
            <span className="adm-field__label">{t('admin.studio.label')}</span>
            <LabelsInput name="new-automation-label" value={words} onChange={setWords} />
          </div>
        </div>
        <div className="adm-add__row">
          <OptionSelect
            name="automation-event"
            label={t('admin.automations.when')}
            value={event}
            options={EVENTS.map((ev) => ({ value: ev, label: t(`admin.automations.eventName.${ev}`) }))}
            onChange={(v) => setEvent(v as Event)}
          />
          {event === 'action.done' && <OptionSelect name="automation-on-action" label={t('admin.automations.onAction')} value={onAction} options={actions} onChange={setOnAction} />}
          {event === 'field.changed' && (
            <OptionSelect
              name="automation-on-field"
              label={t('admin.rules.field')}
              value={onField}
              options={fields.map((f) => ({ value: f.pointer, label: label(draft.form.labels?.[f.pointer]) || f.key }))}
              onChange={setOnField}
            />
          )}
          {event === 'schedule' && (
            <label className="adm-field">
              <span className="adm-field__label">{t('admin.automations.everyMinutes')}</span>
              <input type="number" min={1} name="automation-every" value={every} onChange={(e) => setEvery(Math.max(1, Number(e.target.value) || 1))} />
            </label>
          )}
          <OptionSelect name="automation-when" label={t('admin.automations.and')} value={when} none={t('admin.automations.always')} options={rules.map((r) => ({ value: r, label: r }))} onChange={setWhen} />
          <OptionSelect
            name="automation-run"
            label={t('admin.automations.then')}
            value={run}
            options={actions}
            onChange={(v) => {
              setRun(v);
              setReason('');
            }}
          />
          {reasons.length > 0 && (
            <OptionSelect name="automation-reason" label={t('admin.automations.reason')} value={reason} none="—" options={reasons.map((r) => ({ value: r.code, label: label(r.label) }))} onChange={setReason} />
          )}
        </div>
        <button type="submit" className="adm-btn adm-btn--primary" disabled={!ready}>
          {t('admin.common.add')}
        </button>
      </form>
    </div>
  );
}
