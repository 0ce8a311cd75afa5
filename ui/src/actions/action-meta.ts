// What an action asks of the person running it, from the server's availableActions and the template.
import type { AvailableAction, JsonObject, ReasonDef, Template } from '../model';

export interface ActionMeta {
  name: string;
  label: AvailableAction['label'];
  description?: AvailableAction['label'];
  needsReason: boolean;
  reasonRequired: boolean;
  reasons: ReasonDef[];
  commentRequired: boolean;
  needsApproval: boolean;
  danger: boolean;
  /** Params fields that pick a person or a department (a reassignment). */
  pickHandler: boolean;
  pickDepartment: boolean;
  /** Who may be picked as a handler: people holding one of these roles (those who may start such records). */
  handlerRoles?: string[];
  /** Params that must have at least one value. */
  paramsRequired: boolean;
  /** The other params (not a person or a department), as a JSON Schema for a small form; absent when none. */
  otherParams?: JsonObject;
}

export function actionMeta(name: string, template: Template | undefined, offered?: AvailableAction): ActionMeta {
  const def = template?.actions?.[name];
  const reasonInput = def?.input?.reason;
  const reasons = offered?.reasons ?? (reasonInput ? template?.reasons?.[reasonInput.list] ?? [] : []);
  const params = (offered?.params ?? def?.input?.params) as JsonObject | undefined;
  const props = (params?.properties ?? {}) as Record<string, JsonObject>;
  const fmt = (k: string) => (props[k]?.format as string | undefined) ?? k;
  const keys = Object.keys(props);
  const isPick = (k: string) => fmt(k) === 'user' || fmt(k) === 'department' || k === 'handler' || k === 'department';
  const otherKeys = keys.filter((k) => !isPick(k));
  const otherParams: JsonObject | undefined = otherKeys.length
    ? {
        type: 'object',
        properties: Object.fromEntries(otherKeys.map((k) => [k, props[k]])),
        required: ((params?.required as string[] | undefined) ?? []).filter((k) => otherKeys.includes(k)),
      }
    : undefined;
  return {
    name,
    label: offered?.label ?? def?.label ?? { 'zh-CN': name, en: name },
    description: def?.description,
    needsReason: offered?.needsReason ?? !!reasonInput,
    reasonRequired: reasonInput ? reasonInput.required : offered?.needsReason ?? false,
    reasons,
    commentRequired: !!def?.input?.comment?.required,
    needsApproval: offered?.needsApproval ?? false,
    danger: offered?.danger ?? !!def?.danger,
    pickHandler: keys.some((k) => fmt(k) === 'user' || k === 'handler'),
    pickDepartment: keys.some((k) => fmt(k) === 'department' || k === 'department'),
    handlerRoles: template?.create?.roles,
    paramsRequired: typeof params?.minProperties === 'number' && (params.minProperties as number) > 0,
    otherParams,
  };
}

/** The params object to send: a chosen person or department, and the other params' values. */
export function pickedParams(meta: ActionMeta, v: { handler?: string; department?: string }, other?: JsonObject): JsonObject | undefined {
  if (!meta.pickHandler && !meta.pickDepartment && !meta.otherParams) return undefined;
  const out: JsonObject = {};
  for (const [k, val] of Object.entries(other ?? {})) if (val !== undefined && val !== null && val !== '') out[k] = val;
  if (meta.pickHandler && v.handler) out.handler = v.handler;
  if (meta.pickDepartment && v.department) out.department = v.department;
  return out;
}
