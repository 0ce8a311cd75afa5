// One field's properties: label and help text in both languages, bounds, default, options, and for a field of
// the form its section and the condition that shows, hides, enables or disables it.
import type { Labels } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { pickBilingual } from '../../forms/prepare-form';
import { LabelsInput } from '../components/labels-input';
import { ConditionEditor } from './condition-editor';
import { EFFECTS, fromFormRule, toFormRule, type Effect, type FieldRule } from './field-rule';
import { BOUNDS, defaultText, helpOf, optionsText, setBound, setDefault, setHelp, setLabel, setOptions } from './field-props';
import { fieldSchemaAt, listFields, parseOptions, type FieldInfo } from './form-fields';
import { moveToSection, ruleOf, sectionOf, sectionsOf, setRule } from './form-layout';
import { useStudio } from './studio-context';

export function FieldEditor({ field }: { field: FieldInfo }) {
  const { draft, update } = useStudio();
  const { t, label, lang } = useI18n();
  const p = field.pointer;
  const schema = fieldSchemaAt(draft, p) ?? {};
  const top = field.depth === 0 && !p.slice(1).includes('/');
  const bounds = BOUNDS[field.type];
  const hasOptions = field.type === 'choice' || field.type === 'choices';
  const others = listFields(draft.form.schema)
    .filter((f) => f.depth === 0 && f.key !== field.key)
    .map((f) => ({ key: f.key, label: label(draft.form.labels?.[f.pointer]) || f.key }));
  const rule = top ? fromFormRule(ruleOf(draft, field.key)) : undefined;
  const foreignRule = top && !rule && ruleOf(draft, field.key) !== undefined;
  const setFieldRule = (r: FieldRule | undefined) => update((d) => setRule(d, field.key, r && r.condition.rows.length ? toFormRule(d, r) : undefined));

  return (
    <div className="adm-stack adm-field-editor" data-testid={`field-editor-${field.key}`}>
      <div className="adm-add__row">
        <div className="adm-field">
          <span className="adm-field__label">{t('admin.studio.label')}</span>
          <LabelsInput name="field-label" value={draft.form.labels?.[p]} onChange={(l: Labels) => update((d) => setLabel(d, p, l))} />
        </div>
        <div className="adm-field">
          <span className="adm-field__label">{t('admin.fields.help')}</span>
          <LabelsInput name="field-help" value={helpOf(draft, p)} onChange={(l: Labels) => update((d) => setHelp(d, p, l))} />
        </div>
      </div>
      <div className="adm-add__row">
        {bounds?.map((kw) => (
          <label key={kw} className="adm-field adm-field--narrow">
            <span className="adm-field__label">{t(`admin.fields.bounds.${kw}`)}</span>
            <input name={`field-${kw}`} inputMode="decimal" value={schema[kw] === undefined ? '' : String(schema[kw])} onChange={(e) => update((d) => setBound(d, p, kw, e.target.value))} />
          </label>
        ))}
        {field.type !== 'lines' && (
          <label className="adm-field">
            <span className="adm-field__label">{t('admin.fields.default')}</span>
            <input name="field-default" value={defaultText(draft, p)} onChange={(e) => update((d) => setDefault(d, p, field.type, e.target.value))} />
          </label>
        )}
        {top && sectionsOf(draft.form.uischema).length > 0 && (
          <label className="adm-field">
            <span className="adm-field__label">{t('admin.fields.section')}</span>
            <select name="field-section" value={sectionOf(draft.form.uischema, field.key)} onChange={(e) => update((d) => moveToSection(d, field.key, Number(e.target.value)))}>
              {draft.form.uischema.type !== 'Categorization' && <option value={-1}>{t('admin.fields.noSection')}</option>}
              {sectionsOf(draft.form.uischema).map((s) => (
                <option key={s.index} value={s.index}>
                  {pickBilingual(s.label, lang)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {hasOptions && (
        <label className="adm-field">
          <span className="adm-field__label">{t('admin.fields.options')}</span>
          <textarea name="field-options" rows={4} defaultValue={optionsText(draft, p)} onBlur={(e) => update((d) => setOptions(d, p, parseOptions(e.target.value)))} />
        </label>
      )}
      {top && (
        <div className="adm-field" data-testid="field-condition">
          <span className="adm-field__label">{t('admin.fields.condition')}</span>
          {foreignRule ? (
            <pre className="adm-small">{JSON.stringify(ruleOf(draft, field.key), null, 2)}</pre>
          ) : rule ? (
            <div className="adm-stack adm-stack--tight">
              <select name="field-effect" value={rule.effect} onChange={(e) => setFieldRule({ ...rule, effect: e.target.value as Effect })}>
                {EFFECTS.map((ef) => (
                  <option key={ef} value={ef}>
                    {t(`admin.fields.effects.${ef}`)}
                  </option>
                ))}
              </select>
              <ConditionEditor fields={others} value={rule.condition} onChange={(c) => setFieldRule({ ...rule, condition: c })} />
              {field.required && rule.effect === 'SHOW' && <p className="adm-muted adm-small">{t('admin.fields.requiredWhenShown')}</p>}
            </div>
          ) : (
            <button
              type="button"
              className="adm-btn adm-btn--small"
              name="add-field-condition"
              disabled={!others.length}
              onClick={() => setFieldRule({ effect: 'SHOW', condition: { join: 'all', rows: [{ field: others[0].key, operator: 'equal', value: '' }] } })}
            >
              + {t('admin.fields.addCondition')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
