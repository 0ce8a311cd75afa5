// The form renderer draws JSON Forms' documented vocabulary as JSON Forms means it: a stepper, a Control on a
// whole object, an array with a detail layout, rules that hide layouts, times and date-times the server takes
// back, and dropdown titles (not codes) on the record page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from './harness';
import { adminOnlyTemplate, labels } from '../fixtures/admin-only-template';

let h: Harness;
let admin: Page;
let token: string;

const template = adminOnlyTemplate({
  id: 'site-visit',
  name: labels('上门服务单', 'Site visit'),
  numberPrefix: 'SV',
  form: {
    schema: {
      type: 'object',
      required: ['kind'],
      properties: {
        kind: { type: 'string', title: '类型 / Kind', oneOf: [{ const: 'repair', title: '维修 / Repair' }, { const: 'install', title: '安装 / Install' }] },
        at: { type: 'string', format: 'time', title: '上门时间 / Time' },
        booked: { type: 'string', format: 'date-time', title: '预约于 / Booked at' },
        address: { type: 'object', title: '地址 / Address', properties: { city: { type: 'string', title: '城市 / City' }, street: { type: 'string', title: '街道 / Street' } } },
        parts: { type: 'array', title: '配件 / Parts', items: { type: 'object', properties: { part: { type: 'string', title: '配件 / Part' }, note: { type: 'string', title: '备注 / Note' } } } },
        fault: { type: 'string', title: '故障 / Fault' },
      },
    },
    uischema: {
      type: 'Categorization',
      options: { variant: 'stepper' },
      elements: [
        {
          type: 'Category',
          label: '基本 / Basics',
          elements: [
            { type: 'Control', scope: '#/properties/kind' },
            { type: 'HorizontalLayout', rule: { effect: 'HIDE', condition: { scope: '#/properties/kind', schema: { const: 'install' } } }, elements: [{ type: 'Control', scope: '#/properties/fault' }] },
            { type: 'Control', scope: '#/properties/at' },
            { type: 'Control', scope: '#/properties/booked' },
          ],
        },
        {
          type: 'Category',
          label: '现场 / On site',
          elements: [
            { type: 'Control', scope: '#/properties/address' },
            { type: 'Control', scope: '#/properties/parts', options: { detail: { type: 'VerticalLayout', elements: [{ type: 'Control', scope: '#/properties/part' }, { type: 'Control', scope: '#/properties/note' }] } } },
          ],
        },
      ],
    },
  },
});

beforeAll(async () => {
  h = await startHarness();
  token = await h.token('admin');
  ({ page: admin } = await h.signIn('admin'));
  admin.setDefaultTimeout(10_000);
  const installed = await h.call(token, 'POST', '/templates', template);
  expect(installed.status, JSON.stringify(installed.body)).toBe(201);
});

afterAll(async () => {
  await h?.close();
});

