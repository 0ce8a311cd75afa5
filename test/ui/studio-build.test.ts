// An administrator builds a whole purchase-return template from a blank page by clicks only (form with a
// dropdown, a person, a sub-table and a field shown on a condition; states, actions drawn on the diagram,
// roles, a reason list, a guard, an automation), publishes it, and other people then use it in their browsers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startHarness, type Harness } from './harness';

let h: Harness;
let admin: Page;
let adminToken: string;

beforeAll(async () => {
  h = await startHarness();
  adminToken = await h.token('admin');
  ({ page: admin } = await h.signIn('admin'));
  admin.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await h?.close();
});

const tab = (name: string) => admin.locator(`[data-testid=tab-${name}]`).click();

async function addField(key: string, type: string, zh: string, en: string, opts: { required?: boolean; options?: string; list?: string } = {}) {
  const add = admin.locator('[data-testid=add-field]');
  if (opts.list !== undefined) await add.locator('select[name=new-field-list]').selectOption(opts.list);
  await add.locator('input[name=new-field-key]').fill(key);
  await add.locator('select[name=new-field-type]').selectOption(type);
  await add.locator('input[name="new-field-label.zh-CN"]').fill(zh);
  await add.locator('input[name="new-field-label.en"]').fill(en);
  if (opts.options) await add.locator('textarea[name=new-field-options]').fill(opts.options);
  if (opts.required) await add.locator('input[name=new-field-required]').check();
  await add.locator('button[type=submit]').click();
  await admin.locator(`[data-testid="field-${opts.list ? `${opts.list}/${key}` : key}"]`).waitFor();
}

async function addState(key: string, zh: string, en: string, flags: string[] = []) {
  const add = admin.locator('[data-testid=add-state]');
  await add.locator('input[name=new-state-key]').fill(key);
  await add.locator('input[name="new-state-label.zh-CN"]').fill(zh);
  await add.locator('input[name="new-state-label.en"]').fill(en);
  await add.locator('button[type=submit]').click();
  const card = admin.locator(`[data-testid=state-${key}]`);
  for (const f of flags) await card.locator('.adm-flags label', { hasText: f }).locator('input').check();
}

/** Draws a transition on the diagram: the button, the state it leaves, the state it reaches. */
async function draw(from: string, to: string) {
  await admin.locator('[data-testid=diagram-connect]').click();
  await admin.locator(`[data-testid=state-diagram] g[data-state=${from}]`).click();
  await admin.locator(`[data-testid=state-diagram] g[data-state=${to}]`).click();
  await admin.locator(`[data-testid=action-to_${to}]`).waitFor();
}

/** The action's "who may run it" rows become exactly the given role. */
async function onlyRole(action: Locator, role: string) {
  const grants = action.locator('[data-testid$=-allow]').first();
  await grants.locator('select').first().selectOption(role);
}

