// Effect types by name. Hosts add their own with register(); templates name them.
import { PluginFailure } from '../../core/errors.ts';
import type { JsonObject } from '../../core/types.ts';
import type { EffectHandler } from './effect-handler.ts';
import { stockReserve, stockRestore, stockShip } from './stock.ts';
import { notify } from './notify.ts';
import { ledgerMatch, ledgerPost, ledgerReverse } from './ledger.ts';
import { linkedRun } from './linked.ts';
import { recordAssign, recordSet } from './record-fields.ts';

export interface EffectRegistry {
  register(handler: EffectHandler): void;
  get(type: string): EffectHandler | undefined;
  /** Param schemas by type, for template validation. */
  schemas(): Record<string, JsonObject>;
}

export function createEffectRegistry(handlers: EffectHandler[] = builtinEffects): EffectRegistry {
  const byType = new Map<string, EffectHandler>();
  const registry: EffectRegistry = {
    register(handler) {
      if (byType.has(handler.type)) throw new PluginFailure('setup_invalid', `effect type "${handler.type}" is registered twice`);
      byType.set(handler.type, handler);
    },
    get: (type) => byType.get(type),
    schemas: () => Object.fromEntries([...byType].map(([t, h]) => [t, h.params])),
  };
  handlers.forEach((h) => registry.register(h));
  return registry;
}

export const builtinEffects: EffectHandler[] = [stockReserve, stockShip, stockRestore, notify, recordAssign, recordSet, ledgerPost, ledgerReverse, ledgerMatch, linkedRun];
