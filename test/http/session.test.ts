import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client.ts';
import { expectProblem } from './support/orders.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('signing in', () => {
  it('a demo user signs in with the right password and gets a token and who they are', async () => {
    const res = await app.anonymous().post('/api/session', { username: 'sales1', password: 'demo' });
    expect(res.status).toBe(200);
    expect(typeof res.body.token).toBe('string');
    expect(res.body.user).toMatchObject({ name: expect.any(String), roles: ['sales'], department: 'east' });
    expect(typeof res.body.user.id).toBe('string');
    expect(res.body.user).not.toHaveProperty('passwordHash');
  });

  it('the user always carries the fields the contract names: department is null for someone in none', async () => {
    for (const username of ['admin', 'finance']) {
      const res = await app.anonymous().post('/api/session', { username, password: 'demo' });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body.user)).toEqual(expect.arrayContaining(['id', 'name', 'roles', 'department']));
      expect(res.body.user.department).toBeNull();
      const me = await new ApiClient(app.url, res.body.token).get('/api/me');
      expect(me.body.department).toBeNull();
    }
  });

  it('a wrong password is a 401 problem that does not say which half was wrong', async () => {
    const res = await app.anonymous().inLanguage('en').post('/api/session', { username: 'sales1', password: 'nope' });
    expectProblem(res, 401, 'unauthenticated');
    const unknown = await app.anonymous().inLanguage('en').post('/api/session', { username: 'nobody', password: 'nope' });
    expect(unknown.body.detail).toBe(res.body.detail);
  });

  it('a sign-in without a password is a 400 naming the field', async () => {
    const res = await app.anonymous().post('/api/session', { username: 'sales1' });
    expectProblem(res, 400, 'bad_request');
    expect(res.body.errors).toEqual([{ path: '/password', message: expect.any(String) }]);
  });

  it('health answers without credentials', async () => {
    const res = await app.anonymous().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('every other call without a token, or with a bad one, is 401', async () => {
    expectProblem(await app.anonymous().get('/api/records'), 401, 'unauthenticated');
    expectProblem(await app.anonymous().get('/api/templates'), 401, 'unauthenticated');
    const forged = await app.anonymous().get('/api/records', { headers: { authorization: 'Bearer not-a-token' } });
    expectProblem(forged, 401, 'unauthenticated');
  });

  it('the ow_token cookie works in place of the header', async () => {
    const login = await app.anonymous().post('/api/session', { username: 'manager', password: 'demo' });
    expect(login.headers.get('set-cookie')).toMatch(/ow_token=.*HttpOnly/i);
    const res = await app.anonymous().get('/api/me', { headers: { cookie: `ow_token=${login.body.token}` } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ username: 'manager', roles: ['sales_manager'] });
  });

  it('signing out ends the session', async () => {
    const login = await app.anonymous().post('/api/session', { username: 'finance', password: 'demo' });
    const headers = { authorization: `Bearer ${login.body.token}` };
    expect((await app.anonymous().get('/api/me', { headers })).status).toBe(200);
    expect((await app.anonymous().delete('/api/session', { headers })).status).toBe(204);
    expectProblem(await app.anonymous().get('/api/me', { headers }), 401, 'unauthenticated');
  });

  it('problems speak Chinese by default and English when asked', async () => {
    const zh = await app.anonymous().get('/api/records');
    const en = await app.anonymous().inLanguage('en-GB,en;q=0.9').get('/api/records');
    expect(zh.body.detail).toMatch(/[\u4e00-\u9fff]/);
    expect(en.body.detail).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('people', () => {
  it('anyone signed in can search people by department and role (for the reassign dialog)', async () => {
    const sales1 = await app.as('sales1');
    const res = await sales1.get('/api/users?department=east&role=sales');
    expect(res.status).toBe(200);
    expect(res.body.map((u: any) => u.username).sort()).toEqual(['sales1', 'sales3']);
    expect(JSON.stringify(res.body)).not.toContain('passwordHash');
  });

  it('lists the departments with labels', async () => {
    const res = await (await app.as('sales1')).get('/api/departments');
    expect(res.status).toBe(200);
    expect(res.body.map((d: any) => d.id)).toEqual(expect.arrayContaining(['east', 'west']));
  });

  it('a department that is no code ("__proto__", blanks) is refused naming the field, and never listed', async () => {
    const admin = await app.as('admin');
    for (const department of ['__proto__', ' east', 'a/b']) {
      const res = await admin.post('/api/users', { username: 'odd1', name: '奇怪', password: 'pw1234', roles: ['sales'], department });
      expectProblem(res, 422, 'validation_failed');
      expect(res.body.errors).toEqual([{ path: '/department', message: expect.any(String) }]);
    }
    expect((await admin.get('/api/departments')).body.map((d: any) => d.id)).not.toContain('__proto__');
    // Codes in any language are departments.
    const created = await admin.post('/api/users', { username: 'odd2', name: '华东新人', password: 'pw1234', roles: ['sales'], department: '华东二部' });
    expect(created.status).toBe(201);
    expect((await admin.get('/api/departments')).body).toContainEqual({ id: '华东二部', label: { 'zh-CN': '华东二部', en: '华东二部' } });
  });

  it('an admin creates and changes a user; the new user can sign in', async () => {
    const admin = await app.as('admin');
    const created = await admin.post('/api/users', { username: 'sales9', name: '新人', password: 'pw1234', roles: ['sales'], department: 'west' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'sales9', roles: ['sales'], department: 'west' });
    const changed = await admin.patch(`/api/users/${created.body.id}`, { department: 'east', name: '新人二' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ department: 'east', name: '新人二' });
    const login = await app.anonymous().post('/api/session', { username: 'sales9', password: 'pw1234' });
    expect(login.status).toBe(200);
  });

  it('a new password or disabling the account signs the person out everywhere', async () => {
    const admin = await app.as('admin');
    const created = await admin.post('/api/users', { username: 'sales10', name: '轮换', password: 'pw1234', roles: ['sales'], department: 'east' });
    expect(created.status).toBe(201);
    const signIn = async (password: string) => (await app.anonymous().post('/api/session', { username: 'sales10', password })).body.token as string;
    const asUser = (token: string) => new ApiClient(app.url, token);

    const first = await signIn('pw1234');
    expect((await asUser(first).get('/api/me')).status).toBe(200);
    expect((await admin.patch(`/api/users/${created.body.id}`, { password: 'pw5678' })).status).toBe(200);
    expect((await asUser(first).get('/api/me')).status).toBe(401);

    const second = await signIn('pw5678');
    // Changing a name leaves the sessions alone.
    expect((await admin.patch(`/api/users/${created.body.id}`, { name: '轮换二' })).status).toBe(200);
    expect((await asUser(second).get('/api/me')).status).toBe(200);
    expect((await admin.patch(`/api/users/${created.body.id}`, { disabled: true })).status).toBe(200);
    expect((await asUser(second).get('/api/me')).status).toBe(401);
  });

  it('a change is held to the rules a new user is: no empty password, blank name or empty roles; nothing changes', async () => {
    const admin = await app.as('admin');
    const created = await admin.post('/api/users', { username: 'sales8', name: '新人', password: 'pw1234', roles: ['sales'], department: 'west' });
    expect(created.status).toBe(201);
    for (const [patch, path] of [[{ password: '' }, '/password'], [{ password: 'abc' }, '/password'], [{ name: '   ' }, '/name'], [{ roles: [] }, '/roles'], [{ roles: [''] }, '/roles']] as const) {
      const res = await admin.patch(`/api/users/${created.body.id}`, patch);
      expectProblem(res, 422, 'validation_failed');
      expect(res.body.errors.map((e: any) => e.path), JSON.stringify(patch)).toEqual([path]);
    }
    expect((await admin.get('/api/users?q=sales8')).body).toEqual([created.body]);
    expect((await app.anonymous().post('/api/session', { username: 'sales8', password: '' })).status).toBe(401);
    expect((await app.anonymous().post('/api/session', { username: 'sales8', password: 'pw1234' })).status).toBe(200);
  });

  it('a non-admin may not create users, and nobody is created', async () => {
    const res = await (await app.as('manager')).post('/api/users', { username: 'sneaky', name: 'x', password: 'pw1234', roles: ['admin'] });
    expectProblem(res, 403, 'forbidden');
    const users = await (await app.as('admin')).get('/api/users?q=sneaky');
    expect(users.body).toEqual([]);
  });

  it('a user body with an unknown field is a 400 naming it', async () => {
    const res = await (await app.as('admin')).post('/api/users', { username: 'x1', name: 'x', password: 'pw1234', roles: ['sales'], isAdmin: true });
    expectProblem(res, 400, 'bad_request');
    expect(res.body.errors).toEqual([{ path: '/isAdmin', message: expect.stringContaining('isAdmin') }]);
  });
});
