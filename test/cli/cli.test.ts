import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../plugin/adapters/http/gallery.ts';
import { runCli } from '../../plugin/cli.ts';

let dir: string;
let dataDir: string;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { dataDir, rootDir: PROJECT_ROOT, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ow-cli-'));
  dataDir = join(dir, 'data');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the command line', () => {
  it('explains itself on an unknown command and exits 2', async () => {
    const res = await cli('frobnicate');
    expect(res.code).toBe(2);
    expect(res.err).toContain('Unknown command "frobnicate"');
    expect(res.err).toContain('template import <file>');
    expect((await cli()).code).toBe(2);
    for (const name of ['constructor', 'toString', '__proto__']) {
      const member = await cli(name);
      expect(member.code, name).toBe(2);
      expect(member.err).toContain(`Unknown command "${name}"`);
    }
    expect((await cli('--help')).code).toBe(0);
    expect((await cli('template', 'import')).code).toBe(2);
    expect((await cli('template', 'list', '--verbose', 'yes')).code).toBe(2);
  });

  it('imports a template bundle from a file, and again changes nothing', async () => {
    expect((await cli('template', 'list')).out).toContain('No templates installed');
    const first = await cli('template', 'import', 'schemas/templates/sales-order.json');
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/Installed sales-order v\d+/);
    const again = await cli('template', 'import', 'schemas/templates/sales-order.json');
    expect(again.code).toBe(0);
    expect(again.out).toContain('nothing changed');
    expect((await cli('template', 'list')).out).toMatch(/sales-order\tv\d+\t销售订单 \/ Sales order/);
  });

  it('refuses an invalid bundle with every error path, exiting 1', async () => {
    const bundle = JSON.parse(await readFile(join(PROJECT_ROOT, 'schemas/templates/sales-order.json'), 'utf8'));
    bundle.id = 'broken';
    bundle.actions.confirm.to = 'nowhere';
    const file = join(dir, 'broken.json');
    await writeFile(file, JSON.stringify(bundle));
    const res = await cli('template', 'import', file);
    expect(res.code).toBe(1);
    expect(res.err).toContain('/actions/confirm/to:');
    const missing = await cli('template', 'import', join(dir, 'nope.json'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('Cannot read');
  });

  it('exports an installed template to a file or stdout', async () => {
    const out = join(dir, 'export.json');
    const res = await cli('template', 'export', 'sales-order', '--version', '1', '--out', out);
    expect(res.code, res.err).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8'))).toMatchObject({ id: 'sales-order', version: 1 });
    expect(JSON.parse((await cli('template', 'export', 'sales-order')).out).id).toBe('sales-order');
    expect((await cli('template', 'export', 'nope')).code).toBe(1);
    expect((await cli('template', 'export', 'sales-order', '--version', 'x')).code).toBe(2);
  });

  it('creates the first administrator; a taken username exits 1', async () => {
    const res = await cli('user', 'create', '--username', 'boss', '--name', 'The Boss', '--password', 'pw1234', '--roles', 'admin');
    expect(res.code, res.err).toBe(0);
    expect(res.out).toContain('Created boss (admin)');
    const dup = await cli('user', 'create', '--username', 'boss', '--name', 'Again', '--password', 'pw1234', '--roles', 'admin');
    expect(dup.code).toBe(1);
    const missing = await cli('user', 'create', '--username', 'x');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--name');
  });

  it('backs up, refuses garbage on restore, restores a backup and keeps a snapshot of what was there', async () => {
    const backup = join(dir, 'backup.json');
    expect((await cli('backup', backup)).code).toBe(0);
    await cli('user', 'create', '--username', 'later', '--name', 'Later', '--password', 'pw1234', '--roles', 'sales', '--department', 'east');

    const garbage = join(dir, 'garbage.json');
    await writeFile(garbage, 'not json at all');
    const notJson = await cli('restore', garbage);
    expect(notJson.code).toBe(1);
    expect(notJson.err).toContain('Nothing restored');
    await writeFile(garbage, JSON.stringify({ hello: 'world' }));
    const wrongShape = await cli('restore', garbage);
    expect(wrongShape.code).toBe(1);
    expect(wrongShape.err).toContain('not a backup');
    expect((await cli('snapshots', 'list')).out).toContain('No snapshots');

    const restored = await cli('restore', backup);
    expect(restored.code, restored.err).toBe(0);
    const dup = await cli('user', 'create', '--username', 'later', '--name', 'Later', '--password', 'pw1234', '--roles', 'sales');
    expect(dup.code, 'the user made after the backup is gone').toBe(0);

    const list = await cli('snapshots', 'list');
    expect(list.out).toContain('before restore');
    const id = list.out.split('\t')[0];
    expect((await cli('snapshots', 'restore', id)).code).toBe(0);
    expect((await cli('snapshots', 'restore', 'no-such-snapshot')).code).toBe(1);
  });
});
