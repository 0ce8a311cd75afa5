import { api } from '../api';
import type { JsonObject, RecordView } from '../model';

export interface CopyDraft {
  template: string;
  data: JsonObject;
  from: { id: string; number: string };
}

/** Where "copy to new" leads: the new-record form, filled with the copy's draft; nothing exists until it is saved. */
export const copyPath = (record: { id: string; template: string }): string =>
  `/orders/new?template=${encodeURIComponent(record.template)}&copyOf=${encodeURIComponent(record.id)}`;

/** What a copy would start with (the old dates and omitted fields left behind); creates nothing. */
export function copyDraft(id: string): Promise<CopyDraft> {
  return api<CopyDraft>('GET', `/records/${encodeURIComponent(id)}/copy`);
}

/** Saves the copy as the person left it. */
export function saveCopy(id: string, data: JsonObject): Promise<RecordView> {
  return api<RecordView>('POST', `/records/${encodeURIComponent(id)}/copy`, { data });
}
