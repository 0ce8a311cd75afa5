// The interpreter, table by table: (template, record, command, caller, rule results) → refusal code, or next state and effects.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  availableActions,
  cascadeSteps,
  decideAction,
  copyDraft,
  decideCopy,
  decideCreate,
  decideEdit,
  initialState,
} from '../../plugin/core/decide.ts';
import { summarize } from '../../plugin/core/derived.ts';
import type { ActionCommand, Actor, FieldChange, JsonObject, RefusalCode, Template, WorkRecord } from '../../plugin/core/types.ts';
import { DEMO_USERNAMES, demoActor, SYSTEM_ACTOR, type DemoUsername } from '../fixtures/demo-actors.ts';
import { allRuleCombinations, NOW, ORDER_DATA, TODAY, orderRecord, PLAIN_RULES, rulesWith } from '../fixtures/core-records.ts';
import { loadPrebuiltTemplates } from '../fixtures/prebuilt-templates.ts';

let so: Template;
/** The sales-order template with a comment required to archive (no prebuilt action requires one). */
let commentRequired: Template;

beforeAll(async () => {
  so = (await loadPrebuiltTemplates()).salesOrder;
  commentRequired = structuredClone(so);
  commentRequired.actions.archive.input = { comment: { required: true } };
});

const who = (name: DemoUsername | 'system'): Actor => (name === 'system' ? SYSTEM_ACTOR : demoActor(name));
const cmd = (action: string, extra: Partial<ActionCommand> = {}): ActionCommand => ({ kind: 'action', action, ...extra });
const ctx = (actor: Actor, rules = PLAIN_RULES) => ({ actor, now: NOW, rules });

/** Input that satisfies each prebuilt action, so that only state, rights and rules decide. */
const VALID_INPUT: Record<string, Partial<ActionCommand>> = {
  cancel: { reason: 'other' },
  reassign: { params: { handler: 'sales3' } },
  record_receipt: { params: { amount: 100 } },
};
const valid = (action: string) => cmd(action, VALID_INPUT[action] ?? {});

// ---------------------------------------------------------------- refusals

interface RefusalRow {
  title: string;
  caller: DemoUsername | 'system';
  status: string;
  command: ActionCommand;
  rules?: Record<string, boolean>;
  record?: Partial<WorkRecord>;
  commentTemplate?: boolean;
  code: RefusalCode;
  errorPath?: string;
}

