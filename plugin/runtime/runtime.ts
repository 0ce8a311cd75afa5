// The runtime: the ports put together behind the Runtime interface that hosts call.
import { checkTimeZone } from '../core/periods.ts';
import { addComment } from './comments.ts';
import { bulkAction, execute, previewAction, runAction } from './actions.ts';
import { decideApproval, listApprovals, previewApproval, transferApproval, withdrawApproval } from './approvals.ts';
import { resumeTriggers, runScheduled } from './automations.ts';
import { createEnv, type RuntimeEnv } from './context.ts';
import { createEffectRegistry, type EffectRegistry } from './effects/registry.ts';
import { deliverOutbox } from './outbox.ts';
import { listPeriods, setPeriodClosed } from './periods.ts';
import { authenticate, createUser, listUsers, login, logout, updateUser } from './people.ts';
import { departments } from './departments.ts';
import { systemClock, type Clock, type GuardEvaluator, type Notifier, type Store } from './ports.ts';
import { copyDraftOf, copyRecord, createRecord, createRecords, editRecord, getRecord, history, listRecords, recordLedger, recordsForExport, recordStock } from './records.ts';
import { endingReasonReport } from './reports.ts';
import type { Runtime } from './runtime-api.ts';
import { checkTemplate, importTemplate } from './templates.ts';
import { tryRule } from './rule-trial.ts';
import { migrateRecords, previewMigration } from './migration.ts';

export interface RuntimeOptions {
  store: Store;
  /** Evaluates the templates' rules (the host passes json-rules-engine's adapter, as createPlugin does). */
  guards: GuardEvaluator & { operators?(): string[] };
  notifier?: Notifier;
  clock?: Clock;
  effects?: EffectRegistry;
  /** The business's time zone (IANA name); accounting periods are its months. Default UTC. */
  timeZone?: string;
}

/** What hosts get beyond the Runtime interface: setup calls that no HTTP caller may make. */
export interface HostRuntime extends Runtime {
  env: RuntimeEnv;
  /** Import without a signed-in admin (first start, CLI). */
  installTemplate(bundle: unknown): ReturnType<Runtime['importTemplate']>;
  /** Create a user without a signed-in admin (first admin, demo data, CLI). */
  addUser(input: Parameters<Runtime['createUser']>[1]): ReturnType<Runtime['createUser']>;
  runScheduledAutomations(): Promise<number>;
  /** Runs the automations that a stopped process had committed to run but had not (call once on start). */
  resumeAutomations(): Promise<number>;
  /** Delivers what waits in the outbox (actions start this themselves; hosts retry with it, tests await it). */
  deliverOutbox(): Promise<number>;
}

export function createRuntime(options: RuntimeOptions): HostRuntime {
  checkTimeZone(options.timeZone ?? 'UTC');
  const env = createEnv(
    {
      store: options.store,
      guards: options.guards,
      effects: options.effects ?? createEffectRegistry(),
      notifier: options.notifier ?? { deliver: async () => undefined },
      clock: options.clock ?? systemClock,
      timeZone: options.timeZone ?? 'UTC',
    },
    (e) => (actor, id, command, opts) => execute(e, actor, id, command, opts),
  );
  const lastScheduled = new Map<string, number>();
  return {
    env,
    installTemplate: (bundle) => importTemplate(env, 'host', bundle),
    addUser: (input) => createUser(env, 'host', input),
    runScheduledAutomations: () => runScheduled(env, lastScheduled),
    resumeAutomations: () => resumeTriggers(env),
    deliverOutbox: () => deliverOutbox(env),

    login: (u, p) => login(env, u, p),
    authenticate: (t) => authenticate(env, t),
    logout: (t) => logout(env, t),
    listUsers: (_actor, filter) => listUsers(env, filter),
    createUser: (actor, input) => createUser(env, actor, input),
    updateUser: (actor, id, patch) => updateUser(env, actor, id, patch),
    departments: () => departments(env),

    listTemplates: () => env.store.listTemplates(),
    getTemplate: (id, version) => env.store.getTemplate(id, version),
    checkTemplate: (bundle) => {
      const { ok, errors, warnings } = checkTemplate(env, bundle);
      return { ok, errors, warnings };
    },
    importTemplate: (actor, bundle) => importTemplate(env, actor, bundle),
    tryRule: (actor, input) => tryRule(env, actor, input),
    previewMigration: (actor, id) => previewMigration(env, actor, id),
    migrateRecords: (actor, id, limit) => migrateRecords(env, actor, id, limit),

    createRecord: (actor, template, data) => createRecord(env, actor, template, data),
    createRecords: (actor, template, rows) => createRecords(env, actor, template, rows),
    listRecords: (actor, query) => listRecords(env, actor, query),
    recordsForExport: (actor, query) => recordsForExport(env, actor, query),
    getRecord: (actor, id) => getRecord(env, actor, id),
    editRecord: (actor, id, data, version) => editRecord(env, actor, id, data, version),
    copyDraft: (actor, id) => copyDraftOf(env, actor, id),
    copyRecord: (actor, id, data) => copyRecord(env, actor, id, data),
    history: (actor, id) => history(env, actor, id),
    addComment: (actor, id, text) => addComment(env, actor, id, { text }),
    recordStock: (actor, id) => recordStock(env, actor, id),
    recordLedger: (actor, id) => recordLedger(env, actor, id),

    previewAction: (actor, id, action, input) => previewAction(env, actor, id, action, input),
    runAction: (actor, id, action, input) => runAction(env, actor, id, action, input),
    bulkAction: (actor, ids, action, input) => bulkAction(env, actor, ids, action, input),

    listApprovals: (actor, filter) => listApprovals(env, actor, filter),
    previewApproval: (actor, id) => previewApproval(env, actor, id),
    decideApproval: (actor, id, decision, comment) => decideApproval(env, actor, id, decision, comment),
    withdrawApproval: (actor, id, comment) => withdrawApproval(env, actor, id, comment),
    transferApproval: (actor, id, to, comment) => transferApproval(env, actor, id, to, comment),

    notifications: async (actor) => {
      const items = (await env.store.notificationsFor(actor.id)).sort((a, b) => b.at.localeCompare(a.at));
      return { items, unread: items.filter((n) => !n.read).length };
    },
    markNotificationsRead: (actor, ids) => env.store.markNotificationsRead(actor.id, ids),
    stockLevels: async (filter) => (await env.store.stockLevels(filter)).map((l) => ({ ...l, available: l.onHand - l.reserved })),
    cancellationReport: (actor, query) => endingReasonReport(env, actor, query),

    listPeriods: () => listPeriods(env),
    setPeriodClosed: (actor, period, closed) => setPeriodClosed(env, actor, period, closed),
    listSnapshots: () => env.store.listSnapshots(),
    recallAnswer: (key) => env.store.getAnswer(key),
    rememberAnswer: (answer) => env.store.commit({ answers: [{ ...answer, at: env.now() }] }),
    storeHealth: () => env.store.health?.() ?? { ok: true },
  };
}
