// Record data stays a size the store, the audit trail and every reader can carry: strings, lists and the whole
// record have ceilings. A field's own maxLength / maxItems is its template's word on that field and wins (ajv
// checks it); everything else, including what open schemas (additionalProperties, oneOf…) let in, gets the
// template's `limits`, or the defaults here. The walk follows the data, so nothing in it escapes.
import { toPointer } from './pointer.ts';
import { combinedSchemas, deref, resolveData } from './template-checks/schema-pointers.ts';
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
  /** The same in 简体中文. */
  zh: string;
}

// Enough to show what to fix; a list of thousands of the same complaint helps nobody.
const MAX_REPORTED = 20;

const isObject = (v: Json | undefined): v is JsonObject => !!v && typeof v === 'object' && !Array.isArray(v);

/** Where `value` (data or action params, checked against `schema`) is larger than the limits allow, by pointer. */
export function limitErrors(schema: JsonObject, value: Json | undefined, limits: RecordLimits): LimitError[] {
  const errors: LimitError[] = [];
  walk(schema, value, [], limits, errors);
  const bytes = jsonBytes(value);
  if (bytes > limits.maxRecordBytes) {
    const [largest, largestBytes] = largestField(value);
    errors.push({
      path: largest,
      message:
        `the data is ${size(bytes)} as JSON, more than the ${size(limits.maxRecordBytes)} a record of this template may hold` +
        (largest ? `; this field is the largest part (${size(largestBytes)})` : '') +
        ': shorten it, or have an admin raise "limits.maxRecordBytes" in the template',
      zh:
        `数据（JSON）共 ${size(bytes)}，超过此模板每条记录可存的 ${size(limits.maxRecordBytes)}` +
        (largest ? `；此字段最大（${size(largestBytes)}）` : '') +
        '：请精简，或请管理员在模板中调高 "limits.maxRecordBytes"',
    });
  }
  return errors.slice(0, MAX_REPORTED);
}

// The walk looks up a node's schemas, and spells its pointer, only where the data passes a default: most
// records never pay for either. `path` holds the keys down to `value`.
function walk(root: JsonObject, value: Json | undefined, path: string[], limits: RecordLimits, errors: LimitError[]): void {
  if (errors.length >= MAX_REPORTED) return;
  if (typeof value === 'string') {
    // length counts UTF-16 units, never fewer than characters: only a long one needs counting
    if (value.length <= limits.maxStringLength) return;
    const at = toPointer(path);
    if (ownLimit(root, resolveData(root, at), 'maxLength') !== undefined) return;
    const characters = codePoints(value);
    if (characters > limits.maxStringLength) {
      errors.push({
        path: at,
        message: `is ${characters} characters long, more than the ${limits.maxStringLength} a field without its own maxLength may hold: shorten it, or have an admin give the field a maxLength or raise "limits.maxStringLength" in the template`,
        zh: `长 ${characters} 个字符，超过未设 maxLength 的字段可存的 ${limits.maxStringLength} 个：请缩短，或请管理员为此字段设 maxLength、或在模板中调高 "limits.maxStringLength"`,
      });
    }
  } else if (Array.isArray(value)) {
    if (value.length > limits.maxItems) {
      const at = toPointer(path);
      if (ownLimit(root, resolveData(root, at), 'maxItems') === undefined) {
        errors.push({
          path: at,
          message: `has ${value.length} items, more than the ${limits.maxItems} a list without its own maxItems may hold: split it over several records, or have an admin give the list a maxItems or raise "limits.maxItems" in the template`,
          zh: `有 ${value.length} 项，超过未设 maxItems 的列表可存的 ${limits.maxItems} 项：请分成几条记录，或请管理员为此列表设 maxItems、或在模板中调高 "limits.maxItems"`,
        });
        return; // its items are past the limit anyway; walking thousands of them tells nothing more
      }
    }
    for (let i = 0; i < value.length; i++) {
      path.push(String(i));
      walk(root, value[i], path, limits, errors);
      path.pop();
    }
  } else if (isObject(value)) {
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      path.push(key);
      walk(root, value[key], path, limits, errors);
      path.pop();
    }
  }
}

function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
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
