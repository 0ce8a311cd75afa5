// Record data holds what its form declares, nothing else: a field the schema does not name (a typo, or a
// caller stuffing megabytes under a made-up key) is refused at its pointer. An object schema that says what
// else it takes (`additionalProperties`, `patternProperties`) or leaves it to combinators (oneOf, anyOf,
// allOf, if) keeps its own rule.
import type { Json, JsonObject } from './types.ts';

const isObject = (v: Json | undefined): v is JsonObject => !!v && typeof v === 'object' && !Array.isArray(v);
const OPEN = ['additionalProperties', 'patternProperties', 'unevaluatedProperties', 'oneOf', 'anyOf', 'allOf', 'if', '$ref'];
const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

export function undeclaredFields(schema: JsonObject, data: Json | undefined, at = ''): string[] {
  if (isObject(data) && isObject(schema.properties) && !OPEN.some((k) => Object.hasOwn(schema, k))) {
    const declared = schema.properties;
    return Object.keys(data).flatMap((key) =>
      Object.hasOwn(declared, key)
        ? isObject(declared[key]) ? undeclaredFields(declared[key] as JsonObject, data[key], `${at}/${escape(key)}`) : []
        : [`${at}/${escape(key)}`],
    );
  }
  if (Array.isArray(data) && isObject(schema.items)) return data.flatMap((item, i) => undeclaredFields(schema.items as JsonObject, item, `${at}/${i}`));
  return [];
}
