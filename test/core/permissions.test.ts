// Who may see, run and write what: scopes, grants, field permissions, and the previous handler's read-only view.
import { beforeAll, describe, expect, it } from 'vitest';
import { availableActions, decideAction, decideEdit } from '../../plugin/core/decide.ts';
import {
  canRead,
  canSee,
  editableFields,
  forbiddenChange,
  inScope,
  matchingGrant,
  unwritableOnCreate,
  visibilityOf,
} from '../../plugin/core/permissions.ts';
import { redactChanges, redactData } from '../../plugin/core/redact.ts';
import type { Actor, FieldChange, Scope, Template, WorkRecord } from '../../plugin/core/types.ts';
import { demoActor, SYSTEM_ACTOR, type DemoUsername } from '../fixtures/demo-actors.ts';
import { NOW, ORDER_DATA, orderRecord, PLAIN_RULES } from '../fixtures/core-records.ts';
import { loadPrebuiltTemplates } from '../fixtures/prebuilt-templates.ts';

let so: Template;
let settlement: Template;
/** The sales-order template with line prices readable and writable by finance and managers only. */
let hiddenPrices: Template;

beforeAll(async () => {
  ({ salesOrder: so, settlement } = await loadPrebuiltTemplates());
  hiddenPrices = structuredClone(so);
  hiddenPrices.fields!['/lines/price'] = { read: ['finance', 'sales_manager'], write: ['sales_manager'] };
});

const ALL_TOP_LEVEL = ['/orderDate', '/deliveryDate', '/customer', '/lines', '/remark', '/internalNote', '/customerCancelRequest', '/recheck'];
const without = (...drop: string[]) => ALL_TOP_LEVEL.filter((p) => !drop.includes(p));
const handedOver: Partial<WorkRecord> = { handler: 'sales3', watchers: ['sales1'] };

describe('inScope', () => {
  const actor = (department?: string): Actor => ({ id: 'u1', name: 'U', roles: ['x'], ...(department ? { department } : {}) });
  it.each<{ scope: Scope; handler: string; department: string; actorDepartment?: string; expected: boolean }>([
    { scope: 'all', handler: 'other', department: 'west', expected: true },
    { scope: 'own', handler: 'u1', department: 'west', expected: true },
    { scope: 'own', handler: 'other', department: 'east', actorDepartment: 'east', expected: false },
    { scope: 'department', handler: 'other', department: 'east', actorDepartment: 'east', expected: true },
    { scope: 'department', handler: 'other', department: 'west', actorDepartment: 'east', expected: false },
    { scope: 'department', handler: 'u1', department: 'west', actorDepartment: 'east', expected: false },
    // Nobody without a department owns the records that have none.
    { scope: 'department', handler: 'other', department: '', expected: false },
  ])('$scope: handler $handler in "$department", caller in "$actorDepartment" → $expected', ({ scope, handler, department, actorDepartment, expected }) => {
    expect(inScope(scope, orderRecord('draft', { handler, department }), actor(actorDepartment))).toBe(expected);
  });
});

describe('canSee', () => {
  it.each<{ caller: DemoUsername; record: Partial<WorkRecord>; expected: boolean }>([
    { caller: 'sales1', record: {}, expected: true },
    { caller: 'sales3', record: {}, expected: false },
    { caller: 'sales2', record: {}, expected: false },
    { caller: 'manager', record: {}, expected: true },
    { caller: 'manager2', record: {}, expected: false },
    { caller: 'manager2', record: { department: 'west', handler: 'sales2' }, expected: true },
    { caller: 'admin', record: {}, expected: true },
    { caller: 'finance', record: {}, expected: true },
    { caller: 'finmanager', record: {}, expected: true },
    { caller: 'warehouse', record: {}, expected: true },
    // The previous handler keeps following the order; the new one sees it as handler.
    { caller: 'sales1', record: handedOver, expected: true },
    { caller: 'sales3', record: handedOver, expected: true },
    // Handed to another department: the old department's manager no longer sees it, the new one does.
    { caller: 'manager', record: { handler: 'sales2', department: 'west', watchers: ['sales1'] }, expected: false },
    { caller: 'manager2', record: { handler: 'sales2', department: 'west', watchers: ['sales1'] }, expected: true },
  ])('$caller sees a record $record → $expected', ({ caller, record, expected }) => {
    expect(canSee(so, orderRecord('confirmed', record), demoActor(caller))).toBe(expected);
  });

  it('roles a template does not know give no view (settlements are for finance)', () => {
    const doc = orderRecord('draft', { template: 'settlement', handler: 'finance', department: '' });
    expect(canSee(settlement, doc, demoActor('sales1'))).toBe(false);
    expect(canSee(settlement, doc, demoActor('manager'))).toBe(false);
    expect(canSee(settlement, doc, demoActor('finmanager'))).toBe(true);
  });
});

