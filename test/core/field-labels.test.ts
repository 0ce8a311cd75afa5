import { describe, expect, it } from 'vitest';
import { fieldLabels } from '../../plugin/core/field-labels.ts';
import type { Template } from '../../plugin/core/types.ts';

const template = {
  form: {
    schema: {
      type: 'object',
      properties: {
        recheck: { type: 'boolean', title: '需复核 / Needs re-check' },
        note: { type: 'string' },
        lines: { type: 'array', items: { type: 'object', properties: { qty: { type: 'integer', title: '数量 / Quantity' } } } },
      },
    },
    labels: { '/customer': { 'zh-CN': '客户', en: '' } },
  },
} as unknown as Template;

describe("a field's name as people read it", () => {
  it('is its own label, the Chinese one where the English is empty', () => {
    expect(fieldLabels(template, '/customer')).toEqual({ 'zh-CN': '客户', en: '客户' });
  });

  it('is its schema title, per language, else its key', () => {
    expect(fieldLabels(template, '/recheck')).toEqual({ 'zh-CN': '需复核', en: 'Needs re-check' });
    expect(fieldLabels(template, '/note')).toEqual({ 'zh-CN': 'note', en: 'note' });
  });

  it('reaches into a table of lines, with or without the row index', () => {
    expect(fieldLabels(template, '/lines/0/qty')).toEqual({ 'zh-CN': '数量', en: 'Quantity' });
    expect(fieldLabels(template, '/lines/qty')).toEqual({ 'zh-CN': '数量', en: 'Quantity' });
  });
});
