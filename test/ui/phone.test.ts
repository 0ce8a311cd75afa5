// On a phone (390×844): the menu is a drawer, pages are no wider than the screen, dialogs fit it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

describe('on a phone', () => {
  it('opens the menu as a drawer, keeps every page within the screen, and a dialog with its buttons on it', async () => {
    const { page } = await h.signIn('sales1');
    page.setDefaultTimeout(10_000);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${h.url}/orders`);
    await page.locator('[data-testid=records-table]').waitFor();
    const sidebar = page.locator('nav.sidebar');
    expect(await sidebar.boundingBox().then((b) => (b ? b.x + b.width : 0))).toBeLessThanOrEqual(1);
    for (const path of ['/orders', '/', '/approvals', '/notifications', '/reports/cancellation-reasons']) {
      await page.goto(`${h.url}${path}`);
      await page.locator('main.page > *').first().waitFor();
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(wide, path).toBeLessThanOrEqual(390);
    }

    await page.locator('[data-testid=menu-button]').click();
    await expect.poll(async () => (await sidebar.boundingBox())?.x).toBe(0);
    await sidebar.locator('a[href="/orders"]').click();
    await page.waitForURL(/\/orders$/);
    await expect.poll(async () => { const b = await sidebar.boundingBox(); return b ? b.x + b.width : 0; }).toBeLessThanOrEqual(1);

    // A dialog fits, its confirm button on the screen.
    const draft = (await h.call(await h.token('sales1'), 'GET', '/records?template=sales-order&status=draft')).body.items.find((r: { availableActions: { name: string }[] }) => r.availableActions.some((a) => a.name === 'cancel'));
    await page.goto(`${h.url}/orders/${draft.id}`);
    await page.locator('[data-action=cancel]').click();
    const confirm = page.locator('[data-testid=action-dialog] [data-testid=action-confirm]');
    await confirm.waitFor();
    const box = (await confirm.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
  }, 60_000);
});