const actionRefusals: RefusalRow[] = [
  { title: 'an action the template does not have', caller: 'admin', status: 'draft', command: cmd('teleport'), code: 'not_found' },
  { title: 'a salesperson of another department opening the order', caller: 'sales2', status: 'draft', command: cmd('confirm'), code: 'not_found' },
  { title: 'a salesperson of the same department who does not handle it', caller: 'sales3', status: 'draft', command: cmd('confirm'), code: 'not_found' },
  { title: 'a manager of another department', caller: 'manager2', status: 'confirmed', command: cmd('cancel', { reason: 'other' }), code: 'not_found' },
  { title: 'warehouse confirming (sees every order, may not confirm)', caller: 'warehouse', status: 'draft', command: cmd('confirm'), code: 'forbidden' },
  { title: 'finance cancelling', caller: 'finance', status: 'confirmed', command: cmd('cancel', { reason: 'other' }), code: 'forbidden' },
  { title: 'a salesperson unsettling', caller: 'sales1', status: 'settled', command: cmd('unsettle'), code: 'forbidden' },
  {
    title: 'the previous handler (a watcher) cancelling',
    caller: 'sales1', status: 'confirmed', command: cmd('cancel', { reason: 'other' }),
    record: { handler: 'sales3', watchers: ['sales1'] }, code: 'forbidden',
  },
  { title: 'rights are checked before the version', caller: 'warehouse', status: 'draft', command: cmd('confirm', { version: 1 }), code: 'forbidden' },
  { title: 'a stale version', caller: 'sales1', status: 'draft', command: cmd('confirm', { version: 3 }), code: 'version_conflict' },
  { title: 'a version from the future', caller: 'sales1', status: 'draft', command: cmd('confirm', { version: 5 }), code: 'version_conflict' },
  { title: 'the version is checked before the state', caller: 'warehouse', status: 'draft', command: cmd('ship', { version: 1 }), code: 'version_conflict' },
  { title: 'shipping a draft', caller: 'warehouse', status: 'draft', command: cmd('ship'), code: 'invalid_transition' },
  { title: 'cancelling a settled order without its cascade', caller: 'admin', status: 'settled', command: cmd('cancel', { reason: 'other' }), code: 'invalid_transition' },
  { title: 'cancelling a cancelled order', caller: 'sales1', status: 'cancelled', command: cmd('cancel', { reason: 'other' }), code: 'invalid_transition' },
  { title: 'archiving a draft', caller: 'sales1', status: 'draft', command: cmd('archive'), code: 'invalid_transition' },
  { title: 'the state is checked before the input', caller: 'sales1', status: 'archived', command: cmd('cancel'), code: 'invalid_transition' },
  { title: 'cancelling without a reason', caller: 'sales1', status: 'confirmed', command: cmd('cancel'), code: 'reason_required', errorPath: '/reason' },
  { title: 'cancelling with an empty reason', caller: 'sales1', status: 'draft', command: cmd('cancel', { reason: '' }), code: 'reason_required', errorPath: '/reason' },
  { title: 'cancelling with a reason not in the list', caller: 'sales1', status: 'confirmed', command: cmd('cancel', { reason: 'bored' }), code: 'reason_unknown', errorPath: '/reason' },
  { title: 'cancelling with a reason of another list', caller: 'sales1', status: 'confirmed', command: cmd('cancel', { reason: 'wrong_amount' }), code: 'reason_unknown', errorPath: '/reason' },
  {
    title: 'archiving without the comment the template requires',
    caller: 'sales1', status: 'cancelled', command: cmd('archive'), commentTemplate: true, code: 'validation_failed', errorPath: '/comment',
  },
  {
    title: 'archiving with a blank comment where one is required',
    caller: 'sales1', status: 'cancelled', command: cmd('archive', { comment: '   ' }), commentTemplate: true, code: 'validation_failed', errorPath: '/comment',
  },
  { title: 'reassigning to nobody (params empty)', caller: 'sales1', status: 'confirmed', command: cmd('reassign', { params: {} }), code: 'validation_failed', errorPath: '/params' },
  { title: 'reassigning without params at all', caller: 'sales1', status: 'confirmed', command: cmd('reassign'), code: 'validation_failed', errorPath: '/params' },
  { title: 'reassigning with an unknown param', caller: 'sales1', status: 'confirmed', command: cmd('reassign', { params: { handler: 'sales3', boss: 'me' } }), code: 'validation_failed', errorPath: '/params/boss' },
  { title: 'a receipt without an amount', caller: 'finance', status: 'shipped', command: cmd('record_receipt', { params: {} }), code: 'validation_failed', errorPath: '/params/amount' },
  { title: 'a negative receipt', caller: 'finance', status: 'shipped', command: cmd('record_receipt', { params: { amount: -5 } }), code: 'validation_failed', errorPath: '/params/amount' },
  { title: 'a receipt of zero', caller: 'finance', status: 'shipped', command: cmd('record_receipt', { params: { amount: 0 } }), code: 'validation_failed', errorPath: '/params/amount' },
  { title: 'the input is checked before the guards', caller: 'sales1', status: 'confirmed', command: cmd('cancel'), rules: rulesWith({ notInvoiced: false }), code: 'reason_required' },
  { title: 'confirming an order without lines', caller: 'sales1', status: 'draft', command: cmd('confirm'), rules: rulesWith({ hasLines: false }), code: 'guard_failed' },
  { title: 'cancelling an invoiced order', caller: 'sales1', status: 'shipped', command: cmd('cancel', { reason: 'other' }), rules: rulesWith({ notInvoiced: false }), code: 'guard_failed' },
  { title: 'a guard whose rule was not evaluated counts as failed', caller: 'sales1', status: 'draft', command: cmd('confirm'), rules: {}, code: 'guard_failed' },
  { title: 'writing off before the receipts cover the receivable', caller: 'system', status: 'shipped', command: cmd('write_off'), rules: rulesWith({ fullyPaid: false }), code: 'guard_failed' },
  { title: 'settling without an invoice', caller: 'finance', status: 'written_off', command: cmd('settle'), rules: rulesWith({ invoiced: false }), code: 'guard_failed' },
];

