// Template validation at import: the bundle's shape (JSON Schema, ajv strict), then every cross-reference.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import metaSchema from '../../schemas/template.schema.json' with { type: 'json' };
import type { ActionDef, Json, JsonObject, Template } from './types.ts';

export interface TemplateIssue {
  /** JSON pointer (RFC 6901) into the bundle. */
  path: string;
  message: string;
}

export interface TemplateCheckOptions {
  /** Effect type → JSON Schema of its params (the properties besides "type"). A string property with "x-ref": "<section>" must name a key of that template section. */
  effectTypes: Record<string, JsonObject>;
  /** Rule operators the rules engine knows (its defaults plus registered ones). */
  operators: string[];
  /** Fact names rules may use. */
  facts: string[];
}

export interface TemplateCheckResult {
  ok: boolean;
  errors: TemplateIssue[];
  warnings: TemplateIssue[];
  /** The bundle, typed, when there are no errors. */
  template?: Template;
}

/** Only these JSONPath forms are allowed in rules: $.a.b and $.a[0], nothing that filters, searches or runs code. */
const PLAIN_PATH = /^\$(?:\.[A-Za-z_][A-Za-z0-9_-]*|\[\d+\])+$/;

/** Formats the platform understands but ajv does not; any string passes here, the runtime checks them against its directory. */
const PLATFORM_FORMATS = ['user', 'department'];

/** The role the runtime gives the system actor that runs automations; actions must grant it like any role. */
const AUTOMATION_ROLE = 'system';

const RECIPIENT_KINDS = "'handler', 'previousHandler', 'actor', 'requester', 'role:<role>', 'department:<role>' or 'contact:<JSON pointer>'";

// ---------------------------------------------------------------- compiled per options

interface EffectChecker {
  validate: ValidateFunction;
  refs: { path: string[]; section: string }[];
}

interface Checker {
  validateBundle: ValidateFunction;
  effects: Map<string, EffectChecker>;
}

// Compiling ajv is the expensive part: once per options object, and callers that rebuild equal options share it too.
const checkers = new WeakMap<TemplateCheckOptions, Checker>();
const checkersByEffects = new Map<string, Checker>();

function checkerFor(options: TemplateCheckOptions): Checker {
  const cached = checkers.get(options);
  if (cached) return cached;
  const key = JSON.stringify(options.effectTypes);
  const shared = checkersByEffects.get(key) ?? buildChecker(options);
  checkersByEffects.delete(key);
  checkersByEffects.set(key, shared);
  if (checkersByEffects.size > 16) checkersByEffects.delete(checkersByEffects.keys().next().value as string);
  checkers.set(options, shared);
  return shared;
}

function buildChecker(options: TemplateCheckOptions): Checker {
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true });
  addFormats(ajv);
  for (const name of PLATFORM_FORMATS) ajv.addFormat(name, true);
  ajv.addKeyword({ keyword: 'x-ref', schemaType: 'string' });
  const validateBundle = ajv.compile(metaSchema as object);
  const effects = new Map<string, EffectChecker>();
  for (const [type, schema] of Object.entries(options.effectTypes)) {
    try {
      effects.set(type, { validate: ajv.compile(schema), refs: collectRefs(schema, []) });
    } catch (e) {
      throw new Error(`effect type '${type}': its params schema does not compile: ${(e as Error).message}`);
    }
  }
  return { validateBundle, effects };
}

function collectRefs(schema: Json, path: string[]): { path: string[]; section: string }[] {
  if (!isObject(schema)) return [];
  const out: { path: string[]; section: string }[] = [];
  if (typeof schema['x-ref'] === 'string') out.push({ path, section: schema['x-ref'] });
  if (isObject(schema.properties)) {
    for (const [key, sub] of Object.entries(schema.properties)) out.push(...collectRefs(sub, [...path, key]));
  }
  for (const word of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[word];
    if (Array.isArray(list)) for (const sub of list) out.push(...collectRefs(sub, path));
  }
  return out;
}

