// Unsaved work is never lost without a word: leaving a half-filled form asks first, and after someone else
// saved the same record meanwhile, the newest version loads with the person's own changes kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

describe('unsaved work', () => {
  it('leaving a half-filled new order asks first; staying keeps what was typed', async () => {
    const { page } = await h.signIn('sales1');
    page.setDefaultTimeout(10_000);
    await page.goto(`${h.url}/orders/new?template=sales-order`);
    const form = page.locator('[data-testid=record-form]');
    await form.waitFor();
    const remark = form.locator('textarea').first();
    await remark.fill('客户要求周五前送达');
    const asked: string[] = [];
    page.once('dialog', (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    await page.locator('nav a[href="/orders"]').first().click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain('未保存');
    expect(page.url()).toContain('/orders/new');
    expect(await remark.inputValue()).toBe('客户要求周五前送达');

    page.once('dialog', (d) => void d.accept());
    await page.locator('nav a[href="/orders"]').first().click();
    await page.waitForURL(/\/orders$/);
  });

  it('after a conflict, the newest version loads with my changes kept, and saves', async () => {
    const token = await h.token('sales1');
    const template = (await h.call(token, 'GET', '/records?template=sales-order&status=draft')).body.items[0];
    const made = await h.call(token, 'POST', '/records', { template: 'sales-order', data: template.data });
    expect(made.status).toBe(201);
    const order = made.body;
    const { page } = await h.signIn('sales1');
    page.setDefaultTimeout(10_000);
    await page.goto(`${h.url}/orders/${order.id}/edit`);
    const form = page.locator('[data-testid=record-form]');
    await form.waitFor();
    await form.locator('textarea').first().fill('我的备注');

    // Someone else saves another field meanwhile.
    const other = await fetch(`${h.url}/api/records/${order.id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'If-Match': String(order.version) },
      body: JSON.stringify({ data: { ...order.data, deliveryDate: '2027-01-15' } }),
    });
    expect(other.status).toBe(200);

    await page.locator('[data-testid=save-record]').click();
    await page.locator('[data-testid=form-error]').waitFor();
    await page.locator('[data-testid=reload-keep]').click();
    await expect.poll(() => page.locator('[data-testid=record-form] textarea').first().inputValue()).toBe('我的备注');
    await page.locator('[data-testid=save-record]').click();
    await page.waitForURL(new RegExp(`/orders/${order.id}$`));
    const saved = (await h.call(token, 'GET', `/records/${order.id}`)).body;
    expect(saved.data).toMatchObject({ remark: '我的备注', deliveryDate: '2027-01-15' });
  });
});
