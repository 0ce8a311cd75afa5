// The cancellation report in a real browser: filters kept in the URL (a reload shows the same report), the records
// behind a row, and the report downloaded as Excel and CSV.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 180_000);

afterAll(async () => {
  await h?.close();
});

interface Report {
  rows: { key: string; count: number; amount: number }[];
  total: { count: number; amount: number };
  records?: { id: string; number: string }[];
}

describe('the cancellation report in the browser', () => {
  test('filters survive a reload, a row opens its records, and the report downloads as xlsx and CSV', async () => {
    const { page } = await h.signIn('admin');
    await page.goto(`${h.url}/reports/cancellation-reasons`);
    await page.locator('[data-testid=report-table]').waitFor();

    await page.locator('[data-testid=report-template]').selectOption('sales-order');
    await page.locator('[data-testid=report-group]').selectOption('product');
    await page.locator('[data-testid=report-from]').fill('2000-01-01');
    await expect.poll(() => new URL(page.url()).searchParams.toString()).toBe('template=sales-order&groupBy=product&from=2000-01-01');

    // the total counts cancelled records, each once; the rows are records naming each product
    const api = (await h.call(await h.token('admin'), 'GET', `/reports/cancellation-reasons?template=sales-order&groupBy=product&from=${encodeURIComponent(new Date('2000-01-01T00:00:00').toISOString())}`)).body as Report;
    expect(api.total.count).toBeGreaterThan(0);
    const table = page.locator('[data-testid=report-table]');
    await expect.poll(() => table.locator('tbody > tr[data-key]').count()).toBe(api.rows.length);
    expect(await table.locator('thead th').nth(1).textContent()).toBe('含此产品的记录数');
    expect(await page.locator('[data-testid=report-total] td').nth(0).textContent()).toBe('合计（取消的记录）');
    expect(await page.locator('[data-testid=report-total] td').nth(1).textContent()).toBe(String(api.total.count));
    await page.locator('[data-testid=report-product-note]').waitFor();

    // a reload (or the link, shared) shows the same report
    await page.reload();
    await table.locator('tbody > tr[data-key]').first().waitFor();
    expect(await page.locator('[data-testid=report-template]').inputValue()).toBe('sales-order');
    expect(await page.locator('[data-testid=report-group]').inputValue()).toBe('product');
    expect(await page.locator('[data-testid=report-from]').inputValue()).toBe('2000-01-01');
    expect(await table.locator('tbody > tr[data-key]').count()).toBe(api.rows.length);

    // the first row opens the records behind it, each a link to the record
    const first = api.rows[0];
    await table.locator(`tr[data-key="${first.key}"] [data-testid=report-drill]`).click();
    const records = page.locator('[data-testid=report-records] tbody tr');
    await expect.poll(() => records.count()).toBe(first.count);
    expect(new URL(page.url()).searchParams.get('key')).toBe(first.key);
    await h.screenshot(page, 'report-drill-down');
    const link = records.first().locator('a.record-link');
    const number = (await link.textContent())!;
    await link.click();
    await expect.poll(() => page.locator('main').textContent()).toContain(number);
    await page.goBack();
    await expect.poll(() => page.locator('[data-testid=report-records] tbody tr').count()).toBe(first.count);

    // downloads: the same filters, headed in the page's language
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=report-export-xlsx]').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^cancellation-reasons-product-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await xlsx.path())!) as never);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, '产品', '含此产品的记录数', '占比', '金额']);
    expect(sheet.rowCount).toBe(api.rows.length + 2);
    expect(sheet.getRow(sheet.rowCount).getCell(2).value).toBe(api.total.count);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=report-export-csv]').click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const lines = readFileSync((await csv.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('产品,含此产品的记录数,占比,金额');
    expect(lines.at(-1)).toMatch(new RegExp(`^合计（取消的记录）,${api.total.count},`));
  }, 90_000);

  test('filters changed before the page draws again are all kept', async () => {
    const { page } = await h.signIn('admin');
    await page.goto(`${h.url}/reports/cancellation-reasons`);
    await page.locator('[data-testid=report-table]').waitFor();
    await page.locator('[data-testid=report-template] option[value=sales-order]').waitFor({ state: 'attached' });
    // both selects change in one task, as a fast hand or a slow machine makes them: neither may undo the other
    await page.evaluate(() => {
      const pick = (testid: string, value: string) => {
        const select = document.querySelector<HTMLSelectElement>(`[data-testid=${testid}]`)!;
        select.value = value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      };
      pick('report-template', 'sales-order');
      pick('report-group', 'month');
    });
    await expect.poll(() => new URL(page.url()).searchParams.toString()).toBe('template=sales-order&groupBy=month');
  }, 60_000);

  test('in English the page and its download speak English', async () => {
    const { page } = await h.signIn('admin', { lang: 'en' });
    await page.goto(`${h.url}/reports/cancellation-reasons?groupBy=month`);
    await page.locator('[data-testid=report-total]').waitFor();
    expect(await page.locator('[data-testid=report-total] td').first().textContent()).toBe('Total (cancelled records)');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=report-export-csv]').click()]);
    expect(readFileSync((await csv.path())!, 'utf8').replace(/^\uFEFF/, '').split('\n')[0]).toBe('Month,Cancelled records,Share,Amount');
  }, 60_000);

  test('on a phone the report with a row open stays within the screen', async () => {
    const { page } = await h.signIn('manager');
    await page.setViewportSize({ width: 390, height: 844 });
    const api = (await h.call(await h.token('manager'), 'GET', '/reports/cancellation-reasons?groupBy=customer')).body as Report;
    expect(api.rows.length).toBeGreaterThan(0);
    await page.goto(`${h.url}/reports/cancellation-reasons?groupBy=customer&key=${encodeURIComponent(api.rows[0].key)}`);
    await expect.poll(() => page.locator('[data-testid=report-records] tbody tr').count()).toBe(api.rows[0].count);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  }, 60_000);
});
