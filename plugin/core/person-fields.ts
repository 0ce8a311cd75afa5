// Fields of `format: "user"` hold a person of the directory: a value that names nobody (or someone whose
// account is disabled) is refused at its pointer, as any other invalid value.
import type { Json, JsonObject } from './types.ts';

const isObject = (v: Json | undefined): v is JsonObject => !!v && typeof v === 'object' && !Array.isArray(v);

export interface UnknownPerson {
  path: string;
  message: string;
  value: string;
}

/** Every value of a person field in `data` that `isPerson` does not know, with its pointer. */
export function unknownPeople(schema: JsonObject, data: Json | undefined, isPerson: (id: string) => boolean, at = ''): UnknownPerson[] {
  if (schema.format === 'user') return typeof data === 'string' && data !== '' && !isPerson(data) ? [{ path: at, message: 'is not a person in the directory', value: data }] : [];
  if (isObject(schema.properties) && isObject(data))
    return Object.entries(schema.properties).flatMap(([key, sub]) =>
      isObject(sub) && Object.hasOwn(data, key) ? unknownPeople(sub, data[key], isPerson, `${at}/${key}`) : [],
    );
  if (isObject(schema.items) && Array.isArray(data)) return data.flatMap((item, i) => unknownPeople(schema.items as JsonObject, item, isPerson, `${at}/${i}`));
  return [];
}
