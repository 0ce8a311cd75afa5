// The prebuilt templates offered for installation: read from the bundle files shipped with the product.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Labels } from '../../core/types.ts';
import { listPrebuiltBundles, loadBundleFile } from '../template-files.ts';

export interface GalleryEntry {
  id: string;
  version: number;
  name: Labels;
  description?: Labels;
  /** The bundle with its rule files inlined, ready for importTemplate. */
  load(): Promise<unknown>;
}

export interface Gallery {
  entries(): Promise<GalleryEntry[]>;
}

/**
 * The project root: schemas/templates/*.json and the rules/ files they name live under it, and the built web
 * app in dist/ui. Found by walking up to package.json, so it is the same whether this file runs as TypeScript
 * from plugin/ or as the built JavaScript from dist/server/plugin/.
 */
export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

function findRoot(dir: string): string {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'package.json'))) return at;
    if (dirname(at) === at) return dir;
  }
}

export function fileGallery(rootDir: string = PROJECT_ROOT): Gallery {
  return {
    async entries() {
      const bundles = await listPrebuiltBundles(rootDir);
      return bundles.map((b) => ({
        id: b.id,
        version: b.version,
        name: b.name,
        description: b.description,
        load: () => loadBundleFile(b.file, rootDir),
      }));
    },
  };
}
