// Finance pages in a real browser: closing an accounting period stops postings into it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 180_000);

afterAll(async () => {
  await h?.close();
});

describe('accounting periods in the browser', () => {
  test('months close in order: the button says which month to close first; closed, the current period refuses a receipt, and reopening lets it through', async () => {
    const { page } = await h.signIn('finmanager');
    await page.locator('nav.sidebar').getByRole('link', { name: '会计期间', exact: true }).click();
    const table = page.locator('[data-testid=periods-table]');
    await table.waitFor();
    const boss = await h.token('finmanager');
    const { current, known } = (await h.call(boss, 'GET', '/periods')).body as { current: string; known: string[] };
    const row = table.locator(`tr[data-period="${current}"]`);
    expect(await row.locator('.badge').textContent()).toBe('开放');

    // The demo's earlier months have entries and are open: months close in order, and the button says so first.
    const earlier = known.filter((m) => m < current);
    expect(earlier.length).toBeGreaterThan(0);
    expect(await row.getByRole('button', { name: '结账' }).isDisabled()).toBe(true);
    expect(await row.locator('[data-testid=period-blocked]').textContent()).toContain(`请先结账 ${earlier[0]}`);
    for (const m of earlier) expect((await h.call(boss, 'PUT', `/periods/${m}`, { closed: true })).status).toBe(200);
    await page.reload();
    await table.waitFor();
    expect(await row.getByRole('button', { name: '结账' }).isDisabled()).toBe(false);

    await row.getByRole('button', { name: '结账' }).click();
    // asked once more, with what closing means
    const dialog = page.locator('[data-testid=period-dialog]');
    expect(await dialog.textContent()).toContain('不能再记任何账');
    await dialog.locator('[data-testid=period-confirm]').click();
    await expect.poll(() => page.locator('[data-testid=periods-message]').textContent()).toContain(current);
    await expect.poll(() => row.locator('.badge').textContent()).toBe('已结账');
    // the month before cannot be reopened while this one is closed, and its row says which to reopen first
    const monthBefore = table.locator(`tr[data-period="${earlier.at(-1)}"]`);
    expect(await monthBefore.getByRole('button', { name: '重新打开' }).isDisabled()).toBe(true);
    expect(await monthBefore.locator('[data-testid=period-blocked]').textContent()).toContain(`请先重新打开 ${current}`);
    await h.screenshot(page, 'periods');

    const finance = await h.token('finance');
    const shipped = (await h.call(finance, 'GET', '/records?template=sales-order&status=shipped&pageSize=1')).body.items[0];
    const before = (await h.call(finance, 'GET', `/records/${shipped.id}/ledger`)).body.entries.length;
    const refused = await h.call(finance, 'POST', `/records/${shipped.id}/actions/record_receipt`, { params: { amount: 1 } });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('period_closed');
    expect((await h.call(finance, 'GET', `/records/${shipped.id}/ledger`)).body.entries.length).toBe(before);

    await row.getByRole('button', { name: '重新打开' }).click();
    await page.locator('[data-testid=period-confirm]').click();
    await expect.poll(() => row.locator('.badge').textContent()).toBe('开放');
    const posted = await h.call(finance, 'POST', `/records/${shipped.id}/actions/record_receipt`, { params: { amount: 1 } });
    expect(posted.status).toBe(200);
    for (const m of [...earlier].reverse()) expect((await h.call(boss, 'PUT', `/periods/${m}`, { closed: false })).status).toBe(200);
  }, 60_000);

  test('a salesperson has no periods page in the menu, and the API refuses closing one', async () => {
    const { page } = await h.signIn('sales1');
    await page.locator('nav.sidebar').getByRole('link', { name: '订单管理', exact: true }).waitFor();
    expect(await page.locator('nav.sidebar').getByRole('link', { name: '会计期间', exact: true }).count()).toBe(0);
    const res = await h.call(await h.token('sales1'), 'PUT', '/periods/2026-01', { closed: true });
    expect(res.status).toBe(403);
  }, 60_000);
});
