// JSON pointers (RFC 6901) over plain JSON data.
import type { Json, JsonObject } from './types.ts';

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function toPointer(parts: (string | number)[]): string {
  return parts.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function getAt(data: Json | undefined, pointer: string): Json | undefined {
  let node: Json | undefined = data;
  for (const key of parsePointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? node[Number(key)] : node[key];
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
    const obj = node as JsonObject;
    if (obj[key] === null || typeof obj[key] !== 'object') obj[key] = {};
    node = obj[key];
  }
  const last = parts[parts.length - 1];
  if (value === undefined) delete (node as JsonObject)[last];
  else (node as JsonObject)[last] = value;
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
