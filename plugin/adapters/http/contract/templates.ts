// Templates: reading them, checking and installing bundles, trying a rule, moving records to a new version, the gallery.
import { jsonBody, object, ok, pathParam, problems, query, ref, type Operation } from './kit.ts';

const templateId = pathParam('id', 'Template id.');
const installed = object({ id: { type: 'string' }, version: { type: 'integer' } }, ['id', 'version']);

export const listTemplates: Operation = {
  method: 'get',
  path: '/api/templates',
  summary: 'Installed templates, latest version of each',
  responses: { 200: ok('Templates', { type: 'array', items: ref('TemplateSummary') }), ...problems(401) },
};

export const installTemplate: Operation = {
  method: 'post',
  path: '/api/templates',
  summary: 'Install a template bundle (admin)',
  description: 'The same id and version again changes nothing (200); a new version installs beside the old one.',
  requestBody: jsonBody(ref('TemplateBundle')),
  responses: { 201: ok('Installed', installed), 200: ok('Already installed; nothing changed', installed), ...problems(400, 401, 403, 409, 413, 422) },
};

export const checkTemplate: Operation = {
  method: 'post',
  path: '/api/templates/validate',
  summary: 'Check a bundle without installing it (admin)',
  requestBody: jsonBody(ref('TemplateBundle')),
  responses: { 200: ok('Findings', ref('TemplateCheck')), ...problems(400, 401, 403) },
};

export const tryRule: Operation = {
  method: 'post',
  path: '/api/templates/try-rule',
  summary: 'Try a rule of a drafted template on one of its records (admin): whether it holds, and each comparison with the value found',
  requestBody: jsonBody(object({ template: ref('TemplateBundle'), rule: { type: 'string' }, record: { type: 'string' } }, ['template', 'rule', 'record'])),
  responses: { 200: ok('The result and its reason', ref('RuleTrace')), ...problems(400, 401, 403, 404, 422) },
};

export const getTemplate: Operation = {
  method: 'get',
  path: '/api/templates/{id}',
  summary: 'A template as installed',
  parameters: [templateId, query('version', { type: 'integer', minimum: 1 }, 'Another installed version; default the latest.')],
  responses: { 200: ok('The bundle', ref('TemplateBundle')), ...problems(400, 401, 404) },
};

export const previewMigration: Operation = {
  method: 'get',
  path: '/api/templates/{id}/migration',
  summary: 'What moving records on older versions to the newest version would do (admin): counts per version, and the records that cannot move with the reasons',
  parameters: [templateId],
  responses: { 200: ok('The preview', ref('MigrationPreview')), ...problems(401, 403, 404) },
};

export const migrateRecords: Operation = {
  method: 'post',
  path: '/api/templates/{id}/migration',
  summary: 'Move up to `limit` (default and at most 500) records the newest version accepts as they are onto it (admin); each gets a history entry',
  parameters: [templateId],
  requestBody: jsonBody(object({ limit: { type: 'integer', minimum: 1, maximum: 500 } }), false),
  responses: { 200: ok('Moved, and how many movable records remain', object({ moved: { type: 'integer' }, remaining: { type: 'integer' } }, ['moved', 'remaining'])), ...problems(400, 401, 403, 404, 409) },
};

export const gallery: Operation = {
  method: 'get',
  path: '/api/gallery',
  summary: 'Prebuilt templates shipped with the product',
  responses: { 200: ok('Gallery', { type: 'array', items: ref('GalleryItem') }), ...problems(401) },
};

export const importFromGallery: Operation = {
  method: 'post',
  path: '/api/gallery/{id}/import',
  summary: 'Install a prebuilt template (admin)',
  parameters: [pathParam('id', 'Gallery template id.')],
  responses: { 201: ok('Installed', installed), 200: ok('Already installed', installed), ...problems(400, 401, 403, 404, 422) },
};