describe('decideAction refuses with a stable code', () => {
  it.each(actionRefusals)('$code: $title', (row) => {
    const template = row.commentTemplate ? commentRequired : so;
    const record = orderRecord(row.status, row.record);
    const before = structuredClone(record);
    const outcome = decideAction(template, record, row.command, ctx(who(row.caller), row.rules));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.code).toBe(row.code);
    expect(outcome.message['zh-CN'].length).toBeGreaterThan(0);
    expect(outcome.message.en.length).toBeGreaterThan(0);
    if (row.errorPath) expect(outcome.errors?.map((e) => e.path)).toContain(row.errorPath);
    expect(record).toEqual(before);
  });

  it('a failed guard tells the person what to do, in both languages', () => {
    const outcome = decideAction(so, orderRecord('shipped'), cmd('cancel', { reason: 'other' }), ctx(who('sales1'), rulesWith({ notInvoiced: false })));
    expect(outcome).toMatchObject({ ok: false, code: 'guard_failed' });
    if (outcome.ok) return;
    expect(outcome.message.en).toBe(so.actions.cancel.guards![0].message.en);
    expect(outcome.message['zh-CN']).toBe(so.actions.cancel.guards![0].message['zh-CN']);
  });
});

// ---------------------------------------------------------------- decisions

interface DecisionRow {
  title: string;
  caller: DemoUsername | 'system';
  status: string;
  command: ActionCommand;
  rules?: Record<string, boolean>;
  to: string;
  previousStatus?: string;
  effects: { type: string; params: JsonObject }[];
  needsApproval: boolean;
}

const decisions: DecisionRow[] = [
  {
    title: 'the handler confirms a draft: stock is reserved, the warehouse told',
    caller: 'sales1', status: 'draft', command: cmd('confirm', { version: 4 }), to: 'confirmed', previousStatus: 'draft',
    effects: [{ type: 'stock.reserve', params: {} }, { type: 'notify', params: { notification: 'orderConfirmed' } }], needsApproval: false,
  },
  {
    title: 'the department manager confirms',
    caller: 'manager', status: 'draft', command: cmd('confirm'), to: 'confirmed', previousStatus: 'draft',
    effects: [{ type: 'stock.reserve', params: {} }, { type: 'notify', params: { notification: 'orderConfirmed' } }], needsApproval: false,
  },
  {
    title: 'the warehouse ships: goods out, receivable booked from the derived total',
    caller: 'warehouse', status: 'confirmed', command: cmd('ship'), to: 'shipped', previousStatus: 'confirmed',
    effects: [
      { type: 'stock.ship', params: {} },
      { type: 'ledger.post', params: { account: 'receivable', amount: { derived: 'total' } } },
      { type: 'notify', params: { notification: 'orderShipped' } },
    ],
    needsApproval: false,
  },
  {
    title: 'a receipt takes its amount from the params',
    caller: 'finance', status: 'shipped', command: cmd('record_receipt', { params: { amount: 4000 } }), to: 'shipped',
    effects: [{ type: 'ledger.post', params: { account: 'receipt', amount: 4000 } }], needsApproval: false,
  },
  {
    title: 'a reassignment fills the handler from the params and leaves the department out',
    caller: 'sales1', status: 'confirmed', command: cmd('reassign', { params: { handler: 'sales3' } }), to: 'confirmed',
    effects: [{ type: 'record.assign', params: { handler: 'sales3' } }, { type: 'notify', params: { notification: 'orderReassigned' } }], needsApproval: false,
  },
  {
    title: 'a small order is cancelled at once',
    caller: 'sales1', status: 'confirmed', command: cmd('cancel', { reason: 'customer_request', comment: 'phoned' }), to: 'cancelled', previousStatus: 'confirmed',
    effects: [
      { type: 'stock.restore', params: {} },
      { type: 'ledger.reverse', params: { accounts: ['receivable'] } },
      { type: 'ledger.reverse', params: { accounts: ['receipt'], counterAccount: 'refund' } },
      { type: 'notify', params: { notification: 'orderCancelled' } },
    ],
    needsApproval: false,
  },
  {
    title: 'a large order waits for approval',
    caller: 'sales1', status: 'confirmed', command: cmd('cancel', { reason: 'other' }), rules: rulesWith({ largeOrSettled: true }), to: 'cancelled', previousStatus: 'confirmed',
    effects: [
      { type: 'stock.restore', params: {} },
      { type: 'ledger.reverse', params: { accounts: ['receivable'] } },
      { type: 'ledger.reverse', params: { accounts: ['receipt'], counterAccount: 'refund' } },
      { type: 'notify', params: { notification: 'orderCancelled' } },
    ],
    needsApproval: true,
  },
  {
    title: 'an approved request is not sent for approval again',
    caller: 'sales1', status: 'confirmed', command: cmd('cancel', { reason: 'other', approved: true }), rules: rulesWith({ largeOrSettled: true }), to: 'cancelled', previousStatus: 'confirmed',
    effects: [
      { type: 'stock.restore', params: {} },
      { type: 'ledger.reverse', params: { accounts: ['receivable'] } },
      { type: 'ledger.reverse', params: { accounts: ['receipt'], counterAccount: 'refund' } },
      { type: 'notify', params: { notification: 'orderCancelled' } },
    ],
    needsApproval: false,
  },
  {
    title: 'the automation writes off a fully paid order',
    caller: 'system', status: 'shipped', command: cmd('write_off'), rules: rulesWith({ fullyPaid: true }), to: 'written_off', previousStatus: 'shipped',
    effects: [{ type: 'ledger.match', params: { account: 'writeoff', owed: 'receivable', paid: 'receipt' } }, { type: 'notify', params: { notification: 'orderWrittenOff' } }],
    needsApproval: false,
  },
  {
    title: 'finance reverses a write-off: back to shipped',
    caller: 'finance', status: 'written_off', command: cmd('reverse_write_off'), to: 'shipped', previousStatus: 'written_off',
    effects: [{ type: 'ledger.reverse', params: { accounts: ['writeoff'] } }, { type: 'notify', params: { notification: 'writeOffReversed' } }],
    needsApproval: false,
  },
  {
    title: 'the finance manager unsettles (no approval of its own)',
    caller: 'finmanager', status: 'settled', command: cmd('unsettle'), to: 'shipped', previousStatus: 'settled',
    effects: [
      { type: 'ledger.reverse', params: { accounts: ['invoice'] } },
      { type: 'ledger.reverse', params: { accounts: ['writeoff'] } },
      { type: 'ledger.reverse', params: { accounts: ['receipt'], counterAccount: 'refund' } },
      { type: 'notify', params: { notification: 'orderUnsettled' } },
    ],
    needsApproval: false,
  },
  {
    title: 'the handler archives a cancelled order',
    caller: 'sales1', status: 'cancelled', command: cmd('archive'), to: 'archived', previousStatus: 'cancelled',
    effects: [{ type: 'notify', params: { notification: 'orderArchived' } }], needsApproval: false,
  },
];

