// What every cross-reference check works with: the template, where errors go, and look-ups that report what they miss.
import type { ValidateFunction } from 'ajv';
import type { Json, JsonObject, Template } from '../types.ts';
import { has, isObject, namesOf } from './json.ts';
import type { Checker } from './meta-schema.ts';
import { isArraySchema, resolveData } from './schema-pointers.ts';
import type { Fail, TemplateCheckOptions, TemplateIssue } from './types.ts';
import { userSchemaCompiler } from './user-schemas.ts';

/** Reports `name` at `path` unless the template defines it; true when it does. */
export type Lookup = (name: string, path: string) => boolean;

export interface CheckContext {
  t: Template;
  options: TemplateCheckOptions;
  checker: Checker;
  errors: TemplateIssue[];
  fail: Fail;
  /** Compiles a JSON Schema the admin wrote, reporting why it does not compile. */
  compile: (schema: JsonObject, at: string) => ValidateFunction | undefined;
  /** Each action's compiled params schema, so automations that run it can be checked against it. */
  paramValidators: Map<string, ValidateFunction | undefined>;
  /** Whether template section `section` has the key `name`; if not, reports `missing` with the names it does have. */
  sectionHas: (section: string, name: string, path: string, missing: string) => boolean;
  state: Lookup;
  role: Lookup;
  rule: Lookup;
  action: Lookup;
  reasonList: Lookup;
  derived: Lookup;
  /** The form schemas a data pointer lands on; reported when there are none. */
  field: (pointer: string, path: string) => JsonObject[];
  /** Whether a data pointer names a list in the form; reported when it names nothing or something else. */
  list: (pointer: string, path: string) => boolean;
  /** The schemas of a property of a list's items; reported when the items have no such property. */
  itemField: (list: string, name: string, path: string) => JsonObject[];
}

export function checkContext(t: Template, options: TemplateCheckOptions, checker: Checker): CheckContext {
  const errors: TemplateIssue[] = [];
  const fail: Fail = (path, message) => {
    errors.push({ path, message });
  };
  const compileUserSchema = userSchemaCompiler();
  const form = t.form.schema;

  const sectionHas = (section: string, name: string, path: string, missing: string): boolean => {
    const found = (t as unknown as Record<string, Json | undefined>)[section];
    const names = isObject(found) ? found : undefined;
    if (has(names, name)) return true;
    fail(path, `${missing} (${section}: ${namesOf(names)})`);
    return false;
  };
  const known = (section: string, what: string): Lookup => (name, path) => sectionHas(section, name, path, `unknown ${what} '${name}'`);
  const field = (pointer: string, path: string): JsonObject[] => {
    const found = resolveData(form, pointer);
    if (found.length === 0) fail(path, `'${pointer}' is not a field of the form (no such property in form.schema)`);
    return found;
  };

  return {
    t,
    options,
    checker,
    errors,
    fail,
    sectionHas,
    compile: (schema, at) => compileUserSchema(schema, at, fail),
    paramValidators: new Map(),
    state: known('states', 'state'),
    role: known('roles', 'role'),
    rule: known('rules', 'rule'),
    action: known('actions', 'action'),
    reasonList: known('reasons', 'reason list'),
    derived: (name, path) => sectionHas('derived', name, path, `'${name}' is not a derived value`),
    field,
    list: (pointer, path) => {
      const found = field(pointer, path);
      if (found.length === 0) return false;
      if (found.some(isArraySchema)) return true;
      fail(path, `'${pointer}' is not a list (array) in the form`);
      return false;
    },
    itemField: (list, name, path) => {
      const found = resolveData(form, `${list}/${name}`);
      if (found.length === 0) fail(path, `'${name}' is not a property of the items of '${list}'`);
      return found;
    },
  };
}
