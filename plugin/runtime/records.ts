// Records: create, find, open, edit, copy, and what happened to them.
import { copyDraft, decideCopy, decideCreate, decideEdit } from '../core/decide.ts';
import { dayOf } from '../core/periods.ts';
import { canSee, visibilityOf } from '../core/permissions.ts';
import { unknownEntries } from '../core/directory-fields.ts';
import { redactChanges, redactData, redactSummary } from '../core/redact.ts';
import { refuse, refusals } from '../core/refusals.ts';
import type { Actor, AuditEntry, Decision, JsonObject, Refusal, Template, WorkRecord } from '../core/types.ts';
import { runTriggers, triggersFor } from './automations.ts';
import { loadVisible, viewOf, type RuntimeEnv } from './context.ts';
import { ledgerBalances } from './plan.ts';
import { recordPages } from './record-pages.ts';
import { CounterConflict, VersionConflict, type AutomationTrigger, type LedgerEntry, type RecordQuery, type StockMovement, type User } from './ports.ts';
import { MAX_PAGE_SIZE, type ExportRow, type RecordListQuery, type RecordView, type Result } from './runtime-api.ts';

const isObject = (v: unknown): v is JsonObject => !!v && typeof v === 'object' && !Array.isArray(v);
const badData = () => refuse('validation_failed', '表单数据必须是一个对象。', 'The form data must be an object.', [{ path: '/data', message: 'must be object' }]);

/** "SO-000123": the template's prefix and the counter's value. */
const numbered = (template: Template, n: number): string => `${template.numberPrefix}-${String(n).padStart(6, '0')}`;

async function newIds(env: RuntimeEnv, template: Template) {
  const n = (await env.store.counter(template.numberPrefix)) + 1;
  return { id: env.newId(), number: numbered(template, n), counter: n };
}

/**
 * Runs a create in the writer section, again with the next number while another process on the same database
 * issued the one it took (the store refuses a counter that does not move up).
 */
async function withOwnNumber<T>(env: RuntimeEnv, create: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await env.exclusive(create);
    } catch (e) {
      if (!(e instanceof CounterConflict) || attempt >= MAX_NUMBER_ATTEMPTS) throw e;
    }
  }
}

/** Far more than racing processes need; a bound, so that a counter someone broke cannot spin a request forever. */
const MAX_NUMBER_ATTEMPTS = 20;

/** Commits a new record from a create or copy decision, with the automations its creation sets off. */
async function commitNew(env: RuntimeEnv, template: Template, decision: Decision, counter: number): Promise<{ record: WorkRecord; triggers: AutomationTrigger[] }> {
  const audit: AuditEntry = { ...decision.audit, id: env.newId(), recordId: decision.record.id };
  const triggers = triggersFor(env, template, decision.record.id, [{ event: 'record.created' }], 0);
  await env.store.commit({ records: [{ record: decision.record }], audit: [audit], counters: { [template.numberPrefix]: counter }, triggers });
  return { record: decision.record, triggers };
}

/**
 * A refusal naming each person or department field whose value the directory does not hold (or a person whose
 * account is disabled); what the record already named (`before`) may stay, so that a disabled account does
 * not lock the record's other fields.
 */
function strangersIn(users: User[], template: Template, data: JsonObject, before?: JsonObject) {
  const known = {
    user: new Set(users.filter((u) => !u.disabled).map((u) => u.id)),
    department: new Set(users.map((u) => u.department).filter((d): d is string => !!d)),
  };
  const errors = (['user', 'department'] as const).flatMap((format) => {
    const kept = new Set(before ? unknownEntries(template.form.schema, before, format, () => false).map((e) => e.value) : []);
    return unknownEntries(template.form.schema, data, format, (id) => known[format].has(id) || kept.has(id));
  }).map(({ path, message }) => ({ path, message }));
  return errors.length ? refusals.invalidData(errors) : undefined;
}

