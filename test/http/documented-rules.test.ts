// json-rules-engine's documented example rules, each guarding a template's one action: what json-rules-engine itself
// says on the facts the runtime builds is what the preview, the offered actions and the real call say (and where the
// engine stops with an error, the runtime says the rule does not hold rather than failing the request).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine, type OperatorEvaluator } from 'json-rules-engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFacts } from '../../plugin/core/facts.ts';
import type { JsonObject, Template, WorkRecord } from '../../plugin/core/types.ts';
import { ledgerBalances } from '../../plugin/runtime/plan.ts';
import { adminOnlyTemplate, labels } from '../fixtures/admin-only-template.ts';
import type { ApiClient } from './support/api-client.ts';
import { expectProblem } from './support/orders.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

interface Example {
  name: string;
  source: string;
  fields: JsonObject;
  rule: JsonObject;
  conditions?: Record<string, JsonObject>;
  operators?: string[];
  note?: string;
}
interface Supported extends Example {
  holds: JsonObject[];
  fails: JsonObject[];
  /** Data on which json-rules-engine stops with an error: the runtime says the rule does not hold. */
  engineThrows?: JsonObject[];
}
interface Refused extends Example {
  errors: { path: string; message: string }[];
}

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'documented-rules');
const read = <T>(file: string): T => (JSON.parse(readFileSync(join(fixtures, file), 'utf8')) as { examples: T }).examples;
const supported = read<Supported[]>('supported.json');
const refused = read<Refused[]>('refused.json');

/** examples/06-custom-operators.js, as documented; the host adds it to the runtime as it would to an engine. */
const startsWith: OperatorEvaluator<string, string> = (factValue, jsonValue) => {
  if (!factValue.length) return false;
  return factValue[0].toLowerCase() === jsonValue.toLowerCase();
};
const hostOperators: Record<string, OperatorEvaluator<any, any>> = { startsWith };

const GUARD_MESSAGE = labels('记录不满足文档示例规则。', 'The record does not meet the documented rule.');

/** A template whose one action, finish, is guarded by the example's rule. */
function templateOf(example: Example, i: number) {
  const t: Record<string, unknown> = adminOnlyTemplate({
    id: `documented-rule-${i}`,
    name: labels(`文档规则 ${i}`, `Documented rule ${i}`),
    numberPrefix: `DR${i}`,
    form: { schema: { type: 'object', properties: example.fields }, uischema: { type: 'VerticalLayout', elements: [] } },
  });
  t.rules = { documented: example.rule };
  if (example.conditions) t.conditions = example.conditions;
  (t.actions as any).finish.guards = [{ rule: 'documented', message: GUARD_MESSAGE }];
  return t;
}

/** json-rules-engine as its README shows it: a new Engine, the rule as written, the facts the runtime gives it. */
async function engineSays(example: Example, facts: JsonObject): Promise<boolean> {
  const engine = new Engine();
  for (const name of example.operators ?? []) engine.addOperator(name, hostOperators[name]);
  for (const [name, condition] of Object.entries(example.conditions ?? {})) engine.setCondition(name, condition as never);
  engine.addRule(example.rule as never);
  const { results } = await engine.run(facts);
  return results.length > 0;
}

let app: TestApp;
let admin: ApiClient;

beforeAll(async () => {
  app = await startTestApp();
  admin = await app.as('admin');
});
afterAll(() => app.close());

describe('documented features a template cannot hold are refused at import, at their pointer, saying why', () => {
  refused.forEach((example, i) => {
    it(`${example.name} (${example.source})`, async () => {
      const bundle = templateOf(example, 100 + i);
      const res = await admin.post('/api/templates', bundle);
      expectProblem(res, 422, 'template_invalid');
      expect(res.body.errors).toEqual(expect.arrayContaining(example.errors.map((e) => ({ path: e.path, message: expect.stringMatching(new RegExp(e.message)) }))));
      expect(res.body.errors).toHaveLength(example.errors.length);
      expectProblem(await admin.get(`/api/templates/${bundle.id}`), 404, 'not_found');
    });
  });
});

describe('documented rules as guards: the engine, the preview, the offered actions and the call agree', () => {
  beforeAll(() => {
    for (const [name, fn] of Object.entries(hostOperators)) app.rules.addOperator(name, fn);
  });

  supported.forEach((example, i) => {
    it(`${example.name} (${example.source})`, async () => {
      const bundle = templateOf(example, i);
      const imported = await admin.post('/api/templates', bundle);
      expect(imported.body).toMatchObject({ id: bundle.id });
      expect(imported.status).toBe(201);
      const template = (await app.store.getTemplate(bundle.id as string, 1)) as Template;

      const cases = [
        ...example.holds.map((data) => ({ data, holds: true, throws: false })),
        ...example.fails.map((data) => ({ data, holds: false, throws: false })),
        ...(example.engineThrows ?? []).map((data) => ({ data, holds: false, throws: true })),
      ];
      for (const { data, holds, throws } of cases) {
        const what = `${holds ? 'holds' : throws ? 'stops the engine' : 'fails'} on ${JSON.stringify(data)}`;
        const created = await admin.post('/api/records', { template: bundle.id, data });
        expect(created.status, what).toBe(201);
        const id = created.body.id as string;
        const record = (await app.store.getRecord(id)) as WorkRecord;

        // (a) json-rules-engine itself, on the facts the runtime builds for this caller and record
        const facts = buildFacts(template, record, app.people.admin.actor, {}, await ledgerBalances(app.store, id));
        if (throws) await expect(engineSays(example, facts), `engine ${what}`).rejects.toThrow(/Cannot read properties of undefined|is not a function/);
        else expect(await engineSays(example, facts), `engine ${what}`).toBe(holds);

        // (b) the preview
        const preview = await admin.get(`/api/records/${id}/actions/finish/preview`);
        expect(preview.status, what).toBe(200);
        expect(preview.body.allowed, `preview ${what}`).toBe(holds);
        if (!holds) expect(preview.body.code, what).toBe('guard_failed');

        // (c) the actions offered on the record
        const seen = await admin.get(`/api/records/${id}`);
        expect(seen.body.availableActions.map((a: { name: string }) => a.name).includes('finish'), `offered ${what}`).toBe(holds);

        // (d) the real call
        const done = await admin.post(`/api/records/${id}/actions/finish`, {});
        if (holds) {
          expect(done.status, `call ${what}: ${JSON.stringify(done.body)}`).toBe(200);
          expect(done.body.status).toBe('done');
        } else {
          expectProblem(done, 422, 'guard_failed');
          expect(done.body.detail).toContain(GUARD_MESSAGE['zh-CN']);
        }
      }
    });
  });
});
