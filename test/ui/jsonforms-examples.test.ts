// JSON Forms' own published examples (@jsonforms/examples), each imported as a template as it is written, drawn on
// the create, edit and record pages, on a desktop and on a phone: every control is on screen, and every rule hides,
// shows, enables and disables as JSON Forms' own rule evaluation says for the data on that page.
import { createAjv, createLabelDescriptionFrom, isEnabled, isVisible, Resolve, type ControlElement, type JsonSchema, type UISchemaElement } from '@jsonforms/core';
import { getExamples } from '@jsonforms/examples';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../plugin/core/types.ts';
import { initialData } from '../../ui/src/forms/initial-data';
import type { Template } from '../../ui/src/model';
import { adminOnlyTemplate, labels } from '../fixtures/admin-only-template';
import { startHarness, type Harness } from './harness';

/**
 * The examples whose elements are JSON Forms' documented vocabulary: layouts, groups, labels, controls of every
 * kind, and rules (SHOW, HIDE, ENABLE, OR conditions, on controls and layouts). A rule written as a JavaScript
 * function (the `rule` example's third) is not JSON: a template holds what is left of it, as JSON Forms does.
 */
const CHOSEN = ['categorization', 'categorizationstepper', 'rule', 'layout-vertical', 'layout-horizontal', 'layout-group', 'layout-complex', 'person', 'rule-enable', '1884', 'array-with-detail-and-rule', 'enum', 'radio-group', 'numbers', 'text', 'dates', 'login'];
const examples = getExamples().filter((e) => CHOSEN.includes(e.name));

const ajv = createAjv();

/** Only what the schema declares: a record holds no field its form does not have. */
function declared(schema: JsonSchema, data: JsonObject): JsonObject {
  const props = schema.properties ?? {};
  return Object.fromEntries(Object.entries(data).filter(([k]) => k in props).map(([k, v]) => [k, props[k].type === 'object' && v && typeof v === 'object' ? declared(props[k], v as JsonObject) : v]));
}

/**
 * The example's data as a record can hold it: only declared fields, completed where its own schema asks for more
 * (required fields, bounds, a listed value) — some examples show their data's errors on purpose.
 */
function storable(schema: JsonSchema, data: JsonObject): JsonObject {
  const out = declared(schema, structuredClone(data ?? {}));
  const validate = ajv.compile(schema);
  for (let round = 0; round < 5 && !validate(out); round++) {
    for (const e of validate.errors ?? []) {
      const sub = e.parentSchema as JsonSchema;
      // a missing field is set on the object that lacks it; any other error mends the value where it stands
      const [holder, key] = e.keyword === 'required'
        ? [e.instancePath.split('/').slice(1).reduce<any>((o, k) => o?.[k], out), (e.params as { missingProperty: string }).missingProperty]
        : [e.instancePath.split('/').slice(1, -1).reduce<any>((o, k) => o?.[k], out), e.instancePath.split('/').pop()!];
      const limit = (e.params as { limit?: number }).limit ?? 0;
      if (e.keyword === 'required') {
        const field = (sub.properties ?? {})[key] ?? {};
        holder[key] = field.enum?.[0] ?? (field.type === 'object' ? {} : field.type === 'integer' || field.type === 'number' ? Math.max(field.minimum ?? 0, 0) : field.type === 'boolean' ? false : field.format === 'date' ? '2026-01-02' : 'x'.repeat(field.minLength ?? 1));
      } else if (e.keyword === 'enum' || e.keyword === 'oneOf') holder[key] = sub.enum?.[0] ?? (sub.oneOf?.[0] as { const?: unknown })?.const;
      else if (e.keyword === 'maxLength') holder[key] = String(holder[key]).slice(0, limit);
      else if (e.keyword === 'minLength') holder[key] = String(holder[key]).padEnd(limit, 'x');
    }
  }
  return out;
}

interface Seen {
  label: string;
  visible: boolean;
  enabled: boolean;
}

