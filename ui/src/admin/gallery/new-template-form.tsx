// "New template": an id, names in both languages and a number prefix, from a blank page or as a copy of an
// installed template. Installed as version 1, then opened in the studio to be designed.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Labels, Template } from '../../../../plugin/core/types';
import { ApiError } from '../../api';
import { useI18n } from '../../i18n';
import { adminApi, type TemplateListItem } from '../admin-api';
import { LabelsInput } from '../components/labels-input';
import { AppearanceInput } from '../components/appearance-input';
import { FindingsList } from '../components/findings-list';
import { findings } from '../issues';
import { blankTemplate, copyTemplate, startProblems, type StartProblem, type TemplateStart } from './new-template';

const BLANK = '';

export function NewTemplateForm({ installed }: { installed: TemplateListItem[] }) {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const [start, setStart] = useState<TemplateStart>({ id: '', name: { 'zh-CN': '', en: '' }, numberPrefix: '' });
  const [from, setFrom] = useState(BLANK);
  const [problems, setProblems] = useState<StartProblem[]>([]);
  const [refused, setRefused] = useState<{ detail: string; errors: { path: string; message: string }[] }>();
  const [busy, setBusy] = useState(false);

  const say = (p: StartProblem) =>
    p.field === 'numberPrefix' && p.why === 'taken' ? t('admin.newTemplate.prefixTaken', { id: p.by }) : t(`admin.newTemplate.${p.field}.${p.why}`);
  const problemOf = (field: StartProblem['field']) => problems.find((p) => p.field === field);

  const create = async () => {
    setRefused(undefined);
    setBusy(true);
    try {
      const ids = [...new Set(installed.map((i) => i.id))];
      const templates = await Promise.all(ids.map((id) => adminApi.getTemplate(id)));
      const found = startProblems(start, templates);
      setProblems(found);
      if (found.length) return;
      const source = templates.find((x) => x.id === from);
      const bundle: Template = source ? copyTemplate(source, start) : blankTemplate(start);
      const res = await adminApi.installTemplate(bundle);
      navigate(`/admin/templates/${encodeURIComponent(res.id)}/studio`);
    } catch (e) {
      setRefused({ detail: e instanceof ApiError ? e.detail || e.code : String(e), errors: e instanceof ApiError ? (e.errors ?? []) : [] });
    } finally {
      setBusy(false);
    }
  };

  const field = (name: StartProblem['field'], text: string, input: React.ReactNode) => (
    <label className="adm-field">
      <span className="adm-field__label">{text}</span>
      {input}
      {problemOf(name) && <span className="adm-field-error" role="alert">{say(problemOf(name)!)}</span>}
    </label>
  );

  return (
    <form
      className="adm-stack"
      data-testid="new-template"
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      <label className="adm-field">
        <span className="adm-field__label">{t('admin.newTemplate.from')}</span>
        <select name="from" value={from} onChange={(e) => setFrom(e.target.value)}>
          <option value={BLANK}>{t('admin.newTemplate.blank')}</option>
          {installed.map((i) => (
            <option key={i.id} value={i.id}>
              {t('admin.newTemplate.copyOf', { name: typeof i.name === 'string' ? i.name : label(i.name), id: i.id })}
            </option>
          ))}
        </select>
      </label>
      {field('id', t('admin.newTemplate.id'), <input type="text" name="id" value={start.id} placeholder="purchase-return" onChange={(e) => setStart({ ...start, id: e.target.value.trim() })} />)}
      {field('name', t('admin.newTemplate.name'), <LabelsInput name="name" value={start.name} onChange={(name: Labels) => setStart({ ...start, name })} />)}
      {field('numberPrefix', t('admin.newTemplate.prefix'), <input type="text" name="numberPrefix" value={start.numberPrefix} placeholder="RT" onChange={(e) => setStart({ ...start, numberPrefix: e.target.value.trim() })} />)}
      <div className="adm-field">
        <span className="adm-field__label">{t('admin.appearance.label')}</span>
        <AppearanceInput name={start.name['zh-CN']} value={start.appearance} onChange={(appearance) => setStart({ ...start, appearance })} />
      </div>
      <p className="adm-muted">{from === BLANK ? t('admin.newTemplate.blankHint') : t('admin.newTemplate.copyHint')}</p>
      <button type="submit" className="adm-btn adm-btn--primary" disabled={busy}>
        {t('admin.newTemplate.create')}
      </button>
      {refused && (
        <div role="alert">
          <p className="adm-field-error">{refused.detail}</p>
          <FindingsList items={findings(refused.errors)} />
        </div>
      )}
    </form>
  );
}
