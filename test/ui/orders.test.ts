// The end-user web app in a real browser against the real server with demo data.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 180_000);

afterAll(async () => {
  await h?.close();
});

interface Rec {
  id: string;
  number: string;
  template: string;
  status: string;
  handler: string;
  availableActions?: { name: string; needsApproval?: boolean }[];
}

async function me(username: string): Promise<{ id: string; name: string }> {
  return (await h.call(await h.token(username), 'GET', '/me')).body;
}

/**
 * Sales orders `username` sees in `status`, newest first. The demo data also holds recycling orders and settlements
 * (some in states of the same name); the pages these tests drive list sales orders unless told otherwise.
 */
async function records(username: string, status: string): Promise<Rec[]> {
  const res = await h.call(await h.token(username), 'GET', `/records?template=sales-order&status=${status}&pageSize=100&sort=createdAt&dir=desc`);
  expect(res.status).toBe(200);
  return res.body.items;
}

/** A record the user handles in `status` on which they are offered `action` (with or without approval). */
async function offered(username: string, status: string, action: string, opts: { skip?: string[]; approval?: boolean } = {}): Promise<Rec> {
  const self = await me(username);
  for (const r of await records(username, status)) {
    if (r.handler !== self.id || opts.skip?.includes(r.id)) continue;
    const full = (await h.call(await h.token(username), 'GET', `/records/${r.id}`)).body as Rec;
    const a = full.availableActions?.find((x) => x.name === action);
    if (a && !!a.needsApproval === !!opts.approval) return full;
  }
  throw new Error(`demo data has no ${status} order where ${username} may ${action}${opts.approval ? ' with approval' : ''}`);
}

const used: string[] = [];

/** The input of the form control labelled `label` (a required field's label ends in "*"). */
function field(form: Locator, label: string): Locator {
  const text = new RegExp(`^${label}\\*?$`);
  return form.locator('.control').filter({ has: form.page().locator('label', { hasText: text }) }).locator('input, textarea, select').first();
}

/** Follow a sidebar link. */
function nav(page: Page, name: string): Promise<void> {
  return page.locator('nav.sidebar').getByRole('link', { name, exact: true }).click();
}

describe('the session in the browser', () => {
  test('lives in the HttpOnly cookie only: no script can read it, a reload keeps it, signing out ends it', async () => {
    const { context, page } = await h.signIn('sales2');
    const stored = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }));
    expect(stored).not.toMatch(/ow_token|ow\.token/);
    const cookie = (await context.cookies()).find((c) => c.name === 'ow_token');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(stored).not.toContain(cookie!.value);

    await page.reload();
    await page.locator('[data-testid=current-user]').waitFor();
    // Signing out (DELETE /api/session, as the sign-out button does): the cookie goes, the next visit asks to sign in.
    await page.evaluate(() => fetch('/api/session', { method: 'DELETE', credentials: 'same-origin' }));
    expect((await context.cookies()).find((c) => c.name === 'ow_token')).toBeUndefined();
    // The next visit (a new tab: the open one's app may itself be moving to the sign-in page meanwhile, which would
    // abort a navigation started beside it) is sent on to the sign-in page.
    const visit = await context.newPage();
    await visit.goto(`${h.url}/`);
    await visit.waitForURL(/\/login/);
    await visit.close();
  }, 60_000);
});

