// The small vocabulary the contract is written in: schemas, parameters, bodies and answers of OpenAPI 3.1.
import { PROBLEMS, type ProblemCode } from '../problem.ts';

export type Schema = Record<string, unknown>;
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Answer {
  description: string;
  content?: Record<string, { schema: Schema }>;
  headers?: Record<string, { description: string; schema: Schema }>;
}

/** One endpoint: what it takes and what it answers. Routes are bound to it, the document is made of it. */
export interface Operation {
  method: Method;
  /** The path as OpenAPI writes it, with `{name}` parameters, under /api. */
  path: string;
  summary: string;
  description?: string;
  /** `[]` for the endpoints a stranger may call. */
  security?: [];
  parameters?: Schema[];
  requestBody?: { required: boolean; description?: string; content: Record<string, { schema: Schema }> };
  responses: Record<number, Answer>;
}

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
export const ok = (description: string, schema?: Schema): Answer => (schema ? { description, content: { 'application/json': { schema } } } : { description });
export const file = (description: string, types: string[]): Answer => ({ description, content: Object.fromEntries(types.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) });
export const jsonBody = (schema: Schema, required = true): Operation['requestBody'] => ({ required, content: { 'application/json': { schema } } });
export const pathParam = (name: string, description: string): Schema => ({ name, in: 'path', required: true, schema: { type: 'string' }, description });
export const query = (name: string, schema: Schema, description = ''): Schema => ({ name, in: 'query', required: false, schema, description });
export const ifMatch = (required: boolean): Schema => ({ name: 'If-Match', in: 'header', required, schema: { type: 'string' }, description: 'The version the client read: `"3"`, `W/"3"` or `3`.' });
export const idParam = pathParam('id', 'Record id.');

/** A JSON object of exactly these fields: what a request body or a strict answer is. */
export const object = (properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: 'object',
  additionalProperties: false,
  ...(required.length > 0 ? { required } : {}),
  properties,
});

const WHAT: Partial<Record<number, string>> = {
  400: 'Malformed JSON, wrong types, unknown or forbidden fields',
  401: 'No or bad credentials',
  403: 'The role or the record scope does not allow it',
  404: 'No such record, template or approval, or outside the caller\'s scope',
  409: 'Stale version, or the state does not allow it',
  413: 'Body larger than the limit',
  422: 'Refused by the template or the books',
  429: 'Too many attempts; Retry-After says when to try again',
  503: 'The store cannot be trusted now (a write failed and could not be read back); /api/health says why',
  507: 'The embedded store is at its size ceiling (STORE_MAX_MB); nothing was written',
};

/** The problem answer for a status, naming the codes the problem table gives that status. */
export function problem(status: number): Answer {
  const codes = (Object.keys(PROBLEMS) as ProblemCode[]).filter((c) => PROBLEMS[c].status === status);
  return {
    description: `${WHAT[status] ?? 'Refused'}: ${codes.map((c) => `\`${c}\``).join(', ')}.`,
    content: { 'application/problem+json': { schema: ref('Problem') } },
  };
}

/** The problem answers of these statuses, ready to spread into `responses`. */
export const problems = (...statuses: number[]): Record<number, Answer> => Object.fromEntries(statuses.map((s) => [s, problem(s)]));
