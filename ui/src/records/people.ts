// People and departments, for filters, the reassign dialog and names in history.
import { api } from '../api';
import type { Department, PublicUser } from '../model';
import { useAsync } from '../lib/use-async';

let usersOnce: Promise<PublicUser[]> | null = null;
let departmentsOnce: Promise<Department[]> | null = null;

export function allUsers(): Promise<PublicUser[]> {
  if (!usersOnce) {
    usersOnce = api<PublicUser[]>('GET', '/users');
    usersOnce.catch(() => (usersOnce = null));
  }
  return usersOnce;
}

export function searchUsers(q: string, department?: string): Promise<PublicUser[]> {
  const p = new URLSearchParams();
  if (q) p.set('q', q);
  if (department) p.set('department', department);
  const s = p.toString();
  return api<PublicUser[]>('GET', `/users${s ? `?${s}` : ''}`);
}

export function departments(): Promise<Department[]> {
  if (!departmentsOnce) {
    departmentsOnce = api<Department[]>('GET', '/departments');
    departmentsOnce.catch(() => (departmentsOnce = null));
  }
  return departmentsOnce;
}

export function useUsers() {
  return useAsync(() => allUsers(), []);
}

export function useDepartments() {
  return useAsync(() => departments(), []);
}
