// The notifications: recipients, title and body in both languages, which actions send each.
import type { NotificationDef } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { pointer } from '../pointer';
import { LabelsInput } from '../components/labels-input';
import { InlineFindings } from '../components/inline-findings';
import { useStudio } from './studio-context';
import { RecipientsEditor } from './recipients-editor';
import { AddByKeyForm } from './add-by-key-form';
import { CheckChips } from '../components/check-chips';
import { listFields } from './form-fields';
import { sendOn } from './draft-ops';

function NotificationCard({ name }: { name: string }) {
  const { draft, update } = useStudio();
  const { t, label } = useI18n();
  const n = draft.notifications[name];
  const actionOptions = Object.entries(draft.actions).map(([k, a]) => ({ value: k, label: label(a.label) || k }));
  // fields only some roles may read never go into a message
  const shareable = listFields(draft.form.schema).filter((f) => f.type !== 'lines' && f.type !== 'object' && !draft.fields?.[f.pointer]?.read);
  const change = (fn: (x: NotificationDef) => void) => update((d) => fn(d.notifications[name]));
  const sentBy = Object.entries(draft.actions)
    .filter(([, a]) => (a.effects ?? []).some((e) => e.type === 'notify' && e.notification === name))
    .map(([k]) => k);
  return (
    <article className="adm-card adm-item" id={`studio-notification-${name}`} data-testid={`notification-${name}`}>
      <header className="adm-item__head">
        <code className="adm-item__key">{name}</code>
        <span className="adm-muted adm-small">
          {sentBy.length ? t('admin.studio.sentBy', { list: sentBy.join(', ') }) : t('admin.studio.unused')}
        </span>
      </header>
      <div className="adm-field">
        <span className="adm-field__label">{t('admin.studio.sentWhen')}</span>
        <CheckChips name={`notification-${name}-actions`} options={actionOptions} value={sentBy} onChange={(next) => update((d) => sendOn(d, name, next))} />
      </div>
      <div className="adm-field">
        <span className="adm-field__label">{t('admin.studio.recipients')}</span>
        <RecipientsEditor value={n.recipients ?? []} onChange={(r) => change((x) => (x.recipients = r))} />
      </div>
      <div className="adm-grid2">
        <div className="adm-field">
          <span className="adm-field__label">{t('admin.studio.notificationTitle')}</span>
          <LabelsInput name={`notification-${name}-title`} value={n.title} onChange={(l) => change((x) => (x.title = l))} />
        </div>
        <div className="adm-field">
          <span className="adm-field__label">{t('admin.studio.body')}</span>
          <LabelsInput
            multiline
            name={`notification-${name}-body`}
            value={n.body}
            onChange={(l) => change((x) => {
              if (l['zh-CN'] || l.en) x.body = l;
              else delete x.body;
            })}
          />
          <select
            name={`notification-${name}-field`}
            aria-label={t('admin.studio.insertField')}
            value=""
            onChange={(e) => {
              const token = ` {${e.target.value}}`;
              change((x) => (x.body = { 'zh-CN': `${x.body?.['zh-CN'] ?? ''}${token}`, en: `${x.body?.en ?? ''}${token}` }));
            }}
          >
            <option value="">{t('admin.studio.insertField')}</option>
            {shareable.map((f) => (
              <option key={f.pointer} value={f.pointer}>
                {label(draft.form.labels?.[f.pointer]) || f.key}
              </option>
            ))}
          </select>
        </div>
      </div>
      <InlineFindings at={[pointer('notifications', name)]} />
    </article>
  );
}

export function NotificationsPanel() {
  const { draft, update } = useStudio();
  const { t } = useI18n();
  return (
    <div className="adm-stack">
      <p className="adm-muted adm-small">{t('admin.studio.placeholders')}</p>
      {Object.keys(draft.notifications ?? {}).map((n) => (
        <NotificationCard key={n} name={n} />
      ))}
      <AddByKeyForm
        title={t('admin.studio.addNotification')}
        placeholder="orderOnHold"
        taken={draft.notifications}
        name="new-notification"
        testId="add-notification"
        onAdd={(name) => update((d) => (d.notifications = { ...(d.notifications ?? {}), [name]: { recipients: ['handler'], title: { 'zh-CN': '', en: '' } } }))}
      />
    </div>
  );
}
