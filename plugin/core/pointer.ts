// JSON pointers (RFC 6901) over plain JSON data.
import type { Json, JsonObject } from './types.ts';

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function toPointer(parts: (string | number)[]): string {
  return parts.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

// Data keys are read and written as own properties only: JSON.parse makes "__proto__" an ordinary key,
// and plain property access on it would reach (and writing through it would change) Object.prototype.

/** The value under an own key, if there is one. */
export function ownAt(node: object, key: string): Json | undefined {
  return Object.hasOwn(node, key) ? (node as JsonObject)[key] : undefined;
}

function setOwn(node: object, key: string, value: Json): void {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

export function getAt(data: Json | undefined, pointer: string): Json | undefined {
  let node: Json | undefined = data;
  for (const key of parsePointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? node[Number(key)] : ownAt(node, key);
  }
  return node;
}

/** Returns a copy of `data` with the value at `pointer` set (or removed when value is undefined). */
export function setAt(data: JsonObject, pointer: string, value: Json | undefined): JsonObject {
  const parts = parsePointer(pointer);
  if (parts.length === 0) return data;
  const root = structuredClone(data);
  let node: Json = root;
  for (const key of parts.slice(0, -1)) {
    let next = ownAt(node as JsonObject, key);
    if (next === null || typeof next !== 'object') setOwn(node as JsonObject, key, (next = {}));
    node = next;
  }
  const last = parts[parts.length - 1];
  if (value === undefined) {
    if (Object.hasOwn(node as JsonObject, last)) delete (node as JsonObject)[last];
  } else setOwn(node as JsonObject, last, value);
  return root;
}

/** True when `prefix` names `pointer` or something that contains it. */
export function covers(prefix: string, pointer: string): boolean {
  return pointer === prefix || pointer.startsWith(prefix + '/');
}

/** Drops array indexes, so "/lines/3/price" reads as the schema field "/lines/price". */
export function fieldOf(pointer: string): string {
  return toPointer(parsePointer(pointer).filter((p) => !/^\d+$/.test(p)));
}
