// Admin pages in a real browser: template gallery (import valid and invalid files), template studio
// (add a state, validate, save a new version), users (create one who can then sign in).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOTS, startHarness, type Harness } from './harness';

let h: Harness;
let admin: Page;
let adminToken: string;
let files: string;

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

beforeAll(async () => {
  h = await startHarness();
  files = mkdtempSync(join(tmpdir(), 'ow-admin-files-'));
  adminToken = await h.token('admin');
  ({ page: admin } = await h.signIn('admin'));
  admin.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await h?.close();
  if (files) rmSync(files, { recursive: true, force: true });
});

/** A valid bundle of our own: the installed sales order under another id and name. */
async function serviceOrderBundle(): Promise<Record<string, any>> {
  const res = await h.call(adminToken, 'GET', '/templates/sales-order');
  expect(res.status).toBe(200);
  return {
    ...res.body,
    id: 'service-order',
    version: 1,
    numberPrefix: 'SV',
    name: { 'zh-CN': '服务订单', en: 'Service order' },
  };
}

describe('template gallery', () => {
  it('lists the prebuilt templates with their description and installed state', async () => {
    await admin.goto(`${h.url}/admin/templates`);
    const card = admin.locator('[data-testid=gallery-sales-order]');
    await card.waitFor();
    expect(await card.textContent()).toContain('销售订单');
    expect(await card.locator('.adm-gallery__desc').textContent()).not.toBe('');
    expect(await card.locator('button').isDisabled()).toBe(true); // already installed
    await admin.locator('[data-testid=installed-sales-order]').waitFor();
  });

  it('imports a valid template file and lists it', async () => {
    const file = join(files, 'service-order.json');
    writeFileSync(file, JSON.stringify(await serviceOrderBundle(), null, 2));
    await admin.locator('[data-testid=template-file]').setInputFiles(file);
    const result = admin.locator('[data-testid=import-result]');
    await result.waitFor();
    expect(await result.textContent()).toContain('service-order');
    const row = admin.locator('[data-testid=installed-service-order]');
    await row.waitFor();
    expect(await row.textContent()).toContain('服务订单');
    const list = await h.call(adminToken, 'GET', '/templates');
    expect(list.body.map((t: { id: string }) => t.id)).toContain('service-order');
  });

  it('imports an invalid template file and shows each error at its path', async () => {
    const bad = await serviceOrderBundle();
    bad.id = 'broken-order';
    bad.actions.confirm.to = 'nowhere';
    bad.actions.ship.from = ['confirmed', 'limbo'];
    const file = join(files, 'broken-order.json');
    writeFileSync(file, JSON.stringify(bad));
    await admin.locator('[data-testid=template-file]').setInputFiles(file);
    const box = admin.locator('[data-testid=import-errors]');
    await box.waitFor();
    const paths = await box.locator('.adm-finding__path').allTextContents();
    expect(paths).toContain('/actions/confirm/to');
    expect(paths.some((p) => p.startsWith('/actions/ship/from'))).toBe(true);
    const messages = await box.locator('.adm-finding__message').allTextContents();
    expect(messages.join(' ')).toContain('nowhere');
    expect(await admin.locator('[data-testid=installed-broken-order]').count()).toBe(0);
    await shot(admin, 'admin-gallery');
  });

  it('exports a template as the JSON the server holds', async () => {
    const row = admin.locator('[data-testid=installed-service-order]');
    const [download] = await Promise.all([admin.waitForEvent('download'), row.locator('button', { hasText: '导出' }).click()]);
    expect(download.suggestedFilename()).toBe('service-order-v1.json');
    const path = join(files, 'exported.json');
    await download.saveAs(path);
    const exported = JSON.parse(readFileSync(path, 'utf8'));
    const installed = await h.call(adminToken, 'GET', '/templates/service-order');
    expect(exported).toEqual(installed.body);
  });
});

