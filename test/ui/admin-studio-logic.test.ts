// The template studio's pure parts: diagram layout, form fields, draft edits, pointers, recipients.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Template } from '../../plugin/core/types';
import { depths, layout } from '../../ui/src/admin/studio/diagram-layout';
import { addField, FIELD_KEY, listColumns, listFields, moveColumn, parseOptions, removeField, setRequired } from '../../ui/src/admin/studio/form-fields';
import { addSection, moveField, moveToSection, removeSection, ruleOf, sectionOf, sectionsOf, setLayoutStyle, setRule } from '../../ui/src/admin/studio/form-layout';
import { fromFormRule, toFormRule, type FieldRule } from '../../ui/src/admin/studio/field-rule';
import { helpOf, optionsText, setBound, setDefault, setHelp, setLabel, setOptions } from '../../ui/src/admin/studio/field-props';
import { validateRecordData } from '../../plugin/core/data-validation';
import { maySee, mayWrite, setMaySee, setMayWrite, writeLocked } from '../../ui/src/admin/studio/field-rights';
import { addAction, addState, NAME_PATTERN, nextVersion, removeState, renameState, setInitial } from '../../ui/src/admin/studio/draft-ops';
import { isUnder, normalizePointer, pointer, splitPointer } from '../../ui/src/admin/pointer';
import { findings, under } from '../../ui/src/admin/issues';
import { formatRecipient, parseRecipient } from '../../ui/src/admin/studio/recipients';
import { anchorOf, tabOf } from '../../ui/src/admin/studio/studio-tabs';
import { blankTemplate, copyTemplate, startProblems } from '../../ui/src/admin/gallery/new-template';
import { fromRule, toRule, type Condition } from '../../ui/src/admin/studio/conditions';
import { addAutomation, removeAutomation } from '../../ui/src/admin/studio/automations';
import { validateTemplate } from '../../plugin/core/validate-template';
import { builtinCheckOptionsForTests } from '../fixtures/check-options';

const salesOrder = (): Template =>
  JSON.parse(readFileSync(new URL('../../schemas/templates/sales-order.json', import.meta.url), 'utf8')) as Template;

describe('diagram layout', () => {
  it('puts states in columns by BFS depth from the initial state', () => {
    const t = salesOrder();
    const d = depths(t.states, t.actions);
    expect(d.get('draft')).toBe(0);
    expect(d.get('confirmed')).toBe(1);
    expect(d.get('cancelled')).toBe(1);
    expect(d.get('shipped')).toBe(2);
    expect(d.get('archived')).toBe(2);
  });

  it('marks states no action reaches and puts them after the last column', () => {
    const t = salesOrder();
    addState(t, 'on_hold', { 'zh-CN': '暂停', en: 'On hold' });
    const l = layout(t.states, t.actions);
    const hold = l.boxes.find((b) => b.key === 'on_hold')!;
    expect(hold.reachable).toBe(false);
    expect(hold.depth).toBeGreaterThan(Math.max(...l.boxes.filter((b) => b.reachable).map((b) => b.depth)));
  });

  it('draws one arrow per (from, to) pair and keeps staying actions inside the box', () => {
    const t = salesOrder();
    const l = layout(t.states, t.actions);
    expect(l.arrows.filter((a) => a.action === 'cancel').map((a) => a.from).sort()).toEqual(['confirmed', 'draft', 'shipped']);
    expect(l.arrows.some((a) => a.action === 'reassign')).toBe(false);
    expect(l.boxes.find((b) => b.key === 'draft')!.loops).toEqual(['reassign']);
    for (const a of l.arrows) {
      expect(Number.isFinite(a.mid.x) && Number.isFinite(a.mid.y)).toBe(true);
    }
  });

  it('fits every box inside the drawing', () => {
    const l = layout(salesOrder().states, salesOrder().actions);
    for (const b of l.boxes) {
      expect(b.x).toBeGreaterThanOrEqual(l.minX);
      expect(b.x + b.w).toBeLessThanOrEqual(l.minX + l.width);
      expect(b.y + b.h).toBeLessThanOrEqual(l.minY + l.height);
    }
  });
});

