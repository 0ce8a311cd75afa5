// One record as a printable document: its header, every field the reader may read, and its history.
// The app's menu, top bar and buttons are left out on paper by the print stylesheet (base.css, @media print).
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import type { HistoryEntry, RecordView } from '../../model';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { RecordForm } from '../../forms/record-form';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { nounOf, useTemplate } from '../../lib/templates';
import { HistoryTimeline } from '../../records/history-timeline';
import { RecordHeader } from '../../records/record-header';

export function OrderPrintPage() {
  const { id = '' } = useParams();
  const { t, label, lang } = useI18n();
  const { user } = useAuth();
  const enc = encodeURIComponent(id);
  const rec = useAsync(() => api<RecordView>('GET', `/records/${enc}`), [id]);
  const history = useAsync(() => api<HistoryEntry[]>('GET', `/records/${enc}/history`), [id]);
  const record = rec.data;
  const template = useTemplate(record?.template, record?.templateVersion);
  const tpl = template.data;
  const title = record && tpl ? `${nounOf(tpl, label, true)} ${record.number}` : undefined;

  // the title names the file a browser saves the page as (print to PDF)
  useEffect(() => {
    if (!title) return;
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);

  if (rec.error && !record) return <ErrorBanner error={rec.error} onRetry={rec.reload} />;
  if (!record) return <Loading />;

  return (
    <div className="print-view">
      <div className="print-toolbar" data-testid="print-toolbar">
        <Link className="btn" to={`/orders/${enc}`}>
          {t('print.back')}
        </Link>
        <span className="spacer" />
        <button type="button" className="btn btn-primary" data-testid="print-button" onClick={() => window.print()}>
          {t('print.button')}
        </button>
      </div>
      <article className="print-doc" data-testid="print-doc">
        <RecordHeader record={record} template={tpl} />
        <section className="print-section">
          <h2 className="section-title">{t('record.data')}</h2>
          {tpl ? <RecordForm template={tpl} data={record.data} roles={user?.roles ?? []} editable={[]} readonly document /> : <Loading />}
        </section>
        <section className="print-section" data-testid="print-history">
          <h2 className="section-title">{t('history.title')}</h2>
          <ErrorBanner error={history.error} onRetry={history.reload} />
          {history.data ? <HistoryTimeline entries={history.data} template={tpl} /> : <Loading />}
        </section>
        <footer className="print-foot muted small">
          {t('print.printedBy', { name: user?.name ?? '', at: formatDateTime(new Date().toISOString(), lang) })}
        </footer>
      </article>
    </div>
  );
}