export async function createRecord(env: RuntimeEnv, actor: Actor, templateId: string, data: unknown): Promise<Result<RecordView>> {
  const template = await env.store.getTemplate(templateId);
  if (!template) return refusals.notFound('模板', 'template');
  if (!isObject(data)) return badData();
  const result = await withOwnNumber(env, async () => {
    const ids = await newIds(env, template);
    const decision = decideCreate(template, data, actor, ids, env.now());
    if (!decision.ok) return decision;
    const strangers = strangersIn(await env.store.listUsers(), template, decision.record.data);
    if (strangers) return strangers;
    return { ok: true as const, value: await commitNew(env, template, decision, ids.counter) };
  });
  if (!result.ok) return result;
  await runTriggers(env, result.value.triggers);
  return { ok: true, value: await viewOf(env, template, (await env.store.getRecord(result.value.record.id))!, actor) };
}

/** The store query a list asks for: the caller's visibility, the filters, hidden states left out unless asked. */
function recordQuery(templates: Template[], actor: Actor, query: RecordListQuery): RecordQuery {
  const hidden = [...new Set(templates.flatMap((t) => Object.entries(t.states).filter(([, s]) => s.hidden).map(([n]) => n)))];
  const q: RecordQuery = {
    visibility: visibilityOf(templates, actor),
    page: Math.max(1, query.page ?? 1),
    pageSize: Math.min(MAX_PAGE_SIZE, Math.max(1, query.pageSize ?? 20)),
  };
  if (query.template) q.template = query.template;
  if (query.q) q.q = query.q;
  if (query.status?.length) q.status = query.status;
  else if (!query.includeArchived) q.excludeStatus = hidden;
  if (query.from) q.from = query.from;
  if (query.to) q.to = query.to;
  if (query.handler) q.handler = query.handler;
  if (query.department) q.department = query.department;
  if (query.processedBy) q.processedBy = query.processedBy;
  const sortable = ['number', 'createdAt', 'updatedAt', 'status', 'amount', 'customer'] as const;
  const field = sortable.find((s) => s === query.sort);
  if (field) q.sort = { field, dir: query.dir === 'asc' ? 'asc' : 'desc' };
  return q;
}

/** Rows past this are refused in one import: a bigger sheet is imported in parts. */
export const IMPORT_LIMIT = 2_000;

/**
 * Many records at once (a spreadsheet import), all or none: every row is checked as a create would check it,
 * and only when all pass are they committed together, numbered in order. A refusal names each row (its
 * index in `rows`) and field.
 */
export async function createRecords(env: RuntimeEnv, actor: Actor, templateId: string, rows: JsonObject[]): Promise<Result<{ numbers: string[] }>> {
  const template = await env.store.getTemplate(templateId);
  if (!template) return refusals.notFound('模板', 'template');
  if (rows.length === 0) return refuse('validation_failed', '表格里没有数据行。', 'The sheet has no rows of data.', [{ path: '/rows', message: 'empty' }]);
  if (rows.length > IMPORT_LIMIT)
    return refuse('validation_failed', `一次最多导入 ${IMPORT_LIMIT} 行，请分成几个表格。`, `At most ${IMPORT_LIMIT} rows are imported at once; split the sheet.`, [{ path: '/rows', message: `more than ${IMPORT_LIMIT} rows` }]);
  const result = await withOwnNumber(env, async () => {
    const first = (await env.store.counter(template.numberPrefix)) + 1;
    const users = await env.store.listUsers(); // read once for every row
    const decisions: Decision[] = [];
    const errors: { path: string; message: string }[] = [];
    let refusedCode: Refusal['code'] | undefined;
    for (const [i, data] of rows.entries()) {
      const n = first + i;
      const decision = decideCreate(template, data, actor, { id: env.newId(), number: numbered(template, n) }, env.now());
      const refusal = decision.ok ? strangersIn(users, template, decision.record.data) : decision;
      if (refusal) {
        refusedCode ??= refusal.code;
        errors.push(...(refusal.errors?.length ? refusal.errors : [{ path: '', message: refusal.message.en }]).map((e) => ({ path: `/rows/${i}${e.path}`, message: e.message })));
      } else if (decision.ok) decisions.push(decision);
    }
    if (errors.length) {
      const bad = new Set(errors.map((e) => e.path.split('/')[2])).size;
      return refusedCode === 'forbidden'
        ? refuse('forbidden', '您不能新建这种单据，没有导入任何一行。', 'You may not create these records; no row was imported.', errors)
        : refuse('validation_failed', `${bad} 行有问题，没有导入任何一行；请按行改正后再导入。`, `${bad} row(s) have problems and nothing was imported; fix each row and import again.`, errors);
    }
    const audit: AuditEntry[] = decisions.map((d) => ({ ...d.audit, id: env.newId(), recordId: d.record.id }));
    const triggers = decisions.flatMap((d) => triggersFor(env, template, d.record.id, [{ event: 'record.created' }], 0));
    await env.store.commit({ records: decisions.map((d) => ({ record: d.record })), audit, counters: { [template.numberPrefix]: first + rows.length - 1 }, triggers });
    return { ok: true as const, value: { numbers: decisions.map((d) => d.record.number), triggers } };
  });
  if (!result.ok) return result;
  await runTriggers(env, result.value.triggers);
  return { ok: true, value: { numbers: result.value.numbers } };
}

