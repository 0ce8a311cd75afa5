// The studio once a template is loaded: toolbar (validate, save as new version), diagram, findings, tabs.
import { useMemo, useState } from 'react';
import { ApiError } from '../../api';
import type { Template } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { adminApi } from '../admin-api';
import { countByLevel, findings as toFindings, under, type Finding } from '../issues';
import { splitPointer } from '../pointer';
import { FindingsList } from '../components/findings-list';
import { addTransition, nextVersion, transitionKey } from './draft-ops';
import { StudioContext, type Studio } from './studio-context';
import { useStudioDraft } from './use-studio-draft';
import { useLeaveGuard } from '../../lib/use-leave-guard';
import { StateDiagram } from './state-diagram';
import { anchorOf, tabOf, tabRoots, TABS, type Tab } from './studio-tabs';
import { StatesPanel } from './states-panel';
import { ActionsPanel } from './actions-panel';
import { FieldsPanel } from './fields-panel';
import { ReasonsPanel } from './reasons-panel';
import { NotificationsPanel } from './notifications-panel';
import { GeneralPanel } from './general-panel';
import { RolesPanel } from './roles-panel';
import { RightsMatrix } from './rights-matrix';
import { MigrationCard } from './migration-card';
import { RulesPanel } from './rules-panel';
import { AutomationsPanel } from './automations-panel';

type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; what: 'validate' | 'save' }
  | { kind: 'checked'; ok: boolean }
  | { kind: 'saved'; version: number; unchanged: boolean }
  | { kind: 'failed'; detail: string };

interface Props {
  loaded: Template;
  installedVersions: number[];
  onSaved: (version: number) => void;
}

