// The prebuilt templates offered for installation: read from the bundle files shipped with the product.
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

/** The project root: schemas/templates/*.json and the rules/ files they name live under it. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

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
