// One order: header, data (read-only form), the actions the server offers now, history, stock, ledger.
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import type { AvailableAction, HistoryEntry, LedgerEntry, RecordView, StockMovement } from '../../model';
import { ActionDialog } from '../../actions/action-dialog';
import type { ActionResult } from '../../actions/run-action';
import { ErrorBanner, errorText } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { Notice } from '../../components/notice';
import { RecordForm } from '../../forms/record-form';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { useTemplate } from '../../lib/templates';
import { CommentBox } from '../../records/comment-box';
import { HistoryTimeline } from '../../records/history-timeline';
import { LedgerEntries } from '../../records/ledger-entries';
import { RecordHeader } from '../../records/record-header';
import { StockMovements } from '../../records/stock-movements';
import { copyPath } from '../../records/copy-record';

type Msg = { tone: 'success' | 'info' | 'error' | 'warning'; text: string };

export function OrderDetailPage() {
  const { id = '' } = useParams();
  const { t, label, lang } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const enc = encodeURIComponent(id);
  const rec = useAsync(() => api<RecordView>('GET', `/records/${enc}`), [id]);
  const record = rec.data;
  const template = useTemplate(record?.template, record?.templateVersion);
  const history = useAsync(() => api<HistoryEntry[]>('GET', `/records/${enc}/history`), [id, record?.version]);
  const stock = useAsync(() => api<StockMovement[]>('GET', `/records/${enc}/stock`).catch(() => []), [id, record?.version]);
  const ledger = useAsync(
    () => api<{ entries: LedgerEntry[]; balances: Record<string, number> }>('GET', `/records/${enc}/ledger`).catch(() => ({ entries: [], balances: {} })),
    [id, record?.version],
  );
  const [action, setAction] = useState<AvailableAction | null>(null);
  const [msg, setMsg] = useState<Msg | null>((location.state as { msg?: Msg } | null)?.msg ?? null);

  if (rec.error && !record) return <ErrorBanner error={rec.error} onRetry={rec.reload} />;
  if (!record) return <Loading />;

  const tpl = template.data;
  const actions = record.availableActions ?? [];
  const stateDef = tpl?.states[record.status];
  const canEdit = record.editable?.length > 0 && !stateDef?.readOnly;
  // stock moves only for templates with goods lines; any movement that exists is still shown
  const showStock = !!tpl?.summary?.lines || (stock.data?.length ?? 0) > 0;
  const showLedger = !!ledger.data && ledger.data.entries.length > 0;
  const canCopy = !!tpl?.copy?.from.includes(record.status) && !!user && tpl.create.roles.some((r) => user.roles.includes(r));

  function done(result: ActionResult, a: AvailableAction) {
    setAction(null);
    if (result.kind === 'approval') {
      setMsg({ tone: 'info', text: t('action.submittedForApproval', { action: label(a.label) }) });
    } else {
      setMsg({ tone: 'success', text: t('action.done', { action: label(a.label), number: result.record.number }) });
    }
    rec.reload();
  }

  return (
    <div className="detail">
      <nav className="breadcrumb">
        <Link to={record.status === 'archived' ? '/archive' : '/orders'}>{record.status === 'archived' ? t('nav.archive') : t('nav.orders')}</Link>
        <span>/</span>
        <span>{record.number}</span>
      </nav>
      {msg && (
        <Notice tone={msg.tone} onClose={() => setMsg(null)}>
          <span data-testid="result-message">{msg.text}</span>
        </Notice>
      )}
      <RecordHeader record={record} template={tpl} />
      {record.pendingApprovals?.map((p) => (
        <Notice key={p.id} tone="info">
          <span data-testid="pending-approval">
            {t('record.pendingApproval', { action: label(p.actionLabel), name: p.requesterName, at: formatDateTime(p.requestedAt, lang) })}
          </span>{' '}
          <Link to="/approvals">{t('nav.approvals')}</Link>
        </Notice>
      ))}
      <div className="action-bar" data-testid="action-bar">
        {actions.map((a) => (
          <button
            key={a.name}
            type="button"
            className={`btn ${a.danger || tpl?.actions[a.name]?.danger ? 'btn-danger-outline' : 'btn-secondary'}`}
            data-action={a.name}
            onClick={() => setAction(a)}
            title={tpl?.actions[a.name]?.description ? label(tpl.actions[a.name].description) : undefined}
          >
            {label(a.label)}
            {a.needsApproval && <span className="btn-hint">{t('action.approvalHint')}</span>}
          </button>
        ))}
        {actions.length === 0 && !canEdit && !canCopy && <span className="muted">{t('record.noActions')}</span>}
        <span className="spacer" />
        <Link className="btn" to={`/orders/${enc}/print`} data-testid="print-link">
          {t('print.link')}
        </Link>
        {canCopy && (
          <Link className="btn" to={copyPath(record)} data-testid="copy-record">
            {t('copy.button')}
          </Link>
        )}
        {canEdit && (
          <Link className="btn btn-primary" to={`/orders/${enc}/edit`}>
            {t('record.edit')}
          </Link>
        )}
      </div>

      <section className="card card-pad">
        <h2 className="section-title">{t('record.data')}</h2>
        {tpl ? <RecordForm template={tpl} data={record.data} roles={user?.roles ?? []} editable={[]} readonly /> : <Loading />}
      </section>

      <div className={`detail-columns${showStock || showLedger ? '' : ' is-single'}`}>
        <section className="card card-pad">
          <h2 className="section-title">{t('history.title')}</h2>
          <ErrorBanner error={history.error} onRetry={history.reload} />
          {history.data ? <HistoryTimeline entries={history.data} template={tpl} /> : <Loading />}
          <CommentBox recordId={record.id} onPosted={() => history.reload()} />
        </section>
        {(showStock || showLedger) && (
          <div className="detail-side">
            {showStock && (
              <section className="card card-pad" data-testid="stock-panel">
                <h2 className="section-title">{t('stock.title')}</h2>
                {stock.data ? <StockMovements items={stock.data} /> : <Loading />}
              </section>
            )}
            {showLedger && ledger.data && (
              <section className="card card-pad">
                <h2 className="section-title">{t('ledger.title')}</h2>
                <LedgerEntries entries={ledger.data.entries} balances={ledger.data.balances ?? {}} />
              </section>
            )}
          </div>
        )}
      </div>

      {action && <ActionDialog record={record} template={tpl} action={action} onClose={() => setAction(null)} onDone={(r) => done(r, action)} />}
    </div>
  );
}
