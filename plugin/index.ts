// The face a host platform embeds: give it a store, mount the router, extend effects and rule operators.
import type { Router } from 'express';
import { createRouter, type RouterOptions } from './adapters/http/create-router.ts';
import { fileGallery, PROJECT_ROOT } from './adapters/http/gallery.ts';
import { createRulesEvaluator, type RulesEvaluator } from './adapters/rules/json-rules-engine.ts';
import { createEffectRegistry, type EffectRegistry } from './runtime/effects/registry.ts';
import type { Clock, Notifier, Store } from './runtime/ports.ts';
import { createRuntime, type HostRuntime } from './runtime/runtime.ts';

export interface PluginOptions {
  /** Already initialised (`await store.init()`); the host owns its life cycle. */
  store: Store;
  notifier?: Notifier;
  clock?: Clock;
  /** The business's time zone (IANA name, e.g. Asia/Shanghai): accounting periods are its months. Default UTC. */
  timeZone?: string;
  /**
   * Root of the prebuilt templates the gallery offers: `<prebuiltDir>/schemas/templates/*.json`, with the
   * rule files they name relative to it. Defaults to the templates shipped with this package.
   */
  prebuiltDir?: string;
  http?: Omit<RouterOptions, 'gallery'>;
}

export interface Plugin {
  /** Mount at the host's root: every path it serves starts with /api. */
  router: Router;
  runtime: HostRuntime;
  /** Register further effect types that templates may name (before importing templates that use them). */
  effects: EffectRegistry;
  /** The guard evaluator; `addOperator` makes a new rule operator available to templates. */
  rules: RulesEvaluator;
}

export function createPlugin(options: PluginOptions): Plugin {
  const effects = createEffectRegistry();
  const rules = createRulesEvaluator();
  const runtime = createRuntime({ store: options.store, guards: rules, notifier: options.notifier, clock: options.clock, effects, timeZone: options.timeZone });
  const router = createRouter(runtime, { ...options.http, gallery: fileGallery(options.prebuiltDir ?? PROJECT_ROOT) });
  return { router, runtime, effects, rules };
}

export { createRouter, type RouterOptions } from './adapters/http/create-router.ts';
export type { Runtime } from './runtime/runtime-api.ts';
export type { HostRuntime } from './runtime/runtime.ts';
export type { Clock, GuardEvaluator, Notifier, Store } from './runtime/ports.ts';
// The stores a host chooses from: a data folder on this machine, or PostgreSQL (several processes).
export { JournaledStore } from './adapters/store/journaled-store.ts';
export { PostgresStore } from './adapters/store/postgres/postgres-store.ts';
export type { EffectHandler } from './runtime/effects/effect-handler.ts';
// What a host may catch: failures of setup or of the store, each with a code (refusals are results, not errors).
export { PluginFailure, type FailureCode } from './core/errors.ts';
