// Values a template derives from a record's data (totals, counts), exposed to rules and summaries.
import { getAt } from './pointer.ts';
import type { JsonObject, Template, RecordSummary } from './types.ts';

export function deriveValues(template: Template, data: JsonObject): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, def] of Object.entries(template.derived ?? {})) {
    const items = getAt(data, def.items);
    const list = Array.isArray(items) ? items : [];
    const num = (item: unknown, field: string) => {
      const v = item && typeof item === 'object' ? (item as JsonObject)[field] : undefined;
      return typeof v === 'number' ? v : 0;
    };
    const fields = def.fields ?? [];
    if (def.op === 'count') out[name] = list.length;
    else if (def.op === 'sum') out[name] = round(list.reduce((s: number, it) => s + num(it, fields[0]), 0));
    else out[name] = round(list.reduce((s: number, it) => s + num(it, fields[0]) * num(it, fields[1]), 0));
  }
  return out;
}

export function summarize(template: Template, data: JsonObject): RecordSummary {
  const s = template.summary;
  const summary: RecordSummary = {};
  const customer = s.customer ? getAt(data, s.customer) : undefined;
  if (typeof customer === 'string') summary.customer = customer;
  const contact = s.contact ? getAt(data, s.contact) : undefined;
  if (typeof contact === 'string') summary.contact = contact;
  if (s.amount?.startsWith('/')) {
    // a number field of the form's own ("/amount") rather than a derived total
    const own = getAt(data, s.amount);
    summary.amount = typeof own === 'number' ? round(own) : 0;
  } else if (s.amount) summary.amount = deriveValues(template, data)[s.amount] ?? 0;
  return summary;
}

/** Money is kept to the cent. */
export function round(n: number): number {
  return Math.round(n * 100) / 100;
}
