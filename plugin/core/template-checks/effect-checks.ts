// An action's effects: a known type, params its schema accepts, "x-ref" params naming something the template defines, "$param" naming a declared param.
import { toPointer } from '../pointer.ts';
import type { ActionDef, Json, JsonObject } from '../types.ts';
import { reportInvalid } from './ajv.ts';
import type { CheckContext } from './context.ts';
import { getIn, has, isObject } from './json.ts';
import type { EffectChecker } from './meta-schema.ts';

interface ParamUse {
  /** Undefined when "$param" is not a string. */
  name?: string;
  path: string;
}

export function checkEffect(ctx: CheckContext, effect: JsonObject, at: string, actionName: string, action: ActionDef): void {
  const { type, ...params } = effect;
  const known = ctx.checker.effects.get(type as string);
  if (!known) {
    ctx.fail(`${at}/type`, `unknown effect type '${String(type)}' (known: ${[...ctx.checker.effects.keys()].join(', ')})`);
  } else {
    reportInvalid(known.validate, params, at, ctx.fail);
    checkSectionRefs(ctx, known, params, at);
  }
  const declared = action.input?.params?.properties;
  for (const use of paramUses(params, at)) {
    if (use.name === undefined) ctx.fail(use.path, `"$param" must be the name of one of the action's params`);
    else if (!isObject(declared) || !has(declared, use.name)) {
      ctx.fail(use.path, `param '${use.name}' is not declared in ${toPointer(['actions', actionName, 'input', 'params', 'properties'])}`);
    }
  }
}

function checkSectionRefs(ctx: CheckContext, known: EffectChecker, params: JsonObject, at: string): void {
  for (const ref of known.refs) {
    const value = getIn(params, ref.path);
    if (typeof value !== 'string') continue;
    ctx.sectionHas(ref.section, value, at + toPointer(ref.path), `'${value}' is not defined under ${toPointer([ref.section])}`);
  }
}

/** Every { "$param": … } in an effect, where the command's params are filled in. */
function paramUses(value: Json, at: string): ParamUse[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => paramUses(v, `${at}/${i}`));
  if (!isObject(value)) return [];
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === '$param') {
    return [{ name: typeof value.$param === 'string' ? value.$param : undefined, path: at }];
  }
  return keys.flatMap((k) => paramUses(value[k], at + toPointer([k])));
}
