// A condition builder: "field operator value" rows joined by all / any. Rules (json-rules-engine) and a field's
// show/hide condition (a JSON Forms rule) are both written with it.
import { useI18n } from '../../i18n';
import { OPERATORS, type Condition, type ConditionRow, type Operator } from './conditions';

export function ConditionEditor({ value, onChange, fields }: { value: Condition; onChange: (c: Condition) => void; fields: { key: string; label: string }[] }) {
  const { t } = useI18n();
  const setRow = (i: number, row: ConditionRow) => onChange({ ...value, rows: value.rows.map((r, j) => (j === i ? row : r)) });
  return (
    <div className="adm-stack adm-stack--tight">
      <label className="adm-inline">
        {t('admin.rules.when')}
        <select name="rule-join" value={value.join} onChange={(e) => onChange({ ...value, join: e.target.value as Condition['join'] })}>
          <option value="all">{t('admin.rules.all')}</option>
          <option value="any">{t('admin.rules.any')}</option>
        </select>
      </label>
      {value.rows.map((row, i) => (
        <div key={i} className="adm-row" data-testid={`condition-row-${i}`}>
          <select name="rule-field" aria-label={t('admin.rules.field')} value={row.field} onChange={(e) => setRow(i, { ...row, field: e.target.value })}>
            {fields.map((f) => (
              <option key={f.key} value={f.key}>
                {f.label}
              </option>
            ))}
          </select>
          <select name="rule-operator" aria-label={t('admin.rules.operator')} value={row.operator} onChange={(e) => setRow(i, { ...row, operator: e.target.value as Operator })}>
            {OPERATORS.map((o) => (
              <option key={o} value={o}>
                {t(`admin.rules.op.${o}`)}
              </option>
            ))}
          </select>
          <input name="rule-value" aria-label={t('admin.rules.value')} value={row.value} onChange={(e) => setRow(i, { ...row, value: e.target.value })} />
          <button type="button" className="adm-btn adm-btn--quiet" aria-label={t('admin.common.remove')} onClick={() => onChange({ ...value, rows: value.rows.filter((_, j) => j !== i) })}>
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="adm-btn adm-btn--small"
        name="add-condition"
        disabled={!fields.length}
        onClick={() => onChange({ ...value, rows: [...value.rows, { field: fields[0].key, operator: 'equal', value: '' }] })}
      >
        + {t('admin.rules.addCondition')}
      </button>
    </div>
  );
}