describe('the form renderer', () => {
  it('draws a stepper, an object, a detail list and a hiding rule; what the browser picks, the server takes and shows again', async () => {
    await admin.goto(`${h.url}/orders/new?template=site-visit`);
    const form = admin.locator('[data-testid=record-form]');
    await form.waitFor();
    expect(await form.locator('[role=tab]').allTextContents()).toEqual(['1基本', '2现场']);
    // an empty dropdown offers "请选择", not the renderer's English "None"
    expect(await form.locator('.control', { hasText: '类型' }).locator('option').first().textContent()).toBe('请选择');
    await form.locator('.control', { hasText: '类型' }).locator('select').selectOption('repair');
    const fault = form.locator('.control', { hasText: '故障' });
    await fault.waitFor({ state: 'visible' });
    await fault.locator('input').fill('不制冷');
    await form.locator('.control', { hasText: '类型' }).locator('select').selectOption('install');
    await fault.waitFor({ state: 'hidden' });
    await form.locator('.control', { hasText: '类型' }).locator('select').selectOption('repair');
    await form.locator('input[type=time]').fill('13:37');
    await form.locator('input[type=datetime-local]').fill('2026-12-06T09:30');

    await form.getByRole('button', { name: /下一步/ }).click();
    const address = form.locator('fieldset.object-control');
    await address.locator('legend', { hasText: '地址' }).waitFor();
    await address.locator('.control', { hasText: '城市' }).locator('input').fill('苏州');
    const parts = form.locator('[data-testid=detail-list]');
    await parts.getByRole('button', { name: /添加明细/ }).click();
    await parts.locator('.detail-item .control', { hasText: '配件' }).locator('input').fill('压缩机');

    await admin.locator('[data-testid=save-record]').click();
    await admin.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    const id = admin.url().split('/').pop();
    const saved = (await h.call(token, 'GET', `/records/${id}`)).body;
    expect(saved.data).toMatchObject({ kind: 'repair', fault: '不制冷', at: '13:37:00', booked: '2026-12-06T09:30:00.000Z', address: { city: '苏州' }, parts: [{ part: '压缩机' }] });

    // The record page shows the dropdown's title, and the time again.
    const detail = admin.locator('[data-testid=record-form]');
    await detail.waitFor();
    expect(await detail.textContent()).toContain('维修');
    expect(await detail.textContent()).not.toContain('repair');
  });

  it('a time and a date-time filled and emptied again are left out, and the record saves', async () => {
    await admin.goto(`${h.url}/orders/new?template=site-visit`);
    const form = admin.locator('[data-testid=record-form]');
    await form.waitFor();
    await form.locator('.control', { hasText: '类型' }).locator('select').selectOption('install');
    for (const [input, value] of [[form.locator('input[type=time]'), '08:15'], [form.locator('input[type=datetime-local]'), '2026-12-07T08:15']] as const) {
      await input.fill(value);
      await input.fill('');
    }
    await admin.locator('[data-testid=save-record]').click();
    await admin.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    const saved = (await h.call(token, 'GET', `/records/${admin.url().split('/').pop()}`)).body;
    expect(saved.data.kind).toBe('install');
    expect(saved.data).not.toHaveProperty('at');
    expect(saved.data).not.toHaveProperty('booked');
  });

  it('a whole-number field keeps 1.5 as typed and says it must be a whole number', async () => {
    await admin.goto(`${h.url}/orders/new?template=sales-order`);
    const form = admin.locator('[data-testid=record-form]');
    await form.waitFor();
    const table = form.locator('[data-testid=lines-table]');
    await table.getByRole('button', { name: /添加明细/ }).click();
    const quantity = table.locator('tbody tr').first().locator('input[type=number]').first();
    await quantity.fill('1.5');
    await admin.locator('[data-testid=save-record]').click();
    expect(await quantity.inputValue()).toBe('1.5');
    await expect.poll(() => table.textContent()).toContain('必须是整数');
  });

  it('imports records from an Excel sheet: a bad row is shown by its row number and nothing is imported; fixed, all are', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const sheet = async (rows: unknown[][]) => {
      const book = new ExcelJS.Workbook();
      const s = book.addWorksheet('s');
      for (const r of rows) s.addRow(r);
      return Buffer.from(await book.xlsx.writeBuffer());
    };
    const before = (await h.call(token, 'GET', '/records?template=site-visit')).body.total;
    await admin.goto(`${h.url}/orders?template=site-visit`);
    await admin.locator('[data-testid=import-open]').click();
    const dialog = admin.locator('[data-testid=import-dialog]');
    await dialog.locator('input[type=file]').setInputFiles({ name: 'visits.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await sheet([['类型', '故障'], ['维修', '漏水'], ['拆除', '']]) });
    await dialog.locator('[data-testid=import-send]').click();
    const problem = dialog.locator('[data-testid=import-problem]');
    await problem.waitFor();
    expect(await problem.locator('tbody tr').first().textContent()).toMatch(/^3/);
    expect((await h.call(token, 'GET', '/records?template=site-visit')).body.total).toBe(before);

    await dialog.locator('input[type=file]').setInputFiles({ name: 'visits.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await sheet([['类型', '故障'], ['维修', '漏水'], ['安装', '']]) });
    await dialog.locator('[data-testid=import-send]').click();
    await expect.poll(() => admin.locator('[data-testid=import-done]').textContent()).toBe('已导入 2 条记录。');
    expect((await h.call(token, 'GET', '/records?template=site-visit')).body.total).toBe(before + 2);
  });
});
