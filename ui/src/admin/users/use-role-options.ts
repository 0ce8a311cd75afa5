// Roles an admin can give: the union of the roles declared by the installed templates, labelled by the first that names them.
import { useCallback } from 'react';
import type { Labels } from '../../../../plugin/core/types';
import { adminApi } from '../admin-api';
import { useLoad } from '../components/use-load';

export interface RoleOption {
  value: string;
  label: Labels;
}

export async function loadRoleOptions(): Promise<RoleOption[]> {
  const list = await adminApi.listTemplates();
  const ids = [...new Set(list.map((x) => x.id))];
  const templates = await Promise.all(ids.map((id) => adminApi.getTemplate(id).catch(() => null)));
  const roles = new Map<string, Labels>();
  for (const tpl of templates) {
    for (const [k, r] of Object.entries(tpl?.roles ?? {})) if (!roles.has(k)) roles.set(k, r.label);
  }
  return [...roles].map(([value, label]) => ({ value, label }));
}

export function useRoleOptions() {
  const load = useCallback(loadRoleOptions, []);
  return useLoad(load, [load]);
}
