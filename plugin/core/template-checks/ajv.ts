// Ajv as the template checks use it: the platform's formats, and ajv's errors read as issues with pointers.
import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { toPointer } from '../pointer.ts';
import type { Json, JsonObject } from '../types.ts';
import { isObject } from './json.ts';
import type { Fail, TemplateIssue } from './types.ts';

/** Formats the platform understands but ajv does not; any string passes here, the runtime checks them against its directory. */
const PLATFORM_FORMATS = ['user', 'department'];

export function addPlatformFormats(ajv: Ajv): Ajv {
  addFormats(ajv);
  for (const name of PLATFORM_FORMATS) ajv.addFormat(name, true);
  return ajv;
}

/** Checks a value against a compiled schema and reports what is wrong under `at`. */
export function reportInvalid(validate: ValidateFunction, value: Json, at: string, fail: Fail): void {
  if (!validate(value)) for (const issue of issuesFromAjv(validate.errors, at)) fail(issue.path, issue.message);
}

export function issuesFromAjv(list: ErrorObject[] | null | undefined, prefix: string): TemplateIssue[] {
  const errors = list ?? [];
  // the branches of a failed anyOf/oneOf each complain; the anyOf's own line says it better
  const branchNoise = new Set<ErrorObject>();
  for (const e of errors) {
    if (e.keyword !== 'anyOf' && e.keyword !== 'oneOf') continue;
    for (const o of errors) {
      if (o !== e && o.instancePath === e.instancePath && o.schemaPath.startsWith(`${e.schemaPath}/`)) branchNoise.add(o);
    }
  }
  const issues: TemplateIssue[] = [];
  for (const e of errors) {
    if (branchNoise.has(e) || e.keyword === 'if' || e.keyword === 'propertyNames') continue;
    let path = prefix + e.instancePath;
    let message = e.message ?? 'is invalid';
    const params = e.params as Record<string, unknown>;
    if (e.propertyName !== undefined) {
      path += toPointer([e.propertyName]);
      message =
        e.keyword === 'enum'
          ? `property '${e.propertyName}' is not allowed here (allowed: ${(params.allowedValues as string[]).join(', ')})`
          : `'${e.propertyName}' is not a valid name: ${message}`;
    } else if (e.keyword === 'required') {
      path += toPointer([String(params.missingProperty)]);
      message = `must have required property '${String(params.missingProperty)}'`;
    } else if (e.keyword === 'additionalProperties') {
      path += toPointer([String(params.additionalProperty)]);
      message = `unknown property '${String(params.additionalProperty)}'`;
    } else if (e.keyword === 'enum') {
      message = `must be one of: ${(params.allowedValues as Json[]).map((v) => JSON.stringify(v)).join(', ')}`;
    } else if (e.keyword === 'const') {
      message = `must be ${JSON.stringify(params.allowedValue)}`;
    } else if ((e.keyword === 'anyOf' || e.keyword === 'oneOf') && isObject(e.parentSchema as Json)) {
      const description = (e.parentSchema as JsonObject).description;
      if (typeof description === 'string') message = description;
    }
    issues.push({ path, message });
  }
  return dedupe(issues);
}

/** Ajv may say the same thing twice at one place; say it once. */
export function dedupe(issues: TemplateIssue[]): TemplateIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\n${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