describe('decideAction decides the next state and the effects, as data', () => {
  it.each(decisions)('$title', (row) => {
    const record = orderRecord(row.status, { previousStatus: 'earlier' });
    const before = structuredClone(record);
    const actor = who(row.caller);
    const outcome = decideAction(so, record, row.command, ctx(actor, row.rules));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.record.status).toBe(row.to);
    expect(outcome.record.version).toBe(record.version + 1);
    expect(outcome.record.updatedAt).toBe(NOW);
    expect(outcome.record.previousStatus).toBe(row.previousStatus ?? 'earlier');
    expect(outcome.effects).toEqual(row.effects);
    expect(outcome.needsApproval).toBe(row.needsApproval);
    expect(outcome.audit).toEqual({
      at: NOW, actor: actor.id, actorName: actor.name, action: row.command.action, from: row.status, to: row.to,
      ...(row.command.reason ? { reason: row.command.reason } : {}),
      ...(row.command.comment ? { comment: row.command.comment } : {}),
    });
    // Deciding changes nothing it was given.
    expect(record).toEqual(before);
    expect(outcome.record.data).toEqual(record.data);
  });
});

// ---------------------------------------------------------------- offered = allowed

const STATES = ['draft', 'confirmed', 'shipped', 'written_off', 'settled', 'cancelled', 'archived'];
const RULE_NAMES = ['hasLines', 'notInvoiced', 'fullyPaid', 'invoiced', 'largeOrSettled', 'customerWantsCancel'];
const CALLERS: (DemoUsername | 'system')[] = [...DEMO_USERNAMES, 'system'];
const RECORD_SHAPES: { name: string; record: Partial<WorkRecord> }[] = [
  { name: 'handled by sales1 (east)', record: {} },
  { name: 'handed from sales1 to sales3', record: { handler: 'sales3', watchers: ['sales1'] } },
  { name: 'in the west, handled by sales2', record: { handler: 'sales2', department: 'west' } },
];

