// Installs every prebuilt template (schemas/templates/*.json) into a store, as an administrator would.
import { PluginFailure } from '../core/errors.ts';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadBundleFile } from '../adapters/template-files.ts';
import type { HostRuntime } from '../runtime/runtime.ts';

export async function installPrebuiltTemplates(runtime: HostRuntime, rootDir: string): Promise<{ id: string; version: number }[]> {
  const dir = join(rootDir, 'schemas', 'templates');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const installed: { id: string; version: number }[] = [];
  for (const file of files) {
    const bundle = await loadBundleFile(join(dir, file), rootDir);
    const result = await runtime.installTemplate(bundle);
    // A shipped template that does not validate is our bug: stop rather than serve half a product.
    if (!result.ok) {
      const details = (result.errors ?? []).map((e) => `  ${e.path}: ${e.message}`).join('\n');
      throw new PluginFailure('seed_failed', `prebuilt template ${file} is invalid: ${result.message.en}\n${details}`);
    }
    installed.push({ id: result.value.id, version: result.value.version });
  }
  return installed;
}