// ---------------------------------------------------------------- the entry point

export function validateTemplate(bundle: unknown, options: TemplateCheckOptions): TemplateCheckResult {
  const checker = checkerFor(options);
  if (!checker.validateBundle(bundle)) {
    return { ok: false, errors: fromAjv(checker.validateBundle.errors, ''), warnings: [] };
  }
  const template = bundle as Template;
  const errors = crossCheck(template, options, checker);
  const warnings = reachabilityWarnings(template);
  return errors.length === 0 ? { ok: true, errors, warnings, template } : { ok: false, errors, warnings };
}

// ---------------------------------------------------------------- cross-references

function crossCheck(t: Template, options: TemplateCheckOptions, checker: Checker): TemplateIssue[] {
  const errors: TemplateIssue[] = [];
  const fail = (path: string, message: string): void => {
    errors.push({ path, message });
  };
  const compile = userSchemaCompiler();
  const form = t.form.schema;

  const states = Object.keys(t.states);
  const roles = Object.keys(t.roles);
  const actions = Object.keys(t.actions);
  const rules = Object.keys(t.rules);
  const derived = Object.keys(t.derived ?? {});

  const state = (name: string, path: string): void => {
    if (!has(t.states, name)) fail(path, `unknown state '${name}' (states: ${states.join(', ')})`);
  };
  const role = (name: string, path: string): void => {
    if (!has(t.roles, name)) fail(path, `unknown role '${name}' (roles: ${roles.join(', ')})`);
  };
  const rule = (name: string, path: string): void => {
    if (!has(t.rules, name)) fail(path, `unknown rule '${name}' (rules: ${rules.join(', ') || 'none'})`);
  };
  const field = (pointer: string, path: string): JsonObject[] => {
    const found = resolveData(form, pointer);
    if (found.length === 0) fail(path, `'${pointer}' is not a field of the form (no such property in form.schema)`);
    return found;
  };

  // form
  compile(form, '/form/schema', errors);
  for (const pointer of Object.keys(t.form.labels ?? {})) field(pointer, ptr('form', 'labels', pointer));
  checkUiSchema(t.form.uischema, form, '/form/uischema', fail);

  // summary and derived values
  const s = t.summary;
  if (s.customer !== undefined) field(s.customer, '/summary/customer');
  if (s.contact !== undefined) field(s.contact, '/summary/contact');
  if (s.amount !== undefined && !has(t.derived, s.amount)) {
    fail('/summary/amount', `'${s.amount}' is not a derived value (derived: ${derived.join(', ') || 'none'})`);
  }
  if (s.lines) {
    const arrays = field(s.lines.path, '/summary/lines/path');
    if (arrays.length > 0 && !arrays.some(isArraySchema)) fail('/summary/lines/path', `'${s.lines.path}' is not a list (array) in the form`);
    else if (arrays.length > 0) {
      for (const key of ['product', 'warehouse', 'quantity', 'price'] as const) {
        const name = s.lines[key];
        if (name !== undefined && resolveData(form, `${s.lines.path}/${name}`).length === 0) {
          fail(ptr('summary', 'lines', key), `'${name}' is not a property of the items of '${s.lines.path}'`);
        }
      }
    }
  }
  for (const [name, d] of Object.entries(t.derived ?? {})) {
    const at = ptr('derived', name);
    const arrays = field(d.items, `${at}/items`);
    if (arrays.length === 0) continue;
    if (!arrays.some(isArraySchema)) {
      fail(`${at}/items`, `'${d.items}' is not a list (array) in the form`);
      continue;
    }
    (d.fields ?? []).forEach((f, i) => {
      const found = resolveData(form, `${d.items}/${f}`);
      if (found.length === 0) fail(`${at}/fields/${i}`, `'${f}' is not a property of the items of '${d.items}'`);
      else if (!found.some(isNumberSchema)) fail(`${at}/fields/${i}`, `'${f}' is not a number field, so '${d.op}' cannot add it up`);
    });
  }

  // roles, fields, create, copy
  for (const [pointer, perm] of Object.entries(t.fields ?? {})) {
    const at = ptr('fields', pointer);
    field(pointer, at);
    perm.read?.forEach((r, i) => role(r, `${at}/read/${i}`));
    perm.write?.forEach((r, i) => role(r, `${at}/write/${i}`));
  }
  t.create.roles.forEach((r, i) => role(r, `/create/roles/${i}`));
  if (t.copy) {
    t.copy.from.forEach((st, i) => state(st, `/copy/from/${i}`));
    t.copy.omit?.forEach((p, i) => field(p, `/copy/omit/${i}`));
  }

  // states
  const initial = states.filter((name) => t.states[name].initial === true);
  if (initial.length === 0) fail('/states', 'no state is marked initial: exactly one state needs "initial": true');
  if (initial.length > 1) {
    for (const name of initial) {
      fail(ptr('states', name, 'initial'), `only one state may be initial, but these are: ${initial.map((n) => `'${n}'`).join(', ')}`);
    }
  }
  for (const [name, def] of Object.entries(t.states)) {
    for (const [r, fields] of Object.entries(def.edit ?? {})) {
      const at = ptr('states', name, 'edit', r);
      role(r, at);
      if (Array.isArray(fields)) fields.forEach((p, i) => field(p, `${at}/${i}`));
    }
  }

  // reasons: codes are what reports group by, so a list must not repeat one
  for (const [list, items] of Object.entries(t.reasons)) {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const first = seen.get(item.code);
      if (first !== undefined) fail(ptr('reasons', list, i, 'code'), `duplicate reason code '${item.code}' (also at index ${first})`);
      else seen.set(item.code, i);
    });
  }

  // notifications
  for (const [name, n] of Object.entries(t.notifications)) {
    n.recipients.forEach((r, i) => {
      const at = ptr('notifications', name, 'recipients', i);
      const [kind, ...rest] = r.split(':');
      const arg = rest.join(':');
      if (rest.length === 0 && ['handler', 'previousHandler', 'actor', 'requester'].includes(kind)) return;
      if ((kind === 'role' || kind === 'department') && arg !== '') return role(arg, at);
      if (kind === 'contact' && arg !== '') {
        if (!isPointer(arg)) fail(at, `'${arg}' is not a JSON pointer (write contact:/customer/email)`);
        else field(arg, at);
        return;
      }
      fail(at, `unknown recipient '${r}': use ${RECIPIENT_KINDS}`);
    });
  }

  // rules
  for (const [name, def] of Object.entries(t.rules)) {
    const conditions = def.conditions;
    if (isObject(conditions)) checkCondition(conditions, ptr('rules', name, 'conditions'), t, options, fail);
  }

  // actions
  const paramValidators = new Map<string, ValidateFunction | undefined>();
  for (const [name, a] of Object.entries(t.actions)) {
    const at = ptr('actions', name);
    a.from.forEach((st, i) => state(st, `${at}/from/${i}`));
    if (a.to !== undefined) state(a.to, `${at}/to`);
    a.allow.forEach((g, i) => role(g.role, `${at}/allow/${i}/role`));
    const list = a.input?.reason?.list;
    if (list !== undefined && !has(t.reasons, list)) {
      fail(`${at}/input/reason/list`, `unknown reason list '${list}' (reasons: ${Object.keys(t.reasons).join(', ') || 'none'})`);
    }
    if (a.input?.params) paramValidators.set(name, compile(a.input.params, `${at}/input/params`, errors));
    a.guards?.forEach((g, i) => rule(g.rule, `${at}/guards/${i}/rule`));
    if (a.approval) {
      if (a.approval.when !== undefined) rule(a.approval.when, `${at}/approval/when`);
      a.approval.approvers.forEach((g, i) => role(g.role, `${at}/approval/approvers/${i}/role`));
    }
    a.effects?.forEach((effect, i) => checkEffect(effect, `${at}/effects/${i}`, name, a, t, checker, fail));
    a.cascade?.forEach((other, i) => {
      const here = `${at}/cascade/${i}`;
      if (!has(t.actions, other)) fail(here, `unknown action '${other}' (actions: ${actions.join(', ')})`);
      else if (other === name) fail(here, `action '${name}' cannot cascade to itself`);
      else if (t.actions[other].to === undefined) fail(here, `action '${other}' has no 'to' state, so as a cascade step it never moves the record on`);
      else {
        const loop = cascadePath(t, other, name, new Set());
        if (loop) fail(here, `cascade loop: ${[name, ...loop].join(' → ')}`);
      }
    });
  }

  // automations
  for (const [name, auto] of Object.entries(t.automations ?? {})) {
    const at = ptr('automations', name);
    if (auto.on.action !== undefined && !has(t.actions, auto.on.action)) {
      fail(`${at}/on/action`, `unknown action '${auto.on.action}' (actions: ${actions.join(', ')})`);
    }
    if (auto.on.field !== undefined) field(auto.on.field, `${at}/on/field`);
    if (auto.when !== undefined) rule(auto.when, `${at}/when`);
    const target = has(t.actions, auto.run.action) ? t.actions[auto.run.action] : undefined;
    if (!target) {
      fail(`${at}/run/action`, `unknown action '${auto.run.action}' (actions: ${actions.join(', ')})`);
      continue;
    }
    checkAutomationRun(auto.run, at, auto.run.action, target, t, paramValidators, fail);
  }

  return dedupe(errors);
}