describe('the actions offered are exactly the ones decideAction accepts', () => {
  const grid = STATES.flatMap((status) => CALLERS.map((caller) => ({ status, caller })));

  it.each(grid)('$status × $caller', ({ status, caller }) => {
    const actor = who(caller);
    let checked = 0;
    for (const shape of RECORD_SHAPES) {
      const record = orderRecord(status, shape.record);
      for (const rules of allRuleCombinations(RULE_NAMES)) {
        const offered = new Map(availableActions(so, record, actor, rules).map((a) => [a.name, a]));
        for (const name of Object.keys(so.actions)) {
          const decision = decideAction(so, record, valid(name), ctx(actor, rules));
          const offer = offered.get(name);
          const where = `${name} on a ${status} order ${shape.name}, rules ${JSON.stringify(rules)}`;
          if (decision.ok) {
            // Allowed ⇒ offered, directly, with the same approval verdict.
            expect(offer, `${where}: allowed but not offered`).toBeDefined();
            expect(offer!.steps, where).toBeUndefined();
            expect(offer!.needsApproval, where).toBe(decision.needsApproval);
          } else if (offer) {
            // Offered but not directly allowed ⇒ reached through a cascade whose every step is allowed.
            expect(decision.code, where).toBe('invalid_transition');
            expect(offer.steps?.length, `${where}: offered but refused with ${decision.code}`).toBeGreaterThan(0);
            let current = record;
            for (const step of offer.steps!) {
              const stepDecision = decideAction(so, current, valid(step), ctx(actor, rules));
              expect(stepDecision.ok, `${where}: step ${step}`).toBe(true);
              if (stepDecision.ok) current = stepDecision.record;
            }
            const last = decideAction(so, current, valid(name), ctx(actor, rules));
            // The main action's guards are judged on the record the steps leave (the plan evaluates them again).
            if (!last.ok) expect(last.code, where).toBe('guard_failed');
          }
          checked++;
        }
      }
    }
    expect(checked).toBe(RECORD_SHAPES.length * 64 * Object.keys(so.actions).length);
  });

  it('offers nothing on a record the caller may not see', () => {
    expect(availableActions(so, orderRecord('draft'), who('sales2'), PLAIN_RULES)).toEqual([]);
  });

  it('offers what the dialog needs: reasons, params, danger, steps, approval', () => {
    const settled = availableActions(so, orderRecord('settled'), who('admin'), rulesWith({ largeOrSettled: true, notInvoiced: false, invoiced: true }));
    const cancel = settled.find((a) => a.name === 'cancel')!;
    expect(cancel).toMatchObject({ needsReason: true, needsApproval: true, danger: true, steps: ['unsettle'] });
    expect(cancel.reasons?.map((r) => r.code)).toEqual(so.reasons.cancel.map((r) => r.code));
    const confirmed = availableActions(so, orderRecord('confirmed'), who('sales1'), PLAIN_RULES);
    expect(confirmed.map((a) => a.name).sort()).toEqual(['cancel', 'reassign']);
    expect(confirmed.find((a) => a.name === 'reassign')).toMatchObject({ needsReason: false, needsApproval: false, params: so.actions.reassign.input!.params });
  });
});

// ---------------------------------------------------------------- cascades

describe('cascadeSteps: the actions that must run first', () => {
  const chain: Template = {
    id: 'chain', version: 1, name: { 'zh-CN': '链', en: 'Chain' }, numberPrefix: 'CH',
    form: { schema: { type: 'object', properties: {} }, uischema: { type: 'VerticalLayout', elements: [] } },
    summary: {}, roles: { r: { label: { 'zh-CN': 'r', en: 'r' }, view: 'all' } },
    states: { a: { label: { 'zh-CN': 'a', en: 'a' }, initial: true }, b: { label: { 'zh-CN': 'b', en: 'b' } }, c: { label: { 'zh-CN': 'c', en: 'c' } }, d: { label: { 'zh-CN': 'd', en: 'd' } } },
    actions: {
      x: { label: { 'zh-CN': 'x', en: 'x' }, from: ['a'], to: 'b', allow: [{ role: 'r', scope: 'all' }] },
      y: { label: { 'zh-CN': 'y', en: 'y' }, from: ['b'], to: 'c', allow: [{ role: 'r', scope: 'all' }] },
      z: { label: { 'zh-CN': 'z', en: 'z' }, from: ['c'], to: 'd', allow: [{ role: 'r', scope: 'all' }], cascade: ['x', 'y'] },
    },
    create: { roles: ['r'] }, reasons: {}, notifications: {}, rules: {},
  };

  it.each([
    { template: 'sales-order', action: 'cancel', status: 'draft', steps: [] },
    { template: 'sales-order', action: 'cancel', status: 'confirmed', steps: [] },
    { template: 'sales-order', action: 'cancel', status: 'shipped', steps: [] },
    { template: 'sales-order', action: 'cancel', status: 'written_off', steps: ['reverse_write_off'] },
    { template: 'sales-order', action: 'cancel', status: 'settled', steps: ['unsettle'] },
    { template: 'sales-order', action: 'cancel', status: 'cancelled', steps: undefined },
    { template: 'sales-order', action: 'cancel', status: 'archived', steps: undefined },
    { template: 'sales-order', action: 'archive', status: 'settled', steps: [] },
    { template: 'sales-order', action: 'confirm', status: 'shipped', steps: undefined },
    { template: 'sales-order', action: 'teleport', status: 'draft', steps: undefined },
    { template: 'chain', action: 'z', status: 'a', steps: ['x', 'y'] },
    { template: 'chain', action: 'z', status: 'b', steps: ['y'] },
    { template: 'chain', action: 'z', status: 'c', steps: [] },
    { template: 'chain', action: 'z', status: 'd', steps: undefined },
  ])('$action from $status ($template) → $steps', ({ template, action, status, steps }) => {
    expect(cascadeSteps(template === 'chain' ? chain : so, action, status)).toEqual(steps);
  });
});

