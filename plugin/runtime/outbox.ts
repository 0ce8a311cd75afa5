// Notifications for outside contacts wait in the outbox until the notifier takes them; retrying is harmless.
import type { RuntimeEnv } from './context.ts';

export async function deliverOutbox(env: RuntimeEnv): Promise<number> {
  const pending = await env.store.pendingOutbox();
  const delivered: string[] = [];
  for (const n of pending) {
    try {
      await env.notifier.deliver(n);
      delivered.push(n.id);
    } catch {
      // Left pending: the next command (or the host's retry) delivers it.
    }
  }
  if (delivered.length) await env.store.markDelivered(delivered);
  return delivered.length;
}