function checkAutomationRun(
  run: NonNullable<Template['automations']>[string]['run'],
  at: string,
  actionName: string,
  target: ActionDef,
  t: Template,
  paramValidators: Map<string, ValidateFunction | undefined>,
  fail: (path: string, message: string) => void,
): void {
  const reasonInput = target.input?.reason;
  if (run.reason !== undefined) {
    if (!reasonInput) fail(`${at}/run/reason`, `action '${actionName}' takes no reason`);
    else {
      const codes = (has(t.reasons, reasonInput.list) ? t.reasons[reasonInput.list] : []).map((r) => r.code);
      if (has(t.reasons, reasonInput.list) && !codes.includes(run.reason)) {
        fail(`${at}/run/reason`, `'${run.reason}' is not a code of reason list '${reasonInput.list}' (codes: ${codes.join(', ')})`);
      }
    }
  } else if (reasonInput?.required) {
    fail(`${at}/run/reason`, `action '${actionName}' requires a reason: give one of the codes of reason list '${reasonInput.list}'`);
  }
  if (run.comment === undefined && target.input?.comment?.required) {
    fail(`${at}/run/comment`, `action '${actionName}' requires a comment`);
  }
  if (!target.input?.params) {
    if (run.params !== undefined && Object.keys(run.params).length > 0) fail(`${at}/run/params`, `action '${actionName}' takes no params`);
    return;
  }
  const validate = paramValidators.get(actionName);
  if (validate && !validate(run.params ?? {})) {
    for (const issue of fromAjv(validate.errors, `${at}/run/params`)) fail(issue.path, issue.message);
  }
}

