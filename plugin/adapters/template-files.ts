// Template bundles on disk: a bundle file names its rules by path; importing needs them inlined.
import { PluginFailure } from '../core/errors.ts';
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Labels } from '../core/types.ts';

/** A bundle shipped under schemas/templates/, described without loading its rules. */
export interface PrebuiltBundle {
  /** Absolute path of the bundle file. */
  file: string;
  id: string;
  version: number;
  name: Labels;
  description?: Labels;
}

/**
 * Reads a bundle (`file` relative to rootDir, or absolute) and replaces every string under `rules`
 * by the parsed JSON of the file it names, relative to rootDir. Everything else is left for validateTemplate.
 */
export async function loadBundleFile(file: string, rootDir: string): Promise<unknown> {
  const bundlePath = resolve(rootDir, file);
  const bundle = await readJson(bundlePath, `template bundle ${bundlePath}`);
  if (!isPlainObject(bundle) || !isPlainObject(bundle.rules)) return bundle;
  const rules: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(bundle.rules)) {
    rules[name] = typeof value === 'string' ? await readRule(name, value, rootDir, bundlePath) : value;
  }
  return { ...bundle, rules };
}

/** The bundles under rootDir/schemas/templates, by file name. */
export async function listPrebuiltBundles(rootDir: string): Promise<PrebuiltBundle[]> {
  const dir = join(rootDir, 'schemas', 'templates');
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const out: PrebuiltBundle[] = [];
  for (const name of names) {
    const file = resolve(dir, name);
    const bundle = await readJson(file, `template bundle ${file}`);
    if (!isPlainObject(bundle) || typeof bundle.id !== 'string' || typeof bundle.version !== 'number' || !isPlainObject(bundle.name)) {
      throw new PluginFailure('seed_failed', `template bundle ${file} has no id, version and name at its top level`);
    }
    out.push({
      file,
      id: bundle.id,
      version: bundle.version,
      name: bundle.name as unknown as Labels,
      ...(isPlainObject(bundle.description) ? { description: bundle.description as unknown as Labels } : {}),
    });
  }
  return out;
}

async function readRule(name: string, path: string, rootDir: string, bundlePath: string): Promise<unknown> {
  const root = resolve(rootDir);
  const file = resolve(root, path);
  // a bundle may only reach files under its own project, never elsewhere on the machine
  const inside = relative(root, file);
  if (isAbsolute(path) || inside.startsWith('..') || isAbsolute(inside)) {
    throw new PluginFailure('seed_failed', `rule '${name}' in ${bundlePath} names ${path}, which is outside ${root}`);
  }
  return readJson(file, `rule '${name}' (${path}) in ${bundlePath}`);
}

async function readJson(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new PluginFailure('seed_failed', `cannot read ${what}: ${code === 'ENOENT' ? `no file ${file}` : (e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new PluginFailure('seed_failed', `cannot parse ${what}: ${file} is not valid JSON (${(e as Error).message})`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