describe('building a template from a blank page', () => {
  it('builds a purchase return by clicks, publishes it, and a clerk and 财务 use it with the guard and rights holding', async () => {
    // 1. Start
    await admin.goto(`${h.url}/admin/templates`);
    const start = admin.locator('[data-testid=new-template]');
    await start.locator('input[name=id]').fill('goods-return');
    await start.locator('input[name="name.zh-CN"]').fill('退货单');
    await start.locator('input[name="name.en"]').fill('Goods return');
    await start.locator('input[name=numberPrefix]').fill('TH');
    await start.locator('input[name=icon]').fill('↩');
    await start.locator('label.adm-swatch[title="#d97706"]').click();
    await start.locator('button[type=submit]').click();
    await admin.waitForURL(/\/admin\/templates\/goods-return\/studio$/);

    // Roles first: the rights below name them.
    await tab('roles');
    for (const [key, zh, en] of [['clerk', '仓管员', 'Clerk'], ['finance', '财务', 'Finance']]) {
      const role = admin.locator('[data-testid=add-role]');
      await role.locator('input[name=new-role-key]').fill(key);
      await role.locator('input[name="new-role-label.zh-CN"]').fill(zh);
      await role.locator('input[name="new-role-label.en"]').fill(en);
      await role.locator('button[type=submit]').click();
      await admin.locator(`[data-testid=role-${key}]`).waitFor();
    }

    // 2. The form: six fields and a sub-table with two columns; the blank's title goes.
    await tab('fields');
    await addField('供应商', 'string', '供应商', 'Supplier', { required: true });
    await addField('退货原因', 'choice', '退货原因', 'Reason', { required: true, options: 'damaged | 破损 | Damaged\nother | 其他 | Other' });
    await addField('原因说明', 'text', '原因说明', 'Explanation', { required: true });
    await addField('经办人', 'person', '经办人', 'Handled by');
    await addField('金额', 'money', '退货金额', 'Amount', { required: true });
    await addField('明细', 'lines', '退货明细', 'Lines', { required: true });
    await addField('商品', 'string', '商品', 'Item', { required: true, list: '/明细' });
    await addField('数量', 'integer', '数量', 'Quantity', { required: true, list: '/明细' });
    await admin.locator('[data-testid=field-title] button[name=remove-title]').click();
    // The explanation shows only when the reason is "other".
    await admin.locator('[data-testid="field-原因说明"] button[name="edit-原因说明"]').click();
    const editor = admin.locator('[data-testid="field-editor-原因说明"]');
    await editor.locator('button[name=add-field-condition]').click();
    await editor.locator('select[name=rule-field]').selectOption('退货原因');
    await editor.locator('select[name=rule-operator]').selectOption('equal');
    await editor.locator('input[name=rule-value]').fill('other');
    await editor.locator('input[name="field-help.zh-CN"]').fill('写明具体情况');
    // The preview obeys it at once.
    const preview = admin.locator('[data-testid=form-preview]');
    await preview.locator('label', { hasText: '供应商' }).first().waitFor();
    const explanation = preview.locator('[data-testid=record-form] .control', { hasText: '原因说明' });
    expect(await explanation.isVisible()).toBe(false);
    await preview.locator('[data-testid=record-form] .control', { hasText: '退货原因' }).locator('select').selectOption('other');
    await explanation.waitFor({ state: 'visible' });
    await h.screenshot(admin, 'admin-studio-form');

    // 3. The flow: states, a reason list, actions drawn on the diagram and one added by name.
    await tab('states');
    await addState('submitted', '已提交', 'Submitted');
    await addState('approved', '已审批', 'Approved');
    await addState('closed', '已关闭', 'Closed', ['终止', '只读']);
    await addState('cancelled', '已取消', 'Cancelled', ['终止', '只读']);
    await admin.locator('[data-testid=state-done] button[name=remove-state-done]').click();
    await admin.locator('[data-testid=state-draft] details > summary').click();
    await admin.locator('[data-testid=state-draft] select[aria-label="仓管员 可编辑的字段"]').selectOption('all');

    await tab('reasons');
    const reasons = admin.locator('[data-testid=add-reasons]');
    await reasons.locator('input[name=new-reasons-key]').fill('cancelReasons');
    await reasons.locator('button[type=submit]').click();
    const list = admin.locator('[data-testid=reasons-cancelReasons]');
    await list.getByRole('button', { name: /添加原因/ }).click();
    await list.locator('input[aria-label=代码]').fill('supplier_refused');
    await list.locator('input[lang=zh-CN]').fill('供应商拒收');
    await list.locator('input[lang=en]').fill('Supplier refused');

    await tab('actions');
    await admin.locator('[data-testid=action-finish] > summary').click();
    await admin.locator('[data-testid=action-finish] button[name=remove-action-finish]').click();
    await draw('draft', 'submitted');
    await draw('submitted', 'approved');
    await draw('approved', 'closed');
    const addAction = admin.locator('[data-testid=add-action]');
    await addAction.locator('input[name=new-action-key]').fill('cancel');
    await addAction.locator('input[name="new-action-label.zh-CN"]').fill('作废');
    await addAction.locator('input[name="new-action-label.en"]').fill('Void');
    await addAction.locator('button[type=submit]').click();
    const cancel = admin.locator('[data-testid=action-cancel]');
    await cancel.locator('input[name=action-cancel-from][value=draft]').check({ force: true });
    await cancel.locator('input[name=action-cancel-from][value=submitted]').check({ force: true });
    await cancel.locator('select[name=action-cancel-to]').selectOption('cancelled');
    await cancel.locator('select[name=reason-need]').selectOption('required');
    await onlyRole(cancel, 'clerk');
    await onlyRole(admin.locator('[data-testid=action-to_submitted]'), 'clerk');
    await onlyRole(admin.locator('[data-testid=action-to_approved]'), 'finance');

    // 4. Rights: 财务 may correct the amount while the return waits for approval.
    await tab('rights');
    const matrix = admin.locator('[data-testid=rights-matrix]');
    await matrix.locator('select[name=rights-role]').selectOption('finance');
    await matrix.locator('input[name="writes-金额-submitted"]').check();
    await h.screenshot(admin, 'admin-studio-rights');

    // 5. A rule built with the condition builder, used as the approval's guard, and an automation.
    await tab('rules');
    const rule = admin.locator('[data-testid=add-rule]');
    await rule.locator('input[name=new-rule-key]').fill('withinLimit');
    await rule.locator('button[name=add-condition]').click();
    await rule.locator('select[name=rule-field]').selectOption('金额');
    await rule.locator('select[name=rule-operator]').selectOption('lessThanInclusive');
    await rule.locator('input[name=rule-value]').fill('10000');
    await rule.locator('button[type=submit]').click();
    // A derived value: the returned quantity, summed over the lines.
    const derived = admin.locator('[data-testid=derived]');
    await derived.locator('input[name=new-derived-key]').fill('totalQty');
    await derived.locator('button[type=submit]').click();
    await derived.locator('[data-testid=derived-totalQty] select[name=derived-op]').selectOption('sum');
    await tab('actions');
    const approve = admin.locator('[data-testid=action-to_approved]');
    await approve.getByRole('button', { name: /添加前置条件/ }).click();
    await approve.locator('.adm-guard input[lang=zh-CN]').fill('退货金额超过 10000 元，须先由经理核减');
    await approve.locator('.adm-guard input[lang=en]').fill('Returns over 10,000 need the manager first');
    await tab('automations');
    const auto = admin.locator('[data-testid=add-automation]');
    await auto.locator('input[name=new-automation-key]').fill('closeApproved');
    await auto.locator('input[name="new-automation-label.zh-CN"]').fill('审批后自动关闭');
    await auto.locator('input[name="new-automation-label.en"]').fill('Close once approved');
    await auto.locator('select[name=automation-event]').selectOption('action.done');
    await auto.locator('select[name=automation-on-action]').selectOption('to_approved');
    await auto.locator('select[name=automation-run]').selectOption('to_closed');
    await auto.locator('button[type=submit]').click();
    await admin.locator('[data-testid=automation-closeApproved]').waitFor();

    // Clerks create returns.
    await tab('general');
    await admin.locator('input[name=create-roles][value=clerk]').check({ force: true });
    // Lists show the supplier and the amount of each return.
    await admin.locator('select[name=summary-customer]').selectOption('/供应商');
    await admin.locator('select[name=summary-amount]').selectOption('/金额');
    // Its records are called 退货申请单, and lists leave out the department and the last change.
    await admin.locator('input[name="template-noun.zh-CN"]').fill('退货申请单');
    await admin.locator('input[name="template-noun.en"]').fill('return request');
    await admin.locator('input[name=list-columns][value=department]').uncheck({ force: true });
    await admin.locator('input[name=list-columns][value=updatedAt]').uncheck({ force: true });

    // 7. Publish.
    await admin.locator('[data-testid=studio-save]').click();
    await admin.locator('[data-testid=studio-status] .adm-note--ok').waitFor();
    const saved = (await h.call(adminToken, 'GET', '/templates/goods-return')).body;
    expect(saved.version).toBe(2);
    expect(saved.appearance).toEqual({ icon: '↩', color: '#d97706' });
    expect(saved.summary).toEqual({ customer: '/供应商', amount: '/金额' });
    expect(saved.noun).toEqual({ 'zh-CN': '退货申请单', en: 'return request' });
    expect(saved.list).toEqual({ columns: ['customer', 'amount', 'status', 'handler', 'createdAt'] });
    expect(Object.keys(saved.states).sort()).toEqual(['approved', 'cancelled', 'closed', 'draft', 'submitted']);
    expect(saved.form.schema.properties['明细'].items.required).toEqual(['商品', '数量']);
    expect(saved.form.uischema.elements.find((e: { scope: string }) => e.scope === '#/properties/原因说明').rule).toEqual({
      effect: 'SHOW',
      condition: { scope: '#/properties/退货原因', schema: { const: 'other' }, failWhenUndefined: true },
    });
    expect(saved.actions.to_approved).toMatchObject({ from: ['submitted'], to: 'approved', allow: [{ role: 'finance', scope: 'all' }] });
    expect(saved.states.submitted.edit).toEqual({ finance: ['/金额'] });
    expect(saved.derived).toEqual({ totalQty: { op: 'sum', items: '/明细', fields: ['数量'] } });

    // Other people use it.
    for (const [username, name, roles] of [['rt-clerk', '孙丽', ['clerk']], ['rt-finance', '钱明', ['finance']]] as const) {
      expect((await h.call(adminToken, 'POST', '/users', { username, name, password: 'demo', roles })).status).toBe(201);
    }
    const { page: clerk } = await h.signIn('rt-clerk');
    clerk.setDefaultTimeout(10_000);
    await clerk.goto(`${h.url}/orders?template=goods-return`);
    expect(await clerk.locator('[data-testid=template-mark]').textContent()).toBe('↩');
    await clerk.getByText('没有符合条件的退货申请单。').waitFor();
    await clerk.getByRole('link', { name: '+ 新建退货申请单' }).click();
    await clerk.waitForURL(/\/orders\/new\?template=goods-return/);
    expect(await clerk.locator('.page-header h1').textContent()).toBe('新建退货申请单');
    const form = clerk.locator('[data-testid=record-form]');
    await form.waitFor();
    await form.locator('.control', { hasText: '供应商' }).locator('input').fill('华东电子');
    await form.locator('.control', { hasText: '退货原因' }).locator('select').selectOption('damaged');
    expect(await form.locator('.control', { hasText: '原因说明' }).isVisible()).toBe(false);
    await form.locator('.control', { hasText: '退货金额' }).locator('input').fill('860.5');
    await form.locator('.person-control select').selectOption({ index: 1 });
    await form.locator('[data-testid=lines-table]').getByRole('button', { name: /添加明细/ }).click();
    const row = form.locator('[data-testid=lines-table] tbody tr').first();
    await row.locator('input').nth(0).fill('显示器 27 寸');
    await row.locator('input').nth(1).fill('2');
    await clerk.locator('[data-testid=save-record]').click();
    await clerk.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    const id = clerk.url().split('/').pop()!;
    const made = (await h.call(adminToken, 'GET', `/records/${id}`)).body;
    expect(made.summary).toEqual({ customer: '华东电子', amount: 860.5 });
    expect(made).toMatchObject({ number: 'TH-000001', status: 'draft', data: { 供应商: '华东电子', 退货原因: 'damaged', 金额: 860.5, 明细: [{ 商品: '显示器 27 寸', 数量: 2 }] } });
    expect(made.data).not.toHaveProperty('原因说明');
    expect(await clerk.locator('[data-testid=result-message]').textContent()).toBe('退货申请单 TH-000001 已创建。');
    await clerk.goto(`${h.url}/orders?template=goods-return`);
    await clerk.locator('[data-testid=records-table] tbody tr').first().waitFor();
    await expect
      .poll(() => clerk.locator('[data-testid=records-table] thead th[data-column]').evaluateAll((ths) => ths.map((th) => th.getAttribute('data-column'))))
      .toEqual(['number', 'customer', 'amount', 'status', 'handler', 'createdAt']);
    await clerk.goto(`${h.url}/orders/${id}`);

    // The clerk submits; approving is not theirs.
    await clerk.locator('[data-action=to_submitted]').click();
    await clerk.locator('[data-testid=action-dialog] [data-testid=action-confirm]').click();
    await clerk.locator('[data-testid=result-message]').waitFor();
    await expect.poll(() => clerk.locator('[data-testid=record-header] .badge').first().textContent()).toBe('已提交');
    expect(await clerk.locator('[data-action=to_approved]').count()).toBe(0);

    // 财务 approves; the automation closes it.
    const { page: finance } = await h.signIn('rt-finance');
    finance.setDefaultTimeout(10_000);
    await finance.goto(`${h.url}/orders/${id}`);
    await finance.locator('[data-action=to_approved]').click();
    await finance.locator('[data-testid=action-dialog] [data-testid=action-confirm]').click();
    await finance.locator('[data-testid=result-message]').waitFor();
    await expect.poll(async () => (await h.call(adminToken, 'GET', `/records/${id}`)).body.status).toBe('closed');
    const history = (await h.call(adminToken, 'GET', `/records/${id}/history`)).body as { action: string; automation?: string }[];
    expect(history.map((e) => e.action)).toEqual(expect.arrayContaining(['to_submitted', 'to_approved', 'to_closed']));
    expect(history.find((e) => e.action === 'to_closed')?.automation).toBe('closeApproved');

    // The guard and the rights hold through the API too.
    const clerkToken = await h.token('rt-clerk');
    const financeToken = await h.token('rt-finance');
    const lines = [{ 商品: '服务器', 数量: 1 }];
    const big = await h.call(clerkToken, 'POST', '/records', { template: 'goods-return', data: { 供应商: '华东电子', 退货原因: 'other', 原因说明: '整批退回', 金额: 25000, 明细: lines } });
    expect(big.status).toBe(201);
    const noExplanation = await h.call(clerkToken, 'POST', '/records', { template: 'goods-return', data: { 供应商: 'x', 退货原因: 'other', 金额: 1, 明细: lines } });
    expect(noExplanation.status).toBe(422);
    expect(noExplanation.body.errors.map((e: { path: string }) => e.path)).toEqual(['/原因说明']);
    expect((await h.call(clerkToken, 'POST', `/records/${big.body.id}/actions/to_submitted`, {})).status).toBe(200);
    expect((await h.call(clerkToken, 'POST', `/records/${big.body.id}/actions/to_approved`, {})).status).toBe(403);
    const refused = await h.call(financeToken, 'POST', `/records/${big.body.id}/actions/to_approved`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain('须先由经理核减');
    // 5. The administrator tries the rule on that record in the studio and sees why it fails.
    await admin.goto(`${h.url}/admin/templates/goods-return/studio`);
    await tab('rules');
    const trial = admin.locator('[data-testid=rule-trial-withinLimit]');
    await trial.locator('select[name=trial-record]').selectOption({ label: big.body.number });
    await trial.locator('button[name=trial-run]').click();
    const trace = trial.locator('[data-testid=rule-trace]');
    await trace.waitFor();
    expect(await trace.locator('strong').textContent()).toBe('不成立');
    expect(await trace.locator('[data-testid=trace-row]').first().textContent()).toContain('25000');
    await trial.scrollIntoViewIfNeeded();
    await h.screenshot(admin, 'admin-studio-rule-trial');

    // 财务 may lower the amount while it is submitted; the clerk may not.
    const current = (await h.call(financeToken, 'GET', `/records/${big.body.id}`)).body;
    const lower = (token: string) =>
      fetch(`${h.url}/api/records/${big.body.id}`, {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'If-Match': String(current.version) },
        body: JSON.stringify({ data: { ...current.data, 金额: 9000 } }),
      });
    expect((await lower(clerkToken)).status).toBe(403);
    expect((await lower(financeToken)).status).toBe(200);
    expect((await h.call(financeToken, 'POST', `/records/${big.body.id}/actions/to_approved`, {})).status).toBe(200);
    // Voiding needs a reason from the list.
    const other = await h.call(clerkToken, 'POST', '/records', { template: 'goods-return', data: { 供应商: 'y', 退货原因: 'damaged', 金额: 5, 明细: lines } });
    expect((await h.call(clerkToken, 'POST', `/records/${other.body.id}/actions/cancel`, {})).status).toBe(422);
    const voided = await h.call(clerkToken, 'POST', `/records/${other.body.id}/actions/cancel`, { reason: 'supplier_refused' });
    expect(voided.status).toBe(200);
    expect(voided.body.status).toBe('cancelled');
  }, 120_000);

  it('tells the clerks when a return is approved, in both languages, with the amount in the message; moves older returns to the new version', async () => {
    await admin.goto(`${h.url}/admin/templates/goods-return/studio`);
    // 4. Who holds each role shows where the role is defined.
    await tab('roles');
    await expect.poll(() => admin.locator('[data-testid=holders-clerk]').textContent()).toContain('孙丽');
    await tab('notifications');
    const add = admin.locator('[data-testid=add-notification]');
    await add.locator('input[name=new-notification-key]').fill('approvedNotice');
    await add.locator('button[type=submit]').click();
    const card = admin.locator('[data-testid=notification-approvedNotice]');
    await card.locator('input[name=notification-approvedNotice-actions][value=to_approved]').check({ force: true });
    await card.locator('.adm-chip__x').first().click(); // not the handler: the clerks
    await card.locator('select[aria-label=接收人类型]').selectOption('role');
    await card.locator('select[aria-label=角色]').selectOption('clerk');
    await card.getByRole('button', { name: /添加/ }).first().click();
    await card.locator('input[name="notification-approvedNotice-title.zh-CN"]').fill('退货单 {number} 已审批');
    await card.locator('input[name="notification-approvedNotice-title.en"]').fill('Return {number} approved');
    await card.locator('textarea[name="notification-approvedNotice-body.zh-CN"]').fill('金额');
    await card.locator('textarea[name="notification-approvedNotice-body.en"]').fill('Amount');
    await card.locator('select[name=notification-approvedNotice-field]').selectOption('/金额');
    await admin.locator('[data-testid=studio-save]').click();
    await admin.locator('[data-testid=studio-status] .adm-note--ok').waitFor();
    const saved = (await h.call(adminToken, 'GET', '/templates/goods-return')).body;
    expect(saved.notifications.approvedNotice).toEqual({ recipients: ['role:clerk'], title: { 'zh-CN': '退货单 {number} 已审批', en: 'Return {number} approved' }, body: { 'zh-CN': '金额 {/金额}', en: 'Amount {/金额}' } });
    expect(saved.actions.to_approved.effects).toEqual([{ type: 'notify', notification: 'approvedNotice' }]);

    // 7. The returns made with version 2 move to version 3, shown first, each with a history entry.
    const migration = admin.locator('[data-testid=migration]');
    await migration.waitFor();
    expect(await migration.textContent()).toContain('有 3 条记录还在旧版本上（v2: 3）');
    await admin.locator('[data-testid=migration-run]').click();
    await migration.locator('.adm-note--ok').waitFor();
    const first = (await h.call(adminToken, 'GET', '/records?template=goods-return&q=TH-000001')).body.items[0];
    expect(first.templateVersion).toBe(3);
    expect((await h.call(adminToken, 'GET', `/records/${first.id}/history`)).body.at(-1)).toMatchObject({ action: 'migrate', comment: 'v2 → v3' });

    const clerkToken = await h.token('rt-clerk');
    const made = (await h.call(clerkToken, 'POST', '/records', { template: 'goods-return', data: { 供应商: 'z', 退货原因: 'damaged', 金额: 321.5, 明细: [{ 商品: '键盘', 数量: 3 }] } })).body;
    expect((await h.call(clerkToken, 'POST', `/records/${made.id}/actions/to_submitted`, {})).status).toBe(200);
    expect((await h.call(await h.token('rt-finance'), 'POST', `/records/${made.id}/actions/to_approved`, {})).status).toBe(200);
    const inbox = (await h.call(clerkToken, 'GET', '/notifications')).body.items as { recordId: string }[];
    expect(inbox.find((n) => n.recordId === made.id)).toMatchObject({ titles: { 'zh-CN': `退货单 ${made.number} 已审批`, en: `Return ${made.number} approved` }, bodies: { 'zh-CN': '金额 321.5', en: 'Amount 321.5' } });
  });
});
