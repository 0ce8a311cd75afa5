// Records on older versions of a template, moved onto the newest one by an administrator: first a preview
// (how many, from which versions, which cannot move and why), then the move itself, in batches.
import { migrate, migrationProblems } from '../core/migration.ts';
import { refuse } from '../core/refusals.ts';
import type { Actor, AuditEntry, Template, WorkRecord } from '../core/types.ts';
import type { RuntimeEnv } from './context.ts';
import { recordPages } from './record-pages.ts';
import { VersionConflict } from './ports.ts';
import type { MigrationPreview, MigrationResult, Result } from './runtime-api.ts';

/** Records moved by one call (the server moves the rest on the next ones). */
const BATCH = 500;
/** Blocked records listed by name in a preview; the rest are counted. */
const LISTED = 50;

async function* olderRecords(env: RuntimeEnv, template: Template): AsyncGenerator<WorkRecord> {
  for await (const { items } of recordPages(env.store, { template: template.id, visibility: { all: true }, sort: { field: 'createdAt', dir: 'asc' } }))
    for (const r of items) if (r.templateVersion < template.version) yield r;
}

async function newest(env: RuntimeEnv, actor: Actor, id: string): Promise<Result<Template>> {
  if (!actor.roles.includes('admin')) return refuse('forbidden', '只有管理员可以升级记录的模板版本。', 'Only administrators move records to another template version.');
  const template = await env.store.getTemplate(id);
  return template ? { ok: true, value: template } : refuse('not_found', `没有模板 ${id}。`, `No template ${id}.`);
}

export async function previewMigration(env: RuntimeEnv, actor: Actor, id: string): Promise<Result<MigrationPreview>> {
  const found = await newest(env, actor, id);
  if (!found.ok) return found;
  const template = found.value;
  const preview: MigrationPreview = { template: id, to: template.version, older: 0, byVersion: {}, movable: 0, blocked: [], blockedCount: 0 };
  for await (const r of olderRecords(env, template)) {
    preview.older++;
    preview.byVersion[r.templateVersion] = (preview.byVersion[r.templateVersion] ?? 0) + 1;
    const problems = migrationProblems(template, r);
    if (!problems.length) {
      preview.movable++;
      continue;
    }
    preview.blockedCount++;
    if (preview.blocked.length < LISTED) preview.blocked.push({ id: r.id, number: r.number, version: r.templateVersion, status: r.status, problems });
  }
  return { ok: true, value: preview };
}

/** Moves up to `limit` movable records; records that cannot move stay as they are. */
export async function migrateRecords(env: RuntimeEnv, actor: Actor, id: string, limit = BATCH): Promise<Result<MigrationResult>> {
  const found = await newest(env, actor, id);
  if (!found.ok) return found;
  const template = found.value;
  return env.exclusive(async () => {
    const moves: { record: WorkRecord; expectVersion: number }[] = [];
    const audit: AuditEntry[] = [];
    let remaining = 0;
    for await (const r of olderRecords(env, template)) {
      if (migrationProblems(template, r).length) continue;
      if (moves.length >= limit) {
        remaining++;
        continue;
      }
      const moved = migrate(template, r, actor, env.now());
      moves.push({ record: moved.record, expectVersion: r.version });
      audit.push({ ...moved.audit, id: env.newId(), recordId: r.id });
    }
    try {
      if (moves.length) await env.store.commit({ records: moves, audit });
    } catch (e) {
      if (e instanceof VersionConflict) return refuse('version_conflict', '有记录在此期间被修改，请再试一次。', 'A record changed meanwhile; try again.');
      throw e;
    }
    return { ok: true as const, value: { moved: moves.length, remaining } };
  });
}
