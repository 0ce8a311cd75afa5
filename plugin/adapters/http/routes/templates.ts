// Templates: reading them (everyone signed in), checking and installing them (administrators), and the gallery.
import type { Router } from 'express';
import type { Template } from '../../../core/types.ts';
import type { Runtime, RuleTrialInput } from '../../../runtime/runtime-api.ts';
import { actorOf, requireAdmin } from '../auth.ts';
import * as contract from '../contract/templates.ts';
import { requestLanguage } from '../language.ts';
import { on } from '../operation-route.ts';
import type { Gallery } from '../gallery.ts';
import { HttpProblem, issueIn } from '../problem.ts';
import { orRefuse } from '../reply.ts';
import { queryInt } from '../request-params.ts';

function templateNotFound(id: string, version?: number): HttpProblem {
  const which = version === undefined ? id : `${id} v${version}`;
  return new HttpProblem('not_found', { 'zh-CN': `没有模板 ${which}。`, en: `No template ${which}.` });
}

/** One entry per template id, at its latest version; older installed versions are listed in `versions`. */
function summarize(templates: Template[]): (Pick<Template, 'id' | 'version' | 'name' | 'description' | 'appearance'> & { roles: string[]; versions: number[] })[] {
  const byId = new Map<string, Template[]>();
  for (const t of templates) byId.set(t.id, [...(byId.get(t.id) ?? []), t]);
  return [...byId.values()]
    .map((versions) => {
      const sorted = [...versions].sort((a, b) => a.version - b.version);
      const latest = sorted[sorted.length - 1];
      const roles = [...new Set(sorted.flatMap((t) => Object.keys(t.roles)))];
      return { id: latest.id, version: latest.version, name: latest.name, description: latest.description, appearance: latest.appearance, roles, versions: sorted.map((t) => t.version) };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

export function templateRoutes(router: Router, runtime: Runtime, gallery: Gallery): void {
  on(router, contract.listTemplates, async (_req, res) => {
    res.json(summarize(await runtime.listTemplates()));
  });

  on<Record<string, unknown>>(router, contract.checkTemplate, (_req, res, bundle) => {
    requireAdmin(actorOf(res));
    res.json(runtime.checkTemplate(bundle));
  });

  on<RuleTrialInput>(router, contract.tryRule, async (_req, res, body) => {
    res.json(orRefuse(await runtime.tryRule(actorOf(res), body)));
  });

  on<Record<string, unknown>>(router, contract.installTemplate, async (_req, res, bundle) => {
    const actor = actorOf(res);
    const { id, version, created } = orRefuse(await runtime.importTemplate(actor, bundle));
    res.status(created ? 201 : 200).json({ id, version });
  });

  on(router, contract.getTemplate, async (req, res) => {
    const version = queryInt(req, 'version', 1, Number.MAX_SAFE_INTEGER);
    const template = await runtime.getTemplate(req.params.id, version);
    if (!template) throw templateNotFound(req.params.id, version);
    res.json(template);
  });

  on(router, contract.previewMigration, async (req, res) => {
    const preview = orRefuse(await runtime.previewMigration(actorOf(res), req.params.id));
    // each reason a record cannot move, in the reader's language
    const lang = requestLanguage(req);
    const blocked = preview.blocked.map((b) => ({ ...b, problems: b.problems.map((p) => issueIn(p, lang)) }));
    res.json({ ...preview, blocked });
  });

  on<{ limit?: number }>(router, contract.migrateRecords, async (req, res, body) => {
    res.json(orRefuse(await runtime.migrateRecords(actorOf(res), req.params.id, body.limit)));
  });

  on(router, contract.gallery, async (_req, res) => {
    const installed = await runtime.listTemplates();
    const entries = await gallery.entries();
    res.json(
      entries.map((e) => {
        const versions = installed.filter((t) => t.id === e.id).map((t) => t.version);
        return {
          id: e.id,
          version: e.version,
          name: e.name,
          description: e.description,
          installed: versions.includes(e.version),
          installedVersion: versions.length > 0 ? Math.max(...versions) : null,
        };
      }),
    );
  });

  on(router, contract.importFromGallery, async (req, res) => {
    const actor = actorOf(res);
    requireAdmin(actor);
    const entry = (await gallery.entries()).find((e) => e.id === req.params.id);
    if (!entry) throw templateNotFound(req.params.id);
    const { id, version, created } = orRefuse(await runtime.importTemplate(actor, await entry.load()));
    res.status(created ? 201 : 200).json({ id, version });
  });
}
