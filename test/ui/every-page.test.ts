// Every role's main pages, in both languages, on a desktop (1280×800) and a phone (390×844): no page is wider
// than the screen, no button or link lies off it, and no raw code, pointer or message key is shown to people.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from './harness.ts';

type Lang = 'zh-CN' | 'en';
const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const ROLES = ['admin', 'sales1', 'manager', 'finance', 'finmanager', 'warehouse'] as const;
type Role = (typeof ROLES)[number];

/** One page to walk: where it is, what shows it has loaded, and (for one role) the screenshot's name. */
interface Stop {
  name: string;
  path: string;
  ready?: string | string[];
  /** open a dialog on the page (read, never confirmed) and check it: what opens it, its confirm button, what shows it has loaded */
  dialog?: { open: string; confirm: string; ready: string };
  /** a form: press save with nothing filled in and check what it says */
  saveEmpty?: boolean;
  /** screenshots `desktop-<shot>` and `phone-<shot>` (Chinese UI) */
  shot?: string;
}

// The pictures kept in docs/screenshots (SCREENSHOTS=docs), each at both sizes: desktop-<name>.png, phone-<name>.png.
const DOCS_SHOTS = ['orders-list', 'order-detail', 'order-form', 'action-dialog-cancel', 'approvals', 'report'];

// Text that matches a pattern below but is right where it is. Each entry: where, what, why.
const ALLOWED: { where: RegExp; text: RegExp; why: string }[] = [
  { where: / studio$/, text: /^code: "on_hold" in /, why: "the studio's new-state form shows an example id as its key field's placeholder" },
];

// Identifiers a page shows on purpose, read past by the word checks: code (the studio names states, actions and
// fields by id for the designer; a backup's id is what the CLI restores) and the state ids under the diagram's labels.
const SHOWN_IDS = 'code, pre, kbd, .adm-diagram__key';

// Elements whose Chinese text in the English UI is not chrome.
const NOT_CHROME: { selector: string; why: string }[] = [
  { selector: '.lang-switch button', why: 'each language is offered in its own name (中文 / English)' },
  { selector: '.adm-labels__item', why: "a bilingual label's Chinese half is tagged with its language's own name (中), as the switch does" },
  { selector: '.inbox-main', why: "a notification is a message about records: the people it names and the comments it quotes are data" },
  { selector: 'label.person', why: 'a person to pick: their name is data' },
];

let h: Harness;
const stops = new Map<Role, Stop[]>();

type Rec = { id: string; number: string; template: string; status: string; availableActions?: { name: string }[] };

async function list(role: Role, query: string): Promise<Rec[]> {
  const res = await h.call(await h.token(role), 'GET', `/records?${query}&pageSize=50`);
  return res.status === 200 ? res.body.items : [];
}

/** The first record of `template` (states in order of preference) on which `role` may run `action` (or any, without one). */
async function findRecord(role: Role, template: string, states: string[], action?: string): Promise<Rec | undefined> {
  for (const status of states) {
    for (const r of await list(role, `template=${template}&status=${status}`)) {
      if (!action) return r;
      const full = (await h.call(await h.token(role), 'GET', `/records/${r.id}`)).body as Rec;
      if (full.availableActions?.some((a) => a.name === action)) return full;
    }
  }
  return undefined;
}

// The one dialog each role opens (read, never confirmed): [template, states to look in, action].
const DIALOGS: Record<Role, [string, string[], string]> = {
  admin: ['settlement', ['posted'], 'cancel_settlement'],
  sales1: ['sales-order', ['draft'], 'cancel'],
  manager: ['sales-order', ['confirmed', 'draft'], 'reassign'],
  finance: ['sales-order', ['written_off'], 'reverse_write_off'],
  finmanager: ['sales-order', ['settled'], 'unsettle'],
  warehouse: ['sales-order', ['confirmed'], 'ship'],
};

