// Templates: reading them (everyone signed in), checking and installing them (administrators), and the gallery.
import type { Router } from 'express';
import type { Template } from '../../../core/types.ts';
import type { Runtime, RuleTrialInput } from '../../../runtime/runtime-api.ts';
import { actorOf, requireAdmin } from '../auth.ts';
import { jsonObjectBody, readBody } from '../body.ts';
import type { Gallery } from '../gallery.ts';
import { HttpProblem } from '../problem.ts';
import { orRefuse } from '../reply.ts';
import { queryInt } from '../request-params.ts';

function templateNotFound(id: string, version?: number): HttpProblem {
  const which = version === undefined ? id : `${id} v${version}`;
  return new HttpProblem('not_found', { 'zh-CN': `没有模板 ${which}。`, en: `No template ${which}.` });
}

/** One entry per template id, at its latest version; older installed versions are listed in `versions`. */
function summarize(templates: Template[]): (Pick<Template, 'id' | 'version' | 'name' | 'description' | 'appearance'> & { versions: number[] })[] {
  const byId = new Map<string, Template[]>();
  for (const t of templates) byId.set(t.id, [...(byId.get(t.id) ?? []), t]);
  return [...byId.values()]
    .map((versions) => {
      const sorted = [...versions].sort((a, b) => a.version - b.version);
      const latest = sorted[sorted.length - 1];
      return { id: latest.id, version: latest.version, name: latest.name, description: latest.description, appearance: latest.appearance, versions: sorted.map((t) => t.version) };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

export function templateRoutes(router: Router, runtime: Runtime, gallery: Gallery): void {
  router.get('/templates', async (_req, res) => {
    res.json(summarize(await runtime.listTemplates()));
  });

  router.post('/templates/validate', (req, res) => {
    requireAdmin(actorOf(res));
    res.json(runtime.checkTemplate(jsonObjectBody(req)));
  });

  router.post('/templates/try-rule', async (req, res) => {
    const body = readBody<RuleTrialInput>(req, { template: { type: 'object', required: true }, rule: { type: 'string', required: true }, record: { type: 'string', required: true } });
    res.json(orRefuse(await runtime.tryRule(actorOf(res), body)));
  });

  router.post('/templates', async (req, res) => {
    const actor = actorOf(res);
    const bundle = jsonObjectBody(req);
    const { id, version, created } = orRefuse(await runtime.importTemplate(actor, bundle));
    res.status(created ? 201 : 200).json({ id, version });
  });

  router.get('/templates/:id', async (req, res) => {
    const version = queryInt(req, 'version', 1, Number.MAX_SAFE_INTEGER);
    const template = await runtime.getTemplate(req.params.id, version);
    if (!template) throw templateNotFound(req.params.id, version);
    res.json(template);
  });

  router.get('/templates/:id/migration', async (req, res) => {
    res.json(orRefuse(await runtime.previewMigration(actorOf(res), req.params.id)));
  });

  router.post('/templates/:id/migration', async (req, res) => {
    const body = readBody<{ limit?: number }>(req, { limit: { type: 'integer' } }, { optional: true });
    res.json(orRefuse(await runtime.migrateRecords(actorOf(res), req.params.id, body.limit === undefined ? undefined : Math.max(1, Math.min(body.limit, 500)))));
  });

  router.get('/gallery', async (_req, res) => {
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

  router.post('/gallery/:id/import', async (req, res) => {
    const actor = actorOf(res);
    requireAdmin(actor);
    const entry = (await gallery.entries()).find((e) => e.id === req.params.id);
    if (!entry) throw templateNotFound(req.params.id);
    const { id, version, created } = orRefuse(await runtime.importTemplate(actor, await entry.load()));
    res.status(created ? 201 : 200).json({ id, version });
  });
}
