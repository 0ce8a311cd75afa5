// Everyday use in a real browser: comments with @mentions on a record's page, and a record printed as a document.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 180_000);

afterAll(async () => {
  await h?.close();
});

/** A new sales order of sales1's, with an internal note that only managers and finance may read. */
async function orderWithNote(note: string): Promise<{ id: string; number: string }> {
  const created = await h.call(await h.token('sales1'), 'POST', '/records', {
    template: 'sales-order',
    data: {
      orderDate: '2026-11-20',
      customer: { name: '宁波海曙贸易', contact: '钱七', email: 'buyer@haishu.example.com' },
      lines: [{ product: 'NB-14', warehouse: 'WH-SH', quantity: 2, price: 5999 }, { product: 'DOCK-01', warehouse: 'WH-SH', quantity: 1, price: 899 }],
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const { id, version, data, number } = created.body;
  const res = await fetch(`${h.url}/api/records/${id}`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${await h.token('manager')}`, 'Content-Type': 'application/json', 'If-Match': String(version) },
    body: JSON.stringify({ data: { ...data, internalNote: note } }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return { id, number };
}

describe('comments on a record', () => {
  test('a salesperson comments mentioning the manager through the @ list; the history shows it, and the manager is notified', async () => {
    const order = await orderWithNote('底价 5800');
    const { page } = await h.signIn('sales1');
    await page.goto(`${h.url}/orders/${encodeURIComponent(order.id)}`);
    const box = page.locator('[data-testid=comment-text]');
    await box.waitFor();
    await box.click();
    await box.pressSequentially('请确认交期 @manag');
    const list = page.locator('[data-testid=mention-list]');
    await list.getByText('刘洋').click();
    await expect.poll(() => box.inputValue()).toBe('请确认交期 @刘洋 ');
    await box.pressSequentially('谢谢');
    await page.locator('[data-testid=comment-post]').click();

    const history = page.locator('[data-testid=history]');
    const entry = history.locator('.timeline-item').filter({ hasText: '请确认交期 @刘洋 谢谢' });
    await entry.waitFor();
    await expect.poll(() => entry.locator('.timeline-action').textContent()).toBe('评论');
    expect(await entry.locator('.timeline-meta').textContent()).toContain('张伟');
    expect(await entry.locator('mark.mention').textContent()).toBe('@刘洋');
    expect(await box.inputValue()).toBe('');
    expect(await page.locator('[data-testid=comment-box]').textContent()).not.toMatch(/\bcomment\.[a-zA-Z]/);

    // someone who may not see the order cannot be mentioned: the page says who, and keeps the text
    await box.fill('@sales2 看看');
    await page.locator('[data-testid=comment-post]').click();
    await expect.poll(() => page.locator('[data-testid=comment-error]').textContent()).toContain('李娜（@sales2）');
    expect(await box.inputValue()).toBe('@sales2 看看');

    const manager = (await h.signIn('manager')).page;
    await manager.goto(`${h.url}/notifications`);
    const note = manager.locator('[data-testid=notifications] .inbox-item').filter({ hasText: `张伟 在 ${order.number} 的评论中提到了您` });
    await note.waitFor();
    expect(await note.textContent()).toContain('请确认交期 @刘洋 谢谢');
    // the notification opens the record, where the comment is in the history
    await note.locator('.inbox-main').click();
    await manager.waitForURL(new RegExp(`/orders/${order.id}$`));
    await expect.poll(() => manager.locator('[data-testid=history]').textContent()).toContain('请确认交期 @刘洋 谢谢');
  });
});

describe('a record printed as a document', () => {
  test('the print view shows the header, the fields the reader may read, the lines and the history; on paper the app around it is gone', async () => {
    const order = await orderWithNote('底价 5800，勿外传');
    await h.call(await h.token('manager'), 'POST', `/records/${order.id}/comments`, { text: '已与客户确认' });
    const { page } = await h.signIn('sales1');
    await page.goto(`${h.url}/orders/${encodeURIComponent(order.id)}`);
    await page.locator('[data-testid=print-link]').click();
    await page.waitForURL(/\/orders\/[^/]+\/print$/);
    const doc = page.locator('[data-testid=print-doc]');
    await doc.locator('[data-testid=lines-table]').waitFor();
    await doc.locator('[data-testid=history] .timeline-item').first().waitFor();
    const text = (await doc.textContent()) ?? '';
    for (const shown of ['销售订单', order.number, '草稿', '宁波海曙贸易', '张伟', '产品', 'NB-14', 'DOCK-01', '5,999', '操作记录', '评论', '已与客户确认'])
      expect(text, shown).toContain(shown);
    expect(text).not.toMatch(/\b(print|comment|history|record)\.[a-zA-Z]/); // no word left untranslated
    // a field sales may not read is neither labelled nor shown
    expect(text).not.toContain('内部备注');
    expect(text).not.toContain('底价');
    expect(await page.title()).toBe(`销售订单 ${order.number}`);

    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await page.locator('[data-testid=print-button]').click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.sidebar').isVisible()).toBe(false);
    expect(await page.locator('header.topbar').isVisible()).toBe(false);
    expect(await page.locator('[data-testid=print-button]').isVisible()).toBe(false);
    expect(await doc.isVisible()).toBe(true);
    expect(await doc.locator('[data-testid=history]').isVisible()).toBe(true);
    // fits an A4 sheet's printable width (210mm less 2 × 12mm margins ≈ 703px at 96dpi)
    await page.setViewportSize({ width: 703, height: 1000 });
    const width = await doc.evaluate((el) => el.scrollWidth);
    expect(width).toBeLessThanOrEqual(703);
    await h.screenshot(page, 'print-view');
  });

  test('in English, and for a manager who may read the internal note, it is printed too', async () => {
    const order = await orderWithNote('floor price 5800');
    const { page } = await h.signIn('manager', { lang: 'en' });
    await page.goto(`${h.url}/orders/${encodeURIComponent(order.id)}/print`);
    const doc = page.locator('[data-testid=print-doc]');
    await doc.locator('[data-testid=lines-table]').waitFor();
    await doc.locator('[data-testid=history] .timeline-item').first().waitFor();
    const text = (await doc.textContent()) ?? '';
    for (const shown of ['Sales order', order.number, 'Draft', 'Customer', 'Product', 'History', 'Internal note', 'floor price 5800'])
      expect(text, shown).toContain(shown);
    expect(await page.locator('[data-testid=print-button]').textContent()).toBe('Print');
    expect(text).not.toMatch(/\b(print|comment|history|record)\.[a-zA-Z]/);
    // the form's own words are in English: its labels and the state, not the Chinese ones
    for (const chinese of ['操作记录', '内容', '草稿', '订单明细', '客户名称']) expect(text, chinese).not.toContain(chinese);
  });
});
