// The OpenAPI 3.1 document, assembled from the operations the routes are bound to: what is served is what runs.
import * as actions from './actions.ts';
import * as approvals from './approvals.ts';
import * as books from './books.ts';
import { components } from './components.ts';
import * as inbox from './inbox.ts';
import { problems, type Operation } from './kit.ts';
import * as records from './records.ts';
import * as session from './session.ts';
import * as templates from './templates.ts';
import * as users from './users.ts';

const isOperation = (value: unknown): value is Operation =>
  typeof value === 'object' && value !== null && 'method' in value && 'path' in value && 'responses' in value;

/** Every operation of the API, once. */
export const operations: Operation[] = [session, users, templates, records, actions, approvals, inbox, books].flatMap((group) => Object.values(group).filter(isOperation));

/** Any write may meet a store that cannot take it: unavailable (503), or the embedded store at its ceiling (507). */
const EVERY_WRITE = problems(503, 507);

function pathsOf(list: Operation[]): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { method, path, ...rest } of list) {
    const described = method === 'get' ? rest : { ...rest, responses: { ...EVERY_WRITE, ...rest.responses } };
    paths[path] = { ...paths[path], [method]: described };
  }
  return paths;
}

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Order workflow API',
    version: '0.1.0',
    description: 'Templates declare forms, states, actions, rules and effects; this API lists, opens, edits and moves records through them. Errors are RFC 9457 problem+json with a stable `code`.',
  },
  servers: [{ url: '/' }],
  security: [{ bearer: [] }, { cookie: [] }],
  components: {
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'Token from POST /api/session.' },
      cookie: { type: 'apiKey', in: 'cookie', name: 'ow_token' },
    },
    schemas: components,
  },
  paths: pathsOf(operations),
};