describe('matchingGrant', () => {
  it('returns the first grant that covers the caller and the record', () => {
    const grants = so.actions.cancel.allow;
    expect(matchingGrant(grants, orderRecord('draft'), demoActor('sales1'))).toEqual({ role: 'sales', scope: 'own' });
    expect(matchingGrant(grants, orderRecord('draft'), demoActor('manager'))).toEqual({ role: 'sales_manager', scope: 'department' });
    expect(matchingGrant(grants, orderRecord('draft'), demoActor('manager2'))).toBeUndefined();
    expect(matchingGrant(grants, orderRecord('draft'), SYSTEM_ACTOR)).toEqual({ role: 'system', scope: 'all' });
  });
});

describe('visibilityOf: what a list query may return', () => {
  it.each<{ caller: DemoUsername; expected: ReturnType<typeof visibilityOf> }>([
    { caller: 'admin', expected: { all: true } },
    { caller: 'finance', expected: { all: true } },
    // No role in the settlement template: its records are not theirs to list (canSee says the same).
    { caller: 'warehouse', expected: { userId: 'warehouse', templates: { 'sales-order@1': { all: true } } } },
    { caller: 'sales1', expected: { userId: 'sales1', departments: [], ownOnly: true } },
    { caller: 'manager', expected: { userId: 'manager', templates: { 'sales-order@1': { departments: ['east'] } } } },
  ])('$caller', ({ caller, expected }) => {
    expect(visibilityOf([so, settlement], demoActor(caller))).toEqual(expected);
  });

  it.each<{ caller: DemoUsername; expected: ReturnType<typeof visibilityOf> }>([
    { caller: 'warehouse', expected: { all: true } },
    { caller: 'manager', expected: { userId: 'manager', departments: ['east'], ownOnly: false } },
    { caller: 'sales1', expected: { userId: 'sales1', departments: [], ownOnly: true } },
  ])('one view for every template when they agree: $caller over the sales order alone', ({ caller, expected }) => {
    expect(visibilityOf([so], demoActor(caller))).toEqual(expected);
  });
});