describe('form fields', () => {
  it('lists fields with pointers, walking into objects but not arrays', () => {
    const fields = listFields(salesOrder().form.schema);
    const ptrs = fields.map((f) => f.pointer);
    expect(ptrs).toContain('/customer/name');
    expect(ptrs).toContain('/lines');
    expect(ptrs).not.toContain('/lines/product');
    expect(fields.find((f) => f.pointer === '/orderDate')).toMatchObject({ type: 'date', required: true });
  });

  it('adds a top-level field to the schema, the layout and the labels, and removes it again', () => {
    const t = salesOrder();
    const before = JSON.stringify(t.form);
    addField(t, { key: 'poNumber', type: 'string', label: { 'zh-CN': '采购单号', en: 'PO number' }, required: true });
    const props = t.form.schema.properties as Record<string, unknown>;
    expect(props.poNumber).toEqual({ type: 'string', title: '采购单号 / PO number' });
    expect(t.form.schema.required).toContain('poNumber');
    const els = t.form.uischema.elements as { scope?: string }[];
    expect(els[els.length - 1]).toEqual({ type: 'Control', scope: '#/properties/poNumber' });
    expect(t.form.labels?.['/poNumber']).toEqual({ 'zh-CN': '采购单号', en: 'PO number' });
    removeField(t, 'poNumber');
    expect(JSON.stringify(t.form)).toBe(before);
  });

  it('writes a date field as a string with format date', () => {
    const t = salesOrder();
    addField(t, { key: 'due', type: 'date', label: { 'zh-CN': '到期日', en: 'Due' }, required: false });
    expect((t.form.schema.properties as Record<string, unknown>).due).toMatchObject({ type: 'string', format: 'date' });
    expect(t.form.schema.required).not.toContain('due');
  });
});

describe('draft edits', () => {
  it('renames a state everywhere it is named', () => {
    const t = salesOrder();
    addState(t, 'hold', { 'zh-CN': '暂停', en: 'Hold' });
    addAction(t, 'pause', { 'zh-CN': '暂停', en: 'Pause' });
    t.actions.pause.from = ['confirmed'];
    t.actions.pause.to = 'hold';
    t.actions.cancel.from.push('hold');
    renameState(t, 'hold', 'on_hold');
    expect(Object.keys(t.states)).toContain('on_hold');
    expect(Object.keys(t.states)).not.toContain('hold');
    expect(t.actions.pause.to).toBe('on_hold');
    expect(t.actions.cancel.from).toContain('on_hold');
    removeState(t, 'on_hold');
    expect(t.actions.cancel.from).not.toContain('on_hold');
  });

  it('keeps exactly one initial state', () => {
    const t = salesOrder();
    setInitial(t, 'confirmed');
    expect(Object.entries(t.states).filter(([, s]) => s.initial).map(([k]) => k)).toEqual(['confirmed']);
  });

  it('saves above every installed version', () => {
    expect(nextVersion(salesOrder(), [1, 3])).toBe(4);
    expect(nextVersion(salesOrder())).toBe(2);
  });
});

describe('pointers and findings', () => {
  it('escapes and splits tokens', () => {
    expect(pointer('form', 'labels', '/customer/name')).toBe('/form/labels/~1customer~1name');
    expect(splitPointer('#/states/a~1b')).toEqual(['states', 'a/b']);
    expect(normalizePointer('#/x')).toBe('/x');
    expect(isUnder('/states/draft/label', '/states/draft')).toBe(true);
    expect(isUnder('/states/draft2', '/states/draft')).toBe(false);
  });

  it('finds the findings under a part of the template', () => {
    const all = findings([{ path: '/actions/cancel/to', message: 'x' }], [{ path: '/states/hold', message: 'y' }]);
    expect(under(all, '/states/hold')).toEqual([{ path: '/states/hold', message: 'y', level: 'warning' }]);
    expect(under(all, '/actions/cancel')[0].level).toBe('error');
  });

  it('maps pointers to tabs and cards', () => {
    expect(tabOf(['form', 'schema'])).toBe('fields');
    expect(anchorOf(['actions', 'cancel', 'to'])).toBe('studio-action-cancel');
    expect(anchorOf(['form', 'schema', 'properties', 'remark'])).toBe('studio-field-/remark');
  });
});

