// Record data stays a size the store, the audit trail and every reader can carry: strings, lists and the whole
// record have ceilings. A field's own maxLength / maxItems is its template's word on that field and wins (ajv
// checks it); everything else, including what open schemas (additionalProperties, oneOf…) let in, gets the
// template's `limits`, or the defaults here. The walk follows the data, so nothing in it escapes.
import { toPointer } from './pointer.ts';
import { childrenOf, combinedSchemas, deref } from './template-checks/schema-pointers.ts';
import type { Json, JsonObject, RecordLimitsDef, Template } from './types.ts';

export type RecordLimits = Required<RecordLimitsDef>;

export const DEFAULT_RECORD_LIMITS: RecordLimits = { maxStringLength: 10_000, maxItems: 1_000, maxRecordBytes: 256 * 1024 };

export function limitsOf(template: Pick<Template, 'limits'>): RecordLimits {
  const own = template.limits ?? {};
  return {
    maxStringLength: own.maxStringLength ?? DEFAULT_RECORD_LIMITS.maxStringLength,
    maxItems: own.maxItems ?? DEFAULT_RECORD_LIMITS.maxItems,
    maxRecordBytes: own.maxRecordBytes ?? DEFAULT_RECORD_LIMITS.maxRecordBytes,
  };
}

export interface LimitError {
  path: string;
  message: string;
}

// Enough to show what to fix; a list of thousands of the same complaint helps nobody.
const MAX_REPORTED = 20;

const isObject = (v: Json | undefined): v is JsonObject => !!v && typeof v === 'object' && !Array.isArray(v);

/** Where `value` (data or action params, checked against `schema`) is larger than the limits allow, by pointer. */
export function limitErrors(schema: JsonObject, value: Json | undefined, limits: RecordLimits): LimitError[] {
  const errors: LimitError[] = [];
  walk(schema, [schema], value, '', limits, errors);
  const bytes = jsonBytes(value);
  if (bytes > limits.maxRecordBytes) {
    const [largest, largestBytes] = largestField(value);
    errors.push({
      path: largest,
      message:
        `the data is ${size(bytes)} as JSON, more than the ${size(limits.maxRecordBytes)} a record of this template may hold` +
        (largest ? `; this field is the largest part (${size(largestBytes)})` : '') +
        ': shorten it, or have an admin raise "limits.maxRecordBytes" in the template',
    });
  }
  return errors.slice(0, MAX_REPORTED);
}

function walk(root: JsonObject, schemas: JsonObject[], value: Json | undefined, at: string, limits: RecordLimits, errors: LimitError[]): void {
  if (errors.length >= MAX_REPORTED) return;
  if (typeof value === 'string') {
    // length counts UTF-16 units, never fewer than characters: only a long one needs counting
    if (value.length <= limits.maxStringLength || ownLimit(root, schemas, 'maxLength') !== undefined) return;
    const characters = [...value].length;
    if (characters > limits.maxStringLength) {
      errors.push({
        path: at,
        message: `is ${characters} characters long, more than the ${limits.maxStringLength} a field without its own maxLength may hold: shorten it, or have an admin give the field a maxLength or raise "limits.maxStringLength" in the template`,
      });
    }
  } else if (Array.isArray(value)) {
    if (value.length > limits.maxItems && ownLimit(root, schemas, 'maxItems') === undefined) {
      errors.push({
        path: at,
        message: `has ${value.length} items, more than the ${limits.maxItems} a list without its own maxItems may hold: split it over several records, or have an admin give the list a maxItems or raise "limits.maxItems" in the template`,
      });
      return; // its items are past the limit anyway; walking thousands of them tells nothing more
    }
    value.forEach((item, i) => walk(root, childrenOf(root, schemas, String(i)), item, `${at}/${i}`, limits, errors));
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) walk(root, childrenOf(root, schemas, key), item, at + toPointer([key]), limits, errors);
  }
}

/** The largest value of `keyword` the schemas (and their allOf/anyOf/oneOf/then/else) give, if any gives one. */
function ownLimit(root: JsonObject, schemas: Json[], keyword: 'maxLength' | 'maxItems', depth = 0): number | undefined {
  let found: number | undefined;
  for (const s of schemas) {
    const node = deref(root, s);
    if (!node || depth > 16) continue;
    const nested = [...combinedSchemas(node), ...(['then', 'else'] as const).flatMap((w) => (node[w] === undefined ? [] : [node[w]]))];
    for (const n of [node[keyword], ownLimit(root, nested, keyword, depth + 1)]) {
      if (typeof n === 'number' && (found === undefined || n > found)) found = n;
    }
  }
  return found;
}

/** The top-level field whose JSON is largest, and its size; none when the value is not an object with fields. */
function largestField(value: Json | undefined): [string, number] {
  let best: [string, number] = ['', 0];
  if (!isObject(value)) return best;
  for (const [key, item] of Object.entries(value)) {
    const bytes = jsonBytes(item);
    if (bytes > best[1]) best = [toPointer([key]), bytes];
  }
  return best;
}

/** Bytes of the value as UTF-8 JSON, what a store writes and a reader downloads. */
export function jsonBytes(value: Json | undefined): number {
  if (value === undefined) return 0;
  const json = JSON.stringify(value);
  let bytes = json.length;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 2; // a surrogate pair: 4 bytes for its 2 units
      i++;
    } else if (c >= 0x800) bytes += 2;
    else if (c >= 0x80) bytes += 1;
  }
  return bytes;
}

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024)} KB (${bytes} bytes)`;
}