// ---------------------------------------------------------------- edit, create, copy

interface EditRow {
  title: string;
  caller: DemoUsername;
  status: string;
  patch: JsonObject;
  version?: number;
  record?: Partial<WorkRecord>;
  code: RefusalCode;
  errorPath?: string;
}

const editRefusals: EditRow[] = [
  { title: 'an order the caller may not see', caller: 'sales2', status: 'draft', patch: { remark: 'x' }, code: 'not_found' },
  { title: 'a stale version', caller: 'sales1', status: 'draft', patch: { remark: 'x' }, version: 3, code: 'version_conflict' },
  { title: 'a settled order (read-only state)', caller: 'admin', status: 'settled', patch: { remark: 'x' }, code: 'read_only' },
  { title: 'a cancelled order (terminal)', caller: 'admin', status: 'cancelled', patch: { remark: 'x' }, code: 'read_only' },
  { title: 'an archived order', caller: 'sales1', status: 'archived', patch: { remark: 'x' }, code: 'read_only' },
  { title: 'the internal note, by a salesperson', caller: 'sales1', status: 'draft', patch: { internalNote: 'mine now' }, code: 'read_only', errorPath: '/internalNote' },
  { title: 'the internal note a salesperson may not read, sent with the value it has', caller: 'sales1', status: 'draft', patch: { internalNote: 'customer pays late' }, code: 'read_only', errorPath: '/internalNote' },
  { title: 'the internal note a warehouse keeper may not read, sent as null', caller: 'warehouse', status: 'confirmed', patch: { deliveryDate: '2026-04-01', internalNote: null }, code: 'read_only', errorPath: '/internalNote' },
  { title: 'the re-check flag, by a salesperson', caller: 'sales1', status: 'draft', patch: { recheck: true }, code: 'read_only', errorPath: '/recheck' },
  { title: 'the lines of a confirmed order, by a salesperson', caller: 'sales1', status: 'confirmed', patch: { lines: [{ product: 'NB-14', warehouse: 'WH-SH', quantity: 9, price: 1 }] }, code: 'read_only', errorPath: '/lines/0/quantity' },
  { title: 'anything, by finance (no edit rights in shipped)', caller: 'finance', status: 'shipped', patch: { remark: 'x' }, code: 'read_only' },
  { title: 'the previous handler editing what they once could', caller: 'sales1', status: 'draft', patch: { remark: 'x' }, record: { handler: 'sales3', watchers: ['sales1'] }, code: 'read_only' },
  { title: 'data that breaks the form schema', caller: 'sales1', status: 'draft', patch: { lines: [] }, code: 'validation_failed', errorPath: '/lines' },
  { title: 'a quantity of zero', caller: 'sales1', status: 'draft', patch: { lines: [{ product: 'NB-14', warehouse: 'WH-SH', quantity: 0, price: 1 }] }, code: 'validation_failed', errorPath: '/lines/0/quantity' },
  { title: 'removing a required field', caller: 'sales1', status: 'draft', patch: { customer: null }, code: 'validation_failed', errorPath: '/customer' },
];

