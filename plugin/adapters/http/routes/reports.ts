// Reports and stock levels: read-only views over what the actions left behind.
import type { Request, Router } from 'express';
import type { ReportQuery, Runtime } from '../../../runtime/runtime-api.ts';
import { actorOf } from '../auth.ts';
import * as contract from '../contract/books.ts';
import { XLSX } from '../contract/records.ts';
import { requestLanguage } from '../language.ts';
import { on } from '../operation-route.ts';
import { orRefuse } from '../reply.ts';
import { queryDate, queryEnum, queryString } from '../request-params.ts';
import { asCsv, asXlsx, reportWorkbook } from '../spreadsheet.ts';

/** The report's filters as the query string gives them; `key` asks for the records behind one row too. */
function reportQuery(req: Request): ReportQuery {
  return {
    template: queryString(req, 'template'),
    from: queryDate(req, 'from'),
    to: queryDate(req, 'to'),
    groupBy: queryEnum(req, 'groupBy', contract.GROUP_BY) ?? 'reason',
    key: queryString(req, 'key'),
  };
}

export function reportRoutes(router: Router, runtime: Runtime): void {
  on(router, contract.cancellationReport, async (req, res) => {
    res.json(orRefuse(await runtime.cancellationReport(actorOf(res), reportQuery(req))));
  });

  // The report as the page shows it, as a spreadsheet: the same filters, headers in the caller's language.
  on(router, contract.cancellationReportExport, async (req, res) => {
    const format = queryEnum(req, 'format', ['xlsx', 'csv'] as const) ?? 'xlsx';
    const { key: _rowsOnly, ...query } = reportQuery(req);
    const report = orRefuse(await runtime.cancellationReport(actorOf(res), query));
    // a download link cannot send headers: the page names its language in ?lang=
    const lang = queryEnum(req, 'lang', ['zh-CN', 'en'] as const) ?? requestLanguage(req);
    const book = reportWorkbook(report, query.groupBy, lang);
    const file = `cancellation-reasons-${query.groupBy}-${new Date().toISOString().slice(0, 10)}.${format}`;
    res.set('Content-Disposition', `attachment; filename="${file}"`);
    if (format === 'csv') res.type('text/csv; charset=utf-8').send(await asCsv(book));
    else res.type(XLSX).send(await asXlsx(book));
  });

  on(router, contract.stockLevels, async (req, res) => {
    res.json(await runtime.stockLevels({ product: queryString(req, 'product'), warehouse: queryString(req, 'warehouse') }));
  });
}
