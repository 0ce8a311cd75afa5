// One action: labels, from → to, who may run it, input, guards, approval, effects, and its findings.
import type { ActionDef, Json } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { pointer } from '../pointer';
import { under } from '../issues';
import { LabelsInput } from '../components/labels-input';
import { KeyInput } from '../components/key-input';
import { CheckChips } from '../components/check-chips';
import { InlineFindings } from '../components/inline-findings';
import { removeAction, renameAction } from './draft-ops';
import { useStudio } from './studio-context';
import { GrantsEditor } from './grants-editor';
import { ApprovalEditor } from './approval-editor';
import { EffectsEditor } from './effects-editor';
import { ActionInputEditor } from './action-input-editor';
import { GuardsEditor } from './guards-editor';

function paramNames(schema: Json | undefined): string[] {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return [];
  const props = schema.properties;
  return props && typeof props === 'object' && !Array.isArray(props) ? Object.keys(props) : [];
}

export function ActionCard({ actionKey }: { actionKey: string }) {
  const { draft, original, update, findings, stateOptions } = useStudio();
  const { t, label } = useI18n();
  const action = draft.actions[actionKey];
  const isNew = !(actionKey in original.actions);
  const at = pointer('actions', actionKey);
  const mine = under(findings, at);
  const change = (fn: (a: ActionDef) => void) => update((d) => fn(d.actions[actionKey]));
  const stateName = (k: string) => (draft.states[k] ? label(draft.states[k].label) : k);
  const flow = `${(action.from ?? []).map(stateName).join(' / ') || '—'} → ${action.to ? stateName(action.to) : t('admin.studio.stays')}`;

  return (
    <details
      className={`adm-card adm-item adm-action${isNew ? ' is-new' : ''}${mine.some((f) => f.level === 'error') ? ' has-error' : mine.length ? ' has-warning' : ''}`}
      id={`studio-action-${actionKey}`}
      data-testid={`action-${actionKey}`}
      open={isNew || mine.length > 0 || undefined}
    >
      <summary className="adm-item__head">
        <code className="adm-item__key">{actionKey}</code>
        <strong>{label(action.label)}</strong>
        <span className="adm-muted adm-small">{flow}</span>
        {action.danger && <span className="adm-badge adm-badge--danger">{t('admin.studio.danger')}</span>}
        {action.approval && <span className="adm-badge">{t('admin.studio.approvalBadge')}</span>}
        {mine.length > 0 && <span className="adm-badge adm-badge--warn">{mine.length}</span>}
      </summary>

      <div className="adm-item__body">
        <div className="adm-row">
          {isNew && (
            <>
              <span className="adm-row__label">{t('admin.studio.key')}</span>
              <KeyInput value={actionKey} name="action-key" taken={Object.keys(draft.actions)} onCommit={(k) => update((d) => renameAction(d, actionKey, k))} />
            </>
          )}
          <span className="adm-spacer" />
          <button type="button" className="adm-btn adm-btn--quiet" name={`remove-action-${actionKey}`} onClick={() => update((d) => removeAction(d, actionKey))}>
            {t('admin.common.remove')}
          </button>
        </div>
        <div className="adm-grid2">
          <div className="adm-field">
            <span className="adm-field__label">{t('admin.studio.label')}</span>
            <LabelsInput name={`action-${actionKey}-label`} value={action.label} onChange={(l) => change((a) => (a.label = l))} />
          </div>
          <div className="adm-field">
            <span className="adm-field__label">{t('admin.studio.description')}</span>
            <LabelsInput
              multiline
              value={action.description}
              onChange={(l) => change((a) => {
                if (l['zh-CN'] || l.en) a.description = l;
                else delete a.description;
              })}
            />
          </div>
        </div>

        <div className="adm-grid2">
          <div className="adm-field">
            <span className="adm-field__label">{t('admin.studio.from')}</span>
            <CheckChips name={`action-${actionKey}-from`} options={stateOptions} value={action.from ?? []} onChange={(from) => change((a) => (a.from = from))} />
          </div>
          <label className="adm-field">
            <span className="adm-field__label">{t('admin.studio.to')}</span>
            <select
              name={`action-${actionKey}-to`}
              value={action.to ?? ''}
              onChange={(e) => change((a) => {
                if (e.target.value) a.to = e.target.value;
                else delete a.to;
              })}
            >
              <option value="">{t('admin.studio.stays')}</option>
              {action.to && !draft.states[action.to] && <option value={action.to}>{action.to}</option>}
              {stateOptions.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
            <span className="adm-flags">
              <label>
                <input type="checkbox" checked={!!action.danger} onChange={(e) => change((a) => {
                  if (e.target.checked) a.danger = true;
                  else delete a.danger;
                })} />
                {t('admin.studio.danger')}
              </label>
              <label title={t('admin.studio.majorHint')}>
                <input type="checkbox" checked={!!action.major} onChange={(e) => change((a) => {
                  if (e.target.checked) a.major = true;
                  else delete a.major;
                })} />
                {t('admin.studio.major')}
              </label>
            </span>
          </label>
        </div>

        <div className="adm-grid2">
          <div className="adm-field">
            <span className="adm-field__label">{t('admin.studio.allow')}</span>
            <GrantsEditor name={`action-${actionKey}-allow`} value={action.allow ?? []} onChange={(allow) => change((a) => (a.allow = allow))} />
          </div>
          <div className="adm-field">
            <span className="adm-field__label">{t('admin.studio.input')}</span>
            <ActionInputEditor value={action.input} onChange={(input) => change((a) => {
              if (input) a.input = input;
              else delete a.input;
            })} />
          </div>
        </div>

        <div className="adm-grid2">
          <div className="adm-field">
            <span className="adm-field__label">{t('admin.studio.approval')}</span>
            <ApprovalEditor name={`action-${actionKey}-approval`} value={action.approval} onChange={(ap) => change((a) => {
              if (ap) a.approval = ap;
              else delete a.approval;
            })} />
          </div>
          <div className="adm-field">
            <span className="adm-field__label">{t('admin.studio.guards')}</span>
            <GuardsEditor value={action.guards ?? []} onChange={(g) => change((a) => {
              if (g.length) a.guards = g;
              else delete a.guards;
            })} />
          </div>
        </div>

        <div className="adm-field">
          <span className="adm-field__label">{t('admin.studio.effects')}</span>
          <EffectsEditor
            name={`action-${actionKey}-effects`}
            params={paramNames(action.input?.params)}
            value={action.effects ?? []}
            onChange={(effects) => change((a) => {
              if (effects.length) a.effects = effects;
              else delete a.effects;
            })}
          />
        </div>
        <InlineFindings at={[at]} testId={`findings-action-${actionKey}`} />
      </div>
    </details>
  );
}
