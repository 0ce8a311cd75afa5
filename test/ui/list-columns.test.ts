// A list's columns come from the templates of the records it shows; a record is called by its template's noun.
import { beforeAll, describe, expect, it } from 'vitest';
import { listColumns, recordNoun, templateColumns } from '../../ui/src/records/list-columns.ts';
import type { ListColumn, Template } from '../../plugin/core/types.ts';
import { loadPrebuiltTemplates } from '../fixtures/prebuilt-templates.ts';

type Source = Pick<Template, 'summary' | 'list'>;

const ALL: ListColumn[] = ['number', 'customer', 'amount', 'status', 'handler', 'department', 'createdAt', 'updatedAt'];
const withCustomer: Source = { summary: { customer: '/customer/name', amount: 'total' } };
const bare: Source = { summary: {} };
const chosen: Source = { summary: { customer: '/customer/name' }, list: { columns: ['status', 'customer', 'createdAt'] } };

describe('the columns of a list', () => {
  const cases: { title: string; templates: Source[]; leaveOut?: ListColumn[]; expected: ListColumn[] }[] = [
    { title: 'a template with customer and amount in its summary shows every column', templates: [withCustomer], expected: ALL },
    { title: 'a template whose summary has no customer or amount leaves those columns out', templates: [bare], expected: ['number', 'status', 'handler', 'department', 'createdAt', 'updatedAt'] },
    { title: 'only an amount: the customer column is left out', templates: [{ summary: { amount: '/total' } }], expected: ['number', 'amount', 'status', 'handler', 'department', 'createdAt', 'updatedAt'] },
    { title: 'columns the template names are shown in its order, the number first', templates: [chosen], expected: ['number', 'status', 'customer', 'createdAt'] },
    { title: 'the number is shown once, first, wherever the template puts it', templates: [{ summary: {}, list: { columns: ['status', 'number'] } }], expected: ['number', 'status'] },
    { title: 'several templates: the union of their columns in the usual order', templates: [bare, chosen], expected: ['number', 'customer', 'status', 'handler', 'department', 'createdAt', 'updatedAt'] },
    { title: 'several templates none of which has an amount: no amount column', templates: [bare, { summary: { customer: '/c' } }], expected: ['number', 'customer', 'status', 'handler', 'department', 'createdAt', 'updatedAt'] },
    { title: 'no template known yet: every column', templates: [], expected: ALL },
    { title: 'a compact list leaves out what it is asked to, never the number', templates: [withCustomer], leaveOut: ['department', 'updatedAt', 'number'], expected: ['number', 'customer', 'amount', 'status', 'handler', 'createdAt'] },
  ];
  for (const c of cases) {
    it(c.title, () => {
      expect(listColumns(c.templates, c.leaveOut)).toEqual(c.expected);
    });
  }

  it('the prebuilt settlement has neither customer nor amount column; the sales order has both', async () => {
    const { salesOrder, settlement } = await loadPrebuiltTemplates();
    expect(templateColumns(settlement)).not.toContain('customer');
    expect(templateColumns(settlement)).not.toContain('amount');
    expect(templateColumns(salesOrder)).toEqual(ALL);
  });
});

describe('what a record is called', () => {
  it('is the template noun, else its name', async () => {
    const { salesOrder, settlement } = await loadPrebuiltTemplates();
    expect(recordNoun(settlement)).toEqual({ 'zh-CN': '结算单', en: 'settlement' });
    expect(recordNoun(salesOrder)).toEqual({ 'zh-CN': '销售订单', en: 'sales order' });
    expect(recordNoun({ name: { 'zh-CN': '退货单', en: 'Goods return' } })).toEqual({ 'zh-CN': '退货单', en: 'Goods return' });
  });
});
