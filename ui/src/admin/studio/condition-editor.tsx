// A condition builder: "field operator value" rows and nested groups, joined by all / any and, where the
// target allows it, negated. Rules (json-rules-engine) and a field's show/hide condition (a JSON Forms rule)
// are both written with it.
import { useI18n } from '../../i18n';
import { isGroup, OPERATORS, type Condition, type ConditionRow, type Operator } from './conditions';

interface Props {
  value: Condition;
  onChange: (c: Condition) => void;
  fields: { key: string; label: string }[];
  /** Whether groups may be negated ("none of"): json-rules-engine has `not`, JSON Forms rules do not. */
  negatable?: boolean;
  depth?: number;
}

function RowEditor({ row, onChange, fields }: { row: ConditionRow; onChange: (r: ConditionRow) => void; fields: Props['fields'] }) {
  const { t } = useI18n();
  return (
    <>
      <select name="rule-field" aria-label={t('admin.rules.field')} value={row.field} onChange={(e) => onChange({ ...row, field: e.target.value })}>
        {fields.map((f) => (
          <option key={f.key} value={f.key}>
            {f.label}
          </option>
        ))}
      </select>
      <select name="rule-operator" aria-label={t('admin.rules.operator')} value={row.operator} onChange={(e) => onChange({ ...row, operator: e.target.value as Operator })}>
        {OPERATORS.map((o) => (
          <option key={o} value={o}>
            {t(`admin.rules.op.${o}`)}
          </option>
        ))}
      </select>
      <input name="rule-value" aria-label={t('admin.rules.value')} value={row.value} onChange={(e) => onChange({ ...row, value: e.target.value })} />
    </>
  );
}

export function ConditionEditor({ value, onChange, fields, negatable, depth = 0 }: Props) {
  const { t } = useI18n();
  const setAt = (i: number, r: ConditionRow | Condition) => onChange({ ...value, rows: value.rows.map((x, j) => (j === i ? r : x)) });
  const removeAt = (i: number) => onChange({ ...value, rows: value.rows.filter((_, j) => j !== i) });
  const firstRow = (): ConditionRow => ({ field: fields[0].key, operator: 'equal', value: '' });

  return (
    <div className={`adm-stack adm-stack--tight${depth ? ' adm-condition-group' : ''}`} data-testid={depth ? 'condition-group' : undefined}>
      <div className="adm-row">
        {negatable && (
          <select name="rule-negate" aria-label={t('admin.rules.negate')} value={value.not ? 'not' : ''} onChange={(e) => onChange({ ...value, not: e.target.value === 'not' || undefined })}>
            <option value="">{t('admin.rules.when')}</option>
            <option value="not">{t('admin.rules.whenNot')}</option>
          </select>
        )}
        {!negatable && <span>{t('admin.rules.when')}</span>}
        <select name="rule-join" aria-label={t('admin.rules.join')} value={value.join} onChange={(e) => onChange({ ...value, join: e.target.value as Condition['join'] })}>
          <option value="all">{t('admin.rules.all')}</option>
          <option value="any">{t('admin.rules.any')}</option>
        </select>
      </div>
      {value.rows.map((row, i) => (
        <div key={i} className="adm-row" data-testid={isGroup(row) ? undefined : `condition-row-${i}`}>
          {isGroup(row) ? (
            <ConditionEditor value={row} onChange={(g) => setAt(i, g)} fields={fields} negatable={negatable} depth={depth + 1} />
          ) : (
            <RowEditor row={row} onChange={(r) => setAt(i, r)} fields={fields} />
          )}
          <button type="button" className="adm-btn adm-btn--quiet" aria-label={t('admin.common.remove')} onClick={() => removeAt(i)}>
            ×
          </button>
        </div>
      ))}
      <div className="adm-row">
        <button type="button" className="adm-btn adm-btn--small" name="add-condition" disabled={!fields.length} onClick={() => onChange({ ...value, rows: [...value.rows, firstRow()] })}>
          + {t('admin.rules.addCondition')}
        </button>
        <button
          type="button"
          className="adm-btn adm-btn--small"
          name="add-group"
          disabled={!fields.length}
          onClick={() => onChange({ ...value, rows: [...value.rows, { join: value.join === 'all' ? 'any' : 'all', rows: [firstRow()] }] })}
        >
          + {t('admin.rules.addGroup')}
        </button>
      </div>
    </div>
  );
}
