import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listPrebuiltBundles, loadBundleFile } from '../../plugin/adapters/template-files.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('loading a bundle file', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'template-files-'));
    await mkdir(join(dir, 'rules', 'demo'), { recursive: true });
    await writeFile(join(dir, 'rules', 'demo', 'ok.json'), JSON.stringify({ conditions: { all: [] } }));
    await writeFile(join(dir, 'rules', 'demo', 'broken.json'), '{ "conditions": ');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const writeBundle = async (rules: unknown, name = 'bundle.json') => {
    await writeFile(join(dir, name), JSON.stringify({ id: 'demo', version: 1, rules }));
    return name;
  };

  it('inlines each rule named by path, relative to the root directory', async () => {
    const file = await writeBundle({ ok: 'rules/demo/ok.json' });
    expect(await loadBundleFile(file, dir)).toEqual({ id: 'demo', version: 1, rules: { ok: { conditions: { all: [] } } } });
  });

  it('keeps rules that are already objects', async () => {
    const inline = { conditions: { any: [] } };
    const file = await writeBundle({ inline, ok: 'rules/demo/ok.json' });
    expect(await loadBundleFile(join(dir, file), dir)).toMatchObject({ rules: { inline, ok: { conditions: { all: [] } } } });
  });

  it('a missing rule file names the rule and the file', async () => {
    const file = await writeBundle({ gone: 'rules/demo/gone.json' });
    await expect(loadBundleFile(file, dir)).rejects.toThrow(/rule 'gone' \(rules\/demo\/gone\.json\).*no file .*gone\.json/);
  });

  it('a rule file that is not JSON names the rule and the file', async () => {
    const file = await writeBundle({ broken: 'rules/demo/broken.json' });
    await expect(loadBundleFile(file, dir)).rejects.toThrow(/cannot parse rule 'broken' .*broken\.json is not valid JSON/);
  });

  it('a rule path that leaves the root directory is refused', async () => {
    const file = await writeBundle({ sneaky: '../outside.json' });
    await expect(loadBundleFile(file, dir)).rejects.toThrow(/rule 'sneaky' .* outside/);
  });

  it('a missing or unparsable bundle names the bundle file', async () => {
    await expect(loadBundleFile('nope.json', dir)).rejects.toThrow(/template bundle .*nope\.json/);
    await writeFile(join(dir, 'bad.json'), 'not json');
    await expect(loadBundleFile('bad.json', dir)).rejects.toThrow(/cannot parse template bundle .*bad\.json/);
  });

  it('leaves a bundle without rules for the validator to judge', async () => {
    await writeFile(join(dir, 'bare.json'), JSON.stringify({ id: 'bare' }));
    expect(await loadBundleFile('bare.json', dir)).toEqual({ id: 'bare' });
  });
});

describe('the prebuilt bundles', () => {
  it('lists schemas/templates/*.json with their id, version and name', async () => {
    const bundles = await listPrebuiltBundles(ROOT);
    const salesOrder = bundles.find((b) => b.id === 'sales-order');
    expect(salesOrder).toMatchObject({ version: 1, name: { en: 'Sales order' } });
    expect(salesOrder?.file).toBe(join(ROOT, 'schemas', 'templates', 'sales-order.json'));
  });

  it('loads the sales order with its rule files inlined', async () => {
    const bundle = (await loadBundleFile('schemas/templates/sales-order.json', ROOT)) as { rules: Record<string, unknown> };
    const hasLines = JSON.parse(await readFile(join(ROOT, 'rules', 'sales-order', 'has-lines.json'), 'utf8'));
    expect(bundle.rules.hasLines).toEqual(hasLines);
    expect(Object.values(bundle.rules).every((r) => typeof r === 'object')).toBe(true);
  });
});
