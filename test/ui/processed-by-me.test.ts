// "Processed by me": the home page lists the records a person last worked on, and its link opens the records list
// filtered to them, a filter that can be turned off again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

describe('processed by me', () => {
  it('the home page shows what finance worked on, and its link opens the list of them', async () => {
    const token = await h.token('finance');
    const me = (await h.call(token, 'GET', '/me')).body;
    const worked = (await h.call(token, 'GET', `/records?processedBy=${me.id}&sort=updatedAt&dir=desc&pageSize=8`)).body;
    const everything = (await h.call(token, 'GET', '/records?pageSize=1')).body;
    expect(worked.total).toBeGreaterThan(0);
    expect(worked.total).toBeLessThan(everything.total);

    const { page } = await h.signIn('finance');
    const section = page.locator('[data-testid=home-processed]');
    await expect.poll(() => section.locator('[data-number]').count()).toBe(worked.items.length);
    expect(await section.locator('[data-number]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number')))).toEqual(worked.items.map((r: { number: string }) => r.number));

    // the list shows one template at a time: sales orders first
    const workedOrders = (await h.call(token, 'GET', `/records?processedBy=${me.id}&template=sales-order&pageSize=1`)).body.total;
    expect(workedOrders).toBeGreaterThan(0);
    await section.getByRole('link', { name: '查看全部' }).click();
    await page.waitForURL(/processedBy=/);
    const mine = page.locator('[data-testid=filter-processed-by-me]');
    expect(await mine.isChecked()).toBe(true);
    await expect.poll(() => page.locator('.pager-total').textContent()).toBe(`共 ${workedOrders} 条`);

    // the box follows the URL, so it turns off once the list has moved (a click, then the state)
    await mine.click();
    await expect.poll(() => mine.isChecked()).toBe(false);
    await expect.poll(() => new URL(page.url()).searchParams.has('processedBy')).toBe(false);
    await expect.poll(() => page.locator('.pager-total').textContent()).not.toBe(`共 ${workedOrders} 条`);
  }, 60_000);
});