describe('decideEdit', () => {
  it.each(editRefusals)('$code: $title', (row) => {
    const record = orderRecord(row.status, row.record);
    const outcome = decideEdit(so, record, row.patch, row.version ?? record.version, demoActor(row.caller), NOW);
    expect(outcome).toMatchObject({ ok: false, code: row.code });
    if (!outcome.ok && row.errorPath) expect(outcome.errors?.map((e) => e.path)).toContain(row.errorPath);
  });

  it.each<{ title: string; caller: DemoUsername; status: string; patch: JsonObject; changes: FieldChange[] }>([
    { title: 'the handler changes the remark of a confirmed order', caller: 'sales1', status: 'confirmed', patch: { remark: 'ring first' }, changes: [{ path: '/remark', before: 'leave at the gate', after: 'ring first' }] },
    { title: 'the manager writes the internal note', caller: 'manager' as const, status: 'shipped', patch: { internalNote: 'checked' }, changes: [{ path: '/internalNote', before: 'customer pays late', after: 'checked' }] },
    { title: 'the warehouse moves the delivery date', caller: 'warehouse' as const, status: 'confirmed', patch: { deliveryDate: '2026-04-01' }, changes: [{ path: '/deliveryDate', after: '2026-04-01' }] },
    { title: 'null removes a field', caller: 'sales1' as const, status: 'draft', patch: { remark: null }, changes: [{ path: '/remark', before: 'leave at the gate' }] },
    { title: 'a line quantity in a draft, recorded by index', caller: 'sales1' as const, status: 'draft', patch: { lines: [{ product: 'NB-14', warehouse: 'WH-SH', quantity: 3, price: 5000 }, { product: 'KB-01', warehouse: 'WH-BJ', quantity: 3, price: 99.9 }] }, changes: [{ path: '/lines/0/quantity', before: 2, after: 3 }] },
  ])('accepted: $title', ({ caller, status, patch, changes }) => {
    const record = orderRecord(status);
    const outcome = decideEdit(so, record, patch, record.version, demoActor(caller), NOW);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.record.status).toBe(status);
    expect(outcome.record.version).toBe(5);
    expect(outcome.audit).toMatchObject({ action: 'edit', from: status, to: status, changes });
    expect(outcome.effects).toEqual([]);
    expect(outcome.record.summary).toEqual(summarize(so, outcome.record.data));
  });
});

describe('decideCreate', () => {
  const ids = { id: 'new-1', number: 'SO-000042' };
  const { internalNote: _note, ...salesData } = ORDER_DATA;

  it.each([
    { title: 'warehouse may not create orders', caller: 'warehouse' as const, data: salesData, code: 'forbidden' as const },
    { title: 'finance may not create orders', caller: 'finance' as const, data: salesData, code: 'forbidden' as const },
    { title: 'an order without a customer', caller: 'sales1' as const, data: (({ customer: _c, ...rest }) => rest)(salesData), code: 'validation_failed' as const, errorPath: '/customer' },
    { title: 'a product not in the catalogue', caller: 'sales1' as const, data: { ...salesData, lines: [{ product: 'TOASTER', warehouse: 'WH-SH', quantity: 1, price: 1 }] }, code: 'validation_failed' as const, errorPath: '/lines/0/product' },
    { title: 'a salesperson filling the internal note', caller: 'sales1' as const, data: ORDER_DATA, code: 'read_only' as const, errorPath: '/internalNote' },
    { title: 'a salesperson setting the re-check flag', caller: 'sales1' as const, data: { ...salesData, recheck: true }, code: 'read_only' as const, errorPath: '/recheck' },
  ])('$code: $title', ({ caller, data, code, errorPath }) => {
    const outcome = decideCreate(so, JSON.parse(JSON.stringify(data)), demoActor(caller), ids, NOW);
    expect(outcome).toMatchObject({ ok: false, code });
    if (!outcome.ok && errorPath) expect(outcome.errors?.map((e) => e.path)).toContain(errorPath);
  });

  it.each([
    { caller: 'sales1' as const, data: salesData, department: 'east' },
    { caller: 'manager2' as const, data: ORDER_DATA, department: 'west' },
    { caller: 'admin' as const, data: ORDER_DATA, department: '' },
  ])('$caller creates a draft they handle in their department', ({ caller, data, department }) => {
    const actor = demoActor(caller);
    const outcome = decideCreate(so, data, actor, ids, NOW);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.record).toMatchObject({
      id: 'new-1', number: 'SO-000042', template: 'sales-order', templateVersion: 1, status: initialState(so), version: 1,
      handler: actor.id, department, watchers: [], createdBy: actor.id, createdAt: NOW, updatedAt: NOW,
      summary: { customer: 'Yunshan Trading', contact: 'buyer@yunshan.example', amount: 10299.7 },
    });
    expect(outcome.audit).toMatchObject({ action: 'create', to: 'draft', actor: actor.id });
    expect(outcome.audit.changes?.map((c) => c.path)).toEqual(Object.keys(data).map((k) => '/' + k));
  });
});

