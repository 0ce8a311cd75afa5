// The example host of docs/hosting.md, run as written against the built package: a host that imports
// `order-workflow` by name, mounts its router in its own express, and serves both.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
let dir: string;
let host: ChildProcess | undefined;

/** The code block after the `<!-- example-host -->` marker. */
function exampleHost(): string {
  const doc = readFileSync(join(ROOT, 'docs', 'hosting.md'), 'utf8');
  const m = /<!-- example-host -->\s*```js\n([\s\S]*?)```/.exec(doc);
  if (!m) throw new Error('docs/hosting.md has no example host block');
  return m[1];
}

beforeAll(() => {
  // The package as a host installs it: built JavaScript, found by its name, express from the host.
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT });
  dir = mkdtempSync(join(tmpdir(), 'ow-host-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', 'order-workflow'));
  symlinkSync(join(ROOT, 'node_modules', 'express'), join(dir, 'node_modules', 'express'));
  writeFileSync(join(dir, 'host.mjs'), exampleHost());
}, 60_000);

afterAll(() => {
  host?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the example host in docs/hosting.md', () => {
  it('starts with the built package, serves its own page and the plugin API, and the host-made user signs in', async () => {
    host = spawn(process.execPath, ['host.mjs'], { cwd: dir, env: { ...process.env, PORT: '0', DATA_DIR: join(dir, 'data'), OWNER_PASSWORD: 'owner-pass-1' } });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      host!.stdout!.on('data', (b) => {
        out += String(b);
        const m = /host listening on (\d+)/.exec(out);
        if (m) resolve(`http://127.0.0.1:${m[1]}`);
      });
      host!.stderr!.on('data', (b) => (out += String(b)));
      host!.on('exit', (code) => reject(new Error(`host exited ${code}: ${out}`)));
    });
    expect(await (await fetch(`${url}/`)).text()).toBe('host home');
    expect((await (await fetch(`${url}/api/health`)).json()).status).toBe('ok');
    const signIn = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'owner', password: 'owner-pass-1' }) });
    expect(signIn.status).toBe(200);
    const { token } = (await signIn.json()) as { token: string };
    const me = await fetch(`${url}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect((await me.json()).username).toBe('owner');
  }, 60_000);
});
