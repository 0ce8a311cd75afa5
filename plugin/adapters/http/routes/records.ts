// Records: list, open, create, edit (optimistic with If-Match), copy, and what hangs off one record.
import type { Request, Router } from 'express';
import { canRead } from '../../../core/permissions.ts';
import type { JsonObject } from '../../../core/types.ts';
import { MAX_PAGE_SIZE, type RecordListQuery, type Runtime } from '../../../runtime/runtime-api.ts';
import { actorOf } from '../auth.ts';
import { readBody } from '../body.ts';
import { HttpProblem } from '../problem.ts';
import { orRefuse, sendRecord } from '../reply.ts';
import { requestLanguage } from '../language.ts';
import { asCsv, asXlsx, recordsWorkbook } from '../spreadsheet.ts';
import { ifMatchVersion, queryDate, queryEnum, queryFlag, queryInt, queryList, queryString } from '../request-params.ts';

const SORT_FIELDS = ['number', 'createdAt', 'updatedAt', 'status', 'amount', 'customer'] as const;

/** The filters of a records list, as the query string gives them. */
function listQuery(req: Request): RecordListQuery {
  return {
    template: queryString(req, 'template'),
    q: queryString(req, 'q'),
    status: queryList(req, 'status'),
    includeArchived: queryFlag(req, 'includeArchived'),
    from: queryDate(req, 'from'),
    to: queryDate(req, 'to'),
    handler: queryString(req, 'handler'),
    department: queryString(req, 'department'),
    sort: queryEnum(req, 'sort', SORT_FIELDS),
    dir: queryEnum(req, 'dir', ['asc', 'desc'] as const),
    page: queryInt(req, 'page', 1, 1_000_000),
    pageSize: queryInt(req, 'pageSize', 1, MAX_PAGE_SIZE),
  };
}

export function recordRoutes(router: Router, runtime: Runtime): void {
  router.get('/records/export', async (req, res) => {
    const format = queryEnum(req, 'format', ['xlsx', 'csv'] as const) ?? 'xlsx';
    const query = listQuery(req);
    const actor = actorOf(res);
    const { rows, truncated } = await runtime.recordsForExport(actor, query);
    const template = query.template ? await runtime.getTemplate(query.template) : undefined;
    const names = new Map((await runtime.listUsers(actor)).map((u) => [u.id, u.name]));
    const lang = requestLanguage(req);
    const book = await recordsWorkbook(rows, template, lang, names, (p) => !template || canRead(template, p, actor));
    const file = `${query.template ?? 'records'}-${new Date().toISOString().slice(0, 10)}.${format}`;
    res.set('Content-Disposition', `attachment; filename="${file}"`);
    // a list longer than one export holds says so, so nobody takes part of it for the whole
    if (truncated) res.set('X-Export-Truncated', `${rows.length}`);
    if (format === 'csv') res.type('text/csv; charset=utf-8').send(await asCsv(book));
    else res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await asXlsx(book));
  });

  router.get('/records', async (req, res) => {
    const query = listQuery(req);
    const { items, total } = await runtime.listRecords(actorOf(res), query);
    // Each item is a record as the contract has it, with what this caller may run on it now.
    res.json({ items, total });
  });

  router.post('/records', async (req, res) => {
    const body = readBody<{ template: string; data: JsonObject }>(req, {
      template: { type: 'string', required: true },
      data: { type: 'object', required: true },
    });
    sendRecord(res, orRefuse(await runtime.createRecord(actorOf(res), body.template, body.data)), 201);
  });

  router.get('/records/:id', async (req, res) => {
    sendRecord(res, orRefuse(await runtime.getRecord(actorOf(res), req.params.id)));
  });

  router.patch('/records/:id', async (req, res) => {
    const version = ifMatchVersion(req);
    if (version === undefined) {
      throw new HttpProblem('bad_request', {
        'zh-CN': '请在 If-Match 请求头中发送记录的版本号（例如 If-Match: "3"），以免覆盖他人的修改。',
        en: 'Send If-Match with the record\'s version (e.g. If-Match: "3") so that nobody\'s changes are overwritten.',
      });
    }
    const body = readBody<{ data: JsonObject }>(req, { data: { type: 'object', required: true } });
    sendRecord(res, orRefuse(await runtime.editRecord(actorOf(res), req.params.id, body.data, version)));
  });

  router.post('/records/:id/copy', async (req, res) => {
    readBody(req, {}, { optional: true });
    sendRecord(res, orRefuse(await runtime.copyRecord(actorOf(res), req.params.id)), 201);
  });

  router.get('/records/:id/history', async (req, res) => {
    // The contract names from and to on every entry: a creation comes from null.
    res.json(orRefuse(await runtime.history(actorOf(res), req.params.id)).map((e) => ({ ...e, from: e.from ?? null, to: e.to ?? null })));
  });

  router.get('/records/:id/stock', async (req, res) => {
    res.json(orRefuse(await runtime.recordStock(actorOf(res), req.params.id)));
  });

  router.get('/records/:id/ledger', async (req, res) => {
    res.json(orRefuse(await runtime.recordLedger(actorOf(res), req.params.id)));
  });
}
