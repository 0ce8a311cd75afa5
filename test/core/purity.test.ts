// The core is pure: it imports nothing that does I/O, no framework, and nothing from the shell around it.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CORE = fileURLToPath(new URL('../../plugin/core/', import.meta.url));

const FORBIDDEN: { what: string; test: (specifier: string) => boolean }[] = [
  { what: 'node built-ins', test: (s) => s.startsWith('node:') || ['fs', 'fs/promises', 'path', 'os', 'crypto', 'http', 'child_process', 'url', 'process'].includes(s) },
  { what: 'express', test: (s) => s === 'express' || s.startsWith('express/') },
  { what: 'lowdb', test: (s) => s === 'lowdb' || s.startsWith('lowdb/') },
  { what: 'react', test: (s) => s === 'react' || s.startsWith('react/') || s.startsWith('react-') },
  { what: 'pg', test: (s) => s === 'pg' || s.startsWith('pg/') },
  { what: 'json-rules-engine', test: (s) => s === 'json-rules-engine' },
  { what: 'the runtime', test: (s) => /(^|\/)runtime(\/|$)/.test(s) },
  { what: 'the adapters', test: (s) => /(^|\/)adapters(\/|$)/.test(s) },
];

/** Every module specifier a file names: static imports and re-exports, dynamic import() and require(). */
function specifiers(source: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) out.push(m[1]);
  return out;
}

async function coreFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? coreFiles(join(dir, e.name)) : Promise.resolve(e.name.endsWith('.ts') ? [join(dir, e.name)] : []))));
  return nested.flat();
}

describe('plugin/core stays pure', () => {
  it('the specifier reader sees every kind of import', () => {
    const sample = [
      "import { a } from 'node:fs';",
      'import type { B } from "../runtime/ports.ts";',
      "export { c } from '../adapters/x.ts';",
      "import 'express';",
      "const m = await import('lowdb');",
      "const r = require('pg');",
      "import {\n  x,\n  y,\n} from 'react';",
    ].join('\n');
    expect(specifiers(sample).sort()).toEqual(['../adapters/x.ts', '../runtime/ports.ts', 'express', 'lowdb', 'node:fs', 'pg', 'react'].sort());
  });

  it('every file of plugin/core imports only pure modules', async () => {
    const files = await coreFiles(CORE);
    expect(files.length).toBeGreaterThan(5);
    const offences: string[] = [];
    for (const file of files) {
      for (const s of specifiers(await readFile(file, 'utf8'))) {
        for (const rule of FORBIDDEN) if (rule.test(s)) offences.push(`${file.slice(CORE.length)} imports ${s} (${rule.what})`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('no core file reads the clock or the environment itself', async () => {
    const offences: string[] = [];
    for (const file of await coreFiles(CORE)) {
      const text = (await readFile(file, 'utf8')).replace(/\/\/.*$/gm, '');
      for (const bad of ['Date.now(', 'new Date(', 'process.', 'Math.random(']) if (text.includes(bad)) offences.push(`${file.slice(CORE.length)} uses ${bad}`);
    }
    expect(offences).toEqual([]);
  });
});