describe('starting a template', () => {
  it('starts one from a blank page by clicks only, opens it in the studio, and a refusal names the field', async () => {
    await admin.goto(`${h.url}/admin/templates`);
    const form = admin.locator('[data-testid=new-template]');
    await form.waitFor();
    await form.locator('input[name=id]').fill('purchase-return');
    await form.locator('input[name="name.zh-CN"]').fill('退货单');
    await form.locator('input[name="name.en"]').fill('Purchase return');
    // A prefix in use by the sales order is refused, in words that name it.
    await form.locator('input[name=numberPrefix]').fill('SO');
    await form.locator('button[type=submit]').click();
    const refusal = form.locator('[role=alert]');
    await refusal.first().waitFor();
    expect(await refusal.first().textContent()).toContain('sales-order');
    expect((await h.call(adminToken, 'GET', '/templates/purchase-return')).status).toBe(404);

    await form.locator('input[name=numberPrefix]').fill('RT');
    await form.locator('button[type=submit]').click();
    await admin.waitForURL(/\/admin\/templates\/purchase-return\/studio$/);
    await admin.locator('[data-testid=state-diagram]').waitFor();
    const made = await h.call(adminToken, 'GET', '/templates/purchase-return');
    expect(made.body).toMatchObject({ id: 'purchase-return', version: 1, name: { 'zh-CN': '退货单', en: 'Purchase return' }, numberPrefix: 'RT' });
    // It works as it is: an administrator can create a record of it.
    const record = await h.call(adminToken, 'POST', '/records', { template: 'purchase-return', data: { title: '第一张退货单' } });
    expect(record.status).toBe(201);
    expect(record.body.number).toBe('RT-000001');
  });

  it('designs its form by clicks: a dropdown, money and long text under Chinese keys, reordered, saved, then used', async () => {
    await admin.goto(`${h.url}/admin/templates/purchase-return/studio`);
    await admin.locator('[data-testid=tab-fields]').click();
    const add = admin.locator('[data-testid=add-field]');
    const addField = async (key: string, type: string, zh: string, en: string, required = false, options?: string) => {
      await add.locator('input[name=new-field-key]').fill(key);
      await add.locator('select[name=new-field-type]').selectOption(type);
      await add.locator('input[name="new-field-label.zh-CN"]').fill(zh);
      await add.locator('input[name="new-field-label.en"]').fill(en);
      if (options) await add.locator('textarea[name=new-field-options]').fill(options);
      if (required) await add.locator('input[name=new-field-required]').check();
      await add.locator('button[type=submit]').click();
      await admin.locator(`[data-testid="field-${key}"]`).waitFor();
    };
    await addField('退货原因', 'choice', '退货原因', 'Return reason', true, 'damaged | 破损 | Damaged\nwrong_item | 发错货 | Wrong item');
    await addField('金额', 'money', '退货金额', 'Amount', true);
    await addField('说明', 'text', '说明', 'Notes');
    await addField('审核人', 'person', '审核人', 'Checked by');
    await addField('退货部门', 'department', '退货部门', 'Returning department');
    // The reason goes first; the title becomes optional.
    await admin.locator('[data-testid="field-退货原因"] button[title]').first().click();
    await admin.locator('[data-testid=field-title] input[type=checkbox]').uncheck();
    await admin.locator('[data-testid=studio-save]').click();
    await admin.locator('[data-testid=studio-status] .adm-note--ok').waitFor();

    const saved = (await h.call(adminToken, 'GET', '/templates/purchase-return')).body;
    expect(saved.version).toBe(2);
    expect(saved.form.schema.properties['退货原因'].oneOf).toEqual([{ const: 'damaged', title: '破损 / Damaged' }, { const: 'wrong_item', title: '发错货 / Wrong item' }]);
    expect(saved.form.schema.properties['金额']).toMatchObject({ type: 'number', minimum: 0, multipleOf: 0.01 });
    expect(saved.form.schema.required).toEqual(['退货原因', '金额']);
    expect(saved.form.uischema.elements.map((e: { scope: string }) => e.scope)).toEqual(['#/properties/退货原因', '#/properties/title', '#/properties/金额', '#/properties/说明', '#/properties/审核人', '#/properties/退货部门']);
    expect(saved.form.schema.properties['审核人']).toMatchObject({ type: 'string', format: 'user' });

    // A person fills it in the form: the dropdown speaks their language, the amount keeps its cents.
    await admin.goto(`${h.url}/orders/new?template=purchase-return`);
    const form = admin.locator('[data-testid=record-form]');
    await form.waitFor();
    const select = form.locator('select').first();
    expect(await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).label))).toEqual(expect.arrayContaining(['破损', '发错货']));
    await select.selectOption('wrong_item');
    await form.locator('input[type=number]').first().fill('19.99');
    await form.locator('textarea').first().fill('包装完好，型号不对');
    const person = form.locator('.person-control select');
    expect(await person.locator('option').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('张伟')]));
    await person.selectOption({ index: 1 });
    const chosen = await person.inputValue();
    await form.locator('.department-control select').selectOption('east');
    await admin.locator("[data-testid=save-record]").click();
    await admin.waitForURL(/\/orders\/[0-9a-f-]{36}/);
    const id = admin.url().split('/').pop();
    const record = (await h.call(adminToken, 'GET', `/records/${id}`)).body;
    expect(record.data).toMatchObject({ 退货原因: 'wrong_item', 金额: 19.99, 说明: '包装完好，型号不对', 审核人: chosen, 退货部门: 'east' });
    // Someone not in the directory is refused at the field's pointer.
    const stranger = await h.call(adminToken, 'POST', '/records', { template: 'purchase-return', data: { 退货原因: 'damaged', 金额: 1, 审核人: 'no-such-person' } });
    expect(stranger.status).toBe(422);
    expect(stranger.body.errors).toEqual([{ path: '/审核人', message: 'is not a person in the directory' }]);
  });

  it('adds a role and a rule built from conditions; only 财务 may finish, and only within the limit', async () => {
    await admin.goto(`${h.url}/admin/templates/purchase-return/studio`);
    await admin.locator('[data-testid=tab-roles]').click();
    const role = admin.locator('[data-testid=add-role]');
    await role.locator('input[name=new-role-key]').fill('finance');
    await role.locator('input[name="new-role-label.zh-CN"]').fill('财务');
    await role.locator('input[name="new-role-label.en"]').fill('Finance');
    await role.locator('button[type=submit]').click();
    await admin.locator('[data-testid=role-finance]').waitFor();

    await admin.locator('[data-testid=tab-rules]').click();
    const rule = admin.locator('[data-testid=add-rule]');
    await rule.locator('input[name=new-rule-key]').fill('withinLimit');
    await rule.locator('button[name=add-condition]').click();
    await rule.locator('select[name=rule-field]').selectOption('金额');
    await rule.locator('select[name=rule-operator]').selectOption('lessThanInclusive');
    await rule.locator('input[name=rule-value]').fill('1000');
    await rule.locator('button[type=submit]').click();
    await admin.locator('[data-testid=rule-withinLimit]').waitFor();

    await admin.locator('[data-testid=tab-actions]').click();
    const finish = admin.locator('[data-testid=action-finish]');
    await finish.locator('summary').first().click();
    await finish.locator('[data-testid=action-finish-allow] select').first().selectOption('finance');
    await finish.getByRole('button', { name: /添加前置条件/ }).click();
    await finish.locator('.adm-guard input[lang=zh-CN]').fill('退货金额超过 1000 元，需走审批流程');
    await finish.locator('.adm-guard input[lang=en]').fill('Returns over 1,000 need the approval flow');
    await admin.locator('[data-testid=studio-save]').click();
    await admin.locator('[data-testid=studio-status] .adm-note--ok').waitFor();

    const saved = (await h.call(adminToken, 'GET', '/templates/purchase-return')).body;
    expect(saved.version).toBe(3);
    expect(saved.roles.finance).toEqual({ label: { 'zh-CN': '财务', en: 'Finance' }, view: 'all' });
    expect(saved.rules.withinLimit).toEqual({ conditions: { all: [{ fact: 'data', path: '$.金额', operator: 'lessThanInclusive', value: 1000 }] } });
    expect(saved.actions.finish.allow).toEqual([{ role: 'finance', scope: 'all' }]);
    expect(saved.actions.finish.guards).toEqual([{ rule: 'withinLimit', message: { 'zh-CN': '退货金额超过 1000 元，需走审批流程', en: 'Returns over 1,000 need the approval flow' } }]);

    // Used end to end: the guard and the permission hold.
    const made = await h.call(adminToken, 'POST', '/users', { username: 'returns-finance', name: '赵敏', password: 'finance-pass-1', roles: ['finance'] });
    expect(made.status).toBe(201);
    const financeToken = (await h.call(null, 'POST', '/session', { username: 'returns-finance', password: 'finance-pass-1' })).body.token;
    const small = (await h.call(adminToken, 'POST', '/records', { template: 'purchase-return', data: { 退货原因: 'damaged', 金额: 500 } })).body;
    const large = (await h.call(adminToken, 'POST', '/records', { template: 'purchase-return', data: { 退货原因: 'damaged', 金额: 5000 } })).body;
    expect((await h.call(adminToken, 'POST', `/records/${small.id}/actions/finish`, {})).status).toBe(403);
    const refused = await h.call(financeToken, 'POST', `/records/${large.id}/actions/finish`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain('需走审批流程');
    const done = await h.call(financeToken, 'POST', `/records/${small.id}/actions/finish`, {});
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('done');
  });

  it('adds an automation: when a record is created and within the limit, the system finishes it', async () => {
    await admin.goto(`${h.url}/admin/templates/purchase-return/studio`);
    await admin.locator('[data-testid=tab-automations]').click();
    const form = admin.locator('[data-testid=add-automation]');
    await form.locator('input[name=new-automation-key]').fill('autoFinish');
    await form.locator('input[name="new-automation-label.zh-CN"]').fill('小额退货自动完成');
    await form.locator('input[name="new-automation-label.en"]').fill('Small returns finish by themselves');
    await form.locator('select[name=automation-event]').selectOption('record.created');
    await form.locator('select[name=automation-when]').selectOption('withinLimit');
    await form.locator('select[name=automation-run]').selectOption('finish');
    await form.locator('button[type=submit]').click();
    await admin.locator('[data-testid=automation-autoFinish]').waitFor();
    expect(await admin.locator('[data-testid=automation-autoFinish]').textContent()).toContain('记录创建时，且规则 withinLimit 成立，系统执行“完成”');
    await admin.locator('[data-testid=studio-save]').click();
    await admin.locator('[data-testid=studio-status] .adm-note--ok').waitFor();

    const saved = (await h.call(adminToken, 'GET', '/templates/purchase-return')).body;
    expect(saved.automations.autoFinish).toEqual({ label: { 'zh-CN': '小额退货自动完成', en: 'Small returns finish by themselves' }, on: { event: 'record.created' }, when: 'withinLimit', run: { action: 'finish' } });
    expect(saved.actions.finish.allow).toContainEqual({ role: 'system', scope: 'all' });
    const small = (await h.call(adminToken, 'POST', '/records', { template: 'purchase-return', data: { 退货原因: 'damaged', 金额: 300 } })).body;
    expect(small.status).toBe('done');
    const history = (await h.call(adminToken, 'GET', `/records/${small.id}/history`)).body;
    expect(history.at(-1)).toMatchObject({ action: 'finish', automation: 'autoFinish' });
    const large = (await h.call(adminToken, 'POST', '/records', { template: 'purchase-return', data: { 退货原因: 'damaged', 金额: 3000 } })).body;
    expect(large.status).toBe('draft');
  });

  it('keeps unsaved work across a reload, says so, and lets it go on discard', async () => {
    await admin.goto(`${h.url}/admin/templates/purchase-return/studio`);
    await admin.locator('input[name=new-state-key]').fill('submitted');
    await admin.locator('input[name="new-state-label.zh-CN"]').fill('已提交');
    await admin.locator('input[name="new-state-label.en"]').fill('Submitted');
    await admin.locator('[data-testid=add-state] button[type=submit]').click();
    await admin.locator('[data-testid=state-submitted]').waitFor();

    admin.once('dialog', (d) => void d.accept()); // leaving with unsaved changes asks first
    await admin.reload();
    await admin.locator('[data-testid=studio-restored]').waitFor();
    await admin.locator('[data-testid=state-submitted]').waitFor();
    expect(Object.keys((await h.call(adminToken, 'GET', '/templates/purchase-return')).body.states)).not.toContain('submitted');

    await admin.getByRole('button', { name: '放弃修改' }).click();
    await admin.locator('[data-testid=state-submitted]').waitFor({ state: 'detached' });
    await admin.reload();
    await admin.locator('[data-testid=state-diagram]').waitFor();
    expect(await admin.locator('[data-testid=studio-restored]').count()).toBe(0);
    expect(await admin.locator('[data-testid=state-submitted]').count()).toBe(0);
  });

  it('copies an installed template under a new id, leaving the original as it was', async () => {
    const original = (await h.call(adminToken, 'GET', '/templates/order-recycling')).body;
    await admin.goto(`${h.url}/admin/templates`);
    const form = admin.locator('[data-testid=new-template]');
    await form.waitFor();
    await form.locator('select[name=from]').selectOption('order-recycling');
    await form.locator('input[name=id]').fill('lease-recycling');
    await form.locator('input[name="name.zh-CN"]').fill('租赁回收单');
    await form.locator('input[name="name.en"]').fill('Lease recycling');
    await form.locator('input[name=numberPrefix]').fill('LR');
    await form.locator('button[type=submit]').click();
    await admin.waitForURL(/\/admin\/templates\/lease-recycling\/studio$/);
    const copy = (await h.call(adminToken, 'GET', '/templates/lease-recycling')).body;
    // its records are called by its own name, not the original's noun (回收订单)
    const { noun: _noun, ...kept } = original;
    expect(copy).toEqual({ ...kept, id: 'lease-recycling', version: 1, name: { 'zh-CN': '租赁回收单', en: 'Lease recycling' }, numberPrefix: 'LR' });
    expect((await h.call(adminToken, 'GET', '/templates/order-recycling')).body).toEqual(original);
  });
});

