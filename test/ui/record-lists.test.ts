// Lists and pages speak of each template's own records: its noun (结算单, not 订单) and its own columns; on a phone
// the list is a column of cards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 180_000);

afterAll(async () => {
  await h?.close();
});

/** The column names a records list shows in its header. */
async function columns(page: Page): Promise<(string | null)[]> {
  return page.locator('[data-testid=records-table] thead th[data-column]').evaluateAll((ths) => ths.map((th) => th.getAttribute('data-column')));
}

describe('a template names its records and chooses its list columns', () => {
  it('the settlement list has no customer or amount column, and its new button and create page say 新建结算单', async () => {
    const { page } = await h.signIn('finance');
    page.setDefaultTimeout(10_000);
    await page.goto(`${h.url}/orders?template=settlement`);
    await page.locator('[data-testid=records-table] tbody tr').first().waitFor();
    // all columns show until the records' templates are loaded; then the settlement's own
    await expect.poll(() => columns(page)).toEqual(['number', 'status', 'handler', 'department', 'createdAt', 'updatedAt']);
    expect(await page.locator('[data-testid=records-table] thead').textContent()).not.toContain('客户');
    expect(await page.locator('.page-header h1').textContent()).toBe('结算单');
    // nor is a settlement found by a customer it does not have
    expect(await page.getByRole('searchbox', { name: '搜索' }).getAttribute('placeholder')).toBe('搜索编号');

    await page.getByRole('link', { name: '+ 新建结算单' }).click();
    await page.waitForURL(/\/orders\/new\?template=settlement/);
    await expect.poll(() => page.locator('.page-header h1').textContent()).toBe('新建结算单');
    expect(await page.locator('.breadcrumb').textContent()).toContain('新建结算单');
  }, 60_000);

  it('the sales-order list keeps its customer and amount columns', async () => {
    const { page } = await h.signIn('sales1');
    page.setDefaultTimeout(10_000);
    await page.goto(`${h.url}/orders?template=sales-order`);
    await page.locator('[data-testid=records-table] tbody tr').first().waitFor();
    await expect.poll(() => columns(page)).toEqual(['number', 'customer', 'amount', 'status', 'handler', 'department', 'createdAt', 'updatedAt']);
    await expect.poll(() => page.locator('.page-header a.btn-primary').textContent()).toBe('+ 新建销售订单');
  }, 60_000);

  it('offers each person the templates whose records they work with: no settlements for the warehouse, no recycling orders for finance', async () => {
    const offered = async (username: string) => {
      const { page } = await h.signIn(username);
      await page.goto(`${h.url}/orders?template=sales-order`);
      const select = page.getByRole('combobox', { name: '表单模板' });
      await expect.poll(() => select.locator('option').count()).toBeGreaterThan(1);
      return select.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).sort());
    };
    expect(await offered('warehouse')).toEqual(['order-recycling', 'sales-order']);
    expect(await offered('finance')).toEqual(['sales-order', 'settlement']);
    expect(await offered('admin')).toEqual(['order-recycling', 'sales-order', 'settlement']);
  }, 60_000);

  it('a settlement is headed as a settlement, without customer, amount or a stock panel; a sales order has its stock panel', async () => {
    const token = await h.token('finance');
    const [settlement] = (await h.call(token, 'GET', '/records?template=settlement&pageSize=1')).body.items;
    const [order] = (await h.call(token, 'GET', '/records?template=sales-order&status=shipped&pageSize=1')).body.items;
    const { page } = await h.signIn('finance');
    page.setDefaultTimeout(10_000);

    await page.goto(`${h.url}/orders/${settlement.id}`);
    await expect.poll(() => page.locator('[data-testid=record-noun]').textContent()).toBe('结算单');
    const header = await page.locator('[data-testid=record-header] dl').textContent();
    expect(header).not.toContain('客户');
    expect(header).not.toContain('金额');
    expect(header).toContain('负责人');
    expect(await page.locator('[data-testid=stock-panel]').count()).toBe(0);
    // with nothing beside it, the history takes the page's width
    expect(await page.locator('.detail-columns.is-single').count()).toBe(1);

    await page.goto(`${h.url}/orders/${order.id}`);
    await expect.poll(() => page.locator('[data-testid=record-noun]').textContent()).toBe('销售订单');
    await page.locator('[data-testid=stock-panel]').waitFor();
    expect(await page.locator('[data-testid=record-header] dl').textContent()).toContain('客户');
  }, 60_000);

  it('in English the create page and the print heading use the noun', async () => {
    const { page } = await h.signIn('finance', { lang: 'en' });
    page.setDefaultTimeout(10_000);
    await page.goto(`${h.url}/orders/new?template=settlement`);
    await expect.poll(() => page.locator('.page-header h1').textContent()).toBe('New settlement');
    const [settlement] = (await h.call(await h.token('finance'), 'GET', '/records?template=settlement&pageSize=1')).body.items;
    await page.goto(`${h.url}/orders/${settlement.id}/print`);
    await expect.poll(() => page.title()).toBe(`Settlement ${settlement.number}`);
  }, 60_000);
});

describe('on a phone (390×844) the orders list is cards', () => {
  it('shows each record as a card within the screen: its number a link, its status, the other columns labelled; checkboxes work', async () => {
    const { page } = await h.signIn('sales1');
    page.setDefaultTimeout(10_000);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${h.url}/orders?template=sales-order`);
    const first = page.locator('[data-testid=records-table] tbody tr').first();
    await first.waitFor();
    await expect.poll(() => columns(page)).toContain('customer');

    // a card, not a table row: a grid box no wider than the screen, the page not scrolling sideways
    expect(await first.evaluate((tr) => getComputedStyle(tr).display)).toBe('grid');
    const box = (await first.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${process.env.TMPDIR ?? '/tmp'}/record-cards-phone.png` }).catch(() => undefined);

    // number and status on the card's first line; the customer as "客户  <name>"
    const number = first.locator('td[data-column=number] a');
    const status = first.locator('td[data-column=status]');
    const [numberBox, statusBox] = [(await number.boundingBox())!, (await status.boundingBox())!];
    expect(Math.abs(numberBox.y - statusBox.y)).toBeLessThan(20);
    const customer = first.locator('td[data-column=customer]');
    expect(await customer.getAttribute('data-label')).toBe('客户');
    expect(await customer.evaluate((td) => getComputedStyle(td, '::before').content)).toBe('"客户"');
    expect((await customer.boundingBox())!.y).toBeGreaterThan(numberBox.y);

    // the checkbox still selects the record for bulk actions
    await first.locator('td.col-check input[type=checkbox]').check();
    await page.locator('[data-testid=bulk-bar]').waitFor();
    await first.locator('td.col-check input[type=checkbox]').uncheck();

    // the number opens the record
    const text = (await number.textContent())!;
    await number.click();
    await page.waitForURL(/\/orders\/[^/]+$/);
    await expect.poll(() => page.locator('[data-testid=record-number]').textContent()).toBe(text);
  }, 60_000);
});
