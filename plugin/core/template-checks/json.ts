// Small readers of plain JSON that every template check shares.
import type { Json, JsonObject } from '../types.ts';

/** Own keys only: a state called "constructor" must not be found on Object.prototype. */
export function has(map: object | undefined, key: string): boolean {
  return map !== undefined && Object.hasOwn(map, key);
}

/** The entry under an own key, if there is one. */
export function own<T>(map: Record<string, T> | undefined, key: string): T | undefined {
  return map !== undefined && has(map, key) ? map[key] : undefined;
}

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The names a template section defines, as messages list them. */
export function namesOf(map: object | undefined): string {
  return Object.keys(map ?? {}).join(', ') || 'none';
}

export function getIn(value: Json, path: string[]): Json | undefined {
  let node: Json | undefined = value;
  for (const key of path) node = isObject(node) ? node[key] : undefined;
  return node;
}