describe('decideCopy', () => {
  const ids = { id: 'copy-1', number: 'SO-000043' };

  it.each([
    { title: 'an order the caller may not see', caller: 'sales2' as const, status: 'cancelled', code: 'not_found' as const },
    { title: 'a confirmed order (only cancelled or archived ones)', caller: 'sales1' as const, status: 'confirmed', code: 'invalid_transition' as const },
    { title: 'a settled order', caller: 'admin' as const, status: 'settled', code: 'invalid_transition' as const },
    { title: 'by a role that may not create', caller: 'finance' as const, status: 'archived', code: 'forbidden' as const },
  ])('$code: $title', ({ caller, status, code }) => {
    expect(decideCopy(so, orderRecord(status), demoActor(caller), ids, NOW, TODAY)).toMatchObject({ ok: false, code });
  });

  it.each(['cancelled', 'archived'])('the handler copies a %s order into a new draft, without the internal note', (status) => {
    const source = orderRecord(status);
    const outcome = decideCopy(so, source, demoActor('sales1'), ids, NOW, TODAY);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.record).toMatchObject({ id: 'copy-1', status: 'draft', version: 1, copiedFrom: source.id, handler: 'sales1' });
    expect(outcome.record.data.internalNote).toBeUndefined();
    expect(outcome.record.data.lines).toEqual(source.data.lines);
    expect(outcome.audit).toMatchObject({ action: 'copy', comment: source.number });
    expect(source.data.internalNote).toBe('customer pays late');
  });

  it('a copy of last year\'s order is dated today, with no delivery date of the old one', () => {
    const source = orderRecord('archived', { data: { ...structuredClone(ORDER_DATA), orderDate: '2025-03-01', deliveryDate: '2025-03-20' } });
    const draft = copyDraft(so, source, demoActor('sales1'), NOW, TODAY);
    expect(draft.ok && [draft.data.orderDate, draft.data.deliveryDate]).toEqual([TODAY, undefined]);
    const outcome = decideCopy(so, source, demoActor('sales1'), ids, NOW, TODAY);
    expect(outcome.ok && outcome.record.data.orderDate).toBe(TODAY);
  });

  it('the data the person changed in the draft is what the copy holds, checked like any new record', () => {
    const source = orderRecord('archived');
    const draft = copyDraft(so, source, demoActor('sales1'), NOW, TODAY);
    if (!draft.ok) throw new Error('no draft');
    const outcome = decideCopy(so, source, demoActor('sales1'), ids, NOW, TODAY, { ...draft.data, remark: '改过' });
    expect(outcome.ok && outcome.record.data.remark).toBe('改过');
    expect(decideCopy(so, source, demoActor('sales1'), ids, NOW, TODAY, { ...draft.data, lines: [] })).toMatchObject({ ok: false, code: 'validation_failed' });
  });
});

describe('decideCopy carries only what the copier may write', () => {
  // A template that forgot to omit the write-protected re-check flag from copies.
  const forgetful = () => {
    const t = structuredClone(so);
    t.copy = { from: ['cancelled', 'archived'], omit: ['/internalNote'] };
    return t;
  };

  it.each([
    { caller: 'sales1' as const, recheck: undefined },
    { caller: 'manager' as const, recheck: undefined },
    { caller: 'admin' as const, recheck: true },
  ])('$caller copying a re-checked order → recheck $recheck', ({ caller, recheck }) => {
    const source = orderRecord('archived', { data: { ...structuredClone(ORDER_DATA), recheck: true } });
    const outcome = decideCopy(forgetful(), source, demoActor(caller), { id: 'copy-2', number: 'SO-000044' }, NOW, TODAY);
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(outcome.record.data.recheck).toBe(recheck);
  });

  it('the prebuilt template leaves the flags of the old order behind for everyone', () => {
    const source = orderRecord('cancelled', { data: { ...structuredClone(ORDER_DATA), recheck: true, customerCancelRequest: true } });
    const outcome = decideCopy(so, source, demoActor('admin'), { id: 'copy-3', number: 'SO-000045' }, NOW, TODAY);
    expect(outcome.ok && [outcome.record.data.recheck, outcome.record.data.customerCancelRequest]).toEqual([undefined, undefined]);
  });
});
