// What every request body must be before any endpoint reads it: a JSON object, without hostile shapes.
import type { Request, RequestHandler } from 'express';
import { HttpProblem } from './problem.ts';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON body as an object; `optional` lets an empty request stand for `{}` (e.g. a plain "approve"). */
export function jsonObjectBody(req: Request, optional = false): Record<string, unknown> {
  const body: unknown = req.body;
  if (body === undefined) {
    if (optional) return {};
    throw new HttpProblem('bad_request', {
      'zh-CN': '请求需要 JSON 对象作为内容（Content-Type: application/json）。',
      en: 'This request needs a JSON object body (Content-Type: application/json).',
    });
  }
  if (!isPlainObject(body)) {
    throw new HttpProblem('bad_request', {
      'zh-CN': '请求内容必须是 JSON 对象，不能是数组或其他值。',
      en: 'The body must be a JSON object, not an array or a bare value.',
    });
  }
  return body;
}

const escapeKey = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Far deeper than any form, bundle or rule needs (the prebuilt bundles nest 15 levels); deeper would overflow the recursive checks. */
export const MAX_BODY_DEPTH = 64;

/** The first thing no body may hold: a "__proto__" key, or nesting deeper than MAX_BODY_DEPTH; with its JSON pointer. */
export function hostileShape(body: unknown): { problem: 'prototype' | 'depth'; at: string } | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_BODY_DEPTH) return { problem: 'depth', at: path };
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}/${i}`, depth: depth + 1 });
      continue;
    }
    if (Object.hasOwn(value, '__proto__')) return { problem: 'prototype', at: `${path}/__proto__` };
    for (const key of Object.keys(value).reverse()) stack.push({ value: (value as Record<string, unknown>)[key], path: `${path}/${escapeKey(key)}`, depth: depth + 1 });
  }
  return undefined;
}

/**
 * JSON.parse keeps "__proto__" as an ordinary key, but most code that later reads or copies it by plain
 * property access reaches Object.prototype instead: no body may carry one, whatever the endpoint.
 * Nor may a body nest deeper than MAX_BODY_DEPTH: validation and diffs walk data recursively.
 */
const refuseHostileShapes: RequestHandler = (req, _res, next) => {
  const found = hostileShape(req.body);
  if (found === undefined) {
    next();
    return;
  }
  const { problem, at } = found;
  next(problem === 'prototype'
    ? new HttpProblem('bad_request', {
      'zh-CN': `请求内容中不允许使用键名“__proto__”（位置：${at}）。`,
      en: `The key "__proto__" is not allowed in a body (at ${at}).`,
    }, [{ path: at, message: 'the key "__proto__" is not allowed' }])
    : new HttpProblem('bad_request', {
      'zh-CN': `请求内容嵌套超过 ${MAX_BODY_DEPTH} 层（位置：${at}）。`,
      en: `The body is nested deeper than ${MAX_BODY_DEPTH} levels (at ${at}).`,
    }, [{ path: at, message: `nested deeper than ${MAX_BODY_DEPTH} levels` }]));
};

/** A JSON body parser followed by the checks every parsed body must pass. */
export function checkedJson(parse: RequestHandler): RequestHandler {
  return (req, res, next) => {
    parse(req, res, (err?: unknown) => {
      if (err) next(err);
      else refuseHostileShapes(req, res, next);
    });
  };
}
