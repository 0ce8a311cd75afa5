// The form (its schema, labels and UI scopes), the summary and the derived values: every pointer must land in the form schema.
import { toPointer } from '../pointer.ts';
import type { Json, JsonObject } from '../types.ts';
import type { CheckContext } from './context.ts';
import { isObject } from './json.ts';
import { deref, isNumberSchema, schemaAt } from './schema-pointers.ts';
import type { Fail } from './types.ts';

const SUMMARY_LINE_FIELDS = ['product', 'warehouse', 'quantity', 'price'] as const;

export function checkForm(ctx: CheckContext): void {
  const { t } = ctx;
  ctx.compile(t.form.schema, '/form/schema');
  for (const pointer of Object.keys(t.form.labels ?? {})) ctx.field(pointer, toPointer(['form', 'labels', pointer]));
  checkUiSchema(t.form.uischema, t.form.schema, '/form/uischema', ctx.fail);
}

export function checkSummary(ctx: CheckContext): void {
  const s = ctx.t.summary;
  if (s.customer !== undefined) ctx.field(s.customer, '/summary/customer');
  if (s.contact !== undefined) ctx.field(s.contact, '/summary/contact');
  if (s.amount?.startsWith('/')) {
    const found = ctx.field(s.amount, '/summary/amount');
    if (found.length > 0 && !found.some(isNumberSchema)) ctx.fail('/summary/amount', `'${s.amount}' is not a number field, so it cannot be the record's amount`);
  } else if (s.amount !== undefined) ctx.derived(s.amount, '/summary/amount');
  if (s.lines && ctx.list(s.lines.path, '/summary/lines/path')) {
    for (const key of SUMMARY_LINE_FIELDS) {
      const name = s.lines[key];
      if (name !== undefined) ctx.itemField(s.lines.path, name, toPointer(['summary', 'lines', key]));
    }
  }
}

export function checkDerived(ctx: CheckContext): void {
  for (const [name, d] of Object.entries(ctx.t.derived ?? {})) {
    const at = toPointer(['derived', name]);
    if (!ctx.list(d.items, `${at}/items`)) continue;
    (d.fields ?? []).forEach((f, i) => {
      const found = ctx.itemField(d.items, f, `${at}/fields/${i}`);
      if (found.length > 0 && !found.some(isNumberSchema)) ctx.fail(`${at}/fields/${i}`, `'${f}' is not a number field, so '${d.op}' cannot add it up`);
    });
  }
}

/** The UI schema elements the record form draws (JSON Forms' vanilla renderers and ours in ui/src/forms). */
export const UI_ELEMENTS = ['VerticalLayout', 'HorizontalLayout', 'Group', 'Label', 'Control', 'Categorization', 'Category'];
/** JSON Forms rule effects; SHOW and HIDE are also applied by the server (a hidden field is not required). */
export const UI_RULE_EFFECTS = ['SHOW', 'HIDE', 'ENABLE', 'DISABLE'];

/** `element`: the node stands where a UI schema element does (the root, `elements`, `options.detail`). */
function checkUiSchema(node: Json, schema: JsonObject, at: string, fail: Fail, base?: JsonObject, element = true): void {
  if (Array.isArray(node)) {
    node.forEach((child, i) => checkUiSchema(child, schema, `${at}/${i}`, fail, base, element));
    return;
  }
  if (!isObject(node)) return;
  if (element && typeof node.type !== 'string') fail(at, `a UI schema element needs a "type" (one of: ${UI_ELEMENTS.join(', ')})`);
  else if (element && !UI_ELEMENTS.includes(node.type as string))
    fail(`${at}/type`, `the form does not draw UI schema elements of type '${node.type}' (it draws: ${UI_ELEMENTS.join(', ')})`);
  if (element && isObject(node.rule) && typeof node.rule.effect === 'string' && !UI_RULE_EFFECTS.includes(node.rule.effect))
    fail(`${at}/rule/effect`, `unknown rule effect '${node.rule.effect}' (effects: ${UI_RULE_EFFECTS.join(', ')})`);
  const here = base ?? schema;
  let target: JsonObject | undefined;
  if (typeof node.scope === 'string') {
    const scope = node.scope;
    // JSON Forms reads "#/properties/x" and "/properties/x" alike
    const path = scope.startsWith('#/') ? scope.slice(1) : scope.startsWith('/') ? scope : undefined;
    target = scope === '#' ? here : path !== undefined ? deref(schema, schemaAt(schema, path, here)) : undefined;
    if (!target) fail(`${at}/scope`, `scope '${scope}' does not resolve in form.schema (write it as #/properties/<field>)`);
  }
  for (const [key, child] of Object.entries(node)) {
    if (key === 'scope') continue;
    if (key === 'options' && isObject(child)) {
      for (const [opt, value] of Object.entries(child)) {
        // a detail layout describes one item of the list, so its scopes start from the item schema
        const detailBase = opt === 'detail' && target ? (isObject(target.items) ? deref(schema, target.items) : target) : here;
        checkUiSchema(value, schema, `${at}/options${toPointer([opt])}`, fail, detailBase, opt === 'detail');
      }
      continue;
    }
    checkUiSchema(child, schema, at + toPointer([key]), fail, base, key === 'elements');
  }
}
