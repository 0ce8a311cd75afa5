// Reading query strings and headers: garbage is a 400 that says what was expected.
import type { Request } from 'express';
import { HttpProblem } from './problem.ts';

function bad(name: string, zh: string, en: string): HttpProblem {
  return new HttpProblem('bad_request', { 'zh-CN': `参数 ${name} ${zh}`, en: `query parameter "${name}" ${en}` }, [
    { path: `/${name}`, message: en },
  ]);
}

/** One string value; a repeated parameter is refused rather than silently picking one. */
export function queryString(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw bad(name, '只能出现一次', 'may appear only once');
  return value;
}

/** Repeated or comma-separated values, e.g. `status=draft&status=confirmed` or `status=draft,confirmed`. */
export function queryList(req: Request, name: string): string[] | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  const parts = (Array.isArray(value) ? value : [value])
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  return parts.length > 0 ? parts : undefined;
}

export function queryInt(req: Request, name: string, min: number, max: number): number | undefined {
  const raw = queryString(req, name);
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw)) throw bad(name, '必须是整数', 'must be an integer');
  const n = Number(raw);
  if (n < min || n > max) throw bad(name, `必须在 ${min} 到 ${max} 之间`, `must be between ${min} and ${max}`);
  return n;
}

export function queryFlag(req: Request, name: string): boolean | undefined {
  const raw = queryString(req, name);
  if (raw === undefined) return undefined;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw bad(name, '必须是 true 或 false', 'must be true or false');
}

export function queryEnum<T extends string>(req: Request, name: string, allowed: readonly T[]): T | undefined {
  const raw = queryString(req, name);
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw bad(name, `必须是 ${allowed.join('、')} 之一`, `must be one of ${allowed.join(', ')}`);
  }
  return raw as T;
}

/** A date (YYYY-MM-DD) or a full ISO timestamp; anything else would silently filter wrong. */
export function queryDate(req: Request, name: string): string | undefined {
  const raw = queryString(req, name);
  if (raw === undefined) return undefined;
  const isoLike = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw);
  if (!isoLike || Number.isNaN(Date.parse(raw))) {
    throw bad(name, '必须是日期（YYYY-MM-DD）', 'must be a date (YYYY-MM-DD) or an ISO timestamp');
  }
  return raw;
}

/** The version a client read, from `If-Match: "3"`, `W/"3"` or a bare `3`. */
export function ifMatchVersion(req: Request): number | undefined {
  const raw = req.get('if-match');
  if (raw === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(raw);
  if (!match) {
    throw new HttpProblem('bad_request', {
      'zh-CN': `If-Match 必须是记录的版本号（例如 "3"），收到的是 ${raw}。`,
      en: `If-Match must be the record's version (e.g. "3"); got ${raw}.`,
    });
  }
  return Number(match[1]);
}
