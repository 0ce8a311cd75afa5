// A field shown, hidden, enabled or disabled by a condition on other fields: the condition builder's rows
// written as a JSON Forms rule (one schema condition per row, AND / OR for all / any), and read back.
import type { Json, JsonObject, Template } from '../../../../plugin/core/types';
import { listFields } from './form-fields';
import { isGroup, valueOf, type Condition, type ConditionRow, type Operator } from './conditions';

export const EFFECTS = ['SHOW', 'HIDE', 'ENABLE', 'DISABLE'] as const;
export type Effect = (typeof EFFECTS)[number];

export interface FieldRule {
  effect: Effect;
  condition: Condition;
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const dateFormat = (type: string): string => (type === 'datetime' ? 'date-time' : type === 'time' ? 'time' : 'date');

/** The JSON Schema a field's value must meet for a row to hold. */
function schemaFor(type: string, operator: Operator, value: Json): JsonObject {
  switch (operator) {
    case 'equal':
      return { const: value };
    case 'notEqual':
      return { not: { const: value } };
    case 'greaterThan':
      return { exclusiveMinimum: value };
    case 'greaterThanInclusive':
      return { minimum: value };
    case 'lessThan':
      return { exclusiveMaximum: value };
    case 'lessThanInclusive':
      return { maximum: value };
    case 'in':
      return { enum: value };
    case 'notIn':
      return { not: { enum: value } };
    case 'contains':
      // a multiple choice holds the option; a text holds the words
      return type === 'choices' ? { contains: { const: value } } : { type: 'string', pattern: escapeRegex(String(value)) };
    // dates compare as dates through ajv-formats' format keywords, on the browser's and the server's validator
    case 'before':
      return { format: dateFormat(type), formatExclusiveMaximum: value };
    case 'onOrBefore':
      return { format: dateFormat(type), formatMaximum: value };
    case 'after':
      return { format: dateFormat(type), formatExclusiveMinimum: value };
    case 'onOrAfter':
      return { format: dateFormat(type), formatMinimum: value };
  }
}

/** Back from a schema to a row's operator and typed value; undefined for any other shape. */
function rowOf(schema: JsonObject): { operator: Operator; value: Json } | undefined {
  const not = schema.not && typeof schema.not === 'object' && !Array.isArray(schema.not) ? (schema.not as JsonObject) : undefined;
  const contains = schema.contains as JsonObject | undefined;
  if ('const' in schema) return { operator: 'equal', value: schema.const };
  if (not && 'const' in not) return { operator: 'notEqual', value: not.const };
  if (Array.isArray(schema.enum)) return { operator: 'in', value: schema.enum };
  if (not && Array.isArray(not.enum)) return { operator: 'notIn', value: not.enum };
  if ('exclusiveMinimum' in schema) return { operator: 'greaterThan', value: schema.exclusiveMinimum };
  if ('minimum' in schema) return { operator: 'greaterThanInclusive', value: schema.minimum };
  if ('exclusiveMaximum' in schema) return { operator: 'lessThan', value: schema.exclusiveMaximum };
  if ('maximum' in schema) return { operator: 'lessThanInclusive', value: schema.maximum };
  if (contains && 'const' in contains) return { operator: 'contains', value: contains.const };
  if ('formatExclusiveMaximum' in schema) return { operator: 'before', value: schema.formatExclusiveMaximum };
  if ('formatMaximum' in schema) return { operator: 'onOrBefore', value: schema.formatMaximum };
  if ('formatExclusiveMinimum' in schema) return { operator: 'after', value: schema.formatExclusiveMinimum };
  if ('formatMinimum' in schema) return { operator: 'onOrAfter', value: schema.formatMinimum };
  if (typeof schema.pattern === 'string') return { operator: 'contains', value: schema.pattern.replace(/\\(.)/g, '$1') };
  return undefined;
}

/** Groups become AND / OR conditions (JSON Forms has no NOT: the builder offers none here); one row stands alone. */
export function toFormRule(t: Template, rule: FieldRule): JsonObject {
  const types = new Map(listFields(t.form.schema).filter((f) => f.depth === 0).map((f) => [f.key, f.type]));
  const node = (g: Condition): JsonObject => {
    const parts = g.rows.map((r): JsonObject => {
      if (isGroup(r)) return node(r);
      const type = types.get(r.field) ?? 'string';
      // an empty field never meets the condition: "shown when amount > 1000" stays hidden while amount is empty
      return { scope: `#/properties/${r.field}`, schema: schemaFor(type, r.operator, valueOf(type, r.operator, r.value)), failWhenUndefined: true };
    });
    return parts.length === 1 ? parts[0] : { type: g.join === 'all' ? 'AND' : 'OR', conditions: parts };
  };
  return { effect: rule.effect, condition: node(rule.condition) };
}

function groupOf(c: JsonObject): Condition | undefined {
  if (c.type === 'AND' || c.type === 'OR') {
    if (!Array.isArray(c.conditions)) return undefined;
    const rows: (ConditionRow | Condition)[] = [];
    for (const part of c.conditions as JsonObject[]) {
      const g = part && typeof part === 'object' && (part.type === 'AND' || part.type === 'OR') ? groupOf(part) : undefined;
      const leaf = g ? undefined : leafOf(part);
      if (!g && !leaf) return undefined;
      rows.push((g ?? leaf)!);
    }
    return { join: c.type === 'OR' ? 'any' : 'all', rows };
  }
  const leaf = leafOf(c);
  return leaf ? { join: 'all', rows: [leaf] } : undefined;
}

function leafOf(leaf: JsonObject | undefined): ConditionRow | undefined {
  const m = typeof leaf?.scope === 'string' ? /^#\/properties\/([^/]+)$/.exec(leaf.scope) : null;
  const parsed = m && leaf?.schema && typeof leaf.schema === 'object' ? rowOf(leaf.schema as JsonObject) : undefined;
  if (!m || !parsed) return undefined;
  return { field: m[1], operator: parsed.operator, value: Array.isArray(parsed.value) ? parsed.value.join(', ') : String(parsed.value) };
}

/** A rule the studio wrote (or one of its shape) back as the builder's rows; undefined for anything else. */
export function fromFormRule(rule: JsonObject | undefined): FieldRule | undefined {
  if (!rule || !EFFECTS.includes(rule.effect as Effect)) return undefined;
  const c = rule.condition;
  const condition = c && typeof c === 'object' && !Array.isArray(c) ? groupOf(c) : undefined;
  return condition ? { effect: rule.effect as Effect, condition } : undefined;
}