/** Follows cascades from `from`; returns the chain that comes back to `to`, if any. */
function cascadePath(t: Template, from: string, to: string, seen: Set<string>): string[] | undefined {
  if (from === to) return [to];
  if (seen.has(from)) return undefined;
  seen.add(from);
  for (const next of (has(t.actions, from) ? t.actions[from].cascade : undefined) ?? []) {
    const rest = cascadePath(t, next, to, seen);
    if (rest) return [from, ...rest];
  }
  return undefined;
}

function checkEffect(
  effect: JsonObject,
  at: string,
  actionName: string,
  action: ActionDef,
  t: Template,
  checker: Checker,
  fail: (path: string, message: string) => void,
): void {
  const { type, ...params } = effect;
  const known = checker.effects.get(type as string);
  if (!known) {
    fail(`${at}/type`, `unknown effect type '${String(type)}' (known: ${[...checker.effects.keys()].join(', ')})`);
  } else {
    if (!known.validate(params)) for (const issue of fromAjv(known.validate.errors, at)) fail(issue.path, issue.message);
    for (const ref of known.refs) {
      const value = getIn(params, ref.path);
      if (typeof value !== 'string') continue;
      const section = (t as unknown as Record<string, unknown>)[ref.section];
      if (!isObject(section as Json) || !has(section as JsonObject, value)) {
        const names = isObject(section as Json) ? Object.keys(section as JsonObject).join(', ') : '';
        fail(at + ptr(...ref.path), `'${value}' is not defined under /${escape(ref.section)} (${ref.section}: ${names || 'none'})`);
      }
    }
  }
  const declared = action.input?.params?.properties;
  for (const use of paramRefs(params, at)) {
    if (use.name === undefined) fail(use.path, `"$param" must be the name of one of the action's params`);
    else if (!isObject(declared) || !has(declared, use.name)) {
      fail(use.path, `param '${use.name}' is not declared in /actions/${escape(actionName)}/input/params/properties`);
    }
  }
}

