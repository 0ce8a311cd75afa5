import { api } from '../api';
import type { RecordView } from '../model';

/** "Copy to new order": a new draft with the same data. */
export function copyRecord(id: string): Promise<RecordView> {
  return api<RecordView>('POST', `/records/${encodeURIComponent(id)}/copy`);
}