describe('template studio', () => {
  it('adds a state, validates (unreachable warning in place), saves a new version', async () => {
    await admin.goto(`${h.url}/admin/templates/sales-order/studio`);
    await admin.locator('[data-testid=state-diagram]').waitFor();
    const before = (await h.call(adminToken, 'GET', '/templates/sales-order')).body.version as number;

    // A capitalised name is refused in place, as the server would refuse it on save.
    await admin.locator('input[name=new-state-key]').fill('On_hold');
    expect(await admin.locator('[data-testid=add-state] .adm-field-error').textContent()).toMatch(/小写|lowercase/);
    expect(await admin.locator('[data-testid=add-state] button[type=submit]').isDisabled()).toBe(true);

    await admin.locator('input[name=new-state-key]').fill('on_hold');
    await admin.locator('input[name="new-state-label.zh-CN"]').fill('暂停');
    await admin.locator('input[name="new-state-label.en"]').fill('On hold');
    await admin.locator('[data-testid=add-state] button[type=submit]').click();
    await admin.locator('[data-testid=state-on_hold]').waitFor();
    // The diagram shows it, apart, as not reachable.
    const box = admin.locator('[data-testid=state-diagram] [data-state=on_hold]');
    await box.waitFor();
    expect(await box.getAttribute('class')).toContain('is-unreachable');

    await admin.locator('[data-testid=studio-validate]').click();
    const inPlace = admin.locator('[data-testid=findings-state-on_hold] .adm-finding--warning');
    await inPlace.first().waitFor();
    expect(await inPlace.first().textContent()).toContain('on_hold');
    const all = await admin.locator('[data-testid=studio-findings] .adm-finding__path').allTextContents();
    expect(all).toContain('/states/on_hold');
    expect(await box.getAttribute('class')).toContain('has-warning');
    await admin.evaluate(() => window.scrollTo(0, 0));
    await shot(admin, 'admin-studio', false);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await admin.locator('[data-testid=state-on_hold]').screenshot({ path: join(SCREENSHOTS, 'admin-studio-new-state.png') });

    await admin.locator('[data-testid=studio-save]').click();
    await admin.locator('[data-testid=studio-status] .adm-note--ok').waitFor();
    const saved = await h.call(adminToken, 'GET', '/templates/sales-order');
    expect(saved.body.version).toBe(before + 1);
    expect(Object.keys(saved.body.states)).toContain('on_hold');
    expect(saved.body.states.on_hold.label).toEqual({ 'zh-CN': '暂停', en: 'On hold' });
    const older = await h.call(adminToken, 'GET', `/templates/sales-order?version=${before}`);
    expect(Object.keys(older.body.states)).not.toContain('on_hold');
    // The studio now edits the saved version and offers the next one.
    await admin.locator(`text=v${before + 2}`).first().waitFor();
  });

  it('shows the errors of a refused save next to the action they name', async () => {
    await admin.goto(`${h.url}/admin/templates/sales-order/studio`);
    await admin.locator('[data-testid=tab-actions]').click();
    const cancel = admin.locator('[data-testid=action-cancel]');
    await cancel.evaluate((el) => ((el as HTMLDetailsElement).open = true));
    const effects = cancel.locator('[data-testid=action-cancel-effects]');
    await effects.locator('.adm-effects__add button').click();
    const added = effects.locator('li.adm-effect').last();
    await added.locator('select').first().selectOption('__custom');
    await added.locator('input').first().fill('no.such.effect');
    await admin.locator('[data-testid=studio-save]').click();
    await admin.locator('[data-testid=studio-status] .adm-note--error').waitFor();
    const inPlace = admin.locator('[data-testid=findings-action-cancel] .adm-finding--error');
    await inPlace.first().waitFor();
    const paths = await inPlace.locator('.adm-finding__path').allTextContents();
    expect(paths.some((p) => p.startsWith('/actions/cancel/effects'))).toBe(true);
    // The tab shows how many errors it holds, and nothing was installed.
    expect(await admin.locator('[data-testid=tab-actions] .adm-count--error').textContent()).not.toBe('');
    const list = await h.call(adminToken, 'GET', '/templates');
    const so = list.body.find((t: { id: string }) => t.id === 'sales-order');
    expect(so.version).toBe(2);
  });
});

