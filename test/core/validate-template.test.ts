import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { listPrebuiltBundles, loadBundleFile } from '../../plugin/adapters/template-files.ts';
import { validateTemplate, type TemplateIssue } from '../../plugin/core/validate-template.ts';
import { builtinCheckOptionsForTests as options } from '../fixtures/check-options.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// Bundles are plain JSON; tests reach into them freely.
type Bundle = Record<string, any>;

let salesOrder: Bundle;
const fresh = (): Bundle => structuredClone(salesOrder);
const paths = (issues: TemplateIssue[]) => issues.map((i) => i.path);

beforeAll(async () => {
  salesOrder = (await loadBundleFile('schemas/templates/sales-order.json', ROOT)) as Bundle;
});

describe('the prebuilt templates', () => {
  it('the sales-order template passes with zero errors', () => {
    const result = validateTemplate(fresh(), options);
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.template?.id).toBe('sales-order');
    expect(result.warnings).toEqual([]);
  });

  it('every prebuilt bundle passes once its rule files are inlined', async () => {
    for (const bundle of await listPrebuiltBundles(ROOT)) {
      const result = validateTemplate(await loadBundleFile(bundle.file, ROOT), options);
      expect(result.errors, bundle.file).toEqual([]);
    }
  });

  it('a bundle whose rules are still file paths is refused at each rule', () => {
    const bundle = fresh();
    bundle.rules.hasLines = 'rules/sales-order/has-lines.json';
    const result = validateTemplate(bundle, options);
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([{ path: '/rules/hasLines', message: 'must be object' }]);
  });
});

interface BrokenCase {
  name: string;
  breakIt: (b: Bundle) => void;
  expected: string[];
  message?: RegExp;
}