async function plan(role: Role): Promise<Stop[]> {
  const token = await h.token(role);
  const me = (await h.call(token, 'GET', '/me')).body as { roles: string[] };
  const templates = ((await h.call(token, 'GET', '/templates')).body as { id: string; create?: { roles: string[] } }[]).map((t) => t.id);
  const uniq = [...new Set(templates)];
  const own = (s: string) => (role === 'sales1' ? s : `${role}-${s}`);
  const out: Stop[] = [{ name: 'home', path: '/', ready: '.stat-row', shot: role === 'sales1' ? 'home' : undefined }];
  for (const t of uniq) {
    // the list of this template, not the one before it: its first row, or its empty note
    const first = (await h.call(token, 'GET', `/records?template=${t}`)).body?.items?.[0] as Rec | undefined;
    out.push({ name: `list ${t}`, path: `/orders?template=${t}`, ready: first ? `[data-number="${first.number}"]` : 'main.page .empty', shot: t === 'sales-order' ? own('orders-list') : undefined });
  }
  for (const t of uniq) {
    const full = await h.call(token, 'GET', `/templates/${t}`);
    const detailed = await findRecord(role, t, ['shipped', 'written_off', 'confirmed', 'settled', 'posted', 'processing', 'completed', 'cancelled', 'draft', 'pending']);
    if (detailed) {
      out.push({ name: `detail ${t}`, path: `/orders/${detailed.id}`, ready: [`[data-testid=record-header]:has-text("${detailed.number}")`, '[data-testid=history]'], shot: t === 'sales-order' ? own('order-detail') : undefined });
      if (t === 'sales-order') out.push({ name: 'print', path: `/orders/${detailed.id}/print`, ready: '[data-testid=print-history]', shot: role === 'sales1' ? 'print-view' : undefined });
    }
    if ((full.body.create?.roles ?? []).some((r: string) => me.roles.includes(r))) {
      out.push({ name: `new ${t}`, path: `/orders/new?template=${t}`, ready: '[data-testid=record-form]', saveEmpty: true, shot: t === 'sales-order' ? own('order-form') : role === 'finance' ? 'settlement-form' : undefined });
    }
  }
  const [template, states, action] = DIALOGS[role];
  const target = await findRecord(role, template, states, action);
  if (!target) throw new Error(`${role}: no ${template} in ${states.join('/')} offering ${action}`);
  out.push({ name: `dialog ${action}`, path: `/orders/${target.id}`, ready: [`[data-testid=record-header]:has-text("${target.number}")`, `[data-action=${action}]`], dialog: { open: `[data-action=${action}]`, confirm: '[data-testid=action-confirm]', ready: '[role=dialog] [data-testid=effect-list], [role=dialog] .alert, [role=dialog] input[type=radio]' }, shot: `${own('action-dialog')}-${action}` });
  if (role === 'sales1') {
    // an own draft, edited (the save button is the form page's own: the record's page has a read-only form too)
    const drafts = await list(role, 'template=sales-order&status=draft');
    let draft: Rec | undefined;
    for (const d of drafts) {
      const full = (await h.call(token, 'GET', `/records/${d.id}`)).body as Rec & { editable?: string[] };
      if (full.editable?.length) {
        draft = full;
        break;
      }
    }
    if (draft) out.push({ name: 'edit sales-order', path: `/orders/${draft.id}/edit`, ready: '[data-testid=save-record]', shot: 'order-edit' });
  }
  out.push(
    { name: 'archive', path: '/archive', shot: role === 'sales1' ? 'archive' : undefined },
    { name: 'approvals', path: '/approvals', shot: role === 'manager' ? 'approvals' : undefined },
    ...(role === 'manager'
      ? [{ name: 'approval decision', path: '/approvals?decide', ready: '[data-approval]', dialog: { open: '[data-approval] .btn-primary', confirm: '[data-testid=decision-confirm]', ready: '[role=dialog] [data-testid=approval-impact]' }, shot: 'approval-decision' }]
      : []),
    { name: 'notifications', path: '/notifications', ready: '[data-testid=notifications]', shot: role === 'sales1' ? 'notifications' : undefined },
    { name: 'report', path: '/reports/cancellation-reasons', ready: '[data-testid=report-total]', shot: role === 'sales1' ? 'report' : undefined },
  );
  if (me.roles.some((r) => ['finance', 'finance_manager', 'admin'].includes(r))) {
    out.push({ name: 'periods', path: '/finance/periods', ready: '[data-testid=periods-table]', shot: role === 'finmanager' ? 'periods' : undefined });
  }
  if (me.roles.includes('admin')) {
    out.push(
      { name: 'users', path: '/admin/users', ready: '[data-testid=users-table]', shot: 'admin-users' },
      { name: 'gallery', path: '/admin/templates', ready: '[data-testid=installed-templates]', shot: 'admin-gallery' },
      { name: 'studio', path: '/admin/templates/sales-order/studio', ready: '[data-testid=state-diagram]', shot: 'admin-studio' },
    );
  }
  return out;
}

