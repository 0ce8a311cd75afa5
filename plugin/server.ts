// The standalone host: the plugin on express with its store (embedded, or PostgreSQL shared by several processes),
// the web app, and demo data on first start.
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import express from 'express';
import { pino } from 'pino';
import { PROJECT_ROOT } from './adapters/http/gallery.ts';
import { fileNotifier } from './adapters/notify/file-notifier.ts';
import { DEMO_USERS } from './demo/demo-users.ts';
import { seedDemo } from './demo/seed.ts';
import { checkAuditChain } from './host/audit-check.ts';
import { installPrebuiltTemplates } from './host/install-prebuilt.ts';
import { securityHeaders } from './host/security-headers.ts';
import { createSettableClock } from './host/settable-clock.ts';
import { openStore, storeChoiceFromEnv, type StoreChoice } from './host/store-choice.ts';
import { HOST_ACTOR } from './host/system-actor.ts';
import { serveUi } from './host/static-ui.ts';
import { createPlugin } from './index.ts';
import type { Runtime } from './runtime/runtime-api.ts';

export interface ServerOptions extends StoreChoice {
  /** 0 picks a free port (tests). */
  port?: number;
  /** Express's "trust proxy" setting, when a proxy forwards the requests ("loopback", a subnet, a hop count). */
  trustProxy?: string;
  /** Seed demo people and orders into a fresh store (default true). */
  demo?: boolean;
  demoPassword?: string;
  uiDir?: string;
  quiet?: boolean;
  /** pino level of the request log ('info' by default, LOG_LEVEL); quiet means none. */
  logLevel?: string;
  /** The business's time zone (BUSINESS_TIME_ZONE); accounting periods are its months. */
  timeZone?: string;
  /** Hold every answer to the API description, reporting departures (tests); see RouterOptions.checkAnswers. */
  checkAnswers?: (drift: string[]) => void;
  /** Start even when the audit chain is broken (AUDIT_ALLOW_BROKEN=1); the break is logged. */
  allowBrokenAudit?: boolean;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
  runtime: Runtime;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const log = opts.quiet ? () => undefined : (line: string) => console.log(line);
  const store = openStore(opts);
  await store.init();
  try {
    await checkAuditChain(store, opts.allowBrokenAudit === true, log, opts.quiet ? () => undefined : (line) => console.warn(line));
  } catch (error) {
    await store.close();
    throw error;
  }
  const clock = createSettableClock();
  const notifier = fileNotifier(join(resolve(opts.dataDir), 'outbox.jsonl'));
  // Structured lines (JSON) for operators; the welcome text below stays plain words for people.
  const logger = pino({ level: opts.quiet ? 'silent' : (opts.logLevel ?? 'info'), base: { service: 'order-workflow' } });
  const { router, runtime } = createPlugin({ store, clock, notifier, timeZone: opts.timeZone, http: { logger, checkAnswers: opts.checkAnswers } });

  // Templates go into any store that has none; demo people and orders only into one nobody has used yet.
  // Processes starting together on one database take turns, so that only the first installs and seeds.
  const firstStart = async () => {
    if ((await store.listTemplates()).length > 0) return;
    const hadUsers = (await store.listUsers()).length > 0;
    const installed = await installPrebuiltTemplates(runtime, PROJECT_ROOT);
    log(`Installed templates: ${installed.map((t) => `${t.id} v${t.version}`).join(', ')}`);
    if (opts.demo !== false && !hadUsers) {
      const started = Date.now();
      const seeded = await seedDemo(runtime, store, { clock, password: opts.demoPassword ?? 'demo' });
      log(
        `Seeded demo data: ${DEMO_USERS.length} people, ${seeded.orderIds.length} sales orders, ${seeded.recyclingIds.length} recycling orders, ` +
          `${seeded.settlementIds.length} settlements (${Date.now() - started} ms)`,
      );
    }
  };
  await (store.alone ? store.alone(firstStart) : firstStart());

  // What a process that stopped had committed but not finished: automations to run, messages to deliver.
  const resumed = await runtime.resumeAutomations();
  if (resumed) log(`Ran the automations of ${resumed} change(s) that the last run had not finished.`);
  void runtime.deliverOutbox();

  const app = express();
  app.disable('x-powered-by');
  // Behind a proxy (TRUST_PROXY, e.g. "loopback"): the client's address counts for sign-in limits, and
  // HTTPS at the proxy makes the sign-in cookie Secure.
  if (opts.trustProxy) app.set('trust proxy', opts.trustProxy);
  app.use(securityHeaders());
  app.use(router);
  const ui = serveUi(app, opts.uiDir ?? join(PROJECT_ROOT, 'dist', 'ui'));
  if (!ui.built) log('The web app is not built: run `npm run build:ui` (the API works without it).');

  const server = await new Promise<import('node:http').Server>((ok, fail) => {
    const s = app.listen(opts.port ?? 3000, () => ok(s));
    s.once('error', fail);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;

  // Scheduled automations and outside deliveries that failed earlier are tried once a minute.
  const timer = setInterval(() => {
    runtime.runScheduledAutomations().then(() => runtime.deliverOutbox()).catch((err) => logger.error({ err }, 'scheduled work failed'));
  }, 60_000);
  timer.unref();

  let closing: Promise<void> | undefined;
  const close = () => {
    clearInterval(timer);
    closing ??= new Promise<void>((done) => {
      server.close(() => done());
      server.closeAllConnections();
    })
      // Customer messages still on their way are delivered before the store closes.
      .then(() => runtime.deliverOutbox())
      .then(() => notifier.close?.())
      .then(() => store.close());
    return closing;
  };
  return { url, close, runtime };
}

function printWelcome(url: string, demoPassword: string, usernames: string[]): void {
  console.log(`\nOrder workflow is running at ${url}`);
  if (usernames.length === 0) {
    console.log('\nNo users yet. Create the first administrator:');
    console.log('  npm run cli -- user create --username admin --name "Admin" --password <password> --roles admin');
    return;
  }
  if (!DEMO_USERS.every((u) => usernames.includes(u.username))) return;
  console.log(`\nDemo logins (password "${demoPassword}" unless changed since the data was seeded):`);
  for (const u of DEMO_USERS) console.log(`  ${u.username.padEnd(11)} ${u.roles.join(', ')}${u.department ? ` (${u.department})` : ''}`);
}

async function main(): Promise<void> {
  const demoPassword = process.env.DEMO_PASSWORD || 'demo';
  const running = await startServer({
    ...storeChoiceFromEnv(),
    port: Number(process.env.PORT ?? 3000),
    trustProxy: process.env.TRUST_PROXY || undefined,
    logLevel: process.env.LOG_LEVEL || undefined,
    timeZone: process.env.BUSINESS_TIME_ZONE || 'Asia/Shanghai',
    demo: process.env.DEMO !== '0',
    demoPassword,
    allowBrokenAudit: process.env.AUDIT_ALLOW_BROKEN === '1',
  });
  const users = await running.runtime.listUsers(HOST_ACTOR);
  printWelcome(running.url, demoPassword, users.map((u) => u.username));

  const stop = (signal: string) => {
    console.log(`\n${signal}: shutting down…`);
    running.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