describe('orders in the browser', () => {
  test('a salesperson finds an order by number, opens it, cancels it with a reason after reading the preview, and sees it listed as 已取消', async () => {
    const order = await offered('sales1', 'confirmed', 'cancel', { approval: false });
    used.push(order.id);
    const { page } = await h.signIn('sales1');

    await nav(page, '订单管理');
    await page.locator('[data-testid=records-table]').waitFor();
    await h.screenshot(page, 'orders-list');

    await page.getByRole('searchbox', { name: '搜索' }).fill(order.number);
    await page.getByRole('searchbox', { name: '搜索' }).press('Enter');
    const row = page.locator(`tr[data-number="${order.number}"]`);
    await row.waitFor();
    await expect.poll(() => page.locator('[data-testid=records-table] tbody tr').count()).toBe(1);
    await row.getByRole('link', { name: order.number }).click();

    await expect.poll(() => page.locator('[data-testid=record-number]').textContent()).toBe(order.number);
    await page.locator('[data-testid=history]').waitFor();
    await h.screenshot(page, 'order-detail');

    await page.locator('[data-action=cancel]').click();
    const dialog = page.locator('[data-testid=action-dialog]');
    const effects = dialog.locator('[data-testid=effect-list]');
    await effects.waitFor();
    // the preview speaks of the state change and the stock that comes back, before anything happens
    await expect.poll(() => effects.textContent()).toContain('已取消');
    expect(await effects.locator('li').count()).toBeGreaterThanOrEqual(2);
    await dialog.locator('select[name=reason]').selectOption('customer_request');
    await dialog.locator('textarea[name=comment]').fill('客户改为下月采购');
    await h.screenshot(page, 'action-dialog-preview');

    // without a reason the dialog would refuse; with one it runs
    await dialog.locator('[data-testid=action-confirm]').click();
    await page.locator('[data-testid=result-message]').waitFor();
    await expect.poll(() => page.locator('[data-testid=record-header] .badge').first().textContent()).toBe('已取消');
    await expect.poll(() => page.locator('[data-testid=history]').textContent()).toContain('客户要求取消');
    expect(await page.locator('[data-action=cancel]').count()).toBe(0);

    await nav(page, '订单管理');
    await page.getByRole('searchbox', { name: '搜索' }).fill(order.number);
    await page.getByRole('searchbox', { name: '搜索' }).press('Enter');
    await expect.poll(() => page.locator(`tr[data-number="${order.number}"] .badge`).textContent()).toBe('已取消');

    const after = await h.call(await h.token('sales1'), 'GET', `/records/${order.id}`);
    expect(after.body.status).toBe('cancelled');
  }, 60_000);

  test('a finance user reverses a write-off after reading the preview: the order is back to 已发货 and the ledger shows the counter-entry', async () => {
    const written = await records('finance', 'written_off');
    let order: Rec | undefined;
    for (const r of written) {
      const full = (await h.call(await h.token('finance'), 'GET', `/records/${r.id}`)).body as Rec;
      if (full.availableActions?.some((a) => a.name === 'reverse_write_off')) {
        order = full;
        break;
      }
    }
    expect(order, 'a written-off order finance may reverse').toBeTruthy();
    used.push(order!.id);
    const { page } = await h.signIn('finance');
    await nav(page, '订单管理');
    await page.getByRole('searchbox', { name: '搜索' }).fill(order!.number);
    await page.getByRole('searchbox', { name: '搜索' }).press('Enter');
    await page.locator(`tr[data-number="${order!.number}"]`).getByRole('link', { name: order!.number }).click();
    await expect.poll(() => page.locator('[data-testid=record-header] .badge').first().textContent()).toBe('已核销');

    await page.locator('[data-action=reverse_write_off]').click();
    const dialog = page.locator('[data-testid=action-dialog]');
    const effects = dialog.locator('[data-testid=effect-list]');
    await effects.waitFor();
    // the preview names the state it returns to and the counter-entry, before anything happens
    await expect.poll(() => effects.textContent()).toContain('已发货');
    await expect.poll(() => effects.textContent()).toContain('红冲核销');
    await h.screenshot(page, 'reverse-write-off-preview');
    await dialog.locator('[data-testid=action-confirm]').click();
    await page.locator('[data-testid=result-message]').waitFor();

    await expect.poll(() => page.locator('[data-testid=record-header] .badge').first().textContent()).toBe('已发货');
    await expect.poll(() => page.locator('[data-testid=ledger]').textContent()).toContain('冲销');
    await expect.poll(() => page.locator('[data-testid=history]').textContent()).toContain('撤销核销');
    const ledger = (await h.call(await h.token('finance'), 'GET', `/records/${order!.id}/ledger`)).body;
    expect(ledger.balances.writeoff).toBe(0);
    expect(ledger.entries.filter((e: { reverses?: string }) => e.reverses)).toHaveLength(1);
  }, 60_000);

  test('a user without the role never sees the cancel button, and the API refuses it anyway (403)', async () => {
    const order = (await records('warehouse', 'confirmed')).find((r) => !used.includes(r.id));
    expect(order, 'a confirmed order the warehouse can see').toBeTruthy();
    const { page } = await h.signIn('warehouse');
    await page.goto(`${h.url}/orders/${order!.id}`);
    await expect.poll(() => page.locator('[data-testid=record-number]').textContent()).toBe(order!.number);
    await page.locator('[data-testid=action-bar]').waitFor();
    // the warehouse may ship it, never cancel it
    await page.locator('[data-action=ship]').waitFor();
    expect(await page.locator('[data-action=cancel]').count()).toBe(0);

    const res = await h.call(await h.token('warehouse'), 'POST', `/records/${order!.id}/actions/cancel`, { reason: 'customer_request' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
    const still = await h.call(await h.token('warehouse'), 'GET', `/records/${order!.id}`);
    expect(still.body.status).toBe('confirmed');
  }, 60_000);

  test('an archived order is copied into a new draft: the form opens filled, dated today; leaving creates nothing, saving creates it', async () => {
    const archived = (await records('sales1', 'archived'))[0];
    expect(archived, 'an archived order in sales1 scope').toBeTruthy();
    const { page } = await h.signIn('sales1');
    await nav(page, '历史归档');
    await page.getByRole('searchbox', { name: '搜索' }).fill(archived.number);
    await page.getByRole('searchbox', { name: '搜索' }).press('Enter');
    const row = page.locator(`tr[data-number="${archived.number}"]`);
    await row.waitFor();
    expect(await row.locator('.badge').textContent()).toBe('已归档');
    await h.screenshot(page, 'archive');
    const total = async () => (await h.call(await h.token('sales1'), 'GET', '/records?pageSize=1&includeArchived=true')).body.total;
    const before = await total();
    const copyLink = row.locator('[data-testid=copy-archived]');
    expect(await copyLink.getAttribute('href')).toBe(`/orders/new?template=${archived.template}&copyOf=${encodeURIComponent(archived.id)}`);
    await copyLink.click();

    // the form of a new order, filled from the old one, marked as a copy; nothing exists yet
    await page.getByText(`复制自 ${archived.number}`).waitFor();
    expect(new URL(page.url()).searchParams.get('copyOf')).toBe(archived.id);
    await page.locator('[data-testid=record-form]').waitFor();
    const orderDate = page.locator('input[type=date]').first();
    // the server's business day, as its draft of the copy says (the dates themselves are held by the core tests)
    const today = (await h.call(await h.token('sales1'), 'GET', `/records/${encodeURIComponent(archived.id)}/copy`)).body.data.orderDate;
    expect(await orderDate.inputValue()).toBe(today);
    expect(await total()).toBe(before);

    // leaving without saving (past the unsaved-work question, should the form count as changed) leaves no draft behind
    page.once('dialog', (d) => void d.accept());
    await page.locator('nav.breadcrumb a').first().click();
    await page.waitForURL(/\/orders(\?|$)/);
    expect(await total()).toBe(before);

    // again, and saved: the copy exists, linked to the archived order
    await page.goto(`${h.url}/orders/new?template=${archived.template}&copyOf=${encodeURIComponent(archived.id)}`);
    await page.locator('[data-testid=record-form]').waitFor();
    await page.locator('[data-testid=save-record]').click();
    await page.waitForURL(/\/orders\/[^/?]+$/);
    const newId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
    expect(newId).not.toBe(archived.id);
    const copy = await h.call(await h.token('sales1'), 'GET', `/records/${newId}`);
    expect(copy.body).toMatchObject({ status: 'draft', copiedFrom: archived.id, data: { orderDate: today } });
    expect(copy.body.number).not.toBe(archived.number);
    await expect.poll(() => page.locator('[data-testid=record-number]').textContent()).toBe(copy.body.number);
    expect(await total()).toBe(before + 1);
  }, 60_000);

  test('reassign through the dialog: pick a person by name, the order changes hands', async () => {
    const order = await offered('sales1', 'draft', 'reassign', { skip: used });
    used.push(order.id);
    const target = (await h.call(await h.token('sales1'), 'GET', '/users?q=sales3')).body.find((u: { username: string }) => u.username === 'sales3');
    expect(target).toBeTruthy();
    const { page } = await h.signIn('sales1');
    await page.goto(`${h.url}/orders/${order.id}`);
    await page.locator('[data-action=reassign]').click();
    const dialog = page.locator('[data-testid=action-dialog]');
    const picker = dialog.locator('[data-testid=reassign-picker]');
    await picker.waitFor();
    // only people who could handle an order are offered: the warehouse and finance are not
    await picker.locator('input[type=radio]').first().waitFor();
    const offeredPeople = await picker.textContent();
    expect(offeredPeople).not.toContain('周杰');
    expect(offeredPeople).not.toContain('赵敏');
    await picker.getByRole('searchbox').fill(target.name);
    await picker.locator(`input[type=radio][value="${target.id}"]`).check();
    await dialog.locator('textarea[name=comment]').fill('客户由王磊跟进');
    await dialog.locator('[data-testid=action-confirm]').click();
    await page.locator('[data-testid=result-message]').waitFor();
    await expect.poll(() => page.locator('[data-testid=record-header]').textContent()).toContain(target.name);

    const after = await h.call(await h.token('sales3'), 'GET', `/records/${order.id}`);
    expect(after.body.handler).toBe(target.id);
    // the previous handler still sees it, read-only
    const previous = await h.call(await h.token('sales1'), 'GET', `/records/${order.id}`);
    expect(previous.status).toBe(200);
    expect(previous.body.editable).toEqual([]);
  }, 60_000);

  test('a salesperson creates a large order in the form (a delivery date before the order date refused at the field); cancelling it is submitted for approval, and the manager approves it from the inbox', async () => {
    const sales = await h.signIn('sales1');
    await nav(sales.page, '订单管理');
    await sales.page.getByRole('link', { name: '+ 新建' }).click();
    const form = sales.page.locator('[data-testid=record-form]');
    await form.waitFor();
    // saving an empty form shows the validation errors beside the fields
    await sales.page.locator('[data-testid=save-record]').click();
    await expect.poll(() => form.locator('.validation_error', { hasText: '必填' }).count()).toBeGreaterThan(0);
    await field(form, '客户名称').fill('上海华联商贸有限公司');
    await field(form, '邮箱').fill('purchasing@hualian.example.com');
    await form.getByRole('button', { name: '添加明细' }).click();
    const line = form.locator('[data-testid=lines-table] tbody tr').first();
    await line.locator('select').nth(0).selectOption('NB-16');
    await line.locator('select').nth(1).selectOption('WH-SH');
    await line.locator('input').nth(0).fill('10');
    await line.locator('input').nth(1).fill('7999');
    await expect.poll(() => form.locator('[data-testid=lines-table] tfoot').textContent()).toContain('79,990.00');
    await h.screenshot(sales.page, 'order-form');
    // a delivery date before the order date is refused beside the field before anything is sent
    await field(form, '交货日期').fill('2020-01-01');
    await sales.page.locator('[data-testid=save-record]').click();
    await expect.poll(() => form.locator('.validation_error', { hasText: '不能早于' }).count()).toBe(1);
    expect(new URL(sales.page.url()).pathname).toBe('/orders/new');
    // delivered the day it is ordered: accepted; and an optional date can be emptied again
    await field(form, '交货日期').fill(await field(form, '下单日期').inputValue());
    await expect.poll(() => form.locator('.validation_error', { hasText: '不能早于' }).count()).toBe(0);
    await field(form, '交货日期').fill('');
    await sales.page.locator('[data-testid=save-record]').click();
    await expect.poll(() => sales.page.locator('[data-testid=result-message]').textContent()).toContain('已创建');
    const number = (await sales.page.locator('[data-testid=record-number]').textContent())!;
    const id = decodeURIComponent(new URL(sales.page.url()).pathname.split('/')[2]);
    used.push(id);

    await sales.page.locator('[data-action=cancel]').click();
    const dialog = sales.page.locator('[data-testid=action-dialog]');
    await dialog.locator('[data-testid=effect-list]').waitFor();
    await expect.poll(() => dialog.textContent()).toContain('审批');
    await dialog.locator('select[name=reason]').selectOption('out_of_stock');
    await dialog.locator('[data-testid=action-confirm]').click();
    await expect.poll(() => sales.page.locator('[data-testid=result-message]').textContent()).toContain('已提交审批');
    // The order says it is waiting, so nobody asks twice.
    await expect.poll(() => sales.page.locator('[data-testid=pending-approval]').textContent()).toContain('正在等待审批');
    expect((await h.call(await h.token('sales1'), 'GET', `/records/${id}`)).body.status).toBe('draft');
    const order = { id, number };

    const { page } = await h.signIn('manager');
    await nav(page, '审批');
    const row = page.locator('[data-testid=approvals-table] tr', { hasText: order.number });
    await row.waitFor();
    await h.screenshot(page, 'approvals');
    await row.getByRole('button', { name: '通过' }).click();
    // The approver sees what approving will do before deciding.
    const impact = page.locator('[data-testid=approval-impact] [data-testid=effect-list]');
    await impact.waitFor();
    expect(await impact.textContent()).toMatch(/取消|已取消/);
    await page.locator('[data-testid=decision-dialog] textarea').fill('同意取消');
    await page.locator('[data-testid=decision-confirm]').click();
    await page.locator('[data-testid=approval-message]').waitFor();
    await expect.poll(async () => (await h.call(await h.token('manager'), 'GET', `/records/${order.id}`)).body.status).toBe('cancelled');
    // what the manager decided stays findable
    await page.locator('[data-testid=tab-decided]').click();
    await page.locator('[data-testid=approvals-table] tr', { hasText: order.number }).waitFor();
    // The history says who approved it.
    const manager = await me('manager');
    await page.goto(`${h.url}/orders/${order.id}`);
    await expect.poll(() => page.locator('[data-testid=history]').textContent()).toContain(`经 ${manager.name} 审批`);
    // the request and the decision are in the history, each with what was asked and the person's own words
    const history = page.locator('[data-testid=history]');
    expect(await history.locator('.timeline-action').allTextContents()).toEqual(expect.arrayContaining(['提交审批：取消订单', '审批通过：取消订单']));
    expect(await history.locator('.timeline-comment').allTextContents()).toContain('“同意取消”');
  }, 60_000);

  test('the cancellation-reasons report and the home page render', async () => {
    const { page } = await h.signIn('manager');
    await nav(page, '取消原因分析');
    await page.locator('[data-testid=report-table]').waitFor();
    await page.locator('[data-testid=report-chart] .recharts-bar-rectangle').first().waitFor();
    await h.screenshot(page, 'report');

    await nav(page, '首页');
    await page.locator('.stat-row').waitFor();
    await page.locator('[data-testid=records-table], .home .empty').first().waitFor();
    await h.screenshot(page, 'home');
  }, 60_000);
});

describe('the list as a spreadsheet', () => {
  test('the export buttons download the filtered list as xlsx and as CSV', async () => {
    const { page } = await h.signIn('sales1');
    await page.goto(`${h.url}/orders?template=sales-order&status=draft`);
    await page.locator('[data-testid=records-table]').waitFor();
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=export-xlsx]').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^sales-order-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=export-csv]').click()]);
    const text = (await import('node:fs')).readFileSync((await csv.path())!, 'utf8');
    const drafts = (await h.call(await h.token('sales1'), 'GET', '/records?template=sales-order&status=draft')).body.total;
    expect(text.replace(/^\uFEFF/, '').trim().split('\n')).toHaveLength(drafts + 1);
    expect(text).toContain('草稿');
  }, 60_000);
});
