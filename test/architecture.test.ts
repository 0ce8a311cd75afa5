// The layers of DESIGN.md hold by themselves: dependency-cruiser checks .dependency-cruiser.cjs on every run
// (pure core, runtime through its ports, adapters below the hosts, the web app borrowing only types, no cycles).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

describe('the architecture', () => {
  it('has no dependency that DESIGN.md forbids', () => {
    let out = '';
    try {
      out = execFileSync(process.execPath, [join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'), 'plugin', 'ui/src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd: ROOT, encoding: 'utf8' });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? e);
    }
    expect(out).toContain('no dependency violations found');
  }, 60_000);
});
