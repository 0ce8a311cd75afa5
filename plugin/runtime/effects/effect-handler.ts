// The contract every effect type fulfils: plan what it would do (shown as the preview), as data to commit.
import type { ActionCommand, Actor, JsonObject, Refusal, Template, WorkRecord } from '../../core/types.ts';
import type { Plan } from '../plan.ts';
import type { ChangeSet, Store, User } from '../ports.ts';
import type { PreviewEffect } from '../runtime-api.ts';

export interface EffectContext {
  template: Template;
  /** The record as it was before this step. */
  before: WorkRecord;
  /** The record as the step leaves it so far; a handler may return a changed copy. */
  record: WorkRecord;
  actor: Actor;
  command: ActionCommand;
  now: string;
  /** The accounting period `now` falls in (the business's time zone). */
  period: string;
  store: Store;
  /** What earlier effects and steps of the same plan will commit: read it to see their changes. */
  pending: Required<Pick<ChangeSet, 'stock' | 'ledger' | 'notifications' | 'documents'>>;
  users: User[];
  newId(): string;
  /** Plans an action on another record within the same plan (documents that cover several records). */
  planLinked(template: Template, record: WorkRecord, command: ActionCommand): Promise<Plan>;
}

export interface EffectPlan {
  record?: WorkRecord;
  changes?: ChangeSet;
  preview: PreviewEffect[];
  refusal?: Refusal;
}

export interface EffectHandler {
  type: string;
  /** JSON Schema of the effect's parameters; checked when a template is imported. */
  params: JsonObject;
  plan(params: JsonObject, ctx: EffectContext): Promise<EffectPlan>;
}
