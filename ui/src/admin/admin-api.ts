// Typed calls to the admin endpoints (templates, gallery, users, departments).
import { api } from '../api';
import type { Labels, Template } from '../../../plugin/core/types';
import type { MigrationPreview, NewUser } from '../../../plugin/runtime/runtime-api';
import type { RuleTrace } from '../../../plugin/runtime/ports';

export type { Template, RuleTrace, MigrationPreview };
export type { NewUser } from '../../../plugin/runtime/runtime-api';

export interface Issue {
  path: string;
  message: string;
}

export interface TemplateListItem {
  id: string;
  /** The latest installed version. */
  version: number;
  name: Labels | string;
  description?: Labels | string;
  /** Every installed version, when the server lists them (one row per template id). */
  versions?: number[];
}

/** All installed versions of one template, newest first, whether the list has one row per id or per version. */
export function versionsOf(items: TemplateListItem[], id: string): number[] {
  const all = items.filter((x) => x.id === id).flatMap((x) => [x.version, ...(x.versions ?? [])]);
  return [...new Set(all)].sort((a, b) => b - a);
}

export interface GalleryItem {
  id: string;
  version: number;
  name: Labels | string;
  description?: Labels | string;
  installed: boolean;
  installedVersion?: number | null;
}

export interface ValidationResult {
  ok: boolean;
  errors: Issue[];
  warnings: Issue[];
}

export interface AdminUser {
  id: string;
  username: string;
  name: string;
  roles: string[];
  department?: string | null;
  disabled?: boolean;
  email?: string;
}

export interface Department {
  id: string;
  label: Labels | string;
}

export type UserPatch = Partial<Pick<AdminUser, 'name' | 'roles' | 'disabled'>> & {
  department?: string | null;
  password?: string;
  email?: string;
};

const enc = encodeURIComponent;

export const adminApi = {
  listTemplates: () => api<TemplateListItem[]>('GET', '/api/templates'),
  getTemplate: (id: string, version?: number) =>
    api<Template>('GET', `/api/templates/${enc(id)}${version === undefined ? '' : `?version=${version}`}`),
  installTemplate: (bundle: unknown) => api<{ id: string; version: number }>('POST', '/api/templates', bundle),
  validateTemplate: (bundle: unknown) => api<ValidationResult>('POST', '/api/templates/validate', bundle),
  gallery: () => api<GalleryItem[]>('GET', '/api/gallery'),
  importFromGallery: (id: string) => api<{ id: string; version: number }>('POST', `/api/gallery/${enc(id)}/import`),
  listUsers: () => api<AdminUser[]>('GET', '/api/users'),
  createUser: (u: NewUser) => api<AdminUser>('POST', '/api/users', u),
  updateUser: (id: string, patch: UserPatch) => api<AdminUser>('PATCH', `/api/users/${enc(id)}`, patch),
  departments: () => api<Department[]>('GET', '/api/departments'),
  /** The newest records of a template, to try rules on. */
  recentRecords: (template: string) =>
    api<{ items: { id: string; number: string; status: string }[] }>('GET', `/api/records?template=${enc(template)}&pageSize=20`),
  migrationPreview: (id: string) => api<MigrationPreview>('GET', `/api/templates/${enc(id)}/migration`),
  migrateRecords: (id: string) => api<{ moved: number; remaining: number }>('POST', `/api/templates/${enc(id)}/migration`, {}),
  tryRule: (template: Template, rule: string, record: string) => api<RuleTrace>('POST', '/api/templates/try-rule', { template, rule, record }),
};
