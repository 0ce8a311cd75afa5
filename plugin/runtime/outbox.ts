// Notifications for outside contacts wait in the outbox until the notifier takes them; retrying is harmless.
// Delivery runs after the command has answered, one run at a time, so a slow mail gateway or a second
// store write never holds up the person who pressed the button.
import type { RuntimeEnv } from './context.ts';

const runs = new WeakMap<RuntimeEnv, Promise<number>>();
/** A run asked for that has not looked at the outbox yet: whoever asks meanwhile is served by it. */
const queued = new WeakMap<RuntimeEnv, Promise<number>>();

/** Deliveries asked for within this long of each other share one run: one look at the outbox serves them all. */
const GATHER_MS = 20;
const gathering = new WeakSet<RuntimeEnv>();

/** Delivers a moment after the answer has gone out (the store writes that mark delivery must not delay it). */
export function deliverSoon(env: RuntimeEnv): void {
  if (gathering.has(env)) return;
  gathering.add(env);
  setTimeout(() => {
    gathering.delete(env);
    void deliverOutbox(env);
  }, GATHER_MS).unref();
}

/**
 * A delivery run that starts after this call (after any run in progress); the promise settles when it is done.
 * Commands that finish while a run waits to start share it: one look at the outbox serves them all.
 */
export function deliverOutbox(env: RuntimeEnv): Promise<number> {
  const waiting = queued.get(env);
  if (waiting) return waiting;
  const next = (runs.get(env) ?? Promise.resolve(0))
    .then(() => {
      queued.delete(env);
      return deliverPending(env);
    })
    .catch(() => 0);
  queued.set(env, next);
  runs.set(env, next);
  return next;
}

async function deliverPending(env: RuntimeEnv): Promise<number> {
  // A store shared by several processes hands each delivery to one of them.
  const pending = await (env.store.claimOutbox?.() ?? env.store.pendingOutbox());
  const delivered: string[] = [];
  for (const n of pending) {
    try {
      await env.notifier.deliver(n);
      delivered.push(n.id);
    } catch {
      // Left pending: the next run (after the next command, or the host's timer) delivers it.
    }
  }
  if (delivered.length) await env.store.markDelivered(delivered);
  return delivered.length;
}