describe('recipients', () => {
  it('parses and formats the recipient forms', () => {
    expect(parseRecipient('contact:/customer/email')).toEqual({ kind: 'contact', value: '/customer/email' });
    expect(parseRecipient('handler')).toEqual({ kind: 'handler', value: '' });
    expect(formatRecipient({ kind: 'department', value: 'sales_manager' })).toBe('department:sales_manager');
    expect(formatRecipient({ kind: 'previousHandler', value: 'x' })).toBe('previousHandler');
  });
});

describe('starting a template', () => {
  const start = { id: 'purchase-return', name: { 'zh-CN': '退货单', en: 'Purchase return' }, numberPrefix: 'RT' };
  const installed = [{ id: 'sales-order', numberPrefix: 'SO' }];

  it('a blank template is one the server accepts as it is', () => {
    const result = validateTemplate(blankTemplate(start), builtinCheckOptionsForTests);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('a copy keeps everything of the template it copies but its id, name, record noun, prefix and version', () => {
    const source = { ...salesOrder(), version: 3, noun: { 'zh-CN': '销售订单', en: 'sales order' } };
    const copy = copyTemplate(source, start);
    const { noun: _noun, ...kept } = source;
    expect(copy).toEqual({ ...kept, id: 'purchase-return', version: 1, name: start.name, numberPrefix: 'RT' });
    expect(source.id).toBe('sales-order');
  });

  it('names what is wrong: id and prefix shape, ids and prefixes in use, missing names', () => {
    expect(startProblems(start, installed)).toEqual([]);
    expect(startProblems({ ...start, id: 'Purchase Return' }, installed)).toEqual([{ field: 'id', why: 'pattern' }]);
    expect(startProblems({ ...start, id: 'sales-order' }, installed)).toEqual([{ field: 'id', why: 'taken' }]);
    expect(startProblems({ ...start, numberPrefix: 'so' }, installed)).toEqual([{ field: 'numberPrefix', why: 'taken', by: 'sales-order' }]);
    expect(startProblems({ ...start, numberPrefix: 'R-T' }, installed)).toEqual([{ field: 'numberPrefix', why: 'pattern' }]);
    expect(startProblems({ ...start, name: { 'zh-CN': '退货单', en: ' ' } }, installed)).toEqual([{ field: 'name', why: 'missing' }]);
  });
});

describe('designing fields', () => {
  const blank = () => blankTemplate({ id: 'purchase-return', name: { 'zh-CN': '退货单', en: 'Purchase return' }, numberPrefix: 'RT' });

  it('field keys may be in any language; they start with a letter', () => {
    for (const ok of ['金额', 'amount', '退货_原因2', 'Betrag']) expect(FIELD_KEY.test(ok), ok).toBe(true);
    for (const bad of ['2金额', 'a b', 'a-b', '']) expect(FIELD_KEY.test(bad), bad).toBe(false);
  });

  it('dropdown options are read one a line as code | 中文 | English', () => {
    expect(parseOptions('damaged | 破损 | Damaged\n\nwrong | 发错货\ndamaged | again')).toEqual([
      { code: 'damaged', label: { 'zh-CN': '破损', en: 'Damaged' } },
      { code: 'wrong', label: { 'zh-CN': '发错货', en: '发错货' } },
    ]);
  });

  it('a dropdown, money and long text are what the server accepts, and can be reordered, made optional and removed', () => {
    const t = blank();
    addField(t, { key: '退货原因', type: 'choice', label: { 'zh-CN': '退货原因', en: 'Reason' }, required: true, options: parseOptions('damaged | 破损 | Damaged') });
    addField(t, { key: '金额', type: 'money', label: { 'zh-CN': '金额', en: 'Amount' }, required: true });
    addField(t, { key: '说明', type: 'text', label: { 'zh-CN': '说明', en: 'Notes' }, required: false });
    expect(listFields(t.form.schema).map((f) => [f.key, f.type])).toEqual([['title', 'string'], ['退货原因', 'choice'], ['金额', 'money'], ['说明', 'string']]);
    expect(t.form.uischema.elements).toContainEqual({ type: 'Control', scope: '#/properties/说明', options: { multi: true } });
    moveField(t, '金额', -1);
    moveField(t, '金额', -1);
    moveField(t, '金额', -1); // already first: stays
    expect((t.form.uischema.elements as { scope: string }[]).map((e) => e.scope)).toEqual(['#/properties/金额', '#/properties/title', '#/properties/退货原因', '#/properties/说明']);
    setRequired(t, 'title', false);
    expect(t.form.schema.required).toEqual(['退货原因', '金额']);
    const rule = { conditions: { all: [{ fact: 'data', path: '$.金额', operator: 'greaterThan', value: 1000 }] } };
    const withRule = { ...t, rules: { large: rule } } as unknown as Template;
    expect(validateTemplate(withRule, builtinCheckOptionsForTests).errors).toEqual([]);
    removeField(t, '说明');
    expect(listFields(t.form.schema).map((f) => f.key)).toEqual(['title', '退货原因', '金额']);
  });
});

describe('the condition builder', () => {
  const t = (): Template => {
    const x = blankTemplate({ id: 'purchase-return', name: { 'zh-CN': '退货单', en: 'Purchase return' }, numberPrefix: 'RT' });
    addField(x, { key: '金额', type: 'money', label: { 'zh-CN': '金额', en: 'Amount' }, required: true });
    addField(x, { key: 'urgent', type: 'boolean', label: { 'zh-CN': '加急', en: 'Urgent' }, required: false });
    return x;
  };

  it('writes rows as json-rules-engine conditions with values of the field type', () => {
    const rule = toRule(t(), { join: 'any', rows: [{ field: '金额', operator: 'greaterThan', value: '1000' }, { field: 'urgent', operator: 'equal', value: 'true' }, { field: 'title', operator: 'in', value: 'a, b，c' }] });
    expect(rule).toEqual({
      conditions: {
        any: [
          { fact: 'data', path: '$.金额', operator: 'greaterThan', value: 1000 },
          { fact: 'data', path: '$.urgent', operator: 'equal', value: true },
          { fact: 'data', path: '$.title', operator: 'in', value: ['a', 'b', 'c'] },
        ],
      },
    });
    expect(validateTemplate({ ...t(), rules: { r: rule } }, builtinCheckOptionsForTests).errors).toEqual([]);
  });

  it('reads back a rule of its own shape, and leaves any other alone', () => {
    const c = { join: 'all' as const, rows: [{ field: '金额', operator: 'lessThanInclusive' as const, value: '1000' }] };
    expect(fromRule(toRule(t(), c))).toEqual(c);
    expect(fromRule({ conditions: { all: [{ fact: 'ledger', path: '$.receipt', operator: 'equal', value: 1 }] } })).toBeUndefined();
    expect(fromRule({ conditions: { not: { fact: 'data', path: '$.a', operator: 'equal', value: 1 } } })).toBeUndefined();
  });
});

describe('automations', () => {
  it('adding one lets the system run its action, declaring the system role when the template lacks it', () => {
    const t = blankTemplate({ id: 'purchase-return', name: { 'zh-CN': '退货单', en: 'Purchase return' }, numberPrefix: 'RT' });
    addAutomation(t, 'autoFinish', { label: { 'zh-CN': '自动完成', en: 'Auto finish' }, on: { event: 'record.created' }, run: { action: 'finish' } });
    expect(t.roles.system).toBeDefined();
    expect(t.actions.finish.allow).toEqual([{ role: 'admin', scope: 'all' }, { role: 'system', scope: 'all' }]);
    addAutomation(t, 'again', { label: { 'zh-CN': '再来', en: 'Again' }, on: { event: 'record.created' }, run: { action: 'finish' } });
    expect(t.actions.finish.allow).toHaveLength(2);
    const result = validateTemplate(t, builtinCheckOptionsForTests);
    expect(result.errors).toEqual([]);
    removeAutomation(t, 'again');
    expect(Object.keys(t.automations ?? {})).toEqual(['autoFinish']);
  });
});

// The studio checks names as the server will, so nothing it lets through is refused on publish.
describe('state, action and role names', () => {
  const metaSchema = JSON.parse(readFileSync(new URL('../../schemas/template.schema.json', import.meta.url), 'utf8'));

  it('follow the meta-schema\'s pattern for names', () => {
    expect(NAME_PATTERN.source).toBe(metaSchema.definitions.name.pattern);
  });

  it('refuse capitals and other scripts, which the server refuses too', () => {
    for (const bad of ['Draft', '草稿', '1st', 'on-hold']) expect(NAME_PATTERN.test(bad), bad).toBe(false);
    for (const good of ['draft', 'on_hold', 'step2']) expect(NAME_PATTERN.test(good), good).toBe(true);
  });
});

describe('designing the form: columns, sections, tabs, conditions and properties', () => {
  const blank = () => blankTemplate({ id: 'purchase-return', name: { 'zh-CN': '退货单', en: 'Purchase return' }, numberPrefix: 'RT' });
  const scopes = (els: unknown): string[] => (els as { scope?: string; elements?: unknown }[]).flatMap((e) => (e.scope ? [e.scope] : scopes(e.elements ?? [])));

  it('a sub-table gets columns of its own design, in order, and loses them again', () => {
    const t = blank();
    addField(t, { key: '明细', type: 'lines', label: { 'zh-CN': '退货明细', en: 'Lines' }, required: true });
    addField(t, { key: '商品', type: 'string', label: { 'zh-CN': '商品', en: 'Item' }, required: true }, '/明细');
    addField(t, { key: '数量', type: 'integer', label: { 'zh-CN': '数量', en: 'Qty' }, required: false }, '/明细');
    moveColumn(t, '/明细/数量', -1);
    expect((t.form.schema.properties as any)['明细']).toEqual({
      type: 'array',
      title: '退货明细 / Lines',
      items: { type: 'object', properties: { 数量: { type: 'integer', title: '数量 / Qty' }, 商品: { type: 'string', title: '商品 / Item' } }, required: ['商品'] },
    });
    expect(listColumns(t, '/明细').map((c) => [c.pointer, c.type, c.required])).toEqual([['/明细/数量', 'integer', false], ['/明细/商品', 'string', true]]);
    expect(t.form.labels?.['/明细/商品']).toEqual({ 'zh-CN': '商品', en: 'Item' });
    expect(scopes(t.form.uischema.elements)).toEqual(['#/properties/title', '#/properties/明细']);
    expect(validateTemplate(t, builtinCheckOptionsForTests).errors).toEqual([]);
    removeField(t, '/明细/商品');
    expect(listColumns(t, '/明细').map((c) => c.key)).toEqual(['数量']);
    expect(t.form.labels?.['/明细/商品']).toBeUndefined();
    removeField(t, '/明细');
    expect(t.form.labels?.['/明细/数量']).toBeUndefined();
  });

  it('multiple choice, date-time and time are written as JSON Schema says', () => {
    const t = blank();
    addField(t, { key: 'tags', type: 'choices', label: { 'zh-CN': '标签', en: 'Tags' }, required: false, options: parseOptions('a | 甲 | A\nb | 乙 | B') });
    addField(t, { key: 'at', type: 'datetime', label: { 'zh-CN': '时间点', en: 'At' }, required: false });
    addField(t, { key: 'slot', type: 'time', label: { 'zh-CN': '时段', en: 'Slot' }, required: false });
    const props = t.form.schema.properties as any;
    expect(props.tags).toEqual({ type: 'array', title: '标签 / Tags', uniqueItems: true, items: { type: 'string', oneOf: [{ const: 'a', title: '甲 / A' }, { const: 'b', title: '乙 / B' }] } });
    expect(props.at).toMatchObject({ type: 'string', format: 'date-time' });
    expect(props.slot).toMatchObject({ type: 'string', format: 'time' });
    expect(listFields(t.form.schema).map((f) => f.type)).toEqual(['string', 'choices', 'datetime', 'time']);
  });

  it('sections hold fields; as tabs, loose fields gather in a first tab; back to groups, nothing is lost', () => {
    const t = blank();
    addField(t, { key: 'a', type: 'string', label: { 'zh-CN': '甲', en: 'A' }, required: false });
    addSection(t, { 'zh-CN': '明细', en: 'Details' });
    expect(sectionsOf(t.form.uischema)).toEqual([{ index: 2, label: '明细 / Details' }]);
    moveToSection(t, 'a', 2);
    expect(sectionOf(t.form.uischema, 'a')).toBe(1);
    setLayoutStyle(t, 'tabs');
    expect(t.form.uischema.type).toBe('Categorization');
    expect((t.form.uischema.elements as any[]).map((e) => [e.type, e.label, scopes(e.elements)])).toEqual([
      ['Category', '基本信息 / General', ['#/properties/title']],
      ['Category', '明细 / Details', ['#/properties/a']],
    ]);
    addField(t, { key: 'b', type: 'string', label: { 'zh-CN': '乙', en: 'B' }, required: false });
    expect(sectionOf(t.form.uischema, 'b')).toBe(1);
    removeSection(t, 1);
    expect(scopes(t.form.uischema.elements)).toEqual(['#/properties/title', '#/properties/a', '#/properties/b']);
    setLayoutStyle(t, 'groups');
    expect(t.form.uischema.type).toBe('VerticalLayout');
    expect(validateTemplate(t, builtinCheckOptionsForTests).errors).toEqual([]);
  });

  it('a show condition round-trips through the JSON Forms rule the renderer and the server evaluate', () => {
    const t = blank();
    addField(t, { key: '原因', type: 'choice', label: { 'zh-CN': '原因', en: 'Reason' }, required: true, options: parseOptions('other | 其他 | Other\ndamaged | 破损') });
    addField(t, { key: '说明', type: 'string', label: { 'zh-CN': '说明', en: 'Detail' }, required: true });
    addField(t, { key: '金额', type: 'money', label: { 'zh-CN': '金额', en: 'Amount' }, required: false });
    const rule: FieldRule = { effect: 'SHOW', condition: { join: 'any', rows: [{ field: '原因', operator: 'equal', value: 'other' }, { field: '金额', operator: 'greaterThan', value: '1000' }] } };
    setRule(t, '说明', toFormRule(t, rule));
    expect(ruleOf(t, '说明')).toEqual({
      effect: 'SHOW',
      condition: {
        type: 'OR',
        conditions: [
          { scope: '#/properties/原因', schema: { const: 'other' }, failWhenUndefined: true },
          { scope: '#/properties/金额', schema: { exclusiveMinimum: 1000 }, failWhenUndefined: true },
        ],
      },
    });
    expect(fromFormRule(ruleOf(t, '说明'))).toEqual(rule);
    expect(validateTemplate(t, builtinCheckOptionsForTests).errors).toEqual([]);
    // hidden, the detail is not asked for; shown, it is
    expect(validateRecordData(t, { title: 'x', 原因: 'damaged' })).toEqual([]);
    expect(validateRecordData(t, { title: 'x', 原因: 'other' }).map((e) => e.path)).toEqual(['/说明']);
    expect(validateRecordData(t, { title: 'x', 原因: 'damaged', 金额: 2000 }).map((e) => e.path)).toEqual(['/说明']);
  });

  it('label, help text, bounds, default and options are set where JSON Schema keeps them', () => {
    const t = blank();
    addField(t, { key: 'qty', type: 'integer', label: { 'zh-CN': '数量', en: 'Qty' }, required: false });
    addField(t, { key: 'kind', type: 'choice', label: { 'zh-CN': '类别', en: 'Kind' }, required: false, options: parseOptions('a | 甲') });
    setLabel(t, '/qty', { 'zh-CN': '退货数量', en: 'Quantity' });
    setHelp(t, '/qty', { 'zh-CN': '按件计', en: 'In pieces' });
    setBound(t, '/qty', 'minimum', '1');
    setBound(t, '/qty', 'maximum', 'x'); // not a number: ignored
    setDefault(t, '/qty', 'integer', '2');
    setOptions(t, '/kind', parseOptions('a | 甲 | A\nb | 乙 | B'));
    expect((t.form.schema.properties as any).qty).toEqual({ type: 'integer', title: '退货数量 / Quantity', description: '按件计 / In pieces', minimum: 1, default: 2 });
    expect(t.form.labels?.['/qty']).toEqual({ 'zh-CN': '退货数量', en: 'Quantity' });
    expect(helpOf(t, '/qty')).toEqual({ 'zh-CN': '按件计', en: 'In pieces' });
    expect(optionsText(t, '/kind')).toBe('a | 甲 | A\nb | 乙 | B');
    setBound(t, '/qty', 'minimum', '');
    setHelp(t, '/qty', { 'zh-CN': '', en: '' });
    expect((t.form.schema.properties as any).qty).toEqual({ type: 'integer', title: '退货数量 / Quantity', default: 2 });
  });
});

describe('the field rights matrix', () => {
  it('seeing is the read list (none = everyone); writing per state, every field granted reading back as *', () => {
    const t = blankTemplate({ id: 'purchase-return', name: { 'zh-CN': '退货单', en: 'Purchase return' }, numberPrefix: 'RT' });
    t.roles = { ...t.roles, sales: { label: { 'zh-CN': '销售', en: 'Sales' }, view: 'own' } };
    addField(t, { key: '金额', type: 'money', label: { 'zh-CN': '金额', en: 'Amount' }, required: false });
    const draft = Object.keys(t.states).find((k) => t.states[k].initial)!;
    expect(maySee(t, '/金额', 'sales')).toBe(true);
    setMaySee(t, '/金额', 'sales', false);
    expect(t.fields?.['/金额']).toEqual({ read: ['admin'] });
    setMaySee(t, '/金额', 'sales', true);
    expect(t.fields).toBeUndefined();

    setMayWrite(t, draft, '/金额', 'sales', true);
    expect(t.states[draft].edit?.sales).toEqual(['/金额']);
    setMayWrite(t, draft, '/title', 'sales', true);
    expect(t.states[draft].edit?.sales).toBe('*');
    setMayWrite(t, draft, '/title', 'sales', false);
    expect(t.states[draft].edit?.sales).toEqual(['/金额']);
    expect(mayWrite(t, draft, '/金额', 'sales')).toBe(true);
    setMayWrite(t, draft, '/金额', 'sales', false);
    expect(t.states[draft].edit?.sales).toBeUndefined();
    t.fields = { '/金额': { write: ['admin'] } };
    expect(writeLocked(t, '/金额', 'sales')).toBe(true);
    expect(validateTemplate(t, builtinCheckOptionsForTests).errors).toEqual([]);
  });
});

describe('nested condition groups', () => {
  const t = (): Template => {
    const x = blankTemplate({ id: 'purchase-return', name: { 'zh-CN': '退货单', en: 'Purchase return' }, numberPrefix: 'RT' });
    addField(x, { key: '金额', type: 'money', label: { 'zh-CN': '金额', en: 'Amount' }, required: true });
    addField(x, { key: 'urgent', type: 'boolean', label: { 'zh-CN': '加急', en: 'Urgent' }, required: false });
    return x;
  };
  const nested: Condition = {
    join: 'all',
    rows: [
      { field: '金额', operator: 'greaterThan', value: '1000' },
      { join: 'any', not: true, rows: [{ field: 'urgent', operator: 'equal', value: 'true' }, { field: 'title', operator: 'in', value: 'a, b' }] },
    ],
  };

  it('groups nest as json-rules-engine nests all / any / not, and read back the same', () => {
    const rule = toRule(t(), nested);
    expect(rule).toEqual({
      conditions: {
        all: [
          { fact: 'data', path: '$.金额', operator: 'greaterThan', value: 1000 },
          { not: { any: [{ fact: 'data', path: '$.urgent', operator: 'equal', value: true }, { fact: 'data', path: '$.title', operator: 'in', value: ['a', 'b'] }] } },
        ],
      },
    });
    expect(fromRule(rule)).toEqual(nested);
    expect(validateTemplate({ ...t(), rules: { r: rule } }, builtinCheckOptionsForTests).errors).toEqual([]);
  });

  it('a show condition nests groups as JSON Forms AND / OR', () => {
    const plain: Condition = { join: 'any', rows: [{ field: '金额', operator: 'greaterThan', value: '1000' }, { join: 'all', rows: [{ field: 'urgent', operator: 'equal', value: 'true' }, { field: 'title', operator: 'equal', value: 'x' }] }] };
    const rule = toFormRule(t(), { effect: 'HIDE', condition: plain });
    expect(rule.condition).toMatchObject({ type: 'OR', conditions: [{ scope: '#/properties/金额' }, { type: 'AND', conditions: [{ scope: '#/properties/urgent' }, { scope: '#/properties/title' }] }] });
    expect(fromFormRule(rule)).toEqual({ effect: 'HIDE', condition: plain });
  });
});

describe('derived values in rules', () => {
  it('a row on a derived value is a condition on the derived fact, and reads back', () => {
    const t = blankTemplate({ id: 'purchase-return', name: { 'zh-CN': '退货单', en: 'Purchase return' }, numberPrefix: 'RT' });
    addField(t, { key: '明细', type: 'lines', label: { 'zh-CN': '明细', en: 'Lines' }, required: false });
    addField(t, { key: '数量', type: 'integer', label: { 'zh-CN': '数量', en: 'Qty' }, required: true }, '/明细');
    t.derived = { totalQty: { op: 'sum', items: '/明细', fields: ['数量'] } };
    const c: Condition = { join: 'all', rows: [{ field: 'derived.totalQty', operator: 'greaterThan', value: '10' }] };
    const rule = toRule(t, c);
    expect(rule).toEqual({ conditions: { all: [{ fact: 'derived', path: '$.totalQty', operator: 'greaterThan', value: 10 }] } });
    expect(fromRule(rule)).toEqual(c);
    expect(validateTemplate({ ...t, rules: { many: rule } }, builtinCheckOptionsForTests).errors).toEqual([]);
  });
});

describe('date conditions', () => {
  it('a date row is a date operator in a rule and a format bound in a show condition, and reads back', () => {
    const t = blankTemplate({ id: 'purchase-return', name: { 'zh-CN': '退货单', en: 'Purchase return' }, numberPrefix: 'RT' });
    addField(t, { key: 'due', type: 'date', label: { 'zh-CN': '到期', en: 'Due' }, required: false });
    addField(t, { key: 'late', type: 'string', label: { 'zh-CN': '逾期说明', en: 'Why late' }, required: false });
    const c: Condition = { join: 'all', rows: [{ field: 'due', operator: 'after', value: '2026-12-31' }] };
    expect(toRule(t, c)).toEqual({ conditions: { all: [{ fact: 'data', path: '$.due', operator: 'after', value: '2026-12-31' }] } });
    expect(validateTemplate({ ...t, rules: { overdue: toRule(t, c) } }, builtinCheckOptionsForTests).errors).toEqual([]);
    const shown = toFormRule(t, { effect: 'SHOW', condition: c });
    expect(shown.condition).toEqual({ scope: '#/properties/due', schema: { format: 'date', formatExclusiveMinimum: '2026-12-31' }, failWhenUndefined: true });
    expect(fromFormRule(shown)).toEqual({ effect: 'SHOW', condition: c });
  });
});
