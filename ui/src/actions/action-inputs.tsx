// The questions an action asks: a reason from the template's list, a comment, a new handler or department.
import { useI18n } from '../i18n';
import type { ActionMeta } from './action-meta';
import type { JsonObject } from '../model';
import { ParamsForm } from './params-form';
import { ReassignPicker, type ReassignValue } from './reassign-picker';

export interface ActionAnswers {
  reason: string;
  comment: string;
  pick: ReassignValue;
  /** Values of the action's other params, and how many of them are invalid now. */
  other: JsonObject;
  otherErrors: number;
}

export const emptyAnswers: ActionAnswers = { reason: '', comment: '', pick: {}, other: {}, otherErrors: 0 };

export function answersMissing(meta: ActionMeta, a: ActionAnswers): string | null {
  if (meta.needsReason && meta.reasonRequired && !a.reason) return 'action.reasonMissing';
  if (meta.commentRequired && !a.comment.trim()) return 'action.commentMissing';
  if ((meta.pickHandler || meta.pickDepartment) && !meta.otherParams && !a.pick.handler && !a.pick.department) return 'reassign.pickSomething';
  if (meta.otherParams && a.otherErrors > 0) return 'action.paramsInvalid';
  return null;
}

export function ActionInputs({ meta, value, onChange, currentHandler }: { meta: ActionMeta; value: ActionAnswers; onChange: (v: ActionAnswers) => void; currentHandler?: string }) {
  const { t, label } = useI18n();
  return (
    <div className="action-inputs">
      {(meta.pickHandler || meta.pickDepartment) && (
        <ReassignPicker value={value.pick} onChange={(pick) => onChange({ ...value, pick })} wantHandler={meta.pickHandler} wantDepartment={meta.pickDepartment} excludeUser={currentHandler} roles={meta.handlerRoles} />
      )}
      {meta.otherParams && (
        <ParamsForm schema={meta.otherParams} onChange={(other, otherErrors) => onChange({ ...value, other, otherErrors })} />
      )}
      {meta.needsReason && (
        <label className="field">
          <span>
            {t('action.reason')}
            {meta.reasonRequired && <span className="req">*</span>}
          </span>
          <select className="input" name="reason" value={value.reason} onChange={(e) => onChange({ ...value, reason: e.target.value })} required={meta.reasonRequired}>
            <option value="">{t('action.chooseReason')}</option>
            {meta.reasons.map((r) => (
              <option key={r.code} value={r.code}>
                {label(r.label)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>
          {t('action.comment')}
          {meta.commentRequired && <span className="req">*</span>}
        </span>
        <textarea className="input" name="comment" rows={3} value={value.comment} placeholder={t('action.commentPlaceholder')} onChange={(e) => onChange({ ...value, comment: e.target.value })} />
      </label>
    </div>
  );
}