function paramRefs(value: Json, at: string): { name?: string; path: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => paramRefs(v, `${at}/${i}`));
  if (!isObject(value)) return [];
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === '$param') {
    return [{ name: typeof value.$param === 'string' ? value.$param : undefined, path: at }];
  }
  return keys.flatMap((k) => paramRefs(value[k], `${at}/${escape(k)}`));
}

// ---------------------------------------------------------------- rules

function checkCondition(
  c: JsonObject,
  at: string,
  t: Template,
  options: TemplateCheckOptions,
  fail: (path: string, message: string) => void,
): void {
  for (const key of ['all', 'any']) {
    const list = c[key];
    if (Array.isArray(list)) list.forEach((sub, i) => isObject(sub) && checkCondition(sub, `${at}/${key}/${i}`, t, options, fail));
  }
  if (isObject(c.not)) checkCondition(c.not, `${at}/not`, t, options, fail);
  if (typeof c.fact !== 'string') return;
  checkFactRef(c.fact, c.path, at, t, options, fail);
  if (typeof c.operator === 'string' && !options.operators.includes(c.operator)) {
    fail(`${at}/operator`, `unknown operator '${c.operator}' (operators: ${options.operators.join(', ')})`);
  }
  const value = c.value;
  if (isObject(value) && typeof value.fact === 'string') checkFactRef(value.fact, value.path, `${at}/value`, t, options, fail);
}

function checkFactRef(
  fact: string,
  path: Json | undefined,
  at: string,
  t: Template,
  options: TemplateCheckOptions,
  fail: (path: string, message: string) => void,
): void {
  if (!options.facts.includes(fact)) {
    fail(`${at}/fact`, `unknown fact '${fact}' (facts: ${options.facts.join(', ')})`);
    return;
  }
  if (typeof path !== 'string') return;
  if (!PLAIN_PATH.test(path)) {
    fail(`${at}/path`, `'${path}' is not allowed: only plain property paths are allowed ($.a.b or $.a[0]; no filters, wildcards, recursive descent or scripts)`);
    return;
  }
  const segments = pathSegments(path);
  // derived and data are declared by the template itself, so their paths can be checked here
  if (fact === 'derived' && !has(t.derived, segments[0])) {
    fail(`${at}/path`, `'${segments[0]}' is not a derived value (derived: ${Object.keys(t.derived ?? {}).join(', ') || 'none'})`);
  }
  if (fact === 'data' && resolveData(t.form.schema, ptr(...segments)).length === 0) {
    fail(`${at}/path`, `'${path}' does not name a field of the form`);
  }
}

