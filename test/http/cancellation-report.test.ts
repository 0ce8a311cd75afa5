// The cancellation report over HTTP: a total of cancelled records, the records behind a row, and the report as a
// spreadsheet (xlsx or CSV) headed in the caller's language.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from './support/api-client.ts';
import { act, createOrder, expectProblem } from './support/orders.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
let admin: ApiClient;
let sales1: ApiClient;
const numbers: string[] = [];

beforeAll(async () => {
  app = await startTestApp();
  admin = await app.as('admin');
  sales1 = await app.as('sales1');
  // two products on one order (three lines), one product on another; sales2's order is out of sales1's sight
  const two = await createOrder(sales1, {
    customer: { name: '甲公司', contact: '张三', email: 'a@example.com' },
    lines: [
      { product: 'NB-14', warehouse: 'WH-SH', quantity: 1, price: 5000 },
      { product: 'NB-14', warehouse: 'WH-BJ', quantity: 1, price: 5000 },
      { product: 'KB-01', warehouse: 'WH-SH', quantity: 2, price: 150 },
    ],
  });
  await act(sales1, two.id, 'cancel', { reason: 'customer_request' });
  const one = await createOrder(sales1, { customer: { name: '乙公司', contact: '李四', email: 'b@example.com' }, lines: [{ product: 'NB-14', warehouse: 'WH-SH', quantity: 1, price: 4000 }] });
  await act(sales1, one.id, 'cancel', { reason: 'out_of_stock' });
  const west = await createOrder(await app.as('sales2'), { lines: [{ product: 'MS-01', warehouse: 'WH-SH', quantity: 1, price: 200 }] });
  await act(await app.as('sales2'), west.id, 'cancel', { reason: 'customer_request' });
  numbers.push(two.number, one.number, west.number);
});
afterAll(() => app.close());

const REPORT = '/api/reports/cancellation-reasons';

async function download(client: ApiClient, query: string, lang = 'zh-CN'): Promise<{ status: number; type: string; file: string; body: Buffer }> {
  const res = await fetch(`${app.url}${REPORT}/export?${query}`, { headers: { Authorization: `Bearer ${(client as unknown as { token: string }).token}`, 'Accept-Language': lang } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', file: res.headers.get('content-disposition') ?? '', body: Buffer.from(await res.arrayBuffer()) };
}

async function sheetOf(body: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as never);
  const rows: string[][] = [];
  book.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return rows;
}

describe('the cancellation report over HTTP', () => {
  it('grouped by product, the rows are records naming each product and the total counts each record once', async () => {
    const res = await admin.get(`${REPORT}?template=sales-order&groupBy=product`);
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r: { key: string; count: number; amount: number }) => [r.key, r.count, r.amount])).toEqual([
      ['NB-14', 2, 14000],
      ['KB-01', 1, 300],
      ['MS-01', 1, 200],
    ]);
    expect(res.body.total).toEqual({ count: 3, amount: 14500 });
    expect(res.body.records).toBeUndefined();
  });

  it('a key lists the records behind the row, within what the caller may see', async () => {
    const res = await admin.get(`${REPORT}?template=sales-order&groupBy=product&key=NB-14`);
    expect(res.body.records.map((r: { number: string }) => r.number).sort()).toEqual([numbers[0], numbers[1]].sort());
    expect(res.body.records[0]).toMatchObject({ id: expect.any(String), status: 'cancelled', reason: expect.any(String), at: expect.any(String) });
    const reason = await sales1.get(`${REPORT}?groupBy=reason&key=customer_request`);
    expect(reason.body.records.map((r: { number: string }) => r.number)).toEqual([numbers[0]]);
    expect(reason.body.records[0].reasonLabel).toEqual({ 'zh-CN': '客户要求取消', en: 'Customer asked to cancel' });
    expect((await admin.get(`${REPORT}?groupBy=reason&key=customer_request`)).body.records).toHaveLength(2);
  });

  it('a key given twice is a 400', async () => {
    expectProblem(await admin.get(`${REPORT}?groupBy=reason&key=a&key=b`), 400, 'bad_request');
  });

  it('xlsx: the rows headed in Chinese, reasons as words, and the total of cancelled records last', async () => {
    const res = await download(admin, 'template=sales-order&groupBy=reason&format=xlsx');
    expect(res.status).toBe(200);
    expect(res.type).toContain('spreadsheetml');
    expect(res.file).toMatch(/attachment; filename="cancellation-reasons-reason-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const rows = await sheetOf(res.body);
    expect(rows[0]).toEqual(['取消原因', '取消的记录数', '占比', '金额']);
    expect(rows[1].slice(0, 2)).toEqual(['客户要求取消', '2']);
    expect(rows.at(-1)!.slice(0, 2)).toEqual(['合计（取消的记录）', '3']);
    expect(rows.at(-1)![3]).toBe('14500');
  });

  it('in English the headers are English; by product the count column says it counts records naming the product', async () => {
    const rows = await sheetOf((await download(admin, 'template=sales-order&groupBy=product', 'en')).body);
    expect(rows[0]).toEqual(['Product', 'Records naming this product', 'Share', 'Amount']);
    expect(rows.slice(1, -1).map((r) => r[0])).toEqual(['NB-14', 'KB-01', 'MS-01']);
    expect(rows.at(-1)!.slice(0, 2)).toEqual(['Total (cancelled records)', '3']);
    // a download link names the page's language in ?lang=, whatever the browser's is
    expect((await sheetOf((await download(admin, 'groupBy=month&lang=en', 'zh-CN')).body))[0][0]).toBe('Month');
    expect((await sheetOf((await download(admin, 'groupBy=month&lang=zh-CN', 'en')).body))[0][0]).toBe('月份');
  });

  it('CSV: the same sheet, UTF-8 with a byte-order mark, and only what the caller may see', async () => {
    const res = await download(sales1, 'groupBy=customer&format=csv');
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/csv');
    expect(res.file).toContain('.csv');
    expect([...res.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.body.toString('utf8').slice(1);
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('客户,取消的记录数,占比,金额');
    expect(text).toContain('甲公司');
    expect(text).toContain('乙公司');
    expect(lines.at(-1)).toMatch(/^合计（取消的记录）,2,/);
  });

  it('a bad grouping or format is a 400; no sign-in is a 401', async () => {
    expectProblem(await admin.get(`${REPORT}/export?groupBy=mood`), 400, 'bad_request');
    expectProblem(await admin.get(`${REPORT}/export?format=pdf`), 400, 'bad_request');
    expectProblem(await app.anonymous().get(`${REPORT}/export`), 401, 'unauthenticated');
  });
});
