// Values a template derives from a record's data (totals, counts), exposed to rules and summaries.
import { lineAmount, sumMoney, MoneyError, roundMoney, sumRounded } from './money.ts';
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
    // Sums are exact, rounded once to the cent; a sum of products rounds each line to the cent, then adds (docs/money.md).
    else if (def.op === 'sum') out[name] = sumRounded(list.map((it) => num(it, fields[0])));
    else out[name] = sumMoney(list.map((it) => lineAmount(num(it, fields[0]), num(it, fields[1]))));
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
    summary.amount = typeof own === 'number' ? roundMoney(own) : 0;
  } else if (s.amount) summary.amount = deriveValues(template, data)[s.amount] ?? 0;
  return summary;
}

/**
 * Where the data would make a derived total or the summary's amount too large to count to the cent: a record
 * holding such data is refused at save (validation), so deriving never meets it.
 */
export function derivedProblems(template: Partial<Pick<Template, 'derived' | 'summary'>>, data: JsonObject): { path: string; message: string; zh: string }[] {
  const tooLarge = (at: string, run: () => unknown) => {
    try {
      run();
      return [];
    } catch (e) {
      if (!(e instanceof MoneyError)) throw e;
      return [{ path: at, message: `makes an amount beyond the largest counted to the cent (${e.message})`, zh: `得出的金额超过了能精确到分的最大值（${e.message}）` }];
    }
  };
  const own = template.summary?.amount?.startsWith('/') ? template.summary.amount : undefined;
  return [
    ...Object.entries(template.derived ?? {}).flatMap(([name, def]) => tooLarge(def.items, () => deriveValues({ derived: { [name]: def } } as unknown as Template, data))),
    ...(own ? tooLarge(own, () => summarize({ summary: { amount: own } } as unknown as Template, data)) : []),
  ];
}
