// Adds a field to the form, or a column to one of its sub-tables: key (any language), type, label, options.
import { useState } from 'react';
import type { Labels } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { LabelsInput } from '../components/labels-input';
import { addField, COLUMN_TYPES, FIELD_KEY, FIELD_TYPES, listColumns, listFields, parseOptions, type FieldType } from './form-fields';
import { keyProblem } from './key-problem';
import { useStudio } from './studio-context';

/** `list`: the sub-table the new field becomes a column of; '' for the form. */
export function AddFieldForm({ list, onListChange }: { list: string; onListChange: (list: string) => void }) {
  const { draft, update } = useStudio();
  const { t, label } = useI18n();
  const [key, setKey] = useState('');
  const [type, setType] = useState<FieldType>('string');
  const [labels, setLabels] = useState<Labels>({ 'zh-CN': '', en: '' });
  const [required, setRequired] = useState(false);
  const [optionsText, setOptionsText] = useState('');
  const tables = listFields(draft.form.schema).filter((f) => f.depth === 0 && f.type === 'lines');
  const types = list ? COLUMN_TYPES : FIELD_TYPES;
  const chosen = types.includes(type) ? type : 'string';
  const options = parseOptions(optionsText);
  const withOptions = chosen === 'choice' || chosen === 'choices';
  const missingOptions = withOptions && options.length === 0;
  const siblings = list ? listColumns(draft, list) : listFields(draft.form.schema).filter((f) => f.depth === 0);
  const problem = keyProblem(key, siblings.map((f) => f.key), t, FIELD_KEY);
  const missingLabel = !labels['zh-CN'].trim();

  return (
    <form
      className="adm-card adm-add"
      data-testid="add-field"
      onSubmit={(e) => {
        e.preventDefault();
        if (!key || problem || missingLabel || missingOptions) return;
        update((d) => addField(d, { key, type: chosen, label: { 'zh-CN': labels['zh-CN'].trim(), en: labels.en.trim() || key }, required, options }, list));
        setKey('');
        setLabels({ 'zh-CN': '', en: '' });
        setRequired(false);
        setOptionsText('');
      }}
    >
      <h3>{t('admin.fields.add')}</h3>
      <p className="adm-muted adm-small">{t('admin.fields.addHint')}</p>
      <div className="adm-add__row">
        {tables.length > 0 && (
          <label className="adm-field">
            <span className="adm-field__label">{t('admin.fields.addTo')}</span>
            <select name="new-field-list" value={list} onChange={(e) => onListChange(e.target.value)}>
              <option value="">{t('admin.fields.toForm')}</option>
              {tables.map((f) => (
                <option key={f.pointer} value={f.pointer}>
                  {t('admin.fields.toTable', { table: label(draft.form.labels?.[f.pointer]) || f.key })}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="adm-field">
          <span className="adm-field__label">{t('admin.studio.key')}</span>
          <input name="new-field-key" value={key} onChange={(e) => setKey(e.target.value.trim())} placeholder="poNumber" />
          {problem && <span className="adm-field-error">{problem}</span>}
        </label>
        <label className="adm-field">
          <span className="adm-field__label">{t('admin.fields.type')}</span>
          <select name="new-field-type" value={chosen} onChange={(e) => setType(e.target.value as FieldType)}>
            {types.map((ft) => (
              <option key={ft} value={ft}>
                {t(`admin.fields.types.${ft}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="adm-field">
          <span className="adm-field__label">{t('admin.studio.label')}</span>
          <LabelsInput name="new-field-label" value={labels} onChange={setLabels} />
        </div>
        {withOptions && (
          <label className="adm-field">
            <span className="adm-field__label">{t('admin.fields.options')}</span>
            <textarea name="new-field-options" rows={4} value={optionsText} onChange={(e) => setOptionsText(e.target.value)} placeholder={'damaged | 破损 | Damaged\nwrong_item | 发错货 | Wrong item'} />
            {missingOptions && <span className="adm-field-error">{t('admin.fields.optionsMissing')}</span>}
          </label>
        )}
        <label className="adm-inline">
          <input type="checkbox" name="new-field-required" checked={required} onChange={(e) => setRequired(e.target.checked)} />
          {t('admin.fields.required')}
        </label>
        <button type="submit" className="adm-btn adm-btn--primary" disabled={!key || !!problem || missingLabel || missingOptions}>
          {t('admin.common.add')}
        </button>
      </div>
    </form>
  );
}