function pathSegments(path: string): string[] {
  return [...path.slice(1).matchAll(/\.([^.[]+)|\[(\d+)\]/g)].map((m) => m[1] ?? m[2]);
}

// ---------------------------------------------------------------- warnings

function reachabilityWarnings(t: Template): TemplateIssue[] {
  const warnings: TemplateIssue[] = [];
  const start = Object.keys(t.states).find((name) => t.states[name].initial === true);
  const reached = new Set<string>(start ? [start] : []);
  for (let grew = true; grew; ) {
    grew = false;
    for (const a of Object.values(t.actions)) {
      if (a.to !== undefined && !reached.has(a.to) && a.from.some((f) => reached.has(f))) {
        reached.add(a.to);
        grew = true;
      }
    }
  }
  for (const name of Object.keys(t.states)) {
    if (!reached.has(name)) {
      warnings.push({ path: ptr('states', name), message: `state '${name}' cannot be reached from the initial state '${start}' through any action` });
    }
  }
  for (const [name, a] of Object.entries(t.actions)) {
    if (a.allow.length === 0) {
      warnings.push({ path: ptr('actions', name, 'allow'), message: `nobody may run action '${name}': its allow list is empty` });
    } else if (!a.from.some((f) => reached.has(f))) {
      warnings.push({ path: ptr('actions', name, 'from'), message: `action '${name}' can never run: none of its from-states can be reached` });
    }
  }
  for (const [name, auto] of Object.entries(t.automations ?? {})) {
    const target = has(t.actions, auto.run.action) ? t.actions[auto.run.action] : undefined;
    if (target && !target.allow.some((g) => g.role === AUTOMATION_ROLE)) {
      warnings.push({
        path: ptr('automations', name, 'run', 'action'),
        message: `automations run as the role '${AUTOMATION_ROLE}', and action '${auto.run.action}' grants it nothing: add { "role": "${AUTOMATION_ROLE}", "scope": "all" } to its allow list`,
      });
    }
  }
  for (const [name, def] of Object.entries(t.states)) {
    const wayOut = Object.values(t.actions).some((a) => a.to !== undefined && a.to !== name && a.from.includes(name));
    if (wayOut || def.readOnly) continue;
    warnings.push({
      path: ptr('states', name),
      message: def.terminal
        ? `terminal state '${name}' is not readOnly: mark it "readOnly": true so it reads as what it is (edits in terminal states are refused either way)`
        : `no action leads out of state '${name}' and it is not readOnly: add an action out of it, or mark it terminal and readOnly`,
    });
  }
  return warnings;
}

// ---------------------------------------------------------------- JSON Schemas written by the admin

type Compile = (schema: JsonObject, at: string, errors: TemplateIssue[]) => ValidateFunction | undefined;

/** A fresh ajv per template: admin schemas may carry an $id, and must not leak into the next import. */
function userSchemaCompiler(): Compile {
  const notes: string[] = [];
  const record = (...args: unknown[]): void => {
    notes.push(args.map(String).join(' '));
  };
  // 'log' keeps compiling after the first strict-mode complaint, so every one gets reported
  const ajv = new Ajv({ allErrors: true, strict: 'log', allowUnionTypes: true, verbose: true, logger: { log: () => {}, warn: record, error: record } });
  addFormats(ajv);
  for (const name of PLATFORM_FORMATS) ajv.addFormat(name, true);
  return (schema, at, errors) => {
    if (!ajv.validateSchema(schema)) {
      for (const issue of fromAjv(ajv.errors, at)) errors.push({ ...issue, message: `is not a valid JSON Schema: ${issue.message}` });
      return undefined;
    }
    notes.length = 0;
    let validate: ValidateFunction | undefined;
    try {
      validate = ajv.compile(schema);
    } catch (e) {
      notes.push((e as Error).message);
    } finally {
      ajv.removeSchema(schema);
    }
    for (const note of notes) {
      errors.push({ path: at + locateInSchema(note, schema), message: `does not compile as a JSON Schema: ${tidyAjvMessage(note)}` });
    }
    return notes.length === 0 ? validate : undefined;
  };
}

/** Ajv names the schema location in its message ("at \"#/properties/x\"") or only the keyword; turn either into a pointer. */
function locateInSchema(message: string, schema: JsonObject): string {
  const at = /at (?:path )?"[^"#]*#([^"]*)"/.exec(message);
  if (at) {
    let path = at[1];
    try {
      path = decodeURIComponent(path);
    } catch {
      // keep the encoded form: still a usable hint
    }
    // ajv names the schema that holds the keyword; point at the keyword itself
    if (/unknown format/.test(message)) return `${path}/format`;
    if (/\(strictRequired\)/.test(message)) return `${path}/required`;
    return path;
  }
  const keyword = /unknown keyword: "([^"]+)"/.exec(message);
  if (keyword) return findKey(schema, keyword[1], '') ?? '';
  return '';
}

