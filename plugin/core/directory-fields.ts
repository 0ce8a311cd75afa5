// Fields of `format: "user"` hold a person of the directory, and `format: "department"` one of its
// departments: a value that names nothing the directory knows is refused at its pointer, as any invalid value.
import type { Json, JsonObject } from './types.ts';

const isObject = (v: Json | undefined): v is JsonObject => !!v && typeof v === 'object' && !Array.isArray(v);

export type DirectoryFormat = 'user' | 'department';

export interface UnknownEntry {
  path: string;
  message: string;
  value: string;
}

const MESSAGES: Record<DirectoryFormat, string> = {
  user: 'is not a person in the directory',
  department: 'is not a department of the directory',
};

/** Every value of a `format` field in `data` that `isKnown` does not know, with its pointer. */
export function unknownEntries(schema: JsonObject, data: Json | undefined, format: DirectoryFormat, isKnown: (id: string) => boolean, at = ''): UnknownEntry[] {
  if (schema.format === format) return typeof data === 'string' && data !== '' && !isKnown(data) ? [{ path: at, message: MESSAGES[format], value: data }] : [];
  if (isObject(schema.properties) && isObject(data))
    return Object.entries(schema.properties).flatMap(([key, sub]) =>
      isObject(sub) && Object.hasOwn(data, key) ? unknownEntries(sub, data[key], format, isKnown, `${at}/${key}`) : [],
    );
  if (isObject(schema.items) && Array.isArray(data)) return data.flatMap((item, i) => unknownEntries(schema.items as JsonObject, item, format, isKnown, `${at}/${i}`));
  return [];
}
