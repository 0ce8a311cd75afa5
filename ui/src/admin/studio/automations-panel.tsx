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
  const problem = !name ? '' : !KEY_PATTERN.test(name) ? t('admin.studio.keyPattern') : Object.hasOwn(draft.automations ?? {}, name) ? t('admin.studio.keyTaken') : '';
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
          <label className="adm-field">
            <span className="adm-field__label">{t('admin.automations.when')}</span>
            <select name="automation-event" value={event} onChange={(e) => setEvent(e.target.value as Event)}>
              {EVENTS.map((ev) => (
                <option key={ev} value={ev}>
                  {t(`admin.automations.eventName.${ev}`)}
                </option>
              ))}
            </select>
          </label>
          {event === 'action.done' && (
            <label className="adm-field">
              <span className="adm-field__label">{t('admin.automations.onAction')}</span>
              <select name="automation-on-action" value={onAction} onChange={(e) => setOnAction(e.target.value)}>
                {actions.map((a) => (
                  <option key={a.value} value={a.value}>
                    {a.label}
                  </option>
                ))}
              </select>
            </label>
          )}
          {event === 'field.changed' && (
            <label className="adm-field">
              <span className="adm-field__label">{t('admin.rules.field')}</span>
              <select name="automation-on-field" value={onField} onChange={(e) => setOnField(e.target.value)}>
                {fields.map((f) => (
                  <option key={f.pointer} value={f.pointer}>
                    {label(draft.form.labels?.[f.pointer]) || f.key}
                  </option>
                ))}
              </select>
            </label>
          )}
          {event === 'schedule' && (
            <label className="adm-field">
              <span className="adm-field__label">{t('admin.automations.everyMinutes')}</span>
              <input type="number" min={1} name="automation-every" value={every} onChange={(e) => setEvery(Math.max(1, Number(e.target.value) || 1))} />
            </label>
          )}
          <label className="adm-field">
            <span className="adm-field__label">{t('admin.automations.and')}</span>
            <select name="automation-when" value={when} onChange={(e) => setWhen(e.target.value)}>
              <option value="">{t('admin.automations.always')}</option>
              {rules.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          <label className="adm-field">
            <span className="adm-field__label">{t('admin.automations.then')}</span>
            <select name="automation-run" value={run} onChange={(e) => { setRun(e.target.value); setReason(''); }}>
              {actions.map((a) => (
                <option key={a.value} value={a.value}>
                  {a.label}
                </option>
              ))}
            </select>
          </label>
          {reasons.length > 0 && (
            <label className="adm-field">
              <span className="adm-field__label">{t('admin.automations.reason')}</span>
              <select name="automation-reason" value={reason} onChange={(e) => setReason(e.target.value)}>
                <option value="">—</option>
                {reasons.map((r) => (
                  <option key={r.code} value={r.code}>
                    {label(r.label)}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        <button type="submit" className="adm-btn adm-btn--primary" disabled={!ready}>
          {t('admin.common.add')}
        </button>
      </form>
    </div>
  );
}
