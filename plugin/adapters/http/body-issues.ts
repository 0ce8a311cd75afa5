// A request body's departures from its schema in the contract, as issues people can act on, in both languages.
import type { ErrorObject } from 'ajv';
import { parsePointer, toPointer } from '../../core/pointer.ts';
import type { Labels } from '../../core/types.ts';

const TYPE_NAMES: Record<string, Labels> = {
  string: { 'zh-CN': '字符串', en: 'a string' },
  number: { 'zh-CN': '数字', en: 'a number' },
  integer: { 'zh-CN': '整数', en: 'an integer' },
  boolean: { 'zh-CN': '布尔值', en: 'true or false' },
  object: { 'zh-CN': 'JSON 对象', en: 'a JSON object' },
  array: { 'zh-CN': '数组', en: 'an array' },
  null: { 'zh-CN': 'null', en: 'null' },
};

export interface BodyIssue {
  /** JSON pointer of the field. */
  path: string;
  message: Labels;
}

const fieldName = (pointer: string): string => parsePointer(pointer).join('/');

function issueOf(e: ErrorObject): BodyIssue | undefined {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const path = e.instancePath + toPointer([String(p.additionalProperty)]);
      const known = Object.keys((e.parentSchema?.properties as object | undefined) ?? {}).join(', ') || '-';
      const field = fieldName(path);
      return { path, message: { 'zh-CN': `不认识的字段“${field}”（可用字段：${known}）`, en: `unknown field "${field}" (allowed: ${known})` } };
    }
    case 'required': {
      const path = e.instancePath + toPointer([String(p.missingProperty)]);
      const field = fieldName(path);
      return { path, message: { 'zh-CN': `缺少字段“${field}”`, en: `missing field "${field}"` } };
    }
    case 'type': {
      const types = String(p.type).split(',');
      const field = fieldName(e.instancePath);
      const name = (lang: keyof Labels) => types.map((t) => TYPE_NAMES[t]?.[lang] ?? t);
      return { path: e.instancePath, message: { 'zh-CN': `字段“${field}”必须是${name('zh-CN').join('或')}`, en: `field "${field}" must be ${name('en').join(' or ')}` } };
    }
    case 'minItems':
    case 'maxItems': {
      const field = fieldName(e.instancePath);
      const schema = e.parentSchema as { minItems?: number; maxItems?: number };
      const range = { min: schema.minItems ?? 0, max: schema.maxItems };
      return {
        path: e.instancePath,
        message: range.max === undefined
          ? { 'zh-CN': `字段“${field}”至少要有 ${range.min} 项`, en: `field "${field}" needs at least ${range.min} item(s)` }
          : { 'zh-CN': `字段“${field}”必须有 ${range.min} 到 ${range.max} 项`, en: `field "${field}" must hold between ${range.min} and ${range.max} items` },
      };
    }
    case 'minimum':
    case 'maximum': {
      const field = fieldName(e.instancePath);
      const bound = String(p.limit);
      return e.keyword === 'minimum'
        ? { path: e.instancePath, message: { 'zh-CN': `字段“${field}”不能小于 ${bound}`, en: `field "${field}" must be at least ${bound}` } }
        : { path: e.instancePath, message: { 'zh-CN': `字段“${field}”不能大于 ${bound}`, en: `field "${field}" must be at most ${bound}` } };
    }
    case 'enum': {
      const field = fieldName(e.instancePath);
      const allowed = (p.allowedValues as unknown[]).map(String).join(', ');
      return { path: e.instancePath, message: { 'zh-CN': `字段“${field}”只能是：${allowed}`, en: `field "${field}" must be one of: ${allowed}` } };
    }
    // the alternatives of anyOf/oneOf report their own errors; the summary adds nothing
    case 'anyOf':
    case 'oneOf':
    case 'if':
      return undefined;
    default: {
      const field = fieldName(e.instancePath);
      return { path: e.instancePath, message: { 'zh-CN': `字段“${field}”不符合要求（${e.message ?? e.keyword}）`, en: `field "${field}" ${e.message ?? `fails ${e.keyword}`}` } };
    }
  }
}

/** One issue per problem, in the order found; a field named twice for the same reason is named once. */
export function bodyIssues(errors: ErrorObject[]): BodyIssue[] {
  const seen = new Set<string>();
  const issues: BodyIssue[] = [];
  for (const e of errors) {
    const issue = issueOf(e);
    if (!issue || seen.has(`${issue.path} ${issue.message.en}`)) continue;
    seen.add(`${issue.path} ${issue.message.en}`);
    issues.push(issue);
  }
  return issues;
}