/** Loaded: the page has its heading, its own marker, and nothing is still loading. */
async function settle(page: Page, stop: Stop): Promise<void> {
  // a page of another kind replaces the one left (marked by open()); lists and records name their own content
  if (stop.ready) for (const r of [stop.ready].flat()) await page.locator(r).first().waitFor();
  else await page.waitForFunction(() => !!document.querySelector('main.page > :not([data-left])'));
  await page.locator('main.page h1').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.loading, [aria-busy=true], .is-refreshing, .boot'));
}

/**
 * Runs in the page: what is wrong with it as shown now. Horizontal overflow, controls off the screen, and text
 * that people should never read (keys, pointers, codes, unfilled placeholders, English in the Chinese UI, Chinese
 * chrome in the English UI).
 */
function audit(arg: { lang: Lang; notChrome: string[]; shownIds: string; dialog?: string }): string[] {
  // people's names are record data, not chrome: the greeting names the signed-in person
  const me = document.querySelector('[data-testid=current-user]')?.textContent?.trim();
  const found: string[] = [];
  const root = document.documentElement;
  const vw = root.clientWidth;
  const vh = window.innerHeight;
  if (root.scrollWidth > vw) found.push(`page is ${root.scrollWidth}px wide on a ${vw}px screen`);

  const describe = (el: Element) => {
    const text = ((el as HTMLElement).innerText || el.getAttribute('aria-label') || el.getAttribute('title') || '').trim().replace(/\s+/g, ' ').slice(0, 40);
    const id = el.getAttribute('data-testid') ?? el.getAttribute('data-action') ?? '';
    return `<${el.tagName.toLowerCase()}${id ? ` ${id}` : ''}${el.className && typeof el.className === 'string' ? ` .${el.className.split(' ')[0]}` : ''}> "${text}"`;
  };
  const shown = (el: Element) => {
    if (!(el as HTMLElement).checkVisibility?.({ opacityProperty: true, visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1 && !el.closest('[aria-hidden=true], [inert]');
  };
  const drawerClosed = (el: Element) => {
    // on a phone the menu is a drawer off the left edge until the menu button opens it
    const nav = el.closest('nav.sidebar');
    return !!nav && !document.querySelector('.app.menu-open') && nav.getBoundingClientRect().right <= 1;
  };
  /** A control outside the screen is still reachable when a box that scrolls sideways holds it and is itself on the screen. */
  const scrollsInto = (el: Element) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const ox = getComputedStyle(p).overflowX;
      if (ox === 'auto' || ox === 'scroll') {
        const r = p.getBoundingClientRect();
        return r.left >= -0.5 && r.right <= vw + 0.5;
      }
    }
    return false;
  };
  const inDialog = !!document.querySelector('[role=dialog]');
  for (const el of document.querySelectorAll('button, a[href], select, input:not([type=hidden]), textarea, summary, [role=button], [role=tab]')) {
    if (!shown(el) || (el as HTMLButtonElement).disabled || drawerClosed(el)) continue;
    // behind an open modal dialog nothing is reachable: only the dialog's controls count
    if (inDialog && !el.closest('[role=dialog]')) continue;
    const r = el.getBoundingClientRect();
    if ((r.right > vw + 0.5 || r.left < -0.5) && !scrollsInto(el)) found.push(`${describe(el)} off the screen sideways (${Math.round(r.left)}…${Math.round(r.right)} of ${vw})`);
  }
  if (arg.dialog) {
    // a dialog never scrolls sideways: what is wider than it is cut off or hidden to the right
    for (const box of document.querySelectorAll('[role=dialog], [role=dialog] .dialog-body')) {
      if (box.scrollWidth > box.clientWidth + 1) found.push(`dialog content is ${box.scrollWidth}px wide in a ${box.clientWidth}px dialog`);
    }
    const confirm = document.querySelector(`[role=dialog] ${arg.dialog}`);
    if (!confirm) found.push('dialog has no confirm button');
    else {
      const r = confirm.getBoundingClientRect();
      if (r.bottom > vh + 0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.left < -0.5) found.push(`dialog's confirm button off the screen (${Math.round(r.left)},${Math.round(r.top)}…${Math.round(r.right)},${Math.round(r.bottom)} of ${vw}×${vh})`);
    }
  }

  // ---- words ----
  const codes = [...document.querySelectorAll<HTMLElement>(arg.shownIds)];
  for (const c of codes) c.style.setProperty('visibility', 'hidden');
  const texts: string[] = [(arg.dialog ? document.querySelector('[role=dialog]') as HTMLElement : document.body).innerText];
  for (const c of codes) c.style.removeProperty('visibility');
  for (const el of document.querySelectorAll('[title], [placeholder], [aria-label]')) {
    if (!shown(el)) continue;
    for (const a of ['title', 'placeholder', 'aria-label']) {
      const v = el.getAttribute(a);
      if (v) texts.push(v);
    }
  }
  for (const el of document.querySelectorAll('option')) {
    const select = el.closest('select');
    if (select && shown(select)) texts.push(el.textContent ?? '');
  }
  const text = texts.join('\n');
  const bad: [string, RegExp][] = [
    // message keys: dotted lowercase identifiers, not inside an e-mail address, a host name or a file name
    ['message key', /(?<![\w@./-])[a-z][a-zA-Z0-9]+(?:\.[a-z][a-zA-Z0-9_]*)+(?![\w@/-])(?<!\.(?:com|cn|org|net|json|csv|xlsx|png|pdf|js|ts))/g],
    // JSON pointers: a slash-led path standing on its own (dates and URLs have a digit or a letter before the slash)
    ['pointer', /(?<=^|[\s(（"'“‘:：,，=])\/[a-zA-Z_][\w-]*(?:\/[\w-]+)*/gm],
    ['code', /(?<![\w.@/-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w.@/-])/g],
    ['placeholder', /\{\{?\s*[a-zA-Z_][\w.]*\s*\}\}?/g],
    ['raw value', /\b(?:undefined|null|NaN)\b|\[object Object\]/g],
  ];
  if (arg.lang === 'zh-CN') {
    bad.push(['English message', /\b(?:must NOT|must be|must have|must match|must equal|should be|is required|is not allowed|Unexpected (?:end|token)|not valid JSON|Cannot read|Failed to fetch|TypeError|Internal Server Error|Not Found|Bad Request)\b[^\n]*/g]);
  }
  for (const [what, re] of bad) {
    for (const m of text.matchAll(re)) found.push(`${what}: "${m[0].slice(0, 80)}" in "${text.slice(Math.max(0, m.index! - 30), m.index! + m[0].length + 30).replace(/\s+/g, ' ')}"`);
  }
  if (arg.lang === 'en') {
    const chrome = 'nav, button, th, label, legend, summary, h1, h2, h3, .badge, [role=tab], .page-subtitle, .dialog-header';
    const scope = arg.dialog ? document.querySelector('[role=dialog]')! : document;
    const skip = arg.notChrome.join(', ');
    for (const el of scope.querySelectorAll(chrome)) {
      if (!shown(el) || el.matches(skip)) continue;
      // its words, less those of data inside it (the signed-in person's name in the greeting, a person in a list)
      let own = (el as HTMLElement).innerText ?? '';
      for (const d of el.querySelectorAll<HTMLElement>(skip)) own = own.split(d.innerText).join('');
      if (me) own = own.split(me).join('');
      const words = `${own} ${el.getAttribute('aria-label') ?? ''} ${el.getAttribute('title') ?? ''} ${el.getAttribute('placeholder') ?? ''}`;
      const cjk = words.match(/[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]+/g);
      if (cjk) found.push(`Chinese in the English UI: "${cjk.join(' ')}" in ${describe(el)}`);
    }
  }
  return found;
}

async function check(page: Page, lang: Lang, where: string, dialog?: string): Promise<string[]> {
  const found = await page.evaluate(audit, { lang, notChrome: NOT_CHROME.map((n) => n.selector), shownIds: SHOWN_IDS, dialog });
  return found.filter((f) => !ALLOWED.some((a) => a.where.test(where) && a.text.test(f))).map((f) => `${where}: ${f}`);
}

/** Go to a page the way a link does (the app stays loaded), and wait for the router to have shown it. */
async function open(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => {
    document.querySelector('main.page > *')?.setAttribute('data-left', '');
    history.pushState(null, '', p);
    dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }, path);
  await page.waitForFunction((p) => location.pathname + location.search === p, path);
}

/** Laid out again after a resize: the drawer's slide and any other transition have ended. */
async function still(page: Page): Promise<void> {
  // a phone's menu is a drawer that slides out of sight when the screen narrows
  await page.waitForFunction(() => !matchMedia('(max-width: 768px)').matches || !!document.querySelector('.app.menu-open') || document.querySelector('nav.sidebar')!.getBoundingClientRect().right <= 0);
  await page.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(document.getAnimations().every((a) => a.playState !== 'running'))))));
}