const broken: BrokenCase[] = [
  {
    name: 'an unknown state in from',
    breakIt: (b) => (b.actions.cancel.from[0] = 'drafted'),
    expected: ['/actions/cancel/from/0'],
    message: /unknown state 'drafted'/,
  },
  { name: 'an unknown target state', breakIt: (b) => (b.actions.ship.to = 'sent'), expected: ['/actions/ship/to'] },
  {
    name: 'an unknown role in allow',
    breakIt: (b) => (b.actions.ship.allow[0].role = 'courier'),
    expected: ['/actions/ship/allow/0/role'],
    message: /unknown role 'courier'/,
  },
  {
    name: 'a label without zh-CN',
    breakIt: (b) => delete b.actions.cancel.label['zh-CN'],
    expected: ['/actions/cancel/label/zh-CN'],
    message: /must have required property 'zh-CN'/,
  },
  {
    name: 'an unknown rule in guards',
    breakIt: (b) => (b.actions.confirm.guards[0].rule = 'hasLine'),
    expected: ['/actions/confirm/guards/0/rule'],
    message: /unknown rule 'hasLine'/,
  },
  {
    name: 'a rule path with a JSONPath filter',
    breakIt: (b) => (b.rules.hasLines.conditions.all[0].path = '$.lines[?(@.quantity > 0)]'),
    expected: ['/rules/hasLines/conditions/all/0/path'],
    message: /only plain property paths are allowed/,
  },
  {
    name: 'a rule path with recursive descent',
    breakIt: (b) => (b.rules.notInvoiced.conditions.all[0].path = '$..invoice'),
    expected: ['/rules/notInvoiced/conditions/all/0/path'],
    message: /only plain property paths are allowed/,
  },
  {
    name: 'an unknown fact',
    breakIt: (b) => (b.rules.notInvoiced.conditions.all[0].fact = 'order'),
    expected: ['/rules/notInvoiced/conditions/all/0/fact'],
    message: /unknown fact 'order'/,
  },
  {
    name: 'an unknown fact compared against',
    breakIt: (b) => (b.rules.notInvoiced.conditions.all[0].value = { fact: 'invoices', path: '$.total' }),
    expected: ['/rules/notInvoiced/conditions/all/0/value/fact'],
  },
  {
    name: 'params on a fact (dynamic facts take them; the runtime\'s facts do not)',
    breakIt: (b) => (b.rules.notInvoiced.conditions.all[0].params = { accountId: 'lincoln' }),
    expected: ['/rules/notInvoiced/conditions/all/0/params'],
    message: /params are not supported/,
  },
  {
    name: 'params on a fact compared against',
    breakIt: (b) => (b.rules.notInvoiced.conditions.all[0].value = { fact: 'ledger', path: '$.receipt', params: { unit: 'cents' } }),
    expected: ['/rules/notInvoiced/conditions/all/0/value/params'],
    message: /params are not supported/,
  },
  {
    name: "'in' with a value that is not a list",
    breakIt: (b) => (b.rules.notInvoiced.conditions.all[0].operator = 'in'),
    expected: ['/rules/notInvoiced/conditions/all/0/value'],
    message: /'in' needs a list as its value/,
  },
  {
    name: "'someValue' with a value that is not a list, behind 'not'",
    breakIt: (b) => (b.rules.notInvoiced.conditions.all[0].operator = 'not:someValue:equal'),
    expected: ['/rules/notInvoiced/conditions/all/0/value'],
    message: /'someValue' needs a list as its value/,
  },
  {
    name: 'a bracket path whose key JSONPath reads as syntax',
    breakIt: (b) => (b.rules.hasLines.conditions.all[0].path = "$['line^count']"),
    expected: ['/rules/hasLines/conditions/all/0/path'],
    message: /cannot be read by json-rules-engine's JSONPath: the key "line\^count"/,
  },
  {
    name: 'a bracket path with an escaped quote (JSONPath has no escapes)',
    breakIt: (b) => (b.rules.hasLines.conditions.all[0].path = "$['it\\'s']"),
    expected: ['/rules/hasLines/conditions/all/0/path'],
    message: /it has no escapes/,
  },
  {
    name: 'a UI schema element the form does not draw',
    breakIt: (b) => (b.form.uischema.elements[0].type = 'ListWithDetail'),
    expected: ['/form/uischema/elements/0/type'],
    message: /does not draw UI schema elements of type 'ListWithDetail'/,
  },
  {
    name: 'a UI schema element without a type',
    breakIt: (b) => delete b.form.uischema.elements[0].type,
    expected: ['/form/uischema/elements/0'],
    message: /a UI schema element needs a "type"/,
  },
  {
    name: 'a UI schema rule with an unknown effect',
    breakIt: (b) => (b.form.uischema.elements[0].rule = { effect: 'COLLAPSE', condition: { scope: '#/properties/orderDate', schema: { const: '' } } }),
    expected: ['/form/uischema/elements/0/rule/effect'],
    message: /unknown rule effect 'COLLAPSE'/,
  },
  {
    name: "a rule's onSuccess handler",
    breakIt: (b) => (b.rules.notInvoiced.onSuccess = 'almanac.addRuntimeFact("x", true)'),
    expected: ['/rules/notInvoiced/onSuccess'],
    message: /'onSuccess' is not supported/,
  },
  {
    name: 'a path into record naming nothing the record fact holds',
    breakIt: (b) => (b.rules.largeOrSettled.conditions.any[1].path = '$.state'),
    expected: ['/rules/largeOrSettled/conditions/any/1/path'],
    message: /the fact 'record' has no 'state' \(it holds: number, status/,
  },
  {
    name: 'an unknown operator',
    breakIt: (b) => (b.rules.notInvoiced.conditions.all[0].operator = 'atMost'),
    expected: ['/rules/notInvoiced/conditions/all/0/operator'],
    message: /unknown operator 'atMost'/,
  },
  {
    name: 'a derived path naming no derived value',
    breakIt: (b) => (b.rules.hasLines.conditions.all[0].path = '$.lineTotal'),
    expected: ['/rules/hasLines/conditions/all/0/path'],
  },
  {
    name: 'a data path naming no form field',
    breakIt: (b) => b.rules.hasLines.conditions.all.push({ fact: 'data', path: '$.customer.vip', operator: 'equal', value: true }),
    expected: ['/rules/hasLines/conditions/all/1/path'],
  },
  {
    name: 'a condition mixing all with a leaf',
    breakIt: (b) => (b.rules.hasLines.conditions.all[0] = { all: [], fact: 'derived', operator: 'equal', value: 1 }),
    expected: ['/rules/hasLines/conditions/all/0/fact', '/rules/hasLines/conditions/all/0/operator', '/rules/hasLines/conditions/all/0/value'],
  },
  {
    name: 'rule conditions that do not start with all, any, not or condition',
    breakIt: (b) => (b.rules.hasLines.conditions = { fact: 'derived', path: '$.lineCount', operator: 'greaterThan', value: 0 }),
    expected: ['/rules/hasLines/conditions'],
    message: /must start with "all", "any", "not" or "condition"/,
  },
  {
    name: 'an unknown effect type',
    breakIt: (b) => (b.actions.cancel.effects[0].type = 'stock.release'),
    expected: ['/actions/cancel/effects/0/type'],
    message: /unknown effect type 'stock.release'/,
  },
  {
    name: 'effect params the effect type does not take',
    breakIt: (b) => (b.actions.cancel.effects[0].lines = '/lines'),
    expected: ['/actions/cancel/effects/0/lines'],
    message: /unknown property 'lines'/,
  },
  {
    name: 'a notify effect naming an unknown notification',
    breakIt: (b) => (b.actions.archive.effects = [{ type: 'notify', notification: 'orderSent' }]),
    expected: ['/actions/archive/effects/0/notification'],
    message: /'orderSent' is not defined under \/notifications/,
  },
  {
    name: 'a notify effect without a notification',
    breakIt: (b) => (b.actions.archive.effects = [{ type: 'notify' }]),
    expected: ['/actions/archive/effects/0/notification'],
  },
  {
    name: 'a $param the action does not declare',
    breakIt: (b) => (b.actions.reassign.effects[0].handler = { $param: 'owner' }),
    expected: ['/actions/reassign/effects/0/handler'],
    message: /param 'owner' is not declared/,
  },
  {
    name: 'a $param in an action without params',
    breakIt: (b) => (b.actions.archive.effects = [{ type: 'record.assign', handler: { $param: 'handler' } }]),
    expected: ['/actions/archive/effects/0/handler'],
  },
  {
    name: 'two initial states',
    breakIt: (b) => (b.states.confirmed.initial = true),
    expected: ['/states/draft/initial', '/states/confirmed/initial'],
  },
  { name: 'no initial state', breakIt: (b) => delete b.states.draft.initial, expected: ['/states'] },
  {
    name: 'an edit pointer that is not in the form',
    breakIt: (b) => (b.states.shipped.edit.sales_manager = ['/remark', '/discount']),
    expected: ['/states/shipped/edit/sales_manager/1'],
    message: /'\/discount' is not a field of the form/,
  },
  { name: 'an edit grant for an unknown role', breakIt: (b) => (b.states.draft.edit.buyer = '*'), expected: ['/states/draft/edit/buyer'] },
  {
    name: 'a recipient of no known kind',
    breakIt: (b) => b.notifications.orderShipped.recipients.push('customer'),
    expected: ['/notifications/orderShipped/recipients/2'],
    message: /unknown recipient 'customer'/,
  },
  {
    name: 'a recipient role that does not exist',
    breakIt: (b) => (b.notifications.orderConfirmed.recipients[0] = 'role:courier'),
    expected: ['/notifications/orderConfirmed/recipients/0'],
  },
  {
    name: 'a contact recipient outside the form',
    breakIt: (b) => (b.notifications.orderShipped.recipients[1] = 'contact:/customer/fax'),
    expected: ['/notifications/orderShipped/recipients/1'],
  },
  {
    name: 'a field permission keyed by a pointer outside the form (escaped in the path)',
    breakIt: (b) => (b.fields['/customer/vat~id'] = { read: ['finance'] }),
    expected: ['/fields/~1customer~1vat~0id'],
  },
  { name: 'a form label for a missing field', breakIt: (b) => (b.form.labels['/lines/discount'] = { 'zh-CN': '折扣', en: 'Discount' }), expected: ['/form/labels/~1lines~1discount'] },
  {
    name: 'a UI control whose scope is not in the schema',
    breakIt: (b) => (b.form.uischema.elements[0].elements[1].scope = '#/properties/dueDate'),
    expected: ['/form/uischema/elements/0/elements/1/scope'],
  },
  {
    name: 'a form schema that does not compile',
    breakIt: (b) => (b.form.schema.properties.remark.maxLenght = 500),
    expected: ['/form/schema/properties/remark/maxLenght'],
    message: /unknown keyword/,
  },
  {
    name: 'a form schema that is not a JSON Schema',
    breakIt: (b) => (b.form.schema.properties.remark.maxLength = 'long'),
    expected: ['/form/schema/properties/remark/maxLength'],
  },
  {
    name: 'action params with a format nobody knows',
    breakIt: (b) => (b.actions.reassign.input.params.properties.handler.format = 'person'),
    expected: ['/actions/reassign/input/params/properties/handler/format'],
  },
  { name: 'a summary amount that is not derived', breakIt: (b) => (b.summary.amount = 'grandTotal'), expected: ['/summary/amount'] },
  { name: 'summary lines naming a missing item field', breakIt: (b) => (b.summary.lines.price = 'unitPrice'), expected: ['/summary/lines/price'] },
  { name: 'a derived sum over a field that is not there', breakIt: (b) => (b.derived.total.fields = ['quantity', 'cost']), expected: ['/derived/total/fields/1'] },
  { name: 'a derived sumProduct with one field', breakIt: (b) => (b.derived.total.fields = ['quantity']), expected: ['/derived/total/fields'] },
  { name: 'an unknown reason list', breakIt: (b) => (b.actions.cancel.input.reason.list = 'cancellation'), expected: ['/actions/cancel/input/reason/list'] },
  {
    name: 'a repeated reason code',
    breakIt: (b) => b.reasons.cancel.push({ code: 'other', label: { 'zh-CN': '其它', en: 'Else' } }),
    expected: ['/reasons/cancel/6/code'],
    message: /duplicate reason code 'other'/,
  },
  {
    name: 'a cascade step that moves nowhere',
    breakIt: (b) => (b.actions.cancel.cascade = ['reassign']),
    expected: ['/actions/cancel/cascade/0'],
    message: /has no 'to' state/,
  },
  { name: 'a cascade to an unknown action', breakIt: (b) => (b.actions.cancel.cascade = ['refund_all']), expected: ['/actions/cancel/cascade/0'] },
  {
    name: 'a cascade loop',
    breakIt: (b) => {
      b.actions.cancel.cascade = ['ship'];
      b.actions.ship.cascade = ['cancel'];
    },
    expected: ['/actions/cancel/cascade/0', '/actions/ship/cascade/0'],
    message: /cascade loop/,
  },
  {
    name: 'an automation whose reason is not in the action list',
    breakIt: (b) =>
      (b.automations = {
        autoCancel: { label: { 'zh-CN': '自动取消', en: 'Auto cancel' }, on: { event: 'record.updated' }, when: 'hasLines', run: { action: 'cancel', reason: 'customer_asked' } },
      }),
    expected: ['/automations/autoCancel/run/reason'],
  },
  {
    name: 'an automation without the reason its action requires',
    breakIt: (b) => delete b.automations.customerCancellation.run.reason,
    expected: ['/automations/customerCancellation/run/reason'],
    message: /requires a reason/,
  },
  {
    name: 'an automation that runs an unknown action',
    breakIt: (b) => (b.automations = { nightly: { label: { 'zh-CN': '每晚', en: 'Nightly' }, on: { event: 'schedule', everyMinutes: 1440 }, run: { action: 'purge' } } }),
    expected: ['/automations/nightly/run/action'],
  },
  {
    name: 'an automation whose params the action refuses',
    breakIt: (b) =>
      (b.automations = { hand: { label: { 'zh-CN': '转交', en: 'Hand over' }, on: { event: 'record.created' }, run: { action: 'reassign', params: { owner: 'u1' } } } }),
    expected: ['/automations/hand/run/params/owner'],
  },
  {
    name: 'a schedule without an interval',
    breakIt: (b) => (b.automations = { tick: { label: { 'zh-CN': '定时', en: 'Tick' }, on: { event: 'schedule' }, run: { action: 'archive' } } }),
    expected: ['/automations/tick/on/everyMinutes'],
  },
  { name: 'an id with capitals', breakIt: (b) => (b.id = 'Sales-Order'), expected: ['/id'] },
  { name: 'version zero', breakIt: (b) => (b.version = 0), expected: ['/version'] },
  { name: 'a scope outside the enum', breakIt: (b) => (b.roles.sales.view = 'team'), expected: ['/roles/sales/view'], message: /must be one of: "own", "department", "all"/ },
  { name: 'a state name with capitals', breakIt: (b) => (b.states.Paid = { label: { 'zh-CN': '已付', en: 'Paid' } }), expected: ['/states/Paid'] },
  { name: 'an unknown top-level section', breakIt: (b) => (b.reports = {}), expected: ['/reports'], message: /unknown property 'reports'/ },
  { name: 'a missing section', breakIt: (b) => delete b.notifications, expected: ['/notifications'] },
  { name: 'an effect without a type', breakIt: (b) => delete b.actions.confirm.effects[0].type, expected: ['/actions/confirm/effects/0/type'] },
  {
    name: 'a ledger.post of a fixed amount finer than a cent',
    breakIt: (b) => (b.actions.ship.effects[1].amount = 0.005),
    expected: ['/actions/ship/effects/1/amount'],
    message: /multiple of 0.01/,
  },
];

describe('a broken template is refused with a pointer to the mistake', () => {
  it.each(broken)('$name', ({ breakIt, expected, message }) => {
    const bundle = fresh();
    breakIt(bundle);
    const result = validateTemplate(bundle, options);
    expect(result.ok).toBe(false);
    expect(result.template).toBeUndefined();
    expect(paths(result.errors)).toEqual(expect.arrayContaining(expected));
    if (message) {
      const at = result.errors.filter((e) => expected.includes(e.path));
      expect(at.map((e) => e.message).join('\n')).toMatch(message);
    }
  });
});

describe('fixed amounts', () => {
  it('a ledger.post of a fixed amount in whole cents (0.07, which binary division gets wrong) is accepted', () => {
    const bundle = fresh();
    bundle.actions.ship.effects[1].amount = 0.07;
    expect(validateTemplate(bundle, options).errors).toEqual([]);
  });
});

describe('validation reports', () => {
  it('reports every error at once, not just the first', () => {
    const bundle = fresh();
    bundle.actions.cancel.from[0] = 'drafted';
    bundle.actions.ship.allow[0].role = 'courier';
    bundle.rules.notInvoiced.conditions.all[0].operator = 'atMost';
    bundle.actions.archive.effects = [{ type: 'notify', notification: 'orderSent' }];
    bundle.notifications.orderShipped.recipients.push('customer');
    bundle.states.confirmed.initial = true;
    const result = validateTemplate(bundle, options);
    expect(paths(result.errors)).toEqual(
      expect.arrayContaining([
        '/actions/cancel/from/0',
        '/actions/ship/allow/0/role',
        '/rules/notInvoiced/conditions/all/0/operator',
        '/actions/archive/effects/0/notification',
        '/notifications/orderShipped/recipients/2',
        '/states/draft/initial',
        '/states/confirmed/initial',
      ]),
    );
  });

  it('reports every shape error at once too', () => {
    const bundle = fresh();
    delete bundle.actions.cancel.label['zh-CN'];
    bundle.version = 1.5;
    bundle.roles.sales.view = 'team';
    const result = validateTemplate(bundle, options);
    expect(paths(result.errors)).toEqual(expect.arrayContaining(['/actions/cancel/label/zh-CN', '/version', '/roles/sales/view']));
  });

  it('checks cross-references only once the shape is right', () => {
    const bundle = fresh();
    bundle.version = 0;
    bundle.actions.cancel.from[0] = 'drafted';
    expect(paths(validateTemplate(bundle, options).errors)).toEqual(['/version']);
  });

  it('refuses something that is not a bundle at all', () => {
    expect(validateTemplate(null, options)).toEqual({ ok: false, errors: [{ path: '', message: 'must be object' }], warnings: [] });
    expect(validateTemplate([], options).ok).toBe(false);
  });

  it('gives the same answer when the options object is reused or rebuilt', () => {
    const first = validateTemplate(fresh(), options);
    const again = validateTemplate(fresh(), options);
    const rebuilt = validateTemplate(fresh(), structuredClone(options));
    expect(again).toEqual(first);
    expect(rebuilt).toEqual(first);
  });

  it('accepts the plain property paths rules need', () => {
    const bundle = fresh();
    bundle.rules.byLine = {
      conditions: {
        any: [
          { fact: 'data', path: '$.lines[0].price', operator: 'greaterThan', value: 0 },
          { not: { fact: 'record', path: '$.status', operator: 'equal', value: 'draft' } },
          { fact: 'ledger', path: '$.receipt', operator: 'lessThanInclusive', value: { fact: 'ledger', path: '$.receivable' } },
        ],
      },
      event: { type: 'byLine' },
    };
    expect(validateTemplate(bundle, options).errors).toEqual([]);
  });

  // Administrators name fields in their own language; the label is only what users see.
  it('accepts field keys in Chinese wherever a field is named', () => {
    const bundle = fresh();
    bundle.form.schema.properties['退货原因'] = { type: 'string', maxLength: 200, title: '退货原因 / Return reason' };
    bundle.form.uischema.elements.push({ type: 'Control', scope: '#/properties/退货原因' });
    bundle.fields['/退货原因'] = { write: ['admin'] };
    bundle.rules.hasReturnReason = {
      conditions: { all: [{ fact: 'data', path: '$.退货原因', operator: 'notEqual', value: '' }] },
      event: { type: 'hasReturnReason' },
    };
    const result = validateTemplate(bundle, options);
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });
});

describe('warnings point at what can never happen', () => {
  it('a state no action reaches is a warning, not an error', () => {
    const bundle = fresh();
    bundle.states.on_hold = { label: { 'zh-CN': '暂停', en: 'On hold' }, readOnly: true };
    const result = validateTemplate(bundle, options);
    expect(result.ok).toBe(true);
    expect(result.warnings).toContainEqual(expect.objectContaining({ path: '/states/on_hold', message: expect.stringMatching(/cannot be reached/) }));
  });

  it('a required field with no control on the form is a warning: nobody could fill it in', () => {
    const bundle = fresh();
    bundle.form.uischema.elements = bundle.form.uischema.elements.filter((e: { elements?: unknown[] }) => !JSON.stringify(e).includes('#/properties/orderDate'));
    const result = validateTemplate(bundle, options);
    expect(result.ok).toBe(true);
    const at = `/form/schema/required/${bundle.form.schema.required.indexOf('orderDate')}`;
    expect(result.warnings).toContainEqual({ path: at, message: expect.stringContaining("'orderDate' is required but has no control") });
    expect(validateTemplate(fresh(), options).warnings.filter((w) => w.path.startsWith('/form'))).toEqual([]);
  });

  it('a scope may be written with or without "#", as JSON Forms reads both', () => {
    const bundle = fresh();
    bundle.form.uischema.elements.push({ type: 'Control', scope: '/properties/remark' });
    expect(validateTemplate(bundle, options).errors).toEqual([]);
    bundle.form.uischema.elements.push({ type: 'Control', scope: '/properties/nope' });
    expect(paths(validateTemplate(bundle, options).errors)).toContain(`/form/uischema/elements/${bundle.form.uischema.elements.length - 1}/scope`);
  });

  it('an action nobody may run is a warning', () => {
    const bundle = fresh();
    bundle.actions.ship.allow = [];
    const result = validateTemplate(bundle, options);
    expect(result.ok).toBe(true);
    expect(result.warnings).toContainEqual({ path: '/actions/ship/allow', message: "nobody may run action 'ship': its allow list is empty" });
  });

  it('an action whose from-states are all unreachable is a warning', () => {
    const bundle = fresh();
    bundle.states.on_hold = { label: { 'zh-CN': '暂停', en: 'On hold' }, readOnly: true };
    bundle.actions.resume = {
      label: { 'zh-CN': '恢复', en: 'Resume' },
      from: ['on_hold'],
      to: 'draft',
      allow: [{ role: 'admin', scope: 'all' }],
    };
    const result = validateTemplate(bundle, options);
    expect(result.warnings).toContainEqual(expect.objectContaining({ path: '/actions/resume/from' }));
  });

  it('an automation running an action that does not grant the system role is a warning', () => {
    const bundle = fresh();
    bundle.actions.write_off.allow = bundle.actions.write_off.allow.filter((g: { role: string }) => g.role !== 'system');
    const result = validateTemplate(bundle, options);
    expect(result.ok).toBe(true);
    expect(result.warnings).toContainEqual(expect.objectContaining({ path: '/automations/autoWriteOff/run/action', message: expect.stringMatching(/role 'system'/) }));
  });

  it('a list column for a customer the summary does not name is a warning: it would stay empty', () => {
    const bundle = fresh();
    delete bundle.summary.customer;
    bundle.list = { columns: ['status', 'customer', 'amount'] };
    const result = validateTemplate(bundle, options);
    expect(result.ok).toBe(true);
    expect(result.warnings).toContainEqual({ path: '/list/columns/1', message: expect.stringContaining("list column 'customer' stays empty") });
    expect(result.warnings.filter((w) => w.path === '/list/columns/2')).toEqual([]);
  });

  it('a noun and list columns are checked by the meta-schema: both languages, known columns, no repeats', () => {
    const bundle = fresh();
    bundle.noun = { 'zh-CN': '销售订单' };
    bundle.list = { columns: ['status', 'status', 'colour'] };
    const found = paths(validateTemplate(bundle, options).errors);
    expect(found).toContain('/noun/en');
    expect(found.some((p) => p.startsWith('/list/columns'))).toBe(true);
  });

  it('a terminal state that stays editable is a warning', () => {
    const bundle = fresh();
    delete bundle.states.archived.readOnly;
    const result = validateTemplate(bundle, options);
    expect(result.warnings).toContainEqual(expect.objectContaining({ path: '/states/archived', message: expect.stringMatching(/not readOnly/) }));
  });
});

describe('names that exist on every JavaScript object', () => {
  it('a guard naming "constructor" is still an unknown rule', () => {
    const bundle = fresh();
    bundle.actions.confirm.guards[0].rule = 'constructor';
    bundle.actions.cancel.from[0] = 'constructor';
    expect(paths(validateTemplate(bundle, options).errors).sort()).toEqual(['/actions/cancel/from/0', '/actions/confirm/guards/0/rule']);
  });
});

describe('regular expressions in a template run on a linear-time engine', () => {
  it('a pattern that backtracks catastrophically elsewhere imports: here it cannot', () => {
    const bundle = fresh();
    bundle.form.schema.properties.code = { type: 'string', pattern: '^(a+)+$' };
    expect(validateTemplate(bundle, options).errors).toEqual([]);
  });

  it('a lookahead or a backreference is refused at its pointer, in the form and in action params', () => {
    const bundle = fresh();
    bundle.form.schema.properties.password = { type: 'string', pattern: '^(?=.*\\d).{8,}$' };
    bundle.form.schema.properties.tags = { type: 'object', patternProperties: { '^(x)\\1$': { type: 'string' } } };
    bundle.form.schema.properties.customer.properties.code = { anyOf: [{ type: 'string', pattern: '(?<!-)\\d+' }] };
    bundle.actions.record_receipt.input.params.properties.memo = { type: 'string', pattern: '^(?<q>a)\\k<q>$' };
    const result = validateTemplate(bundle, options);
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { path: '/form/schema/properties/password/pattern', message: expect.stringMatching(/^pattern "\^\(\?=\.\*\\\\d\)\.\{8,\}\$" uses a lookahead .*rewrite the pattern without it/) },
        { path: '/form/schema/properties/tags/patternProperties/^(x)\\1$', message: expect.stringMatching(/backreference/) },
        { path: '/form/schema/properties/customer/properties/code/anyOf/0/pattern', message: expect.stringMatching(/lookbehind/) },
        { path: '/actions/record_receipt/input/params/properties/memo/pattern', message: expect.stringMatching(/named backreference/) },
      ]),
    );
  });

  it('a "pattern" that is only a property name or an example is no pattern', () => {
    const bundle = fresh();
    bundle.form.schema.properties.pattern = { type: 'string', default: '(?=x)', examples: ['(?=y)'] };
    expect(validateTemplate(bundle, options).errors).toEqual([]);
  });
});