function findKey(node: Json, key: string, at: string): string | undefined {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const found = findKey(node[i], key, `${at}/${i}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isObject(node)) return undefined;
  if (key in node) return `${at}/${escape(key)}`;
  for (const [k, v] of Object.entries(node)) {
    const found = findKey(v, key, `${at}/${escape(k)}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

function tidyAjvMessage(message: string): string {
  return message
    .replace(/^strict mode: /, '')
    .replace(/ at (?:path )?"[^"]*"/, '')
    .replace(/ ignored in schema$/, '')
    .trim();
}

// ---------------------------------------------------------------- the form: data pointers and UI scopes

/** Schemas a data pointer can land on; pointers into list items (/lines/product or /lines/0/product) go through `items`. */
function resolveData(root: JsonObject, pointer: string): JsonObject[] {
  let nodes: JsonObject[] = [root];
  for (const seg of splitPointer(pointer)) {
    nodes = nodes.flatMap((n) => childSchemas(root, n, seg, 0));
    if (nodes.length === 0) return [];
  }
  return nodes;
}

function childSchemas(root: JsonObject, schema: Json, seg: string, depth: number): JsonObject[] {
  const node = deref(root, schema);
  if (!node || depth > 16) return [];
  const direct: Json[] = [];
  const found: JsonObject[] = [];
  if (isObject(node.properties) && Object.hasOwn(node.properties, seg)) direct.push(node.properties[seg]);
  if (isObject(node.patternProperties)) {
    for (const [re, sub] of Object.entries(node.patternProperties)) if (safeRegExp(re)?.test(seg)) direct.push(sub);
  }
  if (direct.length === 0 && isObject(node.additionalProperties)) direct.push(node.additionalProperties);
  if (isObject(node.items)) {
    if (/^(\d+|-)$/.test(seg)) direct.push(node.items);
    else found.push(...childSchemas(root, node.items, seg, depth + 1));
  } else if (Array.isArray(node.items) && /^\d+$/.test(seg) && Number(seg) < node.items.length) {
    direct.push(node.items[Number(seg)]);
  }
  for (const s of direct) {
    const d = deref(root, s);
    if (d) found.push(d);
  }
  for (const word of ['allOf', 'anyOf', 'oneOf']) {
    const list = node[word];
    if (Array.isArray(list)) for (const sub of list) found.push(...childSchemas(root, sub, seg, depth + 1));
  }
  for (const word of ['then', 'else']) if (isObject(node[word])) found.push(...childSchemas(root, node[word], seg, depth + 1));
  return found;
}

function deref(root: JsonObject, schema: Json | undefined): JsonObject | undefined {
  let node = schema;
  for (let hops = 0; isObject(node) && typeof node.$ref === 'string' && hops < 16; hops++) {
    const ref: string = node.$ref;
    if (!ref.startsWith('#')) return node;
    node = schemaAt(root, ref.slice(1));
  }
  return isObject(node) ? node : undefined;
}

/** A pointer into the schema document itself, as in "$ref" and UI scopes (URI-encoded). */
function schemaAt(root: JsonObject, fragment: string, start: JsonObject = root): Json | undefined {
  let node: Json | undefined = start;
  let segments: string[];
  try {
    segments = splitPointer(decodeURIComponent(fragment));
  } catch {
    return undefined;
  }
  for (const seg of segments) {
    node = deref(root, node);
    if (!node) return undefined;
    if (!Object.hasOwn(node, seg)) return undefined;
    node = node[seg];
  }
  return node;
}

function checkUiSchema(node: Json, schema: JsonObject, at: string, fail: (path: string, message: string) => void, base?: JsonObject): void {
  if (Array.isArray(node)) {
    node.forEach((child, i) => checkUiSchema(child, schema, `${at}/${i}`, fail, base));
    return;
  }
  if (!isObject(node)) return;
  const here = base ?? schema;
  let target: JsonObject | undefined;
  if (typeof node.scope === 'string') {
    const scope = node.scope;
    target = scope === '#' ? here : scope.startsWith('#/') ? deref(schema, schemaAt(schema, scope.slice(1), here)) : undefined;
    if (!target) fail(`${at}/scope`, `scope '${scope}' does not resolve in form.schema (write it as #/properties/<field>)`);
  }
  for (const [key, child] of Object.entries(node)) {
    if (key === 'scope') continue;
    if (key === 'options' && isObject(child)) {
      for (const [opt, value] of Object.entries(child)) {
        // a detail layout describes one item of the list, so its scopes start from the item schema
        const detailBase = opt === 'detail' && target ? (isObject(target.items) ? deref(schema, target.items) : target) : here;
        checkUiSchema(value, schema, `${at}/options/${escape(opt)}`, fail, detailBase);
      }
      continue;
    }
    checkUiSchema(child, schema, `${at}/${escape(key)}`, fail, base);
  }
}

function isArraySchema(s: JsonObject): boolean {
  return s.type === 'array' || (Array.isArray(s.type) && s.type.includes('array')) || s.items !== undefined;
}

function isNumberSchema(s: JsonObject): boolean {
  const types = Array.isArray(s.type) ? s.type : [s.type];
  return s.type === undefined || types.includes('number') || types.includes('integer');
}

function safeRegExp(source: string): RegExp | undefined {
  try {
    return new RegExp(source, 'u');
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- ajv errors → issues

function fromAjv(list: ErrorObject[] | null | undefined, prefix: string): TemplateIssue[] {
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
      path += `/${escape(e.propertyName)}`;
      message =
        e.keyword === 'enum'
          ? `property '${e.propertyName}' is not allowed here (allowed: ${(params.allowedValues as string[]).join(', ')})`
          : `'${e.propertyName}' is not a valid name: ${message}`;
    } else if (e.keyword === 'required') {
      path += `/${escape(String(params.missingProperty))}`;
      message = `must have required property '${String(params.missingProperty)}'`;
    } else if (e.keyword === 'additionalProperties') {
      path += `/${escape(String(params.additionalProperty))}`;
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

// ---------------------------------------------------------------- small helpers

function dedupe(issues: TemplateIssue[]): TemplateIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\n${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Own keys only: a state called "constructor" must not be found on Object.prototype. */
function has(map: object | undefined, key: string): boolean {
  return map !== undefined && Object.hasOwn(map, key);
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPointer(value: string): boolean {
  return /^(\/([^~/]|~[01])*)+$/.test(value);
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Builds a JSON pointer from raw segments, escaping each. */
function ptr(...segments: (string | number)[]): string {
  return segments.map((s) => `/${escape(String(s))}`).join('');
}

function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function getIn(value: Json, path: string[]): Json | undefined {
  let node: Json | undefined = value;
  for (const key of path) node = isObject(node) ? node[key] : undefined;
  return node;
}
