// Browser-test harness: the built web app served by the real server (fresh data dir, demo data),
// driven by Debian's Chromium through playwright-core.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer } from '../../plugin/server.ts';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const UI_SRC = join(ROOT, 'ui');
const UI_OUT = join(ROOT, 'dist', 'ui');
// Browser tests write their screenshots outside the tracked tree, unless asked to refresh the docs' pictures
// (SCREENSHOTS=docs npm run test:all).
export const SCREENSHOTS = process.env.SCREENSHOTS === 'docs' ? join(ROOT, 'docs', 'screenshots') : join(tmpdir(), 'order-workflow-screenshots');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function builtAt(): number {
  try {
    return statSync(join(UI_OUT, 'index.html')).mtimeMs;
  } catch {
    return 0;
  }
}

/** Build the web app when dist/ui is missing or older than any file under ui/. One build at a time across test files. */
export function ensureUiBuilt(): void {
  if (builtAt() > newestMtime(UI_SRC)) return;
  const lock = join(ROOT, 'dist', '.ui-build.lock');
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // another test file is building: wait for it, then check again
      if (Date.now() - started > 120_000) rmSync(lock, { recursive: true, force: true });
      execFileSync('sleep', ['0.5']);
      if (builtAt() > newestMtime(UI_SRC)) return;
    }
  }
  try {
    if (builtAt() > newestMtime(UI_SRC)) return;
    execFileSync('npx', ['vite', 'build', '--config', 'ui/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export const DEMO_PASSWORD = 'demo';

export interface Harness {
  url: string;
  browser: Browser;
  /** A fresh browser context (own localStorage) with one page, signed in as `username` through the login form. */
  signIn(username: string, opts?: { lang?: 'zh-CN' | 'en' }): Promise<{ context: BrowserContext; page: Page }>;
  /** A bearer token for `username`, for calling the API directly. */
  token(username: string): Promise<string>;
  /** Call the API; returns the status and the parsed body. */
  call<T = any>(token: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  ensureUiBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'ow-ui-test-'));
  // every answer the pages get is held to the API description; a departure fails the file that met it
  const drift: string[] = [];
  const checkAnswers = (found: string[]) => {
    drift.push(...found);
    console.error(found.join('\n'));
  };
  const server = await startServer({ port: 0, dataDir, demo: true, demoPassword: DEMO_PASSWORD, uiDir: UI_OUT, quiet: true, checkAnswers });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const contexts: BrowserContext[] = [];
  const tokens = new Map<string, string>();

  const call: Harness['call'] = async (token, method, path, body) => {
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': 'zh-CN' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${server.url}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  return {
    url: server.url,
    browser,
    async signIn(username, opts) {
      const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, locale: opts?.lang ?? 'zh-CN' });
      contexts.push(context);
      if (opts?.lang) await context.addInitScript((l) => localStorage.setItem('ow.lang', l), opts.lang);
      const page = await context.newPage();
      await page.goto(`${server.url}/login`);
      await page.locator('input[name=username]').fill(username);
      await page.locator('input[name=password]').fill(DEMO_PASSWORD);
      await page.locator('button[type=submit]').click();
      await page.locator('[data-testid=current-user]').waitFor();
      return { context, page };
    },
    async token(username) {
      const known = tokens.get(username);
      if (known) return known;
      const res = await call(null, 'POST', '/session', { username, password: DEMO_PASSWORD });
      if (res.status !== 200) throw new Error(`cannot sign in as ${username}: ${res.status}`);
      tokens.set(username, res.body.token);
      return res.body.token;
    },
    call,
    async screenshot(page, name) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close().catch(() => {});
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (drift.length > 0) throw new Error(`answers departed from the API description:\n${[...new Set(drift)].join('\n')}`);
    },
  };
}
