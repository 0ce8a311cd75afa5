// A records list as a spreadsheet: the same records the list shows the caller, the columns in their language,
// codes as titles, fields they may not read left out; CSV opens in Excel with Chinese intact.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from './support/api-client.ts';
import { act, createOrder } from './support/orders.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
let sales1: ApiClient;
let manager: ApiClient;

beforeAll(async () => {
  app = await startTestApp();
  sales1 = await app.as('sales1');
  manager = await app.as('manager');
  const a = await createOrder(sales1);
  await act(sales1, a.id, 'confirm');
  await createOrder(manager, { internalNote: '内部：价格已特批' });
  await createOrder(sales1, { remark: '周五前送达' });
  await createOrder(await app.as('sales2'));
});
afterAll(() => app.close());

async function download(client: ApiClient, query: string): Promise<{ status: number; type: string; file: string; body: Buffer }> {
  const res = await fetch(`${app.url}/api/records/export?${query}`, { headers: { Authorization: `Bearer ${(client as unknown as { token: string }).token}`, 'Accept-Language': 'zh-CN' } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', file: res.headers.get('content-disposition') ?? '', body: Buffer.from(await res.arrayBuffer()) };
}

async function sheetOf(body: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as never);
  const rows: string[][] = [];
  book.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString() : v == null ? '' : String(v)))));
  return rows;
}

describe('exporting a list', () => {
  it('xlsx: the records the caller may see, headed in Chinese, states and codes as words', async () => {
    const res = await download(sales1, 'template=sales-order&format=xlsx');
    expect(res.status).toBe(200);
    expect(res.type).toContain('spreadsheetml');
    expect(res.file).toMatch(/attachment; filename="sales-order-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const rows = await sheetOf(res.body);
    const listed = (await sales1.get('/api/records?template=sales-order&pageSize=500')).body;
    expect(rows).toHaveLength(listed.total + 1);
    expect(rows[0].slice(0, 7)).toEqual(['编号', '状态', '客户', '金额', '负责人', '创建时间', '更新时间']);
    expect(rows[0]).toContain('备注');
    const numbers = rows.slice(1).map((r) => r[0]).sort();
    expect(numbers).toEqual(listed.items.map((r: { number: string }) => r.number).sort());
    expect(rows.slice(1).map((r) => r[1])).toEqual(expect.arrayContaining(['已确认', '草稿']));
  });

  it('a field the caller may not read is no column for them; their manager sees it', async () => {
    const mine = (await sheetOf((await download(sales1, 'template=sales-order')).body))[0];
    expect(mine).not.toContain('内部备注');
    const theirs = await sheetOf((await download(manager, 'template=sales-order')).body);
    const column = theirs[0].indexOf('内部备注');
    expect(column).toBeGreaterThan(0);
    expect(theirs.map((r) => r[column])).toContain('内部：价格已特批');
  });

  it('csv: UTF-8 with a byte-order mark, the same rows', async () => {
    const res = await download(sales1, 'template=sales-order&format=csv&status=draft');
    expect(res.type).toContain('text/csv');
    expect([...res.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.body.toString('utf8');
    expect(text).toContain('编号');
    expect(text).toContain('周五前送达');
    const drafts = (await sales1.get('/api/records?template=sales-order&status=draft')).body.total;
    expect(text.trim().split('\n')).toHaveLength(drafts + 1);
  });

  it('a format it does not make is a 400 naming the choices', async () => {
    const res = await download(sales1, 'format=pdf');
    expect(res.status).toBe(400);
  });
});
