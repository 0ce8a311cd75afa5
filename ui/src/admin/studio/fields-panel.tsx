// The form's fields: what exists (read from the JSON Schema) and adding a top-level field.
import { useState } from 'react';
import type { Labels } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { pointer } from '../pointer';
import { under } from '../issues';
import { LabelsInput } from '../components/labels-input';
import { FindingsList } from '../components/findings-list';
import { addField, FIELD_KEY, FIELD_TYPES, listFields, moveField, parseOptions, removeField, setRequired as markRequired, type FieldType } from './form-fields';
import { keyProblem } from './key-problem';
import { useStudio } from './studio-context';

function fieldFindingPaths(p: string): string[] {
  const tokens = p.split('/').slice(1);
  const schemaPath = tokens.flatMap((tk) => ['properties', tk]);
  return [pointer('form', 'schema', ...schemaPath), pointer('form', 'labels', p), pointer('fields', p)];
}

export function FieldsPanel() {
  const { draft, original, update, findings } = useStudio();
  const originalKeys = new Set(listFields(original.form.schema).map((f) => f.pointer));
  const { t, label } = useI18n();
  const fields = listFields(draft.form.schema);
  const [key, setKey] = useState('');
  const [type, setType] = useState<FieldType>('string');
  const [labels, setLabels] = useState<Labels>({ 'zh-CN': '', en: '' });
  const [required, setRequired] = useState(false);
  const [optionsText, setOptionsText] = useState('');
  const options = parseOptions(optionsText);
  const missingOptions = type === 'choice' && options.length === 0;
  const problem = keyProblem(key, fields.filter((f) => f.depth === 0).map((f) => f.key), t, FIELD_KEY);
  const missingLabel = !labels['zh-CN'].trim();

  return (
    <div className="adm-stack">
      <table className="adm-table" data-testid="form-fields">
        <thead>
          <tr>
            <th>{t('admin.fields.pointer')}</th>
            <th>{t('admin.studio.label')}</th>
            <th>{t('admin.fields.type')}</th>
            <th>{t('admin.fields.required')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => {
            const mine = under(findings, ...fieldFindingPaths(f.pointer));
            const isNew = !originalKeys.has(f.pointer);
            const top = f.depth === 0;
            return (
              <tr key={f.pointer} id={`studio-field-${f.pointer}`} data-testid={`field-${f.key}`} className={isNew ? 'is-new' : ''}>
                <td style={{ paddingLeft: `${0.6 + f.depth * 1.2}rem` }}>
                  <code>{f.pointer}</code>
                  <FindingsList items={mine} compact />
                </td>
                <td>{label(draft.form.labels?.[f.pointer])}</td>
                <td>{t(`admin.fields.types.${f.type}`)}</td>
                <td>
                  {top ? (
                    <input
                      type="checkbox"
                      name={`required-${f.key}`}
                      aria-label={t('admin.fields.required')}
                      checked={f.required}
                      onChange={(e) => update((d) => markRequired(d, f.key, e.target.checked))}
                    />
                  ) : f.required ? '✓' : ''}
                </td>
                <td className="adm-table__actions">
                  {top && (
                    <>
                      <button type="button" className="adm-btn adm-btn--quiet" aria-label={t('admin.fields.up')} title={t('admin.fields.up')} onClick={() => update((d) => moveField(d, f.key, -1))}>
                        ↑
                      </button>
                      <button type="button" className="adm-btn adm-btn--quiet" aria-label={t('admin.fields.down')} title={t('admin.fields.down')} onClick={() => update((d) => moveField(d, f.key, 1))}>
                        ↓
                      </button>
                      <button type="button" className="adm-btn adm-btn--quiet" name={`remove-${f.key}`} onClick={() => update((d) => removeField(d, f.key))}>
                        {t('admin.common.remove')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <form
        className="adm-card adm-add"
        data-testid="add-field"
        onSubmit={(e) => {
          e.preventDefault();
          if (!key || problem || missingLabel || missingOptions) return;
          update((d) => addField(d, { key, type, label: { 'zh-CN': labels['zh-CN'].trim(), en: labels.en.trim() || key }, required, options }));
          setKey('');
          setLabels({ 'zh-CN': '', en: '' });
          setRequired(false);
          setOptionsText('');
        }}
      >
        <h3>{t('admin.fields.add')}</h3>
        <p className="adm-muted adm-small">{t('admin.fields.addHint')}</p>
        <div className="adm-add__row">
          <label className="adm-field">
            <span className="adm-field__label">{t('admin.studio.key')}</span>
            <input name="new-field-key" value={key} onChange={(e) => setKey(e.target.value.trim())} placeholder="poNumber" />
            {problem && <span className="adm-field-error">{problem}</span>}
          </label>
          <label className="adm-field">
            <span className="adm-field__label">{t('admin.fields.type')}</span>
            <select name="new-field-type" value={type} onChange={(e) => setType(e.target.value as FieldType)}>
              {FIELD_TYPES.map((ft) => (
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
          {type === 'choice' && (
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
    </div>
  );
}