async function walk(role: Role, lang: Lang): Promise<string[]> {
  const problems: string[] = [];
  const { page } = await h.signIn(role, lang === 'en' ? { lang } : undefined);
  page.setDefaultTimeout(15_000);
  const shots = lang === 'zh-CN';
  // every page's pictures go to the temporary folder; the docs keep those of a few key pages
  const shoot = async (size: string, shot: string | undefined) => {
    if (shot && shots && (process.env.SCREENSHOTS !== 'docs' || DOCS_SHOTS.includes(shot))) await h.screenshot(page, `${size}-${shot}`);
  };
  for (const stop of stops.get(role)!) {
    const t0 = Date.now();
    await page.setViewportSize({ width: SIZES[0].width, height: SIZES[0].height });
    await open(page, stop.path);
    try {
      await settle(page, stop);
      if (stop.dialog) {
        await page.locator(stop.dialog.open).first().click();
        const dialog = page.locator('[role=dialog]');
        await dialog.locator(stop.dialog.confirm).waitFor();
        await page.locator(stop.dialog.ready).first().waitFor({ state: 'attached' });
        await page.waitForFunction(() => !document.querySelector('[role=dialog] .loading'));
      }
    } catch (e) {
      await h.screenshot(page, `failed-${role}-${lang}-${stop.name.replace(/\W+/g, '-')}`).catch(() => {});
      problems.push(`${role} ${lang} ${stop.name}: did not load (${(e as Error).message.split('\n')[0]})`);
      continue;
    }
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await still(page);
      problems.push(...(await check(page, lang, `${role} ${lang} ${size.name} ${stop.name}`, stop.dialog?.confirm)));
      await shoot(size.name, stop.shot);
    }
    if (stop.dialog) await page.keyboard.press('Escape');
    if (stop.saveEmpty) {
      // saved empty, the form says what is missing: in the reader's words, at the fields, on the screen
      await page.locator('[data-testid=save-record]').click();
      await page.locator('[data-testid=form-error], [data-testid=history]').first().waitFor();
      for (const size of SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height });
        await still(page);
        problems.push(...(await check(page, lang, `${role} ${lang} ${size.name} ${stop.name} saved empty`)));
        await shoot(size.name, stop.shot && `${stop.shot}-errors`);
      }
    }
    if (process.env.TIMING) console.log(`${role} ${lang} ${stop.name} ${Date.now() - t0} ms`);
  }
  // on a phone the drawer, opened, has every menu entry on the screen
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, '/');
  await page.locator('main.page h1').first().waitFor();
  await page.locator('[data-testid=menu-button]').click();
  await page.waitForFunction(() => document.querySelector('nav.sidebar')!.getBoundingClientRect().left >= 0);
  await still(page);
  problems.push(...(await check(page, lang, `${role} ${lang} phone menu`)));
  await page.context().close();
  return problems;
}

