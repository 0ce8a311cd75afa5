import { useI18n } from '../i18n';
import type { RecordView, Template } from '../model';
import { StatusBadge } from '../components/status-badge';
import { formatDateTime, formatMoney } from '../lib/format';
import { nounOf } from '../lib/templates';
import { useDepartmentLabel } from './department-label';

export function RecordHeader({ record, template }: { record: RecordView; template?: Template }) {
  const { t, lang, label } = useI18n();
  const deptLabel = useDepartmentLabel();
  // a customer and an amount only where the template's summary has them (a settlement has neither)
  const fields: [string, React.ReactNode][] = [
    ...(template && !template.summary?.customer ? [] : [[t('record.customer'), record.summary?.customer ?? '—'] as [string, React.ReactNode]]),
    ...(template && !template.summary?.amount ? [] : [[t('record.amount'), <span className="amount">{formatMoney(record.summary?.amount, lang) || '—'}</span>] as [string, React.ReactNode]]),
    [t('record.handler'), record.handlerName ?? record.handler],
    [t('record.department'), deptLabel(record.department, record.departmentLabel)],
    [t('record.createdAt'), formatDateTime(record.createdAt, lang)],
    [t('record.updatedAt'), formatDateTime(record.updatedAt, lang)],
  ];
  return (
    <div className="record-header card" data-testid="record-header">
      <div className="record-title">
        <h1 data-testid="record-number">{record.number}</h1>
        <StatusBadge template={template} status={record.status} />
        {template && <span className="muted" data-testid="record-noun">{nounOf(template, label, true)}</span>}
      </div>
      <dl className="summary-grid">
        {fields.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {record.copiedFrom && <p className="muted small">{t('record.copiedFrom')}</p>}
    </div>
  );
}
