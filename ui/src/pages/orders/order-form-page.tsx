// Create or edit an order with the template's form. Saves with If-Match; shows the server's refusals at their fields.
import { useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import type { ErrorObject } from 'ajv';
import { api, ApiError } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import type { JsonObject, RecordView, Template } from '../../model';
import { ErrorBanner, errorText } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { Notice } from '../../components/notice';
import { PageHeader } from '../../components/page-header';
import { StatusBadge } from '../../components/status-badge';
import { RecordForm } from '../../forms/record-form';
import { createAccess, partlyLocked } from '../../forms/prepare-form';
import { serverErrorsToAjv } from '../../forms/translate-error';
import { initialData } from '../../forms/initial-data';
import { useAsync } from '../../lib/use-async';
import { loadTemplate, nounOf } from '../../lib/templates';
import { useLeaveGuard } from '../../lib/use-leave-guard';
import { copyDraft, saveCopy, type CopyDraft } from '../../records/copy-record';

type Loaded = { template: Template; record?: RecordView; copy?: CopyDraft };

const NO_ERRORS: ErrorObject[] = [];

export function OrderFormPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const location = useLocation();
  const templateId = params.get('template') || 'sales-order';
  const copyOf = params.get('copyOf');
  const loaded = useAsync<Loaded>(async () => {
    if (id) {
      const record = await api<RecordView>('GET', `/records/${encodeURIComponent(id)}`);
      const template = await loadTemplate(record.template, record.templateVersion);
      return { template, record };
    }
    if (copyOf) {
      const copy = await copyDraft(copyOf);
      return { template: await loadTemplate(copy.template), copy };
    }
    return { template: await loadTemplate(templateId) };
  }, [id, templateId, copyOf]);
  const initialMsg = (location.state as { msg?: { tone: 'success'; text: string } } | null)?.msg;
  // After a conflict: the person's own changes, laid again over the newest version once it is loaded.
  const [carried, setCarried] = useState<JsonObject | undefined>();

  if (loaded.error) return <ErrorBanner error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data || loaded.loading) return <Loading />;
  return (
    <OrderEditor
      key={`${loaded.data.record?.id ?? loaded.data.copy?.from.id ?? 'new'}:${loaded.data.record?.version ?? 0}`}
      {...loaded.data}
      carried={carried}
      initialMsg={initialMsg?.text}
      onReload={(mine) => {
        setCarried(mine);
        loaded.reload();
      }}
    />
  );
}

/** The top-level fields someone changed between what they opened and what they have now. */
function changesOf(before: JsonObject, now: JsonObject): JsonObject {
  const keys = new Set([...Object.keys(before), ...Object.keys(now)]);
  return Object.fromEntries([...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(now[k])).map((k) => [k, now[k]]));
}

