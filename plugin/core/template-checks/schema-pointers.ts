// Where pointers land in a JSON Schema: data pointers through properties and items, "$ref" and UI scopes into the document.
import { safeRegExp } from '../safe-regexp.ts';
import type { Json, JsonObject } from '../types.ts';
import { isObject } from './json.ts';

/** The subschemas a value must (also or instead) match: allOf, anyOf, oneOf. */
export function combinedSchemas(schema: JsonObject): Json[] {
  return ['allOf', 'anyOf', 'oneOf'].flatMap((word) => {
    const list = schema[word];
    return Array.isArray(list) ? list : [];
  });
}

/** Schemas a data pointer can land on; pointers into list items (/lines/product or /lines/0/product) go through `items`. */
export function resolveData(root: JsonObject, pointer: string): JsonObject[] {
  let nodes: JsonObject[] = [root];
  for (const seg of splitPointer(pointer)) {
    nodes = nodes.flatMap((n) => childSchemas(root, n, seg, 0));
    if (nodes.length === 0) return [];
  }
  return nodes;
}

function childSchemas(root: JsonObject, schema: Json, seg: string, depth: number): JsonObject[] {
  const node = deref(root, schema);
  if (!node || depth > 16) return [];
  const direct: Json[] = [];
  const found: JsonObject[] = [];
  if (isObject(node.properties) && Object.hasOwn(node.properties, seg)) direct.push(node.properties[seg]);
  if (isObject(node.patternProperties)) {
    for (const [re, sub] of Object.entries(node.patternProperties)) if (safeRegExp(re)?.test(seg)) direct.push(sub);
  }
  if (direct.length === 0 && isObject(node.additionalProperties)) direct.push(node.additionalProperties);
  if (isObject(node.items)) {
    if (/^(\d+|-)$/.test(seg)) direct.push(node.items);
    else found.push(...childSchemas(root, node.items, seg, depth + 1));
  } else if (Array.isArray(node.items) && /^\d+$/.test(seg) && Number(seg) < node.items.length) {
    direct.push(node.items[Number(seg)]);
  }
  for (const s of direct) {
    const d = deref(root, s);
    if (d) found.push(d);
  }
  for (const sub of combinedSchemas(node)) found.push(...childSchemas(root, sub, seg, depth + 1));
  for (const word of ['then', 'else']) if (isObject(node[word])) found.push(...childSchemas(root, node[word], seg, depth + 1));
  return found;
}

/** Follows local "$ref"s (a bounded number, so a cycle ends); a remote one is left as it is. */
export function deref(root: JsonObject, schema: Json | undefined): JsonObject | undefined {
  let node = schema;
  for (let hops = 0; isObject(node) && typeof node.$ref === 'string' && hops < 16; hops++) {
    const ref: string = node.$ref;
    if (!ref.startsWith('#')) return node;
    node = schemaAt(root, ref.slice(1));
  }
  return isObject(node) ? node : undefined;
}

/** A pointer into the schema document itself, as in "$ref" and UI scopes (URI-encoded). */
export function schemaAt(root: JsonObject, fragment: string, start: JsonObject = root): Json | undefined {
  let node: Json | undefined = start;
  let segments: string[];
  try {
    segments = splitPointer(decodeURIComponent(fragment));
  } catch {
    return undefined;
  }
  for (const seg of segments) {
    node = deref(root, node);
    if (!node) return undefined;
    if (!Object.hasOwn(node, seg)) return undefined;
    node = node[seg];
  }
  return node;
}

export function isPointer(value: string): boolean {
  return /^(\/([^~/]|~[01])*)+$/.test(value);
}

export function isArraySchema(s: JsonObject): boolean {
  return s.type === 'array' || (Array.isArray(s.type) && s.type.includes('array')) || s.items !== undefined;
}

export function isNumberSchema(s: JsonObject): boolean {
  const types = Array.isArray(s.type) ? s.type : [s.type];
  return s.type === undefined || types.includes('number') || types.includes('integer');
}

/** RFC 6901 to the letter: "/" names the property "", where ../pointer.ts's parsePointer reads it as the whole document. */
function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