describe('users and roles', () => {
  it('creates a user who can then sign in, and disabling them stops that', async () => {
    await admin.goto(`${h.url}/admin/users`);
    const form = admin.locator('[data-testid=user-create]');
    await form.waitFor();
    await admin.locator('[data-testid=user-admin]').waitFor();
    await form.locator('input[name=username]').fill('lin');
    await form.locator('input[name=name]').fill('林晓');
    await form.locator('input[name=password]').fill('secret-1');
    await form.locator('label.adm-chip', { hasText: '销售员' }).click();
    await form.locator('select[name=department]').selectOption('east');
    await form.locator('button[type=submit]').click();
    const row = admin.locator('[data-testid=user-lin]');
    await row.waitFor();
    expect(await row.textContent()).toContain('林晓');
    expect(await row.textContent()).toContain('华东区');
    await shot(admin, 'admin-users', false);

    const context = await h.browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(10_000);
    try {
      const page = await context.newPage();
      await page.goto(`${h.url}/login`);
      await page.locator('input[name=username]').fill('lin');
      await page.locator('input[name=password]').fill('secret-1');
      await page.locator('button[type=submit]').click();
      await page.locator('[data-testid=current-user]').waitFor();
      expect(await page.locator('[data-testid=current-user]').textContent()).toContain('林晓');
    } finally {
      await context.close();
    }

    await row.locator('button', { hasText: '停用' }).click();
    await row.locator('.adm-badge--danger').waitFor();
    const refused = await h.call(null, 'POST', '/session', { username: 'lin', password: 'secret-1' });
    expect(refused.status).toBe(401);
  });

  it('changes roles and department in place', async () => {
    const row = admin.locator('[data-testid=user-lin]');
    await row.locator('button', { hasText: '编辑' }).click();
    await row.locator('label.adm-chip', { hasText: '销售经理' }).click();
    await row.locator('select').selectOption('west');
    await row.locator('button', { hasText: '保存' }).click();
    await row.locator('button', { hasText: '编辑' }).waitFor();
    expect(await row.textContent()).toContain('华西区');
    const users = await h.call(adminToken, 'GET', '/users');
    const lin = users.body.find((u: { username: string }) => u.username === 'lin');
    expect(lin.roles.sort()).toEqual(['sales', 'sales_manager']);
    expect(lin.department).toBe('west');
  });
});