export async function listRecords(env: RuntimeEnv, actor: Actor, query: RecordListQuery): Promise<{ items: RecordView[]; total: number }> {
  const templates = await env.store.listTemplates();
  const q = recordQuery(templates, actor, query);
  const page = await env.store.findRecords(q);
  // Each item carries the actions the caller may run on it: their guards read each record's ledger and stock,
  // read for the whole page at once where the store can.
  const [users, trails] = await Promise.all([env.store.listUsers(), env.store.trailsOf?.(page.items.map((r) => r.id))]);
  const byKey = new Map(templates.map((t) => [`${t.id}@${t.version}`, t]));
  const items = await Promise.all(
    page.items.map((r) => viewOf(env, byKey.get(`${r.template}@${r.templateVersion}`)!, r, actor, { users, approvals: false, trail: trails?.get(r.id) })),
  );
  return { items, total: page.total };
}

/** Rows past this are left out of one export (it says so), so that no single request holds the server for long. */
export const EXPORT_LIMIT = 20_000;

/**
 * Every record a list with these filters would show, for a spreadsheet: as the caller may see them (fields they
 * may not read left out), without the actions a page works out, page by page up to EXPORT_LIMIT.
 */
export async function recordsForExport(env: RuntimeEnv, actor: Actor, query: RecordListQuery): Promise<{ rows: ExportRow[]; total: number; truncated: boolean }> {
  const templates = await env.store.listTemplates();
  const byKey = new Map(templates.map((t) => [`${t.id}@${t.version}`, t]));
  const names = new Map((await env.store.listUsers()).map((u) => [u.id, u.name]));
  const rows: ExportRow[] = [];
  let total = 0;
  for await (const found of recordPages(env.store, recordQuery(templates, actor, query))) {
    total = found.total;
    for (const r of found.items.slice(0, EXPORT_LIMIT - rows.length)) {
      const template = byKey.get(`${r.template}@${r.templateVersion}`)!;
      rows.push({
        template,
        record: { ...r, data: redactData(template, r.data, actor), summary: redactSummary(template, r.summary, actor) },
        handlerName: names.get(r.handler) ?? r.handler,
      });
    }
    if (rows.length >= EXPORT_LIMIT) break;
  }
  return { rows, total, truncated: total > rows.length };
}

export async function getRecord(env: RuntimeEnv, actor: Actor, id: string): Promise<Result<RecordView>> {
  const found = await loadVisible(env, id, actor, canSee);
  if (found.refusal) return found.refusal;
  return { ok: true, value: await viewOf(env, found.template, found.record, actor) };
}

