// Walking every record a query matches, a page at a time, so that no single read holds a whole template's
// records (exports, moving records to a new template version).
import type { WorkRecord } from '../core/types.ts';
import type { RecordQuery, Store } from './ports.ts';
import { MAX_PAGE_SIZE } from './runtime-api.ts';

export async function* recordPages(store: Store, query: Omit<RecordQuery, 'page' | 'pageSize'>): AsyncGenerator<{ items: WorkRecord[]; total: number }> {
  for (let page = 1; ; page++) {
    const found = await store.findRecords({ ...query, page, pageSize: MAX_PAGE_SIZE });
    yield found;
    if (found.items.length < MAX_PAGE_SIZE) return;
  }
}