function OrderEditor({ template, record, copy, carried, initialMsg, onReload }: Loaded & { carried?: JsonObject; initialMsg?: string; onReload: (mine?: JsonObject) => void }) {
  const { t, label } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const roles = user?.roles ?? [];
  // JSON Forms owns the data while editing: feeding every change back as a new `data` prop races with fast typing.
  // The prop is refreshed only together with the other props JSON Forms re-reads (validation mode, server errors),
  // because any of those changing makes it reload `data` too.
  const [opened] = useState<JsonObject>(() => record?.data ?? copy?.data ?? initialData(template));
  const [initial] = useState<JsonObject>(() => (carried ? { ...opened, ...carried } : opened));
  const data = useRef<JsonObject>(initial);
  const [dirty, setDirty] = useState(initial !== opened);
  const leaving = useRef(false);
  useLeaveGuard(dirty, t('form.leaveUnsaved'), leaving);
  const [formData, setFormData] = useState<JsonObject>(initial);
  const [errors, setErrors] = useState<ErrorObject[]>([]);
  const [showErrors, setShowErrors] = useState(false);
  const [serverErrors, setServerErrors] = useState<ErrorObject[]>(NO_ERRORS);
  const [failure, setFailure] = useState<{ text: string; conflict?: boolean } | null>(null);
  const [saving, setSaving] = useState(false);
  const [info, setInfo] = useState<string | undefined>(initialMsg);
  const editable = useMemo(() => (record ? record.editable ?? [] : createAccess(template, roles)), [record, template, roles]);
  const readOnly = Array.isArray(editable) && editable.length === 0;
  // what a record of this template is called: "新建结算单", "Created settlement ST-000001."
  const noun = nounOf(template, label) ?? '';

  async function save() {
    setFormData(data.current);
    setShowErrors(true);
    setFailure(null);
    if (errors.length > 0) {
      setFailure({ text: t('form.fixErrors', { n: errors.length }) });
      return;
    }
    setSaving(true);
    try {
      leaving.current = true;
      const saved = record
        ? await api<RecordView>('PATCH', `/records/${encodeURIComponent(record.id)}`, { data: data.current }, { ifMatch: record.version })
        : copy
          ? await saveCopy(copy.from.id, data.current)
          : await api<RecordView>('POST', '/records', { template: template.id, data: data.current });
      const done = record ? t('form.saved', { noun, number: saved.number }) : copy ? t('copy.done', { noun, number: saved.number, from: copy.from.number }) : t('form.created', { noun, number: saved.number });
      navigate(`/orders/${encodeURIComponent(saved.id)}`, { state: { msg: { tone: 'success', text: done } } });
    } catch (e) {
      leaving.current = false;
      if (e instanceof ApiError && e.status === 409) {
        setFailure({ text: t('form.conflict'), conflict: true });
      } else {
        if (e instanceof ApiError && e.errors?.length) {
          setFormData(data.current);
          setServerErrors(serverErrorsToAjv(e.errors));
        }
        setFailure({ text: errorText(e, t) });
      }
    } finally {
      setSaving(false);
    }
  }

  const title = record ? t('form.editTitle', { number: record.number }) : t('form.newTitle', { noun });
  return (
    <div className="form-page">
      <nav className="breadcrumb">
        <Link to="/orders">{t('nav.orders')}</Link>
        <span>/</span>
        {record ? <Link to={`/orders/${encodeURIComponent(record.id)}`}>{record.number}</Link> : <span>{t('orders.newOf', { noun })}</span>}
      </nav>
      <PageHeader title={title} subtitle={record ? <StatusBadge template={template} status={record.status} /> : undefined} />
      {info && (
        <Notice tone="success" onClose={() => setInfo(undefined)}>
          {info}
        </Notice>
      )}
      {copy && <Notice tone="info">{t('copy.from', { from: copy.from.number })}</Notice>}
      {readOnly && <Notice tone="warning">{t('form.readOnly')}</Notice>}
      {record && !readOnly && partlyLocked(template, editable, roles) && <p className="muted small">{t('form.partlyEditable')}</p>}
      <div className="card card-pad">
        <RecordForm
          template={template}
          data={formData}
          roles={roles}
          editable={editable}
          readonly={readOnly}
          showErrors={showErrors}
          serverErrors={serverErrors}
          onChange={(d, errs) => {
            data.current = d;
            setErrors(errs);
            setDirty(JSON.stringify(d) !== JSON.stringify(opened));
            // server errors belong to the data they were about; editing clears them
            if (serverErrors.length) {
              setFormData(d);
              setServerErrors(NO_ERRORS);
            }
          }}
        />
      </div>
      {failure && (
        <div className="alert alert-error" role="alert" data-testid="form-error">
          <span>{failure.text}</span>
          {failure.conflict && (
            <>
              <button type="button" className="btn btn-sm" data-testid="reload-keep" onClick={() => onReload(changesOf(opened, data.current))}>
                {t('form.reloadKeep')}
              </button>
              <button type="button" className="btn btn-sm btn-ghost" onClick={() => onReload()}>
                {t('form.reload')}
              </button>
            </>
          )}
          {serverErrors.length > 0 && (
            <ul className="error-list">
              {serverErrors.map((e, i) => (
                <li key={i}>
                  <code>{e.instancePath || '/'}</code> {e.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => navigate(record ? `/orders/${encodeURIComponent(record.id)}` : '/orders')} disabled={saving}>
          {t('common.cancel')}
        </button>
        {!readOnly && (
          <button type="button" className="btn btn-primary" onClick={save} disabled={saving} data-testid="save-record">
            {saving ? t('common.saving') : record ? t('form.save') : t('form.create')}
          </button>
        )}
      </div>
    </div>
  );
}
