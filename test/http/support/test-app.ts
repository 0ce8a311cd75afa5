// The real plugin on express, in process, over a MemoryStore: prebuilt templates, demo people and stock, no orders.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { MemoryStore } from '../../../plugin/adapters/store/memory-store.ts';
import { PROJECT_ROOT } from '../../../plugin/adapters/http/gallery.ts';
import type { DemoPeople } from '../../../plugin/demo/demo-users.ts';
import { seedDemo } from '../../../plugin/demo/seed.ts';
import { installPrebuiltTemplates } from '../../../plugin/host/install-prebuilt.ts';
import { createSettableClock, type SettableClock } from '../../../plugin/host/settable-clock.ts';
import { createPlugin, type HostRuntime, type RouterOptions } from '../../../plugin/index.ts';
import { ApiClient } from './api-client.ts';

export interface TestApp {
  url: string;
  runtime: HostRuntime;
  /** The guard evaluator, where a host adds rule operators. */
  rules: ReturnType<typeof createPlugin>['rules'];
  store: MemoryStore;
  clock: SettableClock;
  people: DemoPeople;
  /** Signs in as a demo user (password `demo`). */
  as(username: string): Promise<ApiClient>;
  anonymous(): ApiClient;
  close(): Promise<void>;
}

export async function startTestApp(http: Omit<RouterOptions, 'gallery'> = {}): Promise<TestApp> {
  const store = new MemoryStore();
  await store.init();
  const clock = createSettableClock();
  // every answer is held to the API description; a departure fails the file that met it
  const drift: string[] = [];
  const checkAnswers = (found: string[]) => {
    drift.push(...found);
    console.error(found.join('\n'));
  };
  const { router, runtime, rules } = createPlugin({ store, clock, http: { logError: () => undefined, checkAnswers, ...http } });
  await installPrebuiltTemplates(runtime, PROJECT_ROOT);
  const { people } = await seedDemo(runtime, store, { clock, withoutOrders: true });

  const app = express();
  app.use(router);
  const server = await new Promise<Server>((ok) => {
    const s = app.listen(0, () => ok(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tokens = new Map<string, string>();

  return {
    url,
    runtime,
    rules,
    store,
    clock,
    people,
    async as(username) {
      let token = tokens.get(username);
      if (!token) {
        const res = await new ApiClient(url).post('/api/session', { username, password: 'demo' });
        if (res.status !== 200) throw new Error(`cannot sign in as ${username}: ${res.status} ${JSON.stringify(res.body)}`);
        token = (res.body as { token: string }).token;
        tokens.set(username, token);
      }
      return new ApiClient(url, token);
    },
    anonymous: () => new ApiClient(url),
    async close() {
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      if (drift.length > 0) throw new Error(`answers departed from the API description:\n${[...new Set(drift)].join('\n')}`);
    },
  };
}
