// The behaviour every Store must show; each store's test file runs it against a fresh store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, Template, WorkRecord } from '../../../plugin/core/types.ts';
import {
  CounterConflict,
  VersionConflict,
  type Approval,
  type Document,
  type LedgerEntry,
  type Notification,
  type RecordQuery,
  type StockMovement,
  type Store,
  type User,
} from '../../../plugin/runtime/ports.ts';

// ---------------------------------------------------------------- fixtures

export function aRecord(id: string, over: Partial<WorkRecord> = {}): WorkRecord {
  return {
    id,
    number: `SO-${id.padStart(6, '0')}`,
    template: 'sales-order',
    templateVersion: 1,
    status: 'draft',
    version: 1,
    data: { note: `record ${id}` },
    handler: 'u-sales1',
    department: 'east',
    watchers: [],
    summary: { customer: 'Acme Trading', amount: 100 },
    createdBy: 'u-sales1',
    createdAt: '2024-05-01T08:00:00.000Z',
    updatedAt: '2024-05-01T08:00:00.000Z',
    ...over,
  };
}

export function anAudit(id: string, recordId: string, over: Partial<AuditEntry> = {}): AuditEntry {
  return { id, recordId, at: '2024-05-01T08:00:00.000Z', actor: 'u-sales1', actorName: 'Sales One', action: 'create', to: 'draft', ...over };
}

export function aMovement(id: string, over: Partial<StockMovement> = {}): StockMovement {
  return { id, product: 'NB-14', warehouse: 'WH-SH', onHand: 0, reserved: 0, at: '2024-05-01T08:00:00.000Z', ...over };
}

export function aLedgerEntry(id: string, recordId: string, over: Partial<LedgerEntry> = {}): LedgerEntry {
  return { id, recordId, account: 'receivable', amount: 100, period: '2024-05', at: '2024-05-01T08:00:00.000Z', ...over };
}

export function aNotification(id: string, to: string, over: Partial<Notification> = {}): Notification {
  return { id, to, kind: 'orderCancelled', title: `notice ${id}`, at: '2024-05-01T08:00:00.000Z', read: false, ...over };
}

export function anApproval(id: string, recordId: string, over: Partial<Approval> = {}): Approval {
  return {
    id,
    recordId,
    action: 'cancel',
    status: 'pending',
    requestedBy: 'u-sales1',
    requestedAt: '2024-05-01T08:00:00.000Z',
    command: { kind: 'action', action: 'cancel', reason: 'customer' },
    recordVersion: 1,
    history: [],
    ...over,
  };
}

export function aDocument(id: string, over: Partial<Document> = {}): Document {
  return { id, number: `ST-${id}`, kind: 'settlement', recordIds: [], status: 'open', createdAt: '2024-05-01T08:00:00.000Z', createdBy: 'u-finance', ...over };
}

export function aUser(id: string, username: string, over: Partial<User> = {}): User {
  return { id, username, name: username, roles: ['sales'], department: 'east', passwordHash: 'scrypt$00$00', ...over };
}

export function aTemplate(id: string, version: number): Template {
  const label = { 'zh-CN': id, en: id };
  return {
    id,
    version,
    name: label,
    numberPrefix: 'SO',
    form: { schema: { type: 'object' }, uischema: { type: 'VerticalLayout', elements: [] } },
    summary: {},
    roles: { sales: { label, view: 'own' } },
    states: { draft: { label, initial: true } },
    actions: {},
    create: { roles: ['sales'] },
    reasons: {},
    notifications: {},
    rules: {},
  };
}

const everyone: RecordQuery['visibility'] = { all: true };

function query(over: Partial<RecordQuery> = {}): RecordQuery {
  return { visibility: everyone, page: 1, pageSize: 50, ...over };
}

const ids = (r: { items: WorkRecord[] }): string[] => r.items.map((x) => x.id);

/** Creates records in one commit each, like the runtime would. */
async function create(store: Store, ...records: WorkRecord[]): Promise<void> {
  for (const record of records) await store.commit({ records: [{ record }] });
}

/** The parts of a store a change could touch, to compare before and after. */
async function everything(store: Store, recordIds: string[]): Promise<unknown> {
  return {
    records: await store.allRecords(),
    audit: await Promise.all(recordIds.map((id) => store.getAudit(id))),
    stock: await store.stockLevels(),
    movements: await Promise.all(recordIds.map((id) => store.stockMovements(id))),
    ledger: await store.allLedgerEntries(),
    outbox: await store.pendingOutbox(),
    notifications: await store.notificationsFor('u-sales1'),
    approvals: await store.listApprovals(),
    documents: await store.listDocuments(),
    counter: await store.counter('sales-order'),
    exported: await store.exportAll(),
  };
}

// ---------------------------------------------------------------- the suite

