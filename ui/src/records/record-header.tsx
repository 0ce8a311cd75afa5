import { useI18n } from '../i18n';
import type { RecordView, Template } from '../model';
import { StatusBadge } from '../components/status-badge';
import { formatDateTime, formatMoney } from '../lib/format';
import { useDepartmentLabel } from './department-label';

export function RecordHeader({ record, template }: { record: RecordView; template?: Template }) {
  const { t, lang, label } = useI18n();
  const deptLabel = useDepartmentLabel();
  const fields: [string, React.ReactNode][] = [
    [t('record.customer'), record.summary?.customer ?? '—'],
    [t('record.amount'), <span className="amount">{formatMoney(record.summary?.amount, lang) || '—'}</span>],
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
        {template && <span className="muted">{label(template.name)}</span>}
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