beforeAll(async () => {
  const t0 = Date.now();
  h = await startHarness();
  if (process.env.TIMING) console.log(`harness ${Date.now() - t0} ms`);
  for (const role of ROLES) stops.set(role, await plan(role));
  if (process.env.TIMING) console.log(`plan ${Date.now() - t0} ms`);
}, 180_000);

afterAll(async () => {
  await h?.close();
});

/** Two walks at a time: more made the other browser files, which share the machine's two cores, miss their time. */
const WALKS_AT_ONCE = 2;
let walking = 0;
const waiting: (() => void)[] = [];
async function inTurn<T>(fn: () => Promise<T>): Promise<T> {
  while (walking >= WALKS_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  walking++;
  try {
    return await fn();
  } finally {
    walking--;
    waiting.shift()?.();
  }
}

describe('every page, every role, both languages, desktop and phone', () => {
  // one test per role and language, side by side in turns (each its own signed-in browser context)
  for (const role of ROLES) {
    for (const lang of ['zh-CN', 'en'] as const) {
      test.concurrent(`${role} in ${lang === 'en' ? 'English' : '中文'}: nothing wider than the screen, no control off it, no raw code, pointer or key`, async () => {
        expect(await inTurn(() => walk(role, lang))).toEqual([]);
      }, 360_000);
    }
  }
});