export function StudioEditor({ loaded, installedVersions, onSaved }: Props) {
  const { t, label } = useI18n();
  const { original, draft, update, dirty, reset, restoredAt } = useStudioDraft(loaded);
  const [found, setFound] = useState<Finding[]>([]);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  // leaving with unsaved changes asks first (the draft is also kept in the browser)
  useLeaveGuard(dirty, t('admin.studio.leaveUnsaved'));
  const [tab, setTab] = useState<Tab>('states');
  // Drawing a transition on the diagram: pick the state it leaves, then the one it leads to.
  const [linking, setLinking] = useState<{ from?: string } | null>(null);
  const version = nextVersion(original, installedVersions);

  const studio: Studio = useMemo(
    () => ({
      draft,
      original,
      update,
      findings: found,
      roleOptions: Object.entries(draft.roles ?? {}).map(([k, r]) => ({ value: k, label: label(r.label) || k })),
      stateOptions: Object.entries(draft.states ?? {}).map(([k, s]) => ({ value: k, label: label(s.label) || k })),
    }),
    [draft, original, update, found, label],
  );

  const bundle = (): Template => ({ ...draft, version });

  const validate = async () => {
    setStatus({ kind: 'busy', what: 'validate' });
    try {
      const res = await adminApi.validateTemplate(bundle());
      setFound(toFindings(res.errors, res.warnings));
      setStatus({ kind: 'checked', ok: res.ok });
    } catch (e) {
      if (e instanceof ApiError && e.errors?.length) {
        setFound(toFindings(e.errors));
        setStatus({ kind: 'checked', ok: false });
      } else {
        setStatus({ kind: 'failed', detail: e instanceof ApiError ? e.detail || e.code : String(e) });
      }
    }
  };

  const save = async () => {
    setStatus({ kind: 'busy', what: 'save' });
    try {
      const res = await adminApi.installTemplate(bundle());
      setFound([]);
      setStatus({ kind: 'saved', version: res.version, unchanged: installedVersions.includes(res.version) });
      onSaved(res.version);
    } catch (e) {
      if (e instanceof ApiError && e.errors?.length) {
        setFound(toFindings(e.errors));
        setStatus({ kind: 'failed', detail: e.detail || t('admin.studio.saveRefused') });
      } else {
        setStatus({ kind: 'failed', detail: e instanceof ApiError ? e.detail || e.code : String(e) });
      }
    }
  };

  const pick = (path: string) => {
    const tokens = splitPointer(path);
    const target = tabOf(tokens);
    if (target) setTab(target);
    requestAnimationFrame(() => {
      const el = document.getElementById(anchorOf(tokens) ?? `studio-tab-${target ?? tab}`);
      if (el instanceof HTMLDetailsElement) el.open = true;
      el?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    });
  };

  const counts = countByLevel(found);
  const busy = status.kind === 'busy';

  return (
    <StudioContext.Provider value={studio}>
      <header className="adm-page-head adm-studio__head">
        <div>
          <h1>
            {t('admin.studio.title')} · {label(draft.name)}
          </h1>
          <p className="adm-muted">
            <code>{draft.id}</code> · {t('admin.studio.editingVersion', { v: original.version, next: version })}
            {dirty && <span className="adm-badge adm-badge--warn adm-dirty">{t('admin.studio.unsaved')}</span>}
          </p>
        </div>
        <div className="adm-toolbar">
          <button type="button" className="adm-btn" disabled={!dirty || busy} onClick={reset}>
            {t('admin.studio.discard')}
          </button>
          <button type="button" className="adm-btn" disabled={busy} onClick={validate} data-testid="studio-validate">
            {status.kind === 'busy' && status.what === 'validate' ? t('admin.common.working') : t('admin.studio.validate')}
          </button>
          <button type="button" className="adm-btn adm-btn--primary" disabled={busy} onClick={save} data-testid="studio-save">
            {status.kind === 'busy' && status.what === 'save' ? t('admin.common.working') : t('admin.studio.saveAs', { v: version })}
          </button>
        </div>
      </header>

      {restoredAt && (
        <p className="adm-note" data-testid="studio-restored">
          {t('admin.studio.restored', { at: new Date(restoredAt).toLocaleString() })}
        </p>
      )}
      <div className="adm-status" role="status" data-testid="studio-status">
        {status.kind === 'checked' && (
          <p className={`adm-note ${status.ok ? 'adm-note--ok' : 'adm-note--error'}`}>
            {status.ok ? t('admin.studio.validOk') : t('admin.studio.validBad')}{' '}
            {t('admin.studio.counts', { errors: counts.errors, warnings: counts.warnings })}
          </p>
        )}
        {status.kind === 'saved' && (
          <p className="adm-note adm-note--ok">
            {status.unchanged ? t('admin.studio.savedUnchanged', { v: status.version }) : t('admin.studio.saved', { v: status.version })}
          </p>
        )}
        {status.kind === 'failed' && (
          <p className="adm-note adm-note--error">
            {status.detail} {found.length > 0 && t('admin.studio.counts', { errors: counts.errors, warnings: counts.warnings })}
          </p>
        )}
      </div>

      <MigrationCard template={original.id} version={original.version} />

      {found.length > 0 && (
        <details className="adm-card adm-findings-panel" open>
          <summary>{t('admin.studio.allFindings', { n: found.length })}</summary>
          <FindingsList items={found} onPick={pick} testId="studio-findings" />
        </details>
      )}

      <section className="adm-card adm-section">
        <div className="adm-row">
          <h2>{t('admin.studio.diagram')}</h2>
          <span className="adm-spacer" />
          <button type="button" className={`adm-btn adm-btn--small${linking ? ' is-active' : ''}`} aria-pressed={!!linking} data-testid="diagram-connect" onClick={() => setLinking(linking ? null : {})}>
            {linking ? t('admin.common.cancel') : `+ ${t('admin.studio.connect')}`}
          </button>
        </div>
        {linking && <p className="adm-note" data-testid="diagram-connect-hint">{linking.from ? t('admin.studio.connectTo', { from: label(draft.states[linking.from]?.label) || linking.from }) : t('admin.studio.connectFrom')}</p>}
        <StateDiagram
          linkFrom={linking?.from}
          onPickState={(k) => {
            if (!linking) return pick(`/states/${k}`);
            if (!linking.from) return setLinking({ from: k });
            const from = linking.from;
            const key = transitionKey(draft, k);
            update((d) => addTransition(d, key, from, k));
            setLinking(null);
            requestAnimationFrame(() => pick(`/actions/${key}`));
          }}
          onPickAction={(k) => pick(`/actions/${k}`)}
        />
      </section>

      <nav className="adm-tabs" role="tablist">
        {TABS.map((k) => {
          const c = countByLevel(under(found, ...tabRoots(k)));
          return (
            <button
              key={k}
              type="button"
              role="tab"
              aria-selected={tab === k}
              className={`adm-tab${tab === k ? ' is-active' : ''}`}
              onClick={() => setTab(k)}
              data-testid={`tab-${k}`}
            >
              {t(`admin.studio.tab.${k}`)}
              {c.errors > 0 && <span className="adm-count adm-count--error">{c.errors}</span>}
              {c.warnings > 0 && <span className="adm-count adm-count--warn">{c.warnings}</span>}
            </button>
          );
        })}
      </nav>
      <section className="adm-tabpanel" role="tabpanel" id={`studio-tab-${tab}`}>
        {tab === 'states' && <StatesPanel />}
        {tab === 'actions' && <ActionsPanel />}
        {tab === 'fields' && <FieldsPanel />}
        {tab === 'roles' && <RolesPanel />}
        {tab === 'rights' && <RightsMatrix />}
        {tab === 'rules' && <RulesPanel />}
        {tab === 'automations' && <AutomationsPanel />}
        {tab === 'reasons' && <ReasonsPanel />}
        {tab === 'notifications' && <NotificationsPanel />}
        {tab === 'general' && <GeneralPanel />}
      </section>
    </StudioContext.Provider>
  );
}