describe('field-level permissions', () => {
  it.each<{ caller: DemoUsername; pointer: string; expected: boolean }>([
    { caller: 'sales1', pointer: '/internalNote', expected: false },
    { caller: 'warehouse', pointer: '/internalNote', expected: false },
    { caller: 'manager', pointer: '/internalNote', expected: true },
    { caller: 'finance', pointer: '/internalNote', expected: true },
    { caller: 'admin', pointer: '/internalNote', expected: true },
    { caller: 'sales1', pointer: '/remark', expected: true },
    { caller: 'sales1', pointer: '/recheck', expected: true },
    { caller: 'sales1', pointer: '/lines/0/price', expected: true },
  ])('canRead: $caller reads $pointer → $expected', ({ caller, pointer, expected }) => {
    expect(canRead(so, pointer, demoActor(caller))).toBe(expected);
  });

  it.each<{ caller: DemoUsername; visible: boolean }>([
    { caller: 'sales1', visible: false },
    { caller: 'warehouse', visible: false },
    { caller: 'manager', visible: true },
    { caller: 'finance', visible: true },
    { caller: 'finmanager', visible: true },
    { caller: 'admin', visible: true },
  ])('redactData: the internal note is shown to $caller → $visible', ({ caller, visible }) => {
    const data = structuredClone(ORDER_DATA);
    const shown = redactData(so, data, demoActor(caller));
    expect('internalNote' in shown).toBe(visible);
    const { internalNote: _n, ...rest } = ORDER_DATA;
    expect(shown).toMatchObject(rest);
    // The stored data is never touched.
    expect(data).toEqual(ORDER_DATA);
  });

  it('redactData leaves out a field of every line item when the field is kept from the caller', () => {
    const shown = redactData(hiddenPrices, structuredClone(ORDER_DATA), demoActor('sales1'));
    expect(shown.lines).toEqual([
      { product: 'NB-14', warehouse: 'WH-SH', quantity: 2 },
      { product: 'KB-01', warehouse: 'WH-BJ', quantity: 3 },
    ]);
    expect(redactData(hiddenPrices, structuredClone(ORDER_DATA), demoActor('finance')).lines).toEqual(ORDER_DATA.lines);
  });

  it('redactChanges keeps history entries from showing what the caller may not read', () => {
    const changes: FieldChange[] = [
      { path: '/internalNote', before: 'old', after: 'new' },
      { path: '/remark', after: 'hello' },
      { path: '/lines/0/price', before: 1, after: 2 },
      { path: '/lines/1', after: { product: 'KB-01', warehouse: 'WH-BJ', quantity: 1, price: 9 } },
      { path: '/lines', before: [{ product: 'KB-01', warehouse: 'WH-BJ', quantity: 1, price: 9 }] },
    ];
    expect(redactChanges(hiddenPrices, changes, demoActor('sales1'))).toEqual([
      { path: '/remark', after: 'hello' },
      { path: '/lines/1', after: { product: 'KB-01', warehouse: 'WH-BJ', quantity: 1 } },
      { path: '/lines', before: [{ product: 'KB-01', warehouse: 'WH-BJ', quantity: 1 }] },
    ]);
    expect(redactChanges(hiddenPrices, changes, demoActor('manager'))).toEqual(changes);
  });

  it.each<{ title: string; caller: DemoUsername; status: string; record?: Partial<WorkRecord>; expected: string[] }>([
    { title: 'a salesperson in a draft: everything but the internal note and the re-check flag', caller: 'sales1', status: 'draft', expected: without('/internalNote', '/recheck') },
    { title: 'a manager in a draft: everything but the re-check flag', caller: 'manager', status: 'draft', expected: without('/recheck') },
    { title: 'an admin in a draft: everything', caller: 'admin', status: 'draft', expected: ALL_TOP_LEVEL },
    { title: 'a salesperson in confirmed', caller: 'sales1', status: 'confirmed', expected: ['/deliveryDate', '/remark', '/customer', '/customerCancelRequest'] },
    { title: 'a manager in confirmed', caller: 'manager', status: 'confirmed', expected: ['/deliveryDate', '/remark', '/customer', '/internalNote', '/customerCancelRequest'] },
    { title: 'the warehouse in confirmed', caller: 'warehouse', status: 'confirmed', expected: ['/deliveryDate'] },
    { title: 'a salesperson in shipped', caller: 'sales1', status: 'shipped', expected: [] },
    { title: 'a manager in shipped', caller: 'manager', status: 'shipped', expected: ['/remark', '/internalNote'] },
    { title: 'finance anywhere', caller: 'finance', status: 'written_off', expected: [] },
    { title: 'an admin in settled (read-only)', caller: 'admin', status: 'settled', expected: [] },
    { title: 'an admin in cancelled (terminal)', caller: 'admin', status: 'cancelled', expected: [] },
    { title: 'a manager of another department', caller: 'manager2', status: 'draft', expected: [] },
    { title: 'the previous handler', caller: 'sales1', status: 'draft', record: handedOver, expected: [] },
    { title: 'the new handler', caller: 'sales3', status: 'draft', record: handedOver, expected: without('/internalNote', '/recheck') },
    { title: 'a manager who once handled it and still has it in the department', caller: 'manager', status: 'draft', record: { handler: 'sales3', watchers: ['manager'] }, expected: without('/recheck') },
  ])('editableFields: $title', ({ caller, status, record, expected }) => {
    expect(editableFields(so, orderRecord(status, record), demoActor(caller)).sort()).toEqual([...expected].sort());
  });

  it('forbiddenChange names the first change the caller may not make', () => {
    const record = orderRecord('confirmed');
    const changes: FieldChange[] = [
      { path: '/remark', after: 'ok' },
      { path: '/lines/0/quantity', before: 2, after: 3 },
      { path: '/internalNote', after: 'x' },
    ];
    expect(forbiddenChange(so, record, demoActor('sales1'), changes)?.path).toBe('/lines/0/quantity');
    expect(forbiddenChange(so, record, demoActor('manager'), changes)?.path).toBe('/lines/0/quantity');
    expect(forbiddenChange(so, record, demoActor('admin'), changes)).toBeUndefined();
    expect(forbiddenChange(so, orderRecord('draft'), demoActor('sales1'), [{ path: '/customer/email', after: 'a@b.c' }])).toBeUndefined();
  });

  it.each<{ caller: DemoUsername; pointers: string[]; expected: string | undefined }>([
    { caller: 'sales1', pointers: ['/customer', '/lines', '/internalNote'], expected: '/internalNote' },
    { caller: 'sales1', pointers: ['/customer', '/recheck'], expected: '/recheck' },
    { caller: 'manager', pointers: ['/customer', '/internalNote'], expected: undefined },
    { caller: 'manager', pointers: ['/recheck'], expected: '/recheck' },
    { caller: 'admin', pointers: ['/internalNote', '/recheck'], expected: undefined },
  ])('unwritableOnCreate: $caller filling $pointers → $expected', ({ caller, pointers, expected }) => {
    expect(unwritableOnCreate(so, pointers, demoActor(caller))).toBe(expected);
  });
});

