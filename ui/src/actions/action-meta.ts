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
  /** Params that must have at least one value. */
  paramsRequired: boolean;
}

export function actionMeta(name: string, template: Template | undefined, offered?: AvailableAction): ActionMeta {
  const def = template?.actions?.[name];
  const reasonInput = def?.input?.reason;
  const reasons = offered?.reasons ?? (reasonInput ? template?.reasons?.[reasonInput.list] ?? [] : []);
  const params = (offered?.params ?? def?.input?.params) as JsonObject | undefined;
  const props = (params?.properties ?? {}) as Record<string, JsonObject>;
  const fmt = (k: string) => (props[k]?.format as string | undefined) ?? k;
  const keys = Object.keys(props);
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
    paramsRequired: typeof params?.minProperties === 'number' && (params.minProperties as number) > 0,
  };
}

/** The params object to send for a reassignment-like action. */
export function pickedParams(meta: ActionMeta, v: { handler?: string; department?: string }): JsonObject | undefined {
  if (!meta.pickHandler && !meta.pickDepartment) return undefined;
  const out: JsonObject = {};
  if (meta.pickHandler && v.handler) out.handler = v.handler;
  if (meta.pickDepartment && v.department) out.department = v.department;
  return out;
}
