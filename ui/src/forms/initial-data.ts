// A new record's starting data: schema defaults, today for required dates, empty arrays and objects.
import type { JsonObject, Template } from '../model';

function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function initialData(t: Template): JsonObject {
  const schema = t.form.schema as { properties?: Record<string, JsonObject>; required?: string[] };
  const out: JsonObject = {};
  const required = new Set(schema.required ?? []);
  for (const [k, s] of Object.entries(schema.properties ?? {})) {
    if (s.default !== undefined) out[k] = s.default;
    else if (s.type === 'string' && s.format === 'date' && required.has(k)) out[k] = today();
    else if (s.type === 'object') out[k] = {};
    else if (s.type === 'array' && required.has(k)) out[k] = [];
  }
  return out;
}
