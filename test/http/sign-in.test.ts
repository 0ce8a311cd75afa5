// Sign-in against guessing: failures counted per account and per address (429 with Retry-After), the same work
// whether or not the username exists, tokens kept only as hashes, expired sign-ins purged.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from './support/orders.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
let strict: TestApp;
const WINDOW_MS = 4000;
beforeAll(async () => {
  app = await startTestApp();
  // A short window and a small address limit, so that the limit and its end are both seen here; the window is
  // long enough that the attempts never outlast it, even on a busy machine.
  strict = await startTestApp({ signIn: { windowMs: WINDOW_MS, perAccount: 3, perAddress: 5 } });
});
afterAll(async () => {
  await app.close();
  await strict.close();
});

const signIn = (on: TestApp, username: string, password: string) => on.anonymous().inLanguage('en').post('/api/session', { username, password });

describe('failed sign-ins', () => {
  it('past ten for one account, even the right password is refused with 429 and Retry-After; other accounts go on', async () => {
    for (let i = 0; i < 10; i++) expectProblem(await signIn(app, 'sales2', `guess-${i}`), 401, 'unauthenticated');
    const blocked = await signIn(app, 'sales2', 'demo');
    expectProblem(blocked, 429, 'too_many_attempts');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.body.detail).toMatch(/try again in \d+ minute/);
    // The same account typed another way is the same account.
    expectProblem(await signIn(app, ' SALES2 ', 'demo'), 429, 'too_many_attempts');
    expect((await signIn(app, 'sales3', 'demo')).status).toBe(200);
  });

  it('successful sign-ins are not counted', async () => {
    for (let i = 0; i < 15; i++) expect((await signIn(app, 'warehouse', 'demo')).status).toBe(200);
  });

  it('an address that tries many accounts is stopped too, and let in again once the window has passed', async () => {
    const start = Date.now();
    for (const u of ['sales1', 'sales2', 'sales3', 'manager', 'finance']) expectProblem(await signIn(strict, u, 'wrong'), 401, 'unauthenticated');
    expectProblem(await signIn(strict, 'warehouse', 'demo'), 429, 'too_many_attempts');
    await new Promise((r) => setTimeout(r, start + WINDOW_MS + 100 - Date.now()));
    expect((await signIn(strict, 'warehouse', 'demo')).status).toBe(200);
  });
});

describe('what a sign-in leaves behind', () => {
  it('the store keeps a hash of the token, not the token', async () => {
    const { token } = (await signIn(app, 'finance', 'demo')).body;
    expect(await app.store.getSession(token)).toBeUndefined();
    expect(await app.store.getSession(createHash('sha256').update(token).digest('hex'))).toMatchObject({ userId: app.people.finance.id });
    expect(JSON.stringify(await app.store.exportAll())).not.toContain(token);
  });

  it('sign-ins that expired are purged when someone signs in', async () => {
    const { token } = (await signIn(app, 'manager', 'demo')).body;
    const hash = createHash('sha256').update(token).digest('hex');
    app.clock.set(new Date(Date.now() + 13 * 3600_000));
    try {
      expect((await signIn(app, 'manager2', 'demo')).status).toBe(200);
      expect(await app.store.getSession(hash)).toBeUndefined();
    } finally {
      app.clock.set(undefined);
    }
  });

  it('an unknown username costs the same password check as a known one', async () => {
    const timeOf = async (username: string) => {
      const t = performance.now();
      await signIn(app, username, 'not-the-password');
      return performance.now() - t;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const known: number[] = [];
    const unknown: number[] = [];
    // Accounts of their own, so that these failures stay under the per-account limit.
    for (let i = 0; i < 3; i++) {
      known.push(await timeOf('sales1'));
      unknown.push(await timeOf(`nobody-${i}`));
    }
    // Both hash the password (scrypt, tens of milliseconds); before, an unknown name answered at once.
    expect(median(unknown)).toBeGreaterThan(median(known) / 3);
  });
});
