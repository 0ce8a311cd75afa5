// What a person gives when running an action: a reason from a list (optional or required), a comment, params.
import type { ActionInput, JsonObject } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { JsonEditor } from '../components/json-editor';
import { useStudio } from './studio-context';

type Need = 'none' | 'optional' | 'required';

function clean(input: ActionInput): ActionInput | undefined {
  return Object.keys(input).length ? input : undefined;
}

export function ActionInputEditor({ value, onChange }: { value?: ActionInput; onChange: (v?: ActionInput) => void }) {
  const { draft } = useStudio();
  const { t } = useI18n();
  const input = value ?? {};
  const lists = Object.keys(draft.reasons ?? {});
  const reasonNeed: Need = !input.reason ? 'none' : input.reason.required ? 'required' : 'optional';
  const commentNeed: Need = !input.comment ? 'none' : input.comment.required ? 'required' : 'optional';

  const setReason = (need: Need, list = input.reason?.list ?? lists[0] ?? '') => {
    const { reason: _r, ...rest } = input;
    onChange(clean(need === 'none' ? rest : { ...rest, reason: { required: need === 'required', list } }));
  };
  const setComment = (need: Need) => {
    const { comment: _c, ...rest } = input;
    onChange(clean(need === 'none' ? rest : { ...rest, comment: { required: need === 'required' } }));
  };
  const needOptions = (
    <>
      <option value="none">{t('admin.studio.need.none')}</option>
      <option value="optional">{t('admin.studio.need.optional')}</option>
      <option value="required">{t('admin.studio.need.required')}</option>
    </>
  );

  return (
    <div className="adm-stack adm-stack--tight">
      <div className="adm-row">
        <span className="adm-row__label">{t('admin.studio.reason')}</span>
        <select aria-label={t('admin.studio.reason')} name="reason-need" value={reasonNeed} onChange={(e) => setReason(e.target.value as Need)}>
          {needOptions}
        </select>
        {input.reason && (
          <select aria-label={t('admin.studio.reasonList')} name="reason-list" value={input.reason.list} onChange={(e) => setReason(reasonNeed, e.target.value)}>
            {!lists.includes(input.reason.list) && <option value={input.reason.list}>{input.reason.list || '—'}</option>}
            {lists.map((l) => (
              <option key={l} value={l}>
                {t('admin.studio.reasonListName', { list: l, n: draft.reasons[l].length })}
              </option>
            ))}
          </select>
        )}
      </div>
      <div className="adm-row">
        <span className="adm-row__label">{t('admin.studio.comment')}</span>
        <select aria-label={t('admin.studio.comment')} value={commentNeed} onChange={(e) => setComment(e.target.value as Need)}>
          {needOptions}
        </select>
      </div>
      <details className="adm-sub">
        <summary>{t('admin.studio.paramsSchema')}</summary>
        <p className="adm-muted adm-small">{t('admin.studio.paramsHint')}</p>
        <JsonEditor
          objectOnly
          rows={6}
          label={t('admin.studio.paramsSchema')}
          value={input.params}
          onChange={(v) => {
            const { params: _p, ...rest } = input;
            onChange(clean(v ? { ...rest, params: v as JsonObject } : rest));
          }}
        />
      </details>
    </div>
  );
}
