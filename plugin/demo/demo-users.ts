// The demo people of the contract (API.md), plus a second salesperson in the east and a manager in the west.
import { PluginFailure } from '../core/errors.ts';
import type { Actor } from '../core/types.ts';
import type { PublicUser } from '../runtime/runtime-api.ts';
import type { HostRuntime } from '../runtime/runtime.ts';

export interface DemoUserSpec {
  username: string;
  name: string;
  roles: string[];
  department?: string;
}

export const DEMO_USERS: readonly DemoUserSpec[] = [
  { username: 'admin', name: '系统管理员', roles: ['admin'] },
  { username: 'sales1', name: '张伟', roles: ['sales'], department: 'east' },
  { username: 'sales2', name: '李娜', roles: ['sales'], department: 'west' },
  { username: 'sales3', name: '王磊', roles: ['sales'], department: 'east' },
  { username: 'manager', name: '刘洋', roles: ['sales_manager'], department: 'east' },
  { username: 'manager2', name: '陈静', roles: ['sales_manager'], department: 'west' },
  { username: 'finance', name: '赵敏', roles: ['finance'] },
  { username: 'finmanager', name: '孙强', roles: ['finance_manager'] },
  { username: 'warehouse', name: '周杰', roles: ['warehouse'] },
];

export type DemoPeople = Record<string, PublicUser & { actor: Actor }>;

function asActor(u: PublicUser): Actor {
  return { id: u.id, name: u.name, roles: u.roles, ...(u.department ? { department: u.department } : {}) };
}

/**
 * The first administrator is added by the host (nobody exists yet who could create them);
 * everyone else is created by that administrator through the runtime, as the admin screen would.
 */
export async function seedDemoUsers(runtime: HostRuntime, password: string): Promise<DemoPeople> {
  const [first, ...rest] = DEMO_USERS;
  const added = await runtime.addUser({ ...first, password });
  if (!added.ok) throw new PluginFailure('seed_failed', `demo user ${first.username}: ${added.message.en}`);
  const people: DemoPeople = { [first.username]: { ...added.value, actor: asActor(added.value) } };

  for (const spec of rest) {
    const created = await runtime.createUser(people.admin.actor, { ...spec, password });
    if (!created.ok) throw new PluginFailure('seed_failed', `demo user ${spec.username}: ${created.message.en} ${JSON.stringify(created.errors ?? [])}`);
    people[spec.username] = { ...created.value, actor: asActor(created.value) };
  }
  return people;
}