describe('the previous handler can see but not edit', () => {
  const record = () => orderRecord('confirmed', handedOver);

  it('sees the record', () => {
    expect(canSee(so, record(), demoActor('sales1'))).toBe(true);
  });

  it('may change no field', () => {
    expect(editableFields(so, record(), demoActor('sales1'))).toEqual([]);
    expect(decideEdit(so, record(), { remark: 'still mine?' }, 4, demoActor('sales1'), NOW)).toMatchObject({ ok: false, code: 'read_only' });
  });

  it('may run no action and is offered none', () => {
    for (const action of Object.keys(so.actions)) {
      const outcome = decideAction(so, record(), { kind: 'action', action, reason: 'other', params: { handler: 'sales1' } }, { actor: demoActor('sales1'), now: NOW, rules: PLAIN_RULES });
      expect(outcome.ok, action).toBe(false);
    }
    expect(availableActions(so, record(), demoActor('sales1'), PLAIN_RULES)).toEqual([]);
  });

  it('while the new handler may', () => {
    expect(decideEdit(so, record(), { remark: 'mine now' }, 4, demoActor('sales3'), NOW).ok).toBe(true);
    expect(availableActions(so, record(), demoActor('sales3'), PLAIN_RULES).map((a) => a.name).sort()).toEqual(['cancel', 'reassign']);
  });
});

describe('role names that are members of every JavaScript object', () => {
  // Roles are free text an administrator types: "constructor" is a role no template grants anything to.
  const odd = (...roles: string[]): Actor => ({ ...demoActor('sales1'), roles });

  it('give nothing, and do not break the checks that look roles up', () => {
    const draft = orderRecord('draft');
    expect(editableFields(so, draft, odd('constructor', 'sales'))).toEqual(editableFields(so, draft, demoActor('sales1')));
    expect(editableFields(so, draft, odd('toString'))).toEqual(editableFields(so, draft, odd()));
    expect(canSee(so, orderRecord('draft', { handler: 'someone-else' }), odd('constructor', '__proto__'))).toBe(false);
    expect(visibilityOf([so, settlement], odd('constructor'))).toEqual({ userId: 'sales1', departments: [], ownOnly: true });
    expect(() => availableActions(so, draft, odd('valueOf'), PLAIN_RULES)).not.toThrow();
  });
});
