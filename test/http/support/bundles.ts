// The shipped sales-order bundle with its rules inlined, as an admin would upload it.
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../plugin/adapters/http/gallery.ts';
import { loadBundleFile } from '../../../plugin/adapters/template-files.ts';

export async function salesOrderBundle(): Promise<any> {
  return structuredClone(await loadBundleFile(join(PROJECT_ROOT, 'schemas', 'templates', 'sales-order.json'), PROJECT_ROOT));
}
