// Records: list, open, create, edit (optimistic with If-Match), copy, and what hangs off one record.
import express, { type Request, type Router } from 'express';
import { canRead } from '../../../core/permissions.ts';
import type { JsonObject, Template } from '../../../core/types.ts';
import { MAX_PAGE_SIZE, type RecordListQuery, type Runtime } from '../../../runtime/runtime-api.ts';
import { actorOf } from '../auth.ts';
import * as contract from '../contract/records.ts';
import { on } from '../operation-route.ts';
import { HttpProblem } from '../problem.ts';
import { orRefuse, sendRecord } from '../reply.ts';
import { requestLanguage } from '../language.ts';
import { asCsv, asXlsx, recordsWorkbook } from '../spreadsheet.ts';
import { blankSheet, rowsFromSheet } from '../spreadsheet-import.ts';
import { ifMatchVersion, queryDate, queryEnum, queryFlag, queryInt, queryList, queryString } from '../request-params.ts';

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
    processedBy: queryString(req, 'processedBy'),
    sort: queryEnum(req, 'sort', contract.SORT_FIELDS),
    dir: queryEnum(req, 'dir', ['asc', 'desc'] as const),
    page: queryInt(req, 'page', 1, 1_000_000),
    pageSize: queryInt(req, 'pageSize', 1, MAX_PAGE_SIZE),
  };
}

// a sheet comes as the body itself, as browsers and curl send a file
const sheetBody = express.raw({ type: [contract.XLSX, 'application/octet-stream'], limit: '5mb' });

async function templateNamed(req: Request, runtime: Runtime): Promise<Template> {
  const id = queryString(req, 'template');
  if (!id) throw new HttpProblem('bad_request', { 'zh-CN': '请用 ?template= 指明导入哪种单据。', en: 'Say which template with ?template=.' });
  const template = await runtime.getTemplate(id);
  if (!template) throw new HttpProblem('not_found', { 'zh-CN': `没有模板 ${id}。`, en: `No template ${id}.` });
  return template;
}

export function recordRoutes(router: Router, runtime: Runtime): void {
  on(router, contract.importSheet, async (req, res) => {
    const template = await templateNamed(req, runtime);
    res.set('Content-Disposition', `attachment; filename="${template.id}-import.xlsx"`);
    res.type(contract.XLSX).send(await blankSheet(template, requestLanguage(req)));
  });

  on(router, contract.importRecords, async (req, res) => {
    const template = await templateNamed(req, runtime);
    if (!Buffer.isBuffer(req.body) || req.body.length === 0)
      throw new HttpProblem('bad_request', { 'zh-CN': `请把 .xlsx 文件作为请求体发送（Content-Type: ${contract.XLSX}）。`, en: `Send the .xlsx file as the body (Content-Type: ${contract.XLSX}).` });
    const actor = actorOf(res);
    const people = (await runtime.listUsers(actor)).map((u) => ({ id: u.id, username: u.username, name: u.name }));
    const sheet = await rowsFromSheet(req.body, template, people).catch(() => {
      throw new HttpProblem('bad_request', { 'zh-CN': '这个文件不是可以读取的 Excel（.xlsx）表格。', en: 'The file is not an Excel (.xlsx) workbook that can be read.' });
    });
    const result = await runtime.createRecords(actor, template.id, sheet.rows);
    if (!result.ok) {
      // each problem at its sheet row and column, as the person sees the sheet
      const errors = (result.errors ?? []).map((e) => {
        const [, , index, key, ...rest] = e.path.split('/');
        const row = sheet.sheetRows[Number(index)] ?? Number(index) + 2;
        const column = key ? (sheet.headers.get(key) ?? key) : '';
        return { path: ['/rows', row, key, ...rest].filter((x) => x !== undefined && x !== '').join('/'), message: column ? `${column}: ${e.message}` : e.message };
      });
      orRefuse({ ...result, errors });
    }
    res.status(201).json({ created: result.ok ? result.value.numbers.length : 0, numbers: result.ok ? result.value.numbers : [], ignoredColumns: sheet.ignored });
  }, [sheetBody]);

  on(router, contract.exportRecords, async (req, res) => {
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
    else res.type(contract.XLSX).send(await asXlsx(book));
  });

  on(router, contract.listRecords, async (req, res) => {
    const query = listQuery(req);
    const { items, total } = await runtime.listRecords(actorOf(res), query);
    // Each item is a record as the contract has it, with what this caller may run on it now.
    res.json({ items, total });
  });

  on<{ template: string; data: JsonObject }>(router, contract.createRecord, async (req, res, body) => {
    sendRecord(res, orRefuse(await runtime.createRecord(actorOf(res), body.template, body.data)), 201);
  });

  on(router, contract.getRecord, async (req, res) => {
    sendRecord(res, orRefuse(await runtime.getRecord(actorOf(res), req.params.id)));
  });

  on<{ data: JsonObject }>(router, contract.editRecord, async (req, res, body) => {
    const version = ifMatchVersion(req);
    if (version === undefined) {
      throw new HttpProblem('bad_request', {
        'zh-CN': '请在 If-Match 请求头中发送记录的版本号（例如 If-Match: "3"），以免覆盖他人的修改。',
        en: 'Send If-Match with the record\'s version (e.g. If-Match: "3") so that nobody\'s changes are overwritten.',
      });
    }
    sendRecord(res, orRefuse(await runtime.editRecord(actorOf(res), req.params.id, body.data, version)));
  });

  on(router, contract.copyDraft, async (req, res) => {
    res.json(orRefuse(await runtime.copyDraft(actorOf(res), req.params.id)));
  });

  on<{ data?: JsonObject }>(router, contract.copyRecord, async (req, res, body) => {
    sendRecord(res, orRefuse(await runtime.copyRecord(actorOf(res), req.params.id, body.data)), 201);
  });

  on(router, contract.recordHistory, async (req, res) => {
    // The contract names from and to on every entry: a creation comes from null.
    res.json(orRefuse(await runtime.history(actorOf(res), req.params.id)).map((e) => ({ ...e, from: e.from ?? null, to: e.to ?? null })));
  });

  on<{ text: string }>(router, contract.addComment, async (req, res, body) => {
    const entry = orRefuse(await runtime.addComment(actorOf(res), req.params.id, body.text));
    res.status(201).json({ ...entry, from: entry.from ?? null, to: entry.to ?? null });
  });

  on(router, contract.recordStock, async (req, res) => {
    res.json(orRefuse(await runtime.recordStock(actorOf(res), req.params.id)));
  });

  on(router, contract.recordLedger, async (req, res) => {
    res.json(orRefuse(await runtime.recordLedger(actorOf(res), req.params.id)));
  });
}
