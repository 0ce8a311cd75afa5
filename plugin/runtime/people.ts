// Sign-in, sessions and the people directory.
import { createHash, randomBytes } from 'node:crypto';
import { refuse } from '../core/refusals.ts';
import type { Actor } from '../core/types.ts';
import { userAsActor, type RuntimeEnv } from './context.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import type { User } from './ports.ts';
import type { NewUser, PublicUser, Result } from './runtime-api.ts';

const SESSION_HOURS = 12;

export function publicUser(u: User): PublicUser {
  const p: PublicUser = { id: u.id, username: u.username, name: u.name, roles: u.roles };
  if (u.department) p.department = u.department;
  if (u.disabled) p.disabled = true;
  if (u.email) p.email = u.email;
  return p;
}

const badLogin = () => refuse('unauthenticated', '用户名或密码不正确。', 'Wrong username or password.');

/** What the store keeps of a token: its hash, so that a copy of the store (a backup, a stolen disk) signs nobody in. */
const stored = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A hash no password matches, checked when the username is unknown: a sign-in takes as long either way. */
let decoy: Promise<string> | undefined;

export async function login(env: RuntimeEnv, username: string, password: string): Promise<Result<{ token: string; user: PublicUser }>> {
  const user = await env.store.getUserByUsername(username);
  const matches = await verifyPassword(password, user?.passwordHash ?? (await (decoy ??= hashPassword(randomBytes(16).toString('hex')))));
  if (!user || !matches) return badLogin();
  if (user.disabled) return refuse('unauthenticated', '该账号已停用，请联系管理员。', 'This account is disabled; ask an administrator.');
  const token = randomBytes(24).toString('base64url');
  const now = env.clock.now();
  // Sign-ins that ran out are forgotten as new ones come: the store does not grow with every visit.
  await env.store.purgeSessions(now.toISOString());
  await env.store.putSession({ token: stored(token), userId: user.id, expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString() });
  return { ok: true, value: { token, user: publicUser(user) } };
}

export function logout(env: RuntimeEnv, token: string): Promise<void> {
  return env.store.deleteSession(stored(token));
}

export async function authenticate(env: RuntimeEnv, token: string): Promise<Actor | undefined> {
  const session = await env.store.getSession(stored(token));
  if (!session || session.expiresAt < env.now()) return undefined;
  const user = await env.store.getUser(session.userId);
  return user && !user.disabled ? userAsActor(user) : undefined;
}

const isAdmin = (a: Actor) => a.roles.includes('admin');
const adminOnly = () => refuse('forbidden', '只有管理员可以管理用户。', 'Only administrators manage users.');

export async function listUsers(env: RuntimeEnv, filter: { q?: string; department?: string; role?: string } = {}): Promise<PublicUser[]> {
  const q = filter.q?.toLowerCase();
  return (await env.store.listUsers())
    .filter((u) => !q || u.name.toLowerCase().includes(q) || u.username.toLowerCase().includes(q))
    .filter((u) => !filter.department || u.department === filter.department)
    .filter((u) => !filter.role || u.roles.includes(filter.role))
    .map(publicUser);
}

/** What is wrong with the fields given; a new user gives them all, a change only those it changes. */
const DEPARTMENT = /^[\p{L}\p{N}][\p{L}\p{N}_.-]{0,39}$/u;

function userProblems(input: Partial<NewUser>): { path: string; message: string }[] {
  return [
    ...(input.username !== undefined && !/^[a-zA-Z0-9_.-]{2,40}$/.test(input.username) ? [{ path: '/username', message: '2–40 letters, digits, _ . -' }] : []),
    ...(input.name !== undefined && !input.name?.trim() ? [{ path: '/name', message: 'required' }] : []),
    ...(input.password !== undefined && (input.password ?? '').length < 4 ? [{ path: '/password', message: 'at least 4 characters' }] : []),
    ...(input.roles !== undefined && (!Array.isArray(input.roles) || !input.roles.length || input.roles.some((r) => typeof r !== 'string' || !r.trim()))
      ? [{ path: '/roles', message: 'at least one role, none blank' }] : []),
    // A department is a code in lists and keys: it starts with a letter or digit ("__proto__" is no department).
    ...(input.department !== undefined && input.department !== '' && !DEPARTMENT.test(input.department)
      ? [{ path: '/department', message: 'up to 40 letters or digits (any language), _ . -, starting with a letter or digit' }] : []),
  ];
}

const badUser = (problems: { path: string; message: string }[]) =>
  refuse('validation_failed', '用户信息不完整或格式不对，请按提示修改。', 'The user details are incomplete or malformed; fix the fields listed.', problems);

export async function createUser(env: RuntimeEnv, actor: Actor | 'host', input: NewUser): Promise<Result<PublicUser>> {
  if (actor !== 'host' && !isAdmin(actor)) return adminOnly();
  const problems = userProblems({ ...input, username: input.username ?? '', name: input.name ?? '', password: input.password ?? '', roles: input.roles ?? [] });
  if (problems.length) return badUser(problems);
  return env.exclusive(async () => {
    if (await env.store.getUserByUsername(input.username))
      return refuse('conflict', `用户名“${input.username}”已被使用，请换一个。`, `The username "${input.username}" is taken; choose another.`);
    const user: User = {
      id: env.newId(), username: input.username, name: input.name.trim(), roles: input.roles,
      passwordHash: await hashPassword(input.password),
      ...(input.department ? { department: input.department } : {}),
      ...(input.email ? { email: input.email } : {}),
    };
    await env.store.putUser(user);
    return { ok: true as const, value: publicUser(user) };
  });
}

export async function updateUser(
  env: RuntimeEnv, actor: Actor, id: string,
  patch: { name?: string; roles?: string[]; department?: string; disabled?: boolean; password?: string; email?: string },
): Promise<Result<PublicUser>> {
  if (!isAdmin(actor)) return adminOnly();
  const problems = userProblems({ name: patch.name, password: patch.password, roles: patch.roles });
  if (problems.length) return badUser(problems);
  return env.exclusive(async () => {
    const user = await env.store.getUser(id);
    if (!user) return refuse('not_found', '找不到该用户。', 'No such user.');
    if (patch.disabled && user.id === actor.id) return refuse('conflict', '不能停用自己的账号。', 'You cannot disable your own account.');
    const next: User = { ...user };
    if (patch.name !== undefined) next.name = patch.name.trim();
    if (patch.roles !== undefined) next.roles = patch.roles;
    if (patch.department !== undefined) next.department = patch.department;
    if (patch.disabled !== undefined) next.disabled = patch.disabled;
    if (patch.email !== undefined) next.email = patch.email;
    if (patch.password !== undefined) next.passwordHash = await hashPassword(patch.password);
    await env.store.putUser(next);
    // A new password or a disabled account ends every session the old one had opened.
    if (patch.password !== undefined || patch.disabled) await env.store.deleteSessionsOf(user.id);
    return { ok: true as const, value: publicUser(next) };
  });
}