export function runStoreContract(name: string, make: () => Promise<{ store: Store; cleanup(): Promise<void> }>): void {
  describe(`${name} (store contract)`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await make());
      await store.init();
    });

    afterEach(async () => {
      await store.close();
      await cleanup();
    });

    describe('an empty store', () => {
      it('has no records, no audit and counters at zero', async () => {
        expect(await store.findRecords(query())).toEqual({ items: [], total: 0 });
        expect(await store.getRecord('nope')).toBeUndefined();
        expect(await store.getAudit('nope')).toEqual([]);
        expect(await store.counter('sales-order')).toBe(0);
        expect(await store.stockLevels()).toEqual([]);
        expect(await store.pendingOutbox()).toEqual([]);
        expect(await store.closedPeriods()).toEqual([]);
        expect(await store.listSnapshots()).toEqual([]);
      });
    });

    describe('templates', () => {
      it('keeps every version and returns the latest unless one is asked for', async () => {
        await store.putTemplate(aTemplate('sales-order', 1));
        await store.putTemplate(aTemplate('sales-order', 2));
        await store.putTemplate(aTemplate('return', 1));
        expect((await store.getTemplate('sales-order'))?.version).toBe(2);
        expect((await store.getTemplate('sales-order', 1))?.version).toBe(1);
        expect(await store.getTemplate('sales-order', 3)).toBeUndefined();
        expect(await store.getTemplate('nope')).toBeUndefined();
        expect((await store.listTemplates()).map((t) => `${t.id}@${t.version}`)).toEqual(['return@1', 'sales-order@1', 'sales-order@2']);
      });

      it('putting the same id and version again replaces it', async () => {
        await store.putTemplate(aTemplate('sales-order', 1));
        await store.putTemplate({ ...aTemplate('sales-order', 1), numberPrefix: 'XO' });
        expect(await store.listTemplates()).toHaveLength(1);
        expect((await store.getTemplate('sales-order'))?.numberPrefix).toBe('XO');
      });
    });

    describe('users and sessions', () => {
      it('finds a user by id and by username', async () => {
        await store.putUser(aUser('u1', 'sales1'));
        expect((await store.getUser('u1'))?.username).toBe('sales1');
        expect((await store.getUserByUsername('sales1'))?.id).toBe('u1');
        expect(await store.getUserByUsername('SALES1')).toBeUndefined();
        expect(await store.listUsers()).toHaveLength(1);
      });

      it('a renamed user frees the old username', async () => {
        await store.putUser(aUser('u1', 'sales1'));
        await store.putUser(aUser('u1', 'sales-one'));
        expect(await store.getUserByUsername('sales1')).toBeUndefined();
        expect((await store.getUserByUsername('sales-one'))?.id).toBe('u1');
        expect(await store.listUsers()).toHaveLength(1);
      });

      it('two users cannot share a username', async () => {
        await store.putUser(aUser('u1', 'sales1'));
        await expect(store.putUser(aUser('u2', 'sales1'))).rejects.toThrow(/already belongs/);
        expect(await store.getUser('u2')).toBeUndefined();
      });

      it('a session is found by its token until deleted', async () => {
        await store.putSession({ token: 't1', userId: 'u1', expiresAt: '2099-01-01T00:00:00.000Z' });
        expect(await store.getSession('t1')).toEqual({ token: 't1', userId: 'u1', expiresAt: '2099-01-01T00:00:00.000Z' });
        await store.deleteSession('t1');
        expect(await store.getSession('t1')).toBeUndefined();
        await store.deleteSession('t1');
      });

      it('expired sign-ins are purged, the others kept', async () => {
        await store.putSession({ token: 'old', userId: 'u1', expiresAt: '2024-05-01T00:00:00.000Z' });
        await store.putSession({ token: 'new', userId: 'u1', expiresAt: '2024-05-03T00:00:00.000Z' });
        await store.purgeSessions('2024-05-02T00:00:00.000Z');
        expect(await store.getSession('old')).toBeUndefined();
        expect(await store.getSession('new')).toBeDefined();
      });

      it('signing a person out everywhere deletes their sessions only', async () => {
        await store.putSession({ token: 't1', userId: 'u1', expiresAt: '2099-01-01T00:00:00.000Z' });
        await store.putSession({ token: 't2', userId: 'u1', expiresAt: '2099-01-01T00:00:00.000Z' });
        await store.putSession({ token: 't3', userId: 'u2', expiresAt: '2099-01-01T00:00:00.000Z' });
        await store.deleteSessionsOf('u1');
        expect(await store.getSession('t1')).toBeUndefined();
        expect(await store.getSession('t2')).toBeUndefined();
        expect(await store.getSession('t3')).toMatchObject({ userId: 'u2' });
      });
    });

    describe('commit', () => {
      it('stores a new record with its audit entry, stock, ledger, notifications and counter together', async () => {
        await store.commit({
          records: [{ record: aRecord('1') }],
          audit: [anAudit('a1', '1')],
          stock: [aMovement('m1', { recordId: '1', reserved: 5 })],
          ledger: [aLedgerEntry('l1', '1')],
          notifications: [aNotification('n1', 'u-sales1')],
          approvals: [anApproval('p1', '1')],
          documents: [aDocument('d1', { recordIds: ['1'] })],
          counters: { 'sales-order': 1 },
        });
        expect(await store.getRecord('1')).toEqual(aRecord('1'));
        expect(await store.getAudit('1')).toEqual([anAudit('a1', '1')]);
        expect(await store.stockMovements('1')).toEqual([aMovement('m1', { recordId: '1', reserved: 5 })]);
        expect(await store.ledgerEntries('1')).toEqual([aLedgerEntry('l1', '1')]);
        expect(await store.notificationsFor('u-sales1')).toEqual([aNotification('n1', 'u-sales1')]);
        expect(await store.getApproval('p1')).toEqual(anApproval('p1', '1'));
        expect(await store.getDocument('d1')).toEqual(aDocument('d1', { recordIds: ['1'] }));
        expect(await store.counter('sales-order')).toBe(1);
      });

      it('an audit entry with its notifications may come without the record (a comment): the record and its version stay', async () => {
        await create(store, aRecord('1'));
        const comment = anAudit('c1', '1', { action: 'comment', comment: '@sales1 请看', mentions: ['u-sales1'] });
        await store.commit({ audit: [comment], notifications: [aNotification('n1', 'u-sales1', { recordId: '1', kind: 'comment.mention' })] });
        expect(await store.getRecord('1')).toEqual(aRecord('1'));
        expect((await store.getAudit('1')).at(-1)).toEqual(comment);
        expect(await store.notificationsFor('u-sales1')).toEqual([aNotification('n1', 'u-sales1', { recordId: '1', kind: 'comment.mention' })]);
      });

      it('an update that expects the stored version is applied', async () => {
        await create(store, aRecord('1'));
        await store.commit({ records: [{ record: aRecord('1', { version: 2, status: 'confirmed' }), expectVersion: 1 }] });
        expect(await store.getRecord('1')).toMatchObject({ version: 2, status: 'confirmed' });
      });

      it('a commit with a stale version changes nothing', async () => {
        await create(store, aRecord('1'), aRecord('2'));
        await store.commit({ records: [{ record: aRecord('1', { version: 2, status: 'confirmed' }), expectVersion: 1 }] });
        const before = await everything(store, ['1', '2']);
        const stale = store.commit({
          // The first part alone would be fine: the second makes the whole set fail.
          records: [
            { record: aRecord('2', { version: 2, status: 'confirmed' }), expectVersion: 1 },
            { record: aRecord('1', { version: 2, status: 'cancelled' }), expectVersion: 1 },
          ],
          audit: [anAudit('a9', '1', { action: 'cancel' })],
          stock: [aMovement('m9', { recordId: '1', reserved: -5 })],
          ledger: [aLedgerEntry('l9', '1')],
          notifications: [aNotification('n9', 'u-sales1'), aNotification('n10', 'contact:x@example.com')],
          approvals: [anApproval('p9', '1')],
          documents: [aDocument('d9')],
          counters: { 'sales-order': 99 },
        });
        await expect(stale).rejects.toBeInstanceOf(VersionConflict);
        await expect(stale).rejects.toMatchObject({ recordId: '1' });
        expect(await everything(store, ['1', '2'])).toEqual(before);
      });

      it('a new record cannot be committed over an existing one', async () => {
        await create(store, aRecord('1'));
        await expect(store.commit({ records: [{ record: aRecord('1', { status: 'other' }) }] })).rejects.toBeInstanceOf(VersionConflict);
        expect((await store.getRecord('1'))?.status).toBe('draft');
      });

      it('expecting a version of a record that does not exist is a conflict', async () => {
        await expect(store.commit({ records: [{ record: aRecord('1'), expectVersion: 1 }] })).rejects.toBeInstanceOf(VersionConflict);
        expect(await store.getRecord('1')).toBeUndefined();
      });

      it('one change set may carry a record through several versions', async () => {
        await create(store, aRecord('1'));
        await store.commit({
          records: [
            { record: aRecord('1', { version: 2, status: 'confirmed' }), expectVersion: 1 },
            { record: aRecord('1', { version: 3, status: 'cancelled' }), expectVersion: 2 },
          ],
        });
        expect(await store.getRecord('1')).toMatchObject({ version: 3, status: 'cancelled' });
        expect((await store.findRecords(query())).total).toBe(1);
      });

      it('of two commits from the same version, exactly one wins', async () => {
        await create(store, aRecord('1'));
        const results = await Promise.allSettled([
          store.commit({ records: [{ record: aRecord('1', { version: 2, status: 'confirmed' }), expectVersion: 1 }] }),
          store.commit({ records: [{ record: aRecord('1', { version: 2, status: 'cancelled' }), expectVersion: 1 }] }),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect(lost.reason).toBeInstanceOf(VersionConflict);
        expect((await store.getRecord('1'))?.version).toBe(2);
      });

      it('a malformed change set is refused whole', async () => {
        await create(store, aRecord('1'));
        const before = await everything(store, ['1']);
        await expect(
          store.commit({
            records: [{ record: aRecord('1', { version: 2 }), expectVersion: 1 }],
            stock: [aMovement('m1', { recordId: '1', onHand: Number.NaN })],
          }),
        ).rejects.toThrow(/onHand/);
        expect(await everything(store, ['1'])).toEqual(before);
      });

      it('a notification id cannot be stored twice', async () => {
        await store.commit({ notifications: [aNotification('n1', 'u-sales1')] });
        await expect(store.commit({ notifications: [aNotification('n1', 'u-sales1', { title: 'again' })] })).rejects.toThrow(/n1/);
        expect((await store.notificationsFor('u-sales1')).map((n) => n.title)).toEqual(['notice n1']);
      });

      it('changing what a caller passed in or got back does not change the store', async () => {
        const record = aRecord('1');
        const audit = anAudit('a1', '1');
        await store.commit({ records: [{ record }], audit: [audit] });
        record.status = 'hacked';
        (record.data as { note: string }).note = 'hacked';
        audit.action = 'hacked';
        const got = (await store.getRecord('1'))!;
        got.status = 'hacked';
        got.watchers.push('intruder');
        (await store.findRecords(query())).items[0].handler = 'intruder';
        (await store.allRecords())[0].department = 'intruder';
        (await store.getAudit('1'))[0].actor = 'intruder';
        expect(await store.getRecord('1')).toEqual(aRecord('1'));
        expect(await store.getAudit('1')).toEqual([anAudit('a1', '1')]);
      });

      it('audit entries come back oldest first, per record', async () => {
        await create(store, aRecord('1'), aRecord('2'));
        await store.commit({ audit: [anAudit('a1', '1', { action: 'create' }), anAudit('a2', '2')] });
        await store.commit({ audit: [anAudit('a3', '1', { action: 'confirm', at: '2024-05-02T08:00:00.000Z' })] });
        expect((await store.getAudit('1')).map((a) => a.id)).toEqual(['a1', 'a3']);
        expect((await store.getAudit('2')).map((a) => a.id)).toEqual(['a2']);
      });

      it('automation triggers wait until marked done, oldest first', async () => {
        const trigger = (id: string) => ({ id, recordId: '1', event: 'action.done' as const, action: 'pay', depth: 0, at: '2024-05-01T00:00:00.000Z' });
        await store.commit({ records: [{ record: aRecord('1') }], triggers: [trigger('t1')] });
        await store.commit({ triggers: [trigger('t2')] });
        expect((await store.pendingTriggers()).map((t) => t.id)).toEqual(['t1', 't2']);
        await store.commit({ triggersDone: ['t1'] });
        expect(await store.pendingTriggers()).toEqual([trigger('t2')]);
        await expect(store.commit({ triggers: [{ ...trigger('t3'), depth: 'deep' as unknown as number }] })).rejects.toThrow(/triggers\[0\]\.depth/);
      });

      it('counters take the value committed', async () => {
        await store.commit({ counters: { 'sales-order': 41 } });
        await store.commit({ counters: { 'sales-order': 42, other: 1 } });
        expect(await store.counter('sales-order')).toBe(42);
        expect(await store.counter('other')).toBe(1);
      });

      it('a counter only moves up: a value at or below where it stands is a counter conflict and changes nothing', async () => {
        await store.commit({ counters: { 'sales-order': 5 } });
        const taken = store.commit({ records: [{ record: aRecord('1') }], counters: { 'sales-order': 5 } });
        await expect(taken).rejects.toBeInstanceOf(CounterConflict);
        await expect(taken).rejects.toMatchObject({ counter: 'sales-order' });
        await expect(store.commit({ counters: { 'sales-order': 3 } })).rejects.toBeInstanceOf(CounterConflict);
        expect(await store.getRecord('1')).toBeUndefined();
        expect(await store.counter('sales-order')).toBe(5);
      });

      it('approvals and documents are replaced by id', async () => {
        await store.commit({ approvals: [anApproval('p1', '1'), anApproval('p2', '2')], documents: [aDocument('d1'), aDocument('d2', { kind: 'invoice' })] });
        await store.commit({ approvals: [anApproval('p1', '1', { status: 'approved', decidedBy: 'u-manager' })], documents: [aDocument('d1', { status: 'closed' })] });
        expect(await store.getApproval('p1')).toMatchObject({ status: 'approved', decidedBy: 'u-manager' });
        expect((await store.listApprovals({ status: 'pending' })).map((a) => a.id)).toEqual(['p2']);
        expect((await store.listApprovals({ recordId: '1' })).map((a) => a.id)).toEqual(['p1']);
        expect(await store.listApprovals()).toHaveLength(2);
        expect((await store.getDocument('d1'))?.status).toBe('closed');
        expect((await store.listDocuments('invoice')).map((d) => d.id)).toEqual(['d2']);
        expect(await store.listDocuments()).toHaveLength(2);
        expect(await store.getApproval('nope')).toBeUndefined();
        expect(await store.getDocument('nope')).toBeUndefined();
      });
    });

    describe('finding records', () => {
      beforeEach(async () => {
        await create(
          store,
          aRecord('1', { number: 'SO-000001', createdAt: '2024-05-01T08:00:00.000Z', summary: { customer: 'Acme Trading', amount: 300 } }),
          aRecord('2', { number: 'SO-000002', createdAt: '2024-05-02T23:59:59.999Z', status: 'confirmed', summary: { customer: '华东贸易', amount: 100 } }),
          aRecord('3', { number: 'SO-000003', createdAt: '2024-05-03T00:00:00.000Z', status: 'archived', handler: 'u-sales2', department: 'west', summary: { customer: 'Beta GmbH' } }),
          aRecord('4', { number: 'SO-000004', createdAt: '2024-05-04T12:00:00.000Z', handler: 'u-sales2', department: 'west', watchers: ['u-sales1'], summary: { customer: 'acme east', amount: 200 } }),
          aRecord('5', { number: 'RT-000005', template: 'return', createdAt: '2024-05-05T12:00:00.000Z', handler: 'u-manager', department: 'east', summary: {} }),
        );
      });

      it('lists newest first by default', async () => {
        expect(ids(await store.findRecords(query()))).toEqual(['5', '4', '3', '2', '1']);
      });

      it('filters by template', async () => {
        expect(ids(await store.findRecords(query({ template: 'return' })))).toEqual(['5']);
      });

      it('q matches the number or the customer, whatever the case', async () => {
        expect(ids(await store.findRecords(query({ q: 'acme' })))).toEqual(['4', '1']);
        expect(ids(await store.findRecords(query({ q: 'so-00000' })))).toEqual(['4', '3', '2', '1']);
        expect(ids(await store.findRecords(query({ q: '华东' })))).toEqual(['2']);
        expect(ids(await store.findRecords(query({ q: 'GMBH' })))).toEqual(['3']);
        expect(ids(await store.findRecords(query({ q: 'nothing like it' })))).toEqual([]);
      });

      it('q finds a record by its new customer after an update', async () => {
        await store.commit({ records: [{ record: aRecord('1', { version: 2, summary: { customer: 'Zeta Ltd' } }), expectVersion: 1 }] });
        expect(ids(await store.findRecords(query({ q: 'zeta' })))).toEqual(['1']);
        expect(ids(await store.findRecords(query({ q: 'acme' })))).toEqual(['4']);
      });

      it('filters by a list of statuses', async () => {
        expect(ids(await store.findRecords(query({ status: ['confirmed', 'archived'] })))).toEqual(['3', '2']);
      });

      it('archived-style excludeStatus leaves records out', async () => {
        expect(ids(await store.findRecords(query({ excludeStatus: ['archived'] })))).toEqual(['5', '4', '2', '1']);
        expect(ids(await store.findRecords(query({ status: ['archived'], excludeStatus: [] })))).toEqual(['3']);
      });

      it('from and to bound the creation time, a bare day meaning the whole day', async () => {
        expect(ids(await store.findRecords(query({ from: '2024-05-02', to: '2024-05-03' })))).toEqual(['3', '2']);
        expect(ids(await store.findRecords(query({ to: '2024-05-02' })))).toEqual(['2', '1']);
        expect(ids(await store.findRecords(query({ from: '2024-05-04' })))).toEqual(['5', '4']);
        expect(ids(await store.findRecords(query({ from: '2024-05-04T12:00:00.000Z', to: '2024-05-04T12:00:00.000Z' })))).toEqual(['4']);
        expect(ids(await store.findRecords(query({ from: '2024-05-06' })))).toEqual([]);
      });

      it('an unreadable date in a query is refused', async () => {
        await expect(store.findRecords(query({ from: 'yesterday-ish' }))).rejects.toThrow(/from/);
      });

      it('filters by handler and by department', async () => {
        expect(ids(await store.findRecords(query({ handler: 'u-sales2' })))).toEqual(['4', '3']);
        expect(ids(await store.findRecords(query({ department: 'east' })))).toEqual(['5', '2', '1']);
      });

      it('a salesperson sees what they handle and what their department holds', async () => {
        const visibility = { userId: 'u-sales2', departments: ['east'], ownOnly: false };
        expect(ids(await store.findRecords(query({ visibility })))).toEqual(['5', '4', '3', '2', '1']);
        const westOnly = { userId: 'u-sales1', departments: ['west'], ownOnly: false };
        expect(ids(await store.findRecords(query({ visibility: westOnly })))).toEqual(['4', '3', '2', '1']);
      });

      it('with ownOnly the department does not count', async () => {
        const visibility = { userId: 'u-sales2', departments: ['east'], ownOnly: true };
        expect(ids(await store.findRecords(query({ visibility })))).toEqual(['4', '3']);
      });

      it('a record is visible to its previous handler', async () => {
        const visibility = { userId: 'u-sales1', departments: [], ownOnly: true };
        // Record 4 was handed to u-sales2; u-sales1 stays a watcher.
        expect(ids(await store.findRecords(query({ visibility })))).toEqual(['4', '2', '1']);
      });

      it('a view per template: all of one, a department of another, elsewhere only what they handle or watch', async () => {
        // Record 5 is a "return" (east, handled by u-manager); 1, 2 are east sales orders; 3, 4 west ones (4 watched by u-sales1).
        const allOrders = { userId: 'u-sales1', templates: { 'sales-order@1': { all: true as const } } };
        expect(ids(await store.findRecords(query({ visibility: allOrders })))).toEqual(['4', '3', '2', '1']);
        const eastReturns = { userId: 'u-sales2', templates: { 'return@1': { departments: ['east'] } } };
        expect(ids(await store.findRecords(query({ visibility: eastReturns })))).toEqual(['5', '4', '3']);
        const otherVersion = { userId: 'u-nobody', templates: { 'return@2': { all: true as const } } };
        expect(await store.findRecords(query({ visibility: otherVersion }))).toEqual({ items: [], total: 0 });
        const watcher = { userId: 'u-sales1', templates: { 'return@1': { all: true as const } } };
        expect(ids(await store.findRecords(query({ visibility: watcher })))).toEqual(['5', '4', '2', '1']);
      });

      it('a stranger sees nothing', async () => {
        const visibility = { userId: 'u-nobody', departments: ['north'], ownOnly: false };
        expect(await store.findRecords(query({ visibility }))).toEqual({ items: [], total: 0 });
      });

      it('processedBy keeps the records the person acted on or approved, not those they only commented on', async () => {
        await store.commit({
          audit: [
            anAudit('w1', '1', { actor: 'u-finance', action: 'receive' }),
            anAudit('w2', '3', { actor: 'u-sales2', action: 'cancel', approvedBy: 'u-finance' }),
            anAudit('w3', '4', { actor: 'u-finance', action: 'comment', comment: '@sales2' }),
          ],
        });
        expect(ids(await store.findRecords(query({ processedBy: 'u-finance' })))).toEqual(['3', '1']);
        expect(ids(await store.findRecords(query({ processedBy: 'u-sales2', status: ['archived'] })))).toEqual(['3']);
        expect(await store.findRecords(query({ processedBy: 'u-nobody' }))).toEqual({ items: [], total: 0 });
        // within what the viewer may see
        const visibility = { userId: 'u-sales1', departments: ['east'], ownOnly: false };
        expect(ids(await store.findRecords(query({ processedBy: 'u-finance', visibility })))).toEqual(['1']);
        // what they work on next is found too
        await store.commit({ audit: [anAudit('w4', '5', { actor: 'u-finance', action: 'receive' })] });
        expect(ids(await store.findRecords(query({ processedBy: 'u-finance' })))).toEqual(['5', '3', '1']);
      });

      it('filters combine', async () => {
        const visibility = { userId: 'u-sales1', departments: ['east'], ownOnly: false };
        const found = await store.findRecords(query({ visibility, template: 'sales-order', q: 'acme', excludeStatus: ['archived'], from: '2024-05-01' }));
        expect(ids(found)).toEqual(['4', '1']);
        expect(found.total).toBe(2);
      });

      it('sorts by the field and direction asked', async () => {
        expect(ids(await store.findRecords(query({ sort: { field: 'createdAt', dir: 'asc' } })))).toEqual(['1', '2', '3', '4', '5']);
        expect(ids(await store.findRecords(query({ sort: { field: 'number', dir: 'asc' } })))).toEqual(['5', '1', '2', '3', '4']);
        expect(ids(await store.findRecords(query({ sort: { field: 'status', dir: 'asc' } })))).toEqual(['3', '2', '1', '4', '5']);
        expect(ids(await store.findRecords(query({ sort: { field: 'updatedAt', dir: 'desc' } })))).toHaveLength(5);
      });

      it('records without the sorted value come last in either direction', async () => {
        expect(ids(await store.findRecords(query({ sort: { field: 'amount', dir: 'asc' } })))).toEqual(['2', '4', '1', '3', '5']);
        expect(ids(await store.findRecords(query({ sort: { field: 'amount', dir: 'desc' } })))).toEqual(['1', '4', '2', '5', '3']);
        expect(ids(await store.findRecords(query({ sort: { field: 'customer', dir: 'asc' } })))).toEqual(['1', '3', '4', '2', '5']);
      });

      it('paging returns the total and the requested slice', async () => {
        expect(await store.findRecords(query({ page: 1, pageSize: 2 }))).toMatchObject({ total: 5 });
        expect(ids(await store.findRecords(query({ page: 1, pageSize: 2 })))).toEqual(['5', '4']);
        expect(ids(await store.findRecords(query({ page: 2, pageSize: 2 })))).toEqual(['3', '2']);
        expect(ids(await store.findRecords(query({ page: 3, pageSize: 2 })))).toEqual(['1']);
        expect(await store.findRecords(query({ page: 4, pageSize: 2 }))).toEqual({ items: [], total: 5 });
        const sorted = await store.findRecords(query({ page: 2, pageSize: 2, sort: { field: 'number', dir: 'asc' } }));
        expect({ ids: ids(sorted), total: sorted.total }).toEqual({ ids: ['2', '3'], total: 5 });
      });

      it('deep pages of a sorted list continue the first pages exactly', async () => {
        // Enough records that deep pages take the full-sort path and shallow ones the sorted-buffer path.
        const many = Array.from({ length: 2500 }, (_, i) =>
          aRecord(`m${i}`, {
            createdAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
            summary: i % 7 === 0 ? { customer: 'x' } : { customer: 'x', amount: (i * 7919) % 1000 },
          }),
        );
        await store.commit({ records: many.map((record) => ({ record })) });
        const sorted = [...many, ...(await store.allRecords()).filter((r) => !r.id.startsWith('m'))]
          .sort((a, b) => {
            const x = a.summary.amount;
            const y = b.summary.amount;
            if (x !== y) return x === undefined ? 1 : y === undefined ? -1 : y - x;
            return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1;
          })
          .map((r) => r.id);
        const sort = { field: 'amount', dir: 'desc' } as const;
        const whole = await store.findRecords(query({ sort, pageSize: 3000 }));
        expect(whole.total).toBe(2505);
        expect(ids(whole)).toEqual(sorted);
        const pages: string[] = [];
        for (let page = 1; page <= 6; page++) pages.push(...ids(await store.findRecords(query({ sort, page, pageSize: 500 }))));
        expect(pages).toEqual(sorted);
      });

      it('a page below 1 is refused', async () => {
        await expect(store.findRecords(query({ page: 0 }))).rejects.toThrow(/page/);
      });

      it('a record whose creation time changes moves in the order', async () => {
        await store.commit({ records: [{ record: aRecord('5', { template: 'return', version: 2, createdAt: '2024-04-30T00:00:00.000Z' }), expectVersion: 1 }] });
        expect(ids(await store.findRecords(query()))).toEqual(['4', '3', '2', '1', '5']);
        expect(ids(await store.findRecords(query({ to: '2024-04-30' })))).toEqual(['5']);
      });

      it('allRecords lists every record, or those of one template', async () => {
        expect((await store.allRecords()).map((r) => r.id).sort()).toEqual(['1', '2', '3', '4', '5']);
        expect((await store.allRecords('return')).map((r) => r.id)).toEqual(['5']);
      });
    });

    describe('stock', () => {
      it('stock levels follow movements', async () => {
        await store.commit({
          stock: [
            aMovement('m1', { onHand: 100, note: 'opening' }),
            aMovement('m2', { product: 'KB-01', warehouse: 'WH-BJ', onHand: 10 }),
          ],
        });
        await store.commit({ records: [{ record: aRecord('1') }], stock: [aMovement('m3', { recordId: '1', reserved: 30 })] });
        await store.commit({ stock: [aMovement('m4', { recordId: '1', reserved: -30, onHand: -30 })] });
        await store.commit({ stock: [aMovement('m5', { recordId: '2', reserved: 0.1 }), aMovement('m6', { recordId: '2', reserved: 0.2 })] });
        expect(await store.stockLevels()).toEqual([
          { product: 'KB-01', warehouse: 'WH-BJ', onHand: 10, reserved: 0 },
          { product: 'NB-14', warehouse: 'WH-SH', onHand: 70, reserved: 0.3 },
        ]);
        expect(await store.stockLevels({ product: 'KB-01' })).toEqual([{ product: 'KB-01', warehouse: 'WH-BJ', onHand: 10, reserved: 0 }]);
        expect(await store.stockLevels({ warehouse: 'WH-SH' })).toHaveLength(1);
        expect(await store.stockLevels({ product: 'NB-14', warehouse: 'WH-BJ' })).toEqual([]);
        expect((await store.stockMovements('1')).map((m) => m.id)).toEqual(['m3', 'm4']);
        expect(await store.stockMovements('nope')).toEqual([]);
      });
    });

    describe('notifications', () => {
      it('come newest first and are marked read one by one or all at once', async () => {
        await store.commit({
          notifications: [
            aNotification('n1', 'u-sales1', { at: '2024-05-01T08:00:00.000Z' }),
            aNotification('n2', 'u-sales1', { at: '2024-05-03T08:00:00.000Z' }),
            aNotification('n3', 'u-sales1', { at: '2024-05-02T08:00:00.000Z' }),
            aNotification('n4', 'u-sales2'),
          ],
        });
        expect((await store.notificationsFor('u-sales1')).map((n) => n.id)).toEqual(['n2', 'n3', 'n1']);
        await store.markNotificationsRead('u-sales1', ['n3', 'n4']);
        expect((await store.notificationsFor('u-sales1')).filter((n) => n.read).map((n) => n.id)).toEqual(['n3']);
        expect((await store.notificationsFor('u-sales2'))[0].read).toBe(false);
        await store.markNotificationsRead('u-sales1', 'all');
        expect((await store.notificationsFor('u-sales1')).every((n) => n.read)).toBe(true);
        expect((await store.notificationsFor('u-sales2'))[0].read).toBe(false);
      });

      it('outside deliveries wait in the outbox until marked delivered', async () => {
        await store.commit({
          notifications: [
            aNotification('n1', 'contact:buyer@example.com'),
            aNotification('n2', 'u-sales1'),
            aNotification('n3', 'u-sales1', { delivered: false }),
            aNotification('n4', 'contact:other@example.com', { delivered: true }),
          ],
        });
        expect((await store.pendingOutbox()).map((n) => n.id)).toEqual(['n1', 'n3']);
        await store.markDelivered(['n1', 'unknown']);
        expect((await store.pendingOutbox()).map((n) => n.id)).toEqual(['n3']);
        expect((await store.notificationsFor('contact:buyer@example.com'))[0].delivered).toBe(true);
        await store.markDelivered(['n1']);
        expect((await store.pendingOutbox()).map((n) => n.id)).toEqual(['n3']);
      });
    });

    describe('ledger and periods', () => {
      it('ledger entries are kept per record and in full', async () => {
        await store.commit({ ledger: [aLedgerEntry('l1', '1'), aLedgerEntry('l2', '2')] });
        await store.commit({ ledger: [aLedgerEntry('l3', '1', { amount: -100, reverses: 'l1' })] });
        expect((await store.ledgerEntries('1')).map((e) => e.id)).toEqual(['l1', 'l3']);
        expect((await store.allLedgerEntries()).map((e) => e.id)).toEqual(['l1', 'l2', 'l3']);
      });

      it('ledger entries cannot be overwritten', async () => {
        await create(store, aRecord('1'));
        await store.commit({ ledger: [aLedgerEntry('l1', '1')] });
        const before = await everything(store, ['1']);
        await expect(
          store.commit({
            records: [{ record: aRecord('1', { version: 2 }), expectVersion: 1 }],
            ledger: [aLedgerEntry('l1', '1', { amount: 0 })],
          }),
        ).rejects.toThrow(/l1/);
        expect(await everything(store, ['1'])).toEqual(before);
        await expect(store.commit({ ledger: [aLedgerEntry('l2', '1'), aLedgerEntry('l2', '1')] })).rejects.toThrow(/l2/);
        expect(await store.allLedgerEntries()).toEqual([aLedgerEntry('l1', '1')]);
      });

      it('the months with ledger entries, where the store lists them apart, are those of the entries, in order', async () => {
        if (!store.ledgerPeriods) return;
        expect(await store.ledgerPeriods()).toEqual([]);
        await store.commit({ ledger: [aLedgerEntry('l1', '1', { period: '2024-05' }), aLedgerEntry('l2', '2', { period: '2023-12' })] });
        await store.commit({ ledger: [aLedgerEntry('l3', '1', { period: '2024-05', amount: -100, reverses: 'l1' })] });
        expect(await store.ledgerPeriods()).toEqual(['2023-12', '2024-05']);
      });

      it('periods close and reopen', async () => {
        await store.setPeriodClosed('2024-05', true);
        await store.setPeriodClosed('2024-03', true);
        await store.setPeriodClosed('2024-05', true);
        expect(await store.closedPeriods()).toEqual(['2024-03', '2024-05']);
        await store.setPeriodClosed('2024-05', false);
        expect(await store.closedPeriods()).toEqual(['2024-03']);
        await expect(store.setPeriodClosed('May 2024', true)).rejects.toThrow(/YYYY-MM/);
      });
    });

    describe('backups of major operations', () => {
      const tag = { id: 'snap-op-1', label: 'bulk cancel × 2', at: '2024-05-02T00:00:00.000Z' };

      it('keep what several change sets overwrote under one backup, and restore it with counter-entries', async () => {
        await store.commit({ records: [{ record: aRecord('1') }, { record: aRecord('2') }], stock: [aMovement('m0', { onHand: 10 })] });
        await store.commit({ backup: tag, records: [{ record: aRecord('1', { version: 2, status: 'cancelled' }), expectVersion: 1 }], stock: [aMovement('m1', { recordId: '1', reserved: -3 })], ledger: [aLedgerEntry('l1', '1')] });
        await store.commit({ backup: tag, records: [{ record: aRecord('2', { version: 2, status: 'cancelled' }), expectVersion: 1 }] });
        await store.commit({ records: [{ record: aRecord('3') }] });
        expect(await store.listSnapshots()).toEqual([{ id: tag.id, at: tag.at, label: tag.label, records: [aRecord('1').number, aRecord('2').number] }]);

        await store.restoreSnapshot(tag.id);
        for (const id of ['1', '2']) expect(await store.getRecord(id)).toEqual({ ...aRecord(id), version: 3, updatedAt: expect.any(String) });
        expect(await store.stockLevels()).toEqual([{ product: 'NB-14', warehouse: 'WH-SH', onHand: 10, reserved: 0 }]);
        const ledger = await store.ledgerEntries('1');
        expect(ledger.map((e) => e.amount).reduce((a, b) => a + b, 0)).toBe(0);
        expect(ledger[1]).toMatchObject({ reverses: 'l1' });
        expect((await store.getAudit('2')).map((a) => a.action)).toEqual(['backup.restored']);
        expect(await store.getRecord('3')).toEqual(aRecord('3'));
        expect(await store.listSnapshots()).toEqual([]);
      });

      it('refuse to restore over a record that moved on, naming it, and change nothing', async () => {
        await store.commit({ records: [{ record: aRecord('1') }] });
        await store.commit({ backup: tag, records: [{ record: aRecord('1', { version: 2 }), expectVersion: 1 }] });
        await store.commit({ records: [{ record: aRecord('1', { version: 3 }), expectVersion: 2 }] });
        await expect(store.restoreSnapshot(tag.id)).rejects.toThrow(new RegExp(`${aRecord('1').number} changed after it was taken`));
        expect((await store.getRecord('1'))?.version).toBe(3);
        expect(await store.listSnapshots()).toHaveLength(1);
      });
    });

    describe('snapshots', () => {
      it('a snapshot restores the state it took', async () => {
        await store.putTemplate(aTemplate('sales-order', 1));
        await store.commit({
          records: [{ record: aRecord('1') }],
          audit: [anAudit('a1', '1')],
          stock: [aMovement('m1', { recordId: '1', reserved: 5 })],
          counters: { 'sales-order': 1 },
        });
        const before = await everything(store, ['1', '2']);
        const snap = await store.snapshot('before cancelling');
        expect(snap).toMatchObject({ label: 'before cancelling' });
        expect(Number.isNaN(Date.parse(snap.at))).toBe(false);

        await store.commit({
          records: [{ record: aRecord('1', { version: 2, status: 'cancelled' }), expectVersion: 1 }, { record: aRecord('2') }],
          audit: [anAudit('a2', '1', { action: 'cancel' })],
          stock: [aMovement('m2', { recordId: '1', reserved: -5 })],
          ledger: [aLedgerEntry('l1', '1')],
          counters: { 'sales-order': 2 },
        });
        await store.putTemplate(aTemplate('sales-order', 2));

        await store.restoreSnapshot(snap.id);
        expect(await everything(store, ['1', '2'])).toEqual(before);
        expect((await store.getTemplate('sales-order'))?.version).toBe(1);
        // Indexes follow the restored state: a new version commits on top of it.
        await store.commit({ records: [{ record: aRecord('1', { version: 2 }), expectVersion: 1 }] });
      });

      it('snapshots are listed newest first with their labels', async () => {
        const a = await store.snapshot('first');
        const b = await store.snapshot('second');
        const list = await store.listSnapshots();
        expect(list.map((s) => s.label)).toEqual(['second', 'first']);
        expect(list.map((s) => s.id)).toEqual([b.id, a.id]);
        expect(list[0]).toEqual(b);
      });

      it('signed-in users stay signed in across a restore', async () => {
        const snap = await store.snapshot('empty');
        await store.putSession({ token: 't1', userId: 'u1', expiresAt: '2099-01-01T00:00:00.000Z' });
        await store.restoreSnapshot(snap.id);
        expect(await store.getSession('t1')).toBeDefined();
      });

      it('restoring an unknown snapshot fails and changes nothing', async () => {
        await create(store, aRecord('1'));
        await expect(store.restoreSnapshot('snap-nope')).rejects.toThrow(/no snapshot/);
        await expect(store.restoreSnapshot('../store')).rejects.toThrow(/no snapshot/);
        expect(await store.getRecord('1')).toBeDefined();
      });
    });

    describe('export and import', () => {
      it('an export imports into another store as the same state', async () => {
        await store.putTemplate(aTemplate('sales-order', 1));
        await store.putUser(aUser('u1', 'sales1'));
        await store.setPeriodClosed('2024-04', true);
        await store.commit({
          records: [{ record: aRecord('1') }, { record: aRecord('2', { createdAt: '2024-04-01T00:00:00.000Z' }) }],
          audit: [anAudit('a1', '1')],
          stock: [aMovement('m1', { recordId: '1', onHand: 7 })],
          ledger: [aLedgerEntry('l1', '1')],
          notifications: [aNotification('n1', 'contact:buyer@example.com')],
          approvals: [anApproval('p1', '1')],
          documents: [aDocument('d1')],
          counters: { 'sales-order': 2 },
        });
        const exported = JSON.parse(JSON.stringify(await store.exportAll()));
        const other = await make();
        try {
          await other.store.init();
          await other.store.importAll(exported);
          expect(await everything(other.store, ['1', '2'])).toEqual(await everything(store, ['1', '2']));
          expect(await other.store.getUserByUsername('sales1')).toBeDefined();
          expect(await other.store.closedPeriods()).toEqual(['2024-04']);
          expect(ids(await other.store.findRecords(query()))).toEqual(['1', '2']);
          await expect(other.store.commit({ ledger: [aLedgerEntry('l1', '1')] })).rejects.toThrow(/l1/);
        } finally {
          await other.store.close();
          await other.cleanup();
        }
      });

      it('an export carries no session tokens', async () => {
        await store.putSession({ token: 'secret-token', userId: 'u1', expiresAt: '2099-01-01T00:00:00.000Z' });
        expect(JSON.stringify(await store.exportAll())).not.toContain('secret-token');
      });

      it('importing replaces what was there', async () => {
        await create(store, aRecord('1'));
        const exported = await store.exportAll();
        await create(store, aRecord('2'));
        await store.importAll(exported);
        expect((await store.allRecords()).map((r) => r.id)).toEqual(['1']);
        expect(await store.getRecord('2')).toBeUndefined();
      });

      it('importing garbage is refused with a clear message and changes nothing', async () => {
        await create(store, aRecord('1'));
        const before = await everything(store, ['1']);
        const good = (await store.exportAll()) as { [k: string]: unknown };
        await expect(store.importAll(null)).rejects.toThrow(/not a valid store export/);
        await expect(store.importAll([1, 2, 3])).rejects.toThrow(/not a valid store export/);
        await expect(store.importAll({ hello: 'world' })).rejects.toThrow(/format/);
        await expect(store.importAll({ ...good, records: 'lots' } as never)).rejects.toThrow(/records must be a list/);
        await expect(store.importAll({ ...good, records: [{ id: 'x' }] } as never)).rejects.toThrow(/records\[0\]\.number/);
        await expect(store.importAll({ ...good, formatVersion: 99 } as never)).rejects.toThrow(/formatVersion/);
        expect(await everything(store, ['1'])).toEqual(before);
      });
    });
  });
}
