// Opening stock for every product and warehouse a template's order lines can name.
import type { JsonObject, Template } from '../core/types.ts';
import type { StockMovement, Store } from '../runtime/ports.ts';
import type { Prng } from './prng.ts';

function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** The enum of one field of the template's line items, read from the form schema. */
export function lineFieldChoices(template: Template, field: 'product' | 'warehouse'): string[] {
  const lines = template.summary.lines;
  if (!lines) return [];
  let schema: JsonObject | undefined = template.form.schema;
  for (const segment of lines.path.split('/').filter(Boolean)) {
    schema = asObject(asObject(schema?.properties)?.[segment]);
  }
  const item = asObject(asObject(asObject(schema?.items)?.properties)?.[lines[field]]);
  const choices = item?.enum;
  return Array.isArray(choices) ? choices.filter((c): c is string => typeof c === 'string') : [];
}

export async function seedOpeningStock(store: Store, template: Template, at: Date, prng: Prng): Promise<StockMovement[]> {
  const stock: StockMovement[] = [];
  for (const product of lineFieldChoices(template, 'product')) {
    for (const warehouse of lineFieldChoices(template, 'warehouse')) {
      stock.push({
        id: `opening-${product}-${warehouse}`,
        product,
        warehouse,
        onHand: 300 + 50 * prng.int(0, 8),
        reserved: 0,
        at: at.toISOString(),
        note: 'opening stock',
      });
    }
  }
  await store.commit({ stock });
  return stock;
}
