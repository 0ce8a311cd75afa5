// Binds a handler to an operation of the contract: its method and path, and its request body checked by its schema.
import type { Request, RequestHandler, Response, Router } from 'express';
import type { Operation } from './contract/kit.ts';
import { bodyIssues } from './body-issues.ts';
import { jsonObjectBody } from './body.ts';
import { validatorOf } from './contract-ajv.ts';
import { requestLanguage } from './language.ts';
import { HttpProblem } from './problem.ts';

type Handler<Body> = (req: Request<Record<string, string>>, res: Response, body: Body) => unknown;

/** An endpoint that declares no body takes none: an empty object at most. */
const NO_BODY = { type: 'object', additionalProperties: false, properties: {} };

/** The body as the operation declares it, or a 400 naming every field that is not. */
function checkedBody(req: Request, op: Operation): unknown {
  const declared = op.requestBody?.content;
  if (declared && !declared['application/json']) return req.body;
  if (op.method === 'get') return undefined;
  const schema = declared?.['application/json'].schema ?? NO_BODY;
  const body = jsonObjectBody(req, !declared || !op.requestBody?.required);
  const validate = validatorOf(schema);
  if (validate(body)) return body;
  const issues = bodyIssues(validate.errors ?? []);
  const lang = requestLanguage(req);
  throw new HttpProblem(
    'bad_request',
    { 'zh-CN': `${issues.map((i) => i.message['zh-CN']).join('；')}。`, en: `${issues.map((i) => i.message.en).join('; ')}.` },
    issues.map((i) => ({ path: i.path, message: i.message[lang] })),
  );
}

/** Express's form of an OpenAPI path under /api: `/api/records/{id}` → `/records/:id`. */
export const expressPath = (path: string): string => path.replace(/^\/api/, '').replace(/\{(\w+)\}/g, ':$1');

export function on<Body = Record<string, never>>(router: Router, op: Operation, handler: Handler<Body>, before: RequestHandler[] = []): void {
  router[op.method](expressPath(op.path), ...before, async (req, res) => {
    // the operation travels with the answer, so that answers can be checked against the contract
    res.locals.operation = op;
    // the contract's paths name only single segments ({id}), never wildcards: each parameter is one string
    await handler(req as Request<Record<string, string>>, res, checkedBody(req, op) as Body);
  });
}
