// ajv's messages in the reader's language; server messages (keyword "server") pass through.
import type { ErrorObject } from 'ajv';

type T = (key: string, vars?: Record<string, string | number>) => string;

export function translateAjvError(error: ErrorObject, t: T): string {
  if (error.keyword === 'server') return error.message ?? '';
  const p = (error.params ?? {}) as Record<string, unknown>;
  // a wrong type says which: "must be a whole number" where 1.5 was typed for a quantity
  const key = error.keyword === 'type' && p.type === 'integer' ? 'validation.integer' : `validation.${error.keyword}`;
  const vars: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p)) {
    if (typeof v === 'string' || typeof v === 'number') vars[k] = v;
  }
  const text = t(key, vars);
  return text === key ? error.message ?? key : text;
}

/** Server errors ({ path: JSON pointer, message }) as ajv errors JSON Forms shows beside the fields. */
export function serverErrorsToAjv(errors: { path: string; message: string }[] | undefined): ErrorObject[] {
  return (errors ?? []).map((e) => {
    const raw = e.path.startsWith('/data/') ? e.path.slice(5) : e.path === '/data' ? '' : e.path;
    return {
      instancePath: raw,
      schemaPath: '#/server',
      keyword: 'server',
      params: {},
      message: e.message,
    };
  });
}
