// Departments: the ones people belong to, with names for the well-known codes.
import type { Labels } from '../core/types.ts';
import type { RuntimeEnv } from './context.ts';

const departmentNames: Record<string, Labels> = {
  east: { 'zh-CN': '华东区', en: 'East' },
  west: { 'zh-CN': '华西区', en: 'West' },
  north: { 'zh-CN': '华北区', en: 'North' },
  south: { 'zh-CN': '华南区', en: 'South' },
};

export function departmentLabel(id: string): Labels {
  return Object.hasOwn(departmentNames, id) ? departmentNames[id] : { 'zh-CN': id, en: id };
}

/** Departments are the ones people belong to; well-known codes get names. */
export async function departments(env: RuntimeEnv): Promise<{ id: string; label: Labels }[]> {
  const ids = [...new Set((await env.store.listUsers()).map((u) => u.department).filter((d): d is string => !!d))].sort();
  return ids.map((id) => ({ id, label: departmentLabel(id) }));
}
