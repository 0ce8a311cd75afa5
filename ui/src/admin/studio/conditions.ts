// A condition builder's model: rows "field operator value" joined by all / any, written as the
// json-rules-engine conditions the runtime already evaluates, and read back when a rule has that shape.
import type { Json, JsonObject, Template } from '../../../../plugin/core/types';
import { listFields } from './form-fields';

export const OPERATORS = ['equal', 'notEqual', 'greaterThan', 'greaterThanInclusive', 'lessThan', 'lessThanInclusive', 'in', 'notIn', 'contains', 'before', 'onOrBefore', 'after', 'onOrAfter'] as const;
export type Operator = (typeof OPERATORS)[number];

export interface ConditionRow {
  /** A top-level field of the form, or a derived value as `derived.<name>` (a number the template computes). */
  field: string;
  operator: Operator;
  /** As typed; read as a number, yes/no or a list by the field's type and the operator. */
  value: string;
}

/** A group of rows and groups joined by all / any, possibly negated ("not all of …"). */
export interface Condition {
  join: 'all' | 'any';
  not?: boolean;
  rows: (ConditionRow | Condition)[];
}

/** How a row names a derived value rather than a field. */
export const DERIVED = 'derived.';

export const isGroup = (r: ConditionRow | Condition): r is Condition => 'rows' in r;

const LIST_OPERATORS = new Set<Operator>(['in', 'notIn']);

/** The typed value as the field holds it: numbers for number fields, true/false for yes/no, lists for in / not in. */
export function valueOf(type: string, operator: Operator, text: string): Json {
  const one = (x: string): Json => {
    const s = x.trim();
    if ((type === 'number' || type === 'integer' || type === 'money') && s !== '' && Number.isFinite(Number(s))) return Number(s);
    if (type === 'boolean') return s === 'true' || s === '是' || s === 'yes';
    return s;
  };
  return LIST_OPERATORS.has(operator) ? text.split(/[,，]/).filter((x) => x.trim()).map(one) : one(text);
}

/** The rule the runtime evaluates: conditions over the record's data, groups nested as json-rules-engine nests them. */
export function toRule(t: Template, c: Condition): JsonObject {
  const types = new Map(listFields(t.form.schema).filter((f) => f.depth === 0).map((f) => [f.key, f.type]));
  const leaf = (r: ConditionRow): JsonObject => {
    const derived = r.field.startsWith(DERIVED) ? r.field.slice(DERIVED.length) : undefined;
    if (derived !== undefined) return { fact: 'derived', path: `$.${derived}`, operator: r.operator, value: valueOf('number', r.operator, r.value) };
    return { fact: 'data', path: `$.${r.field}`, operator: r.operator, value: valueOf(types.get(r.field) ?? 'string', r.operator, r.value) };
  };
  const node = (g: Condition): JsonObject => {
    const parts = g.rows.map((r) => (isGroup(r) ? node(r) : leaf(r)));
    const joined = { [g.join]: parts };
    return g.not ? { not: joined } : joined;
  };
  return { conditions: node(c) };
}

function groupOf(node: Json | undefined): Condition | undefined {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
  if (node.not !== undefined) {
    const inner = groupOf(node.not);
    return inner && !inner.not ? { ...inner, not: true } : undefined;
  }
  const join = Array.isArray(node.all) ? 'all' : Array.isArray(node.any) ? 'any' : undefined;
  if (!join) return undefined;
  const rows: (ConditionRow | Condition)[] = [];
  for (const raw of node[join] as Json[]) {
    const c = raw as JsonObject;
    if (c && typeof c === 'object' && ('all' in c || 'any' in c || 'not' in c)) {
      const g = groupOf(c);
      if (!g) return undefined;
      rows.push(g);
      continue;
    }
    const path = typeof c?.path === 'string' ? c.path : '';
    if ((c?.fact !== 'data' && c?.fact !== 'derived') || !/^\$\.[^.[\]]+$/.test(path) || !OPERATORS.includes(c.operator as Operator)) return undefined;
    const value = Array.isArray(c.value) ? c.value.join(', ') : String(c.value);
    rows.push({ field: (c.fact === 'derived' ? DERIVED : '') + path.slice(2), operator: c.operator as Operator, value });
  }
  return { join, rows };
}

/** A rule written by the builder (or in its shape), back as rows and groups; undefined for anything else. */
export function fromRule(rule: Json | undefined): Condition | undefined {
  const conditions = rule && typeof rule === 'object' && !Array.isArray(rule) ? (rule.conditions as JsonObject | undefined) : undefined;
  // the builder negates groups only: a bare `not` over one condition is shown as written
  if (!conditions || (conditions.not && !groupOf(conditions.not))) return undefined;
  return groupOf(conditions);
}
