// The form designer: sections, the fields (and the columns of each sub-table) with their order, rights to edit
// one's properties, adding fields; and beside it a live preview of the form.
import { Fragment, useState } from 'react';
import { useI18n } from '../../i18n';
import { pointer } from '../pointer';
import { under } from '../issues';
import { FindingsList } from '../components/findings-list';
import { listColumns, listFields, moveColumn, removeField, setRequired, type FieldInfo } from './form-fields';
import { moveField, ruleOf } from './form-layout';
import { AddFieldForm } from './add-field-form';
import { FieldEditor } from './field-editor';
import { FormPreview } from './form-preview';
import { SectionsEditor } from './sections-editor';
import { useStudio } from './studio-context';

function fieldFindingPaths(p: string): string[] {
  const tokens = p.split('/').slice(1);
  const schemaPath = tokens.flatMap((tk) => ['properties', tk]);
  return [pointer('form', 'schema', ...schemaPath), pointer('form', 'labels', p), pointer('fields', p)];
}

/** Top-level fields and the fields of objects, each sub-table followed by its columns. */
function rowsOf(fields: FieldInfo[], columns: (list: string) => FieldInfo[]): { field: FieldInfo; column: boolean }[] {
  return fields.flatMap((f) => [{ field: f, column: false }, ...(f.type === 'lines' ? columns(f.pointer).map((c) => ({ field: c, column: true })) : [])]);
}

export function FieldsPanel() {
  const { draft, original, update, findings } = useStudio();
  const { t, label } = useI18n();
  const originalKeys = new Set(listFields(original.form.schema).map((f) => f.pointer));
  const [open, setOpen] = useState('');
  const [list, setList] = useState('');
  const rows = rowsOf(listFields(draft.form.schema), (l) => listColumns(draft, l));

  return (
    <div className="adm-designer">
      <div className="adm-stack">
        <SectionsEditor />
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
            {rows.map(({ field: f, column }) => {
              const mine = under(findings, ...fieldFindingPaths(f.pointer));
              const top = f.depth === 0;
              const movable = top || column;
              const move = (by: -1 | 1) => update((d) => (column ? moveColumn(d, f.pointer, by) : moveField(d, f.key, by)));
              const editing = open === f.pointer;
              return (
                <Fragment key={f.pointer}>
                  <tr id={`studio-field-${f.pointer}`} data-testid={`field-${column ? f.pointer : f.key}`} className={originalKeys.has(f.pointer) ? '' : 'is-new'}>
                    <td style={{ paddingLeft: `${0.6 + f.depth * 1.2}rem` }}>
                      <code>{f.pointer}</code>
                      {top && ruleOf(draft, f.key) && <span className="adm-badge" title={t('admin.fields.condition')}>{t('admin.fields.conditional')}</span>}
                      <FindingsList items={mine} compact />
                    </td>
                    <td>{label(draft.form.labels?.[f.pointer])}</td>
                    <td>{t(`admin.fields.types.${f.type}`)}</td>
                    <td>
                      {movable ? (
                        <input
                          type="checkbox"
                          name={`required-${f.key}`}
                          aria-label={t('admin.fields.required')}
                          checked={f.required}
                          onChange={(e) => update((d) => setRequired(d, f.pointer, e.target.checked))}
                        />
                      ) : f.required ? '✓' : ''}
                    </td>
                    <td className="adm-table__actions">
                      {movable && (
                        <>
                          <button type="button" className="adm-btn adm-btn--quiet" aria-label={t('admin.fields.up')} title={t('admin.fields.up')} onClick={() => move(-1)}>
                            ↑
                          </button>
                          <button type="button" className="adm-btn adm-btn--quiet" aria-label={t('admin.fields.down')} title={t('admin.fields.down')} onClick={() => move(1)}>
                            ↓
                          </button>
                        </>
                      )}
                      <button type="button" className="adm-btn adm-btn--quiet" name={`edit-${f.key}`} aria-expanded={editing} onClick={() => setOpen(editing ? '' : f.pointer)}>
                        {t('admin.fields.edit')}
                      </button>
                      {f.type === 'lines' && (
                        <button type="button" className="adm-btn adm-btn--quiet" name={`add-column-${f.key}`} onClick={() => setList(f.pointer)}>
                          + {t('admin.fields.addColumn')}
                        </button>
                      )}
                      {movable && (
                        <button type="button" className="adm-btn adm-btn--quiet" name={`remove-${f.key}`} onClick={() => update((d) => removeField(d, f.pointer))}>
                          {t('admin.common.remove')}
                        </button>
                      )}
                    </td>
                  </tr>
                  {editing && (
                    <tr>
                      <td colSpan={5}>
                        <FieldEditor field={f} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
        <AddFieldForm list={listFields(draft.form.schema).some((f) => f.pointer === list) ? list : ''} onListChange={setList} />
      </div>
      <FormPreview />
    </div>
  );
}