describe('a template sets its own record size limits', () => {
  it('any of maxStringLength, maxItems and maxRecordBytes, as whole numbers', () => {
    const bundle = fresh();
    bundle.limits = { maxStringLength: 600_000, maxItems: 5_000, maxRecordBytes: 1_048_576 };
    expect(validateTemplate(bundle, options).errors).toEqual([]);
  });

  it('a limit of zero, a fraction, a limit past its ceiling or an unknown one is refused at its pointer', () => {
    const bundle = fresh();
    bundle.limits = { maxStringLength: 0, maxItems: 1.5, maxRecordBytes: 2 ** 40, maxKeys: 10 };
    expect(paths(validateTemplate(bundle, options).errors).sort()).toEqual(['/limits/maxItems', '/limits/maxKeys', '/limits/maxRecordBytes', '/limits/maxStringLength']);
  });
});

describe("json-rules-engine 7's own syntax", () => {
  const withRule = (conditions: object, extra: Partial<Bundle> = {}) => ({ ...fresh(), ...extra, rules: { ...fresh().rules, r: { conditions } } });

  it('operator decorators (not:, everyFact:, swap: …) are accepted; an unknown decorator is refused at its pointer', () => {
    const ok = withRule({ all: [{ fact: 'data', path: '$.remark', operator: 'not:equal', value: 'x' }, { fact: 'data', path: '$.lines', operator: 'someFact:equal', value: 1 }] });
    expect(validateTemplate(ok, options).errors).toEqual([]);
    const bad = withRule({ all: [{ fact: 'data', path: '$.remark', operator: 'maybe:equal', value: 'x' }] });
    expect(validateTemplate(bad, options).errors).toContainEqual({ path: '/rules/r/conditions/all/0/operator', message: expect.stringContaining("unknown operator decorator 'maybe'") });
  });

  it('bracket paths and field keys in any language are plain paths', () => {
    const b = fresh();
    b.form.schema.properties['金 额'] = { type: 'number' };
    const ok = { ...b, rules: { ...b.rules, r: { conditions: { all: [{ fact: 'data', path: "$['金 额']", operator: 'greaterThan', value: 1 }, { fact: 'data', path: '$.lines[0]["price"]', operator: 'greaterThan', value: 1 }] } } } };
    expect(validateTemplate(ok, options).errors).toEqual([]);
    const filter = withRule({ all: [{ fact: 'data', path: '$.lines[?(@.price > 1)]', operator: 'equal', value: 1 }] });
    expect(paths(validateTemplate(filter, options).errors)).toContain('/rules/r/conditions/all/0/path');
  });

  it('shared conditions are referred to by name; a missing one or a loop is refused at its pointer', () => {
    const shared = { paidUp: { all: [{ fact: 'ledger', path: '$.outstanding', operator: 'lessThanInclusive', value: 0 }] } };
    expect(validateTemplate(withRule({ all: [{ condition: 'paidUp' }] }, { conditions: shared }), options).errors).toEqual([]);
    expect(validateTemplate(withRule({ all: [{ condition: 'nope' }] }, { conditions: shared }), options).errors).toContainEqual({ path: '/rules/r/conditions/all/0/condition', message: expect.stringContaining("no shared condition 'nope'") });
    const loop = { a: { all: [{ condition: 'b' }] }, b: { any: [{ condition: 'a' }] } };
    expect(paths(validateTemplate(withRule({ all: [{ condition: 'a' }] }, { conditions: loop }), options).errors)).toEqual(expect.arrayContaining(['/conditions/a', '/conditions/b']));
  });
});

describe("a record's amount", () => {
  it('may be a number field of the form by its pointer, summed as the record amount; a text field is refused', () => {
    const b = fresh();
    b.form.schema.properties.agreed = { type: 'number', title: 'Agreed' };
    b.summary.amount = '/agreed';
    expect(validateTemplate(b, options).errors).toEqual([]);
    b.summary.amount = '/remark';
    expect(validateTemplate(b, options).errors).toContainEqual({ path: '/summary/amount', message: "'/remark' is not a number field, so it cannot be the record's amount" });
  });
});