/** What JSON Forms says of each control for this data: its label, whether it is shown, whether it may be changed. */
function expected(uischema: UISchemaElement, schema: JsonSchema, data: JsonObject): Seen[] {
  const out: Seen[] = [];
  const walk = (el: UISchemaElement, shown: boolean, enabled: boolean) => {
    const visible = shown && isVisible(el, data, '', ajv, undefined);
    const on = enabled && isEnabled(el, data, '', ajv, undefined);
    if (el.type === 'Control') {
      const control = el as ControlElement;
      const label = createLabelDescriptionFrom(control, Resolve.schema(schema, control.scope, schema));
      if (label.show && label.text) out.push({ label: label.text, visible, enabled: on });
      return;
    }
    // of a categorization, the first category is open when the page opens; the others wait behind their tabs
    const children = (el as { elements?: UISchemaElement[] }).elements ?? [];
    children.forEach((child, i) => walk(child, visible && (el.type !== 'Categorization' || i === 0), on));
  };
  walk(uischema, true, true);
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What the page shows of the controls with this label: how many are on screen, and how many of those take input. */
async function drawn(page: Page, label: string) {
  const controls = page.locator('[data-testid=record-form] .control').filter({ has: page.locator('label', { hasText: new RegExp(`^\\s*${escape(label)}\\s*\\*?\\s*$`) }) });
  let visible = 0;
  let enabled = 0;
  for (const control of await controls.all()) {
    if (!(await control.isVisible())) continue;
    visible++;
    const inputs = control.locator('input, select, textarea');
    if ((await inputs.count()) > 0 && !(await inputs.first().isDisabled())) enabled++;
  }
  return { visible, enabled };
}

async function checkPage(page: Page, url: string, uischema: UISchemaElement, schema: JsonSchema, data: JsonObject, readonly: boolean) {
  await page.goto(url);
  await page.locator('[data-testid=record-form]').waitFor();
  const want = expected(uischema, schema, data);
  for (const label of new Set(want.map((w) => w.label))) {
    const same = want.filter((w) => w.label === label);
    const got = await drawn(page, label);
    const shown = same.filter((w) => w.visible);
    expect(got.visible, `${url}: "${label}" on screen`).toBe(shown.length);
    if (!readonly) expect(got.enabled, `${url}: "${label}" takes input`).toBe(shown.filter((w) => w.enabled).length);
  }
}

let h: Harness;
let page: Page;
let token: string;

beforeAll(async () => {
  h = await startHarness();
  token = await h.token('admin');
  ({ page } = await h.signIn('admin'));
  page.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await h?.close();
});

describe('JSON Forms\' published examples as templates', () => {
  it('the chosen examples are all in the package', () => {
    expect(examples.map((e) => e.name).sort()).toEqual([...CHOSEN].sort());
  });

  for (const example of examples) {
    it(`${example.name}: imported as written, drawn on the create, edit and record pages (on a phone too), its rules holding as JSON Forms evaluates them`, async () => {
      const id = `jf-${example.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
      // the example as JSON, as an administrator would paste it
      const form = JSON.parse(JSON.stringify({ schema: example.schema, uischema: example.uischema })) as { schema: JsonObject; uischema: JsonObject };
      const template = adminOnlyTemplate({ id, name: labels(example.label, example.label), numberPrefix: 'JF', form });
      const installed = await h.call(token, 'POST', '/templates', template);
      expect(installed.status, JSON.stringify(installed.body)).toBe(201);

      const schema = form.schema as JsonSchema;
      const uischema = form.uischema as unknown as UISchemaElement;
      await checkPage(page, `${h.url}/orders/new?template=${id}`, uischema, schema, initialData(template as unknown as Template), false);

      const created = await h.call(token, 'POST', '/records', { template: id, data: storable(schema, example.data) });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const record = created.body as { id: string; data: JsonObject };
      await checkPage(page, `${h.url}/orders/${encodeURIComponent(record.id)}/edit`, uischema, schema, record.data, false);
      await checkPage(page, `${h.url}/orders/${encodeURIComponent(record.id)}`, uischema, schema, record.data, true);

      // on a phone the same, within the screen
      await page.setViewportSize({ width: 390, height: 844 });
      try {
        for (const path of [`/orders/${encodeURIComponent(record.id)}/edit`, `/orders/${encodeURIComponent(record.id)}`]) {
          await checkPage(page, `${h.url}${path}`, uischema, schema, record.data, path.endsWith('/edit') === false);
          expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} at 390 px`).toBeLessThanOrEqual(390);
        }
      } finally {
        await page.setViewportSize({ width: 1360, height: 860 });
      }
    }, 90_000);
  }
});
