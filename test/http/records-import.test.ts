// Records from an Excel sheet: headers are field labels, cells read as the fields hold them; all rows or none,
// and a refusal names each row and column.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from './support/api-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { adminOnlyTemplate, labels } from '../fixtures/admin-only-template.ts';

let app: TestApp;
let admin: ApiClient;
let token: string;

const expense = adminOnlyTemplate({
  id: 'expense',
  name: labels('报销单', 'Expense claim'),
  numberPrefix: 'EX',
  form: {
    schema: {
      type: 'object',
      required: ['title', 'amount'],
      properties: {
        title: { type: 'string', minLength: 1, title: '事由 / Purpose' },
        amount: { type: 'number', minimum: 0, multipleOf: 0.01, title: '金额 / Amount' },
        kind: { type: 'string', title: '类别 / Kind', oneOf: [{ const: 'travel', title: '差旅 / Travel' }, { const: 'meal', title: '餐费 / Meal' }] },
        owner: { type: 'string', format: 'user', title: '报销人 / Claimant' },
        spentOn: { type: 'string', format: 'date', title: '日期 / Date' },
        urgent: { type: 'boolean', title: '加急 / Urgent' },
      },
    },
    uischema: { type: 'VerticalLayout', elements: ['title', 'amount', 'kind', 'owner', 'spentOn', 'urgent'].map((k) => ({ type: 'Control', scope: `#/properties/${k}` })) },
  },
  summary: { amount: '/amount' },
});

beforeAll(async () => {
  app = await startTestApp();
  admin = await app.as('admin');
  token = (admin as unknown as { token: string }).token;
  expect((await admin.post('/api/templates', expense)).status).toBe(201);
});
afterAll(() => app.close());

async function sheet(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const s = book.addWorksheet('报销');
  for (const r of rows) s.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const upload = async (body: Buffer, as = token) =>
  fetch(`${app.url}/api/records/import?template=expense`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${as}`, 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Accept-Language': 'zh-CN' },
    body: new Uint8Array(body),
  });

const count = async () => (await admin.get('/api/records?template=expense')).body.total as number;

describe('importing records from a sheet', () => {
  it('reads headers in either language and cells as the fields hold them; three good rows make three records', async () => {
    const body = await sheet([
      ['事由', 'Amount', '类别', '报销人', '日期', '加急', '备注（不是字段）'],
      ['客户拜访', 320.5, '差旅', '张伟', new Date(Date.UTC(2026, 11, 1)), '是', 'x'],
      ['团队午餐', '88', 'Meal', 'sales2', '2026-12-02', '否'],
      [],
      ['打印耗材', 45, '', '', '', ''],
    ]);
    const res = await upload(body);
    const answer = await res.json();
    expect(res.status, JSON.stringify(answer)).toBe(201);
    expect(answer).toMatchObject({ created: 3, numbers: ['EX-000001', 'EX-000002', 'EX-000003'], ignoredColumns: ['备注（不是字段）'] });
    const first = (await admin.get(`/api/records?template=expense&q=EX-000001`)).body.items[0];
    expect(first.data).toEqual({ title: '客户拜访', amount: 320.5, kind: 'travel', owner: app.people.sales1.id, spentOn: '2026-12-01', urgent: true });
    expect(first.summary.amount).toBe(320.5);
  });

  it('one bad row and nothing is imported: each problem at its sheet row and column', async () => {
    const before = await count();
    const body = await sheet([
      ['事由', '金额', '类别'],
      ['好的一行', 10, '差旅'],
      ['', 'abc', '机票'],
    ]);
    const res = await upload(body);
    const problem = await res.json();
    expect(res.status).toBe(422);
    expect(problem.code).toBe('validation_failed');
    expect(problem.detail).toContain('没有导入任何一行');
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['/rows/3/amount', '/rows/3/kind']));
    expect(problem.errors.find((e: { path: string }) => e.path === '/rows/3/amount').message).toMatch(/^金额: /);
    expect(await count()).toBe(before);
  });

  it('a money cell a formula left as 0.30000000000000004 is the 0.30 it shows; a cell of 1.005 is refused at its row', async () => {
    const before = await count();
    const noise = await upload(await sheet([['事由', '金额'], ['公式算出的金额', 0.1 + 0.2]]));
    const created = await noise.json();
    expect(noise.status, JSON.stringify(created)).toBe(201);
    const record = (await admin.get(`/api/records?template=expense&q=${created.numbers[0]}`)).body.items[0];
    expect(record.data.amount).toBe(0.3);
    expect(await count()).toBe(before + 1);

    const fine = await upload(await sheet([['事由', '金额'], ['半分钱', 1.005]]));
    const problem = await fine.json();
    expect(fine.status).toBe(422);
    expect(problem.errors).toEqual([expect.objectContaining({ path: '/rows/2/amount', message: expect.stringMatching(/0\.01/) })]);
    expect(await count()).toBe(before + 1);
  });

  it('a file that is not a workbook, or no template named, is a 400 saying what to send; a role that may not create gets 403', async () => {
    expect((await upload(Buffer.from('not a workbook'))).status).toBe(400);
    const noTemplate = await fetch(`${app.url}/api/records/import`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' }, body: new Uint8Array(await sheet([['事由'], ['x']])) });
    expect(noTemplate.status).toBe(400);
    const sales = (await app.as('sales1')) as unknown as { token: string };
    const refused = await upload(await sheet([['事由', '金额'], ['x', 1]]), sales.token);
    expect(refused.status).toBe(403);
  });

  it('the blank sheet has one column per field, headed in the reader\'s language', async () => {
    const res = await fetch(`${app.url}/api/records/import-template?template=expense`, { headers: { Authorization: `Bearer ${token}`, 'Accept-Language': 'en' } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect((book.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(['Purpose', 'Amount', 'Kind', 'Claimant', 'Date', 'Urgent']);
  });
});