export async function editRecord(env: RuntimeEnv, actor: Actor, id: string, data: unknown, version: number): Promise<Result<RecordView>> {
  if (!isObject(data)) return badData();
  const result = await env.exclusive(async () => {
    const found = await loadVisible(env, id, actor, canSee);
    if (found.refusal) return found.refusal;
    const decision = decideEdit(found.template, found.record, data, version, actor, env.now());
    if (!decision.ok) return decision;
    const strangers = strangersIn(await env.store.listUsers(), found.template, decision.record.data, found.record.data);
    if (strangers) return strangers;
    // Saving what is already there is not a change: no new version, no history entry.
    if (!decision.audit.changes?.length) return { ok: true as const, value: { template: found.template, record: found.record, triggers: [] } };
    const audit: AuditEntry = { ...decision.audit, id: env.newId(), recordId: id };
    const triggers = triggersFor(env, found.template, id, [{ event: 'record.updated', changes: audit.changes ?? [] }], 0);
    try {
      await env.store.commit({ records: [{ record: decision.record, expectVersion: version }], audit: [audit], triggers });
    } catch (e) {
      if (e instanceof VersionConflict) return refusals.staleVersion(version, version + 1);
      throw e;
    }
    return { ok: true as const, value: { template: found.template, record: decision.record, triggers } };
  });
  if (!result.ok) return result;
  await runTriggers(env, result.value.triggers);
  const fresh = (await env.store.getRecord(id))!;
  return { ok: true, value: await viewOf(env, result.value.template, fresh, actor) };
}

/** What a copy of a record would start with, creating nothing: the person looks it over, changes it, then saves. */
export async function copyDraftOf(env: RuntimeEnv, actor: Actor, id: string): Promise<Result<{ template: string; data: JsonObject; from: { id: string; number: string } }>> {
  const found = await loadVisible(env, id, actor, canSee);
  if (found.refusal) return found.refusal;
  // A copy starts on the newest version of the template.
  const template = (await env.store.getTemplate(found.record.template)) ?? found.template;
  const now = env.now();
  const draft = copyDraft(template, found.record, actor, now, dayOf(now, env.timeZone));
  if (!draft.ok) return draft;
  return { ok: true, value: { template: template.id, data: draft.data, from: { id: found.record.id, number: found.record.number } } };
}

/** A new record copied from another: the draft as it comes, or `data` as the person changed it. */
export async function copyRecord(env: RuntimeEnv, actor: Actor, id: string, data?: JsonObject): Promise<Result<RecordView>> {
  const result = await withOwnNumber(env, async () => {
    const found = await loadVisible(env, id, actor, canSee);
    if (found.refusal) return found.refusal;
    const template = (await env.store.getTemplate(found.record.template)) ?? found.template;
    const ids = await newIds(env, template);
    const now = env.now();
    const decision = decideCopy(template, found.record, actor, ids, now, dayOf(now, env.timeZone), data);
    if (!decision.ok) return decision;
    return { ok: true as const, value: { template, ...(await commitNew(env, template, decision, ids.counter)) } };
  });
  if (!result.ok) return result;
  await runTriggers(env, result.value.triggers);
  return { ok: true, value: await viewOf(env, result.value.template, (await env.store.getRecord(result.value.record.id))!, actor) };
}

export async function history(env: RuntimeEnv, actor: Actor, id: string): Promise<Result<AuditEntry[]>> {
  const found = await loadVisible(env, id, actor, canSee);
  if (found.refusal) return found.refusal;
  // The history shows before/after values: the same field permissions as the record itself apply.
  const entries = await env.store.getAudit(id);
  return { ok: true, value: entries.map((e) => (e.changes ? { ...e, changes: redactChanges(found.template, e.changes, actor) } : e)) };
}

export async function recordStock(env: RuntimeEnv, actor: Actor, id: string): Promise<Result<StockMovement[]>> {
  const found = await loadVisible(env, id, actor, canSee);
  if (found.refusal) return found.refusal;
  return { ok: true, value: await env.store.stockMovements(id) };
}

export async function recordLedger(env: RuntimeEnv, actor: Actor, id: string): Promise<Result<{ entries: LedgerEntry[]; balances: Record<string, number> }>> {
  const found = await loadVisible(env, id, actor, canSee);
  if (found.refusal) return found.refusal;
  return { ok: true, value: { entries: await env.store.ledgerEntries(id), balances: await ledgerBalances(env.store, id) } };
}

