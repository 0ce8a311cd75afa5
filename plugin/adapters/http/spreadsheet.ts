// Records as a spreadsheet (exceljs): one row per record, the columns a list shows and then the fields of the
// template's form, in the reader's language: dropdown codes as their titles, people by name, yes/no as words.
// CSV is the same sheet, UTF-8 with a byte-order mark so that Excel reads Chinese right.
// The cancellation report goes out the same way (reportWorkbook).
import ExcelJS from 'exceljs';
import { titleIn } from '../../core/bilingual-title.ts';
import { fieldLabels } from '../../core/field-labels.ts';
import type { Json, JsonObject, Labels, Template } from '../../core/types.ts';
import { cellFields } from './spreadsheet-import.ts';
import type { CancellationReport, ExportRow, ReportGroupBy } from '../../runtime/runtime-api.ts';
import type { Language } from './language.ts';

interface Column {
  header: string;
  width: number;
  value(row: ExportRow): string | number | Date | undefined;
  money?: boolean;
}

const both = (l: Labels | undefined, lang: Language, fallback: string): string => (l ? l[lang] || l['zh-CN'] : fallback);

const FIXED: Record<string, Labels> = {
  number: { 'zh-CN': '编号', en: 'No.' },
  status: { 'zh-CN': '状态', en: 'Status' },
  customer: { 'zh-CN': '客户', en: 'Customer' },
  amount: { 'zh-CN': '金额', en: 'Amount' },
  handler: { 'zh-CN': '负责人', en: 'Handler' },
  createdAt: { 'zh-CN': '创建时间', en: 'Created' },
  updatedAt: { 'zh-CN': '更新时间', en: 'Updated' },
  yes: { 'zh-CN': '是', en: 'Yes' },
  no: { 'zh-CN': '否', en: 'No' },
};

/** A field's value as a cell: titles for codes, names for people, words for yes/no, lists joined. */
function cellOf(schema: JsonObject, value: Json | undefined, lang: Language, names: Map<string, string>): string | number | undefined {
  if (value === undefined || value === null) return undefined;
  const options = (schema.type === 'array' ? (schema.items as JsonObject | undefined)?.oneOf : schema.oneOf) as { const?: Json; title?: string }[] | undefined;
  const title = (v: Json) => {
    const o = options?.find((x) => x.const === v);
    return o?.title ? titleIn(o.title, lang) : String(v);
  };
  if (Array.isArray(value)) return value.every((v) => typeof v !== 'object') ? value.map(title).join('、') : undefined;
  if (typeof value === 'boolean') return FIXED[value ? 'yes' : 'no'][lang];
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return schema.format === 'user' ? (names.get(value) ?? value) : title(value);
  return undefined;
}

function columnsOf(template: Template | undefined, lang: Language, names: Map<string, string>, readable: (pointer: string) => boolean): Column[] {
  const fixed: Column[] = [
    { header: FIXED.number[lang], width: 14, value: (r) => r.record.number },
    { header: FIXED.status[lang], width: 10, value: (r) => both(r.template.states[r.record.status]?.label, lang, r.record.status) },
    { header: FIXED.customer[lang], width: 24, value: (r) => r.record.summary.customer },
    { header: FIXED.amount[lang], width: 12, value: (r) => r.record.summary.amount, money: true },
    { header: FIXED.handler[lang], width: 10, value: (r) => r.handlerName },
    { header: FIXED.createdAt[lang], width: 20, value: (r) => new Date(r.record.createdAt) },
    { header: FIXED.updatedAt[lang], width: 20, value: (r) => new Date(r.record.updatedAt) },
  ];
  if (!template) return fixed;
  // the form's own fields, of the list's template; tables of lines do not fit a cell and are left out
  // a field the reader may not read is not a column at all (its cells would only be empty)
  const fields = cellFields(template).filter(([key]) => readable(`/${key}`));
  return [
    ...fixed,
    ...fields.map(([key, s]) => ({
      header: fieldLabels(template, `/${key}`)[lang],
      width: 16,
      money: s.multipleOf === 0.01,
      value: (r: ExportRow) => cellOf(s, r.record.data[key], lang, names),
    })),
  ];
}

export async function recordsWorkbook(
  rows: ExportRow[],
  template: Template | undefined,
  lang: Language,
  names: Map<string, string>,
  readable: (pointer: string) => boolean,
): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(template ? both(template.name, lang, template.id).slice(0, 31) : 'records');
  const columns = columnsOf(template, lang, names, readable);
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width, style: c.money ? { numFmt: '#,##0.00' } : undefined }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) sheet.addRow(columns.map((c) => c.value(r) ?? null));
  return book;
}

export async function asXlsx(book: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function asCsv(book: ExcelJS.Workbook): Promise<Buffer> {
  const csv = Buffer.from(await book.csv.writeBuffer({ dateFormat: 'YYYY-MM-DD HH:mm:ss' }));
  return Buffer.concat([Buffer.from('\ufeff', 'utf8'), csv]);
}

const REPORT_WORDS: Record<string, Labels> = {
  sheet: { 'zh-CN': '取消原因分析', en: 'Cancellation reasons' },
  reason: { 'zh-CN': '取消原因', en: 'Reason' },
  customer: { 'zh-CN': '客户', en: 'Customer' },
  product: { 'zh-CN': '产品', en: 'Product' },
  month: { 'zh-CN': '月份', en: 'Month' },
  count: { 'zh-CN': '取消的记录数', en: 'Cancelled records' },
  countProduct: { 'zh-CN': '含此产品的记录数', en: 'Records naming this product' },
  share: { 'zh-CN': '占比', en: 'Share' },
  amount: { 'zh-CN': '金额', en: 'Amount' },
  total: { 'zh-CN': '合计（取消的记录）', en: 'Total (cancelled records)' },
};

/**
 * The cancellation report as a sheet: one row per group, as the report page shows it, and the total last. The total
 * counts each cancelled record once; grouped by product the rows overlap (a record naming two products is under both).
 */
export function reportWorkbook(report: CancellationReport, groupBy: ReportGroupBy, lang: Language): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(REPORT_WORDS.sheet[lang]);
  sheet.columns = [
    { header: REPORT_WORDS[groupBy][lang], width: 24 },
    { header: REPORT_WORDS[groupBy === 'product' ? 'countProduct' : 'count'][lang], width: 16 },
    { header: REPORT_WORDS.share[lang], width: 10, style: { numFmt: '0.0%' } },
    { header: REPORT_WORDS.amount[lang], width: 14, style: { numFmt: '#,##0.00' } },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const total = report.total;
  for (const row of report.rows) {
    const share = total.count ? Math.round((row.count / total.count) * 1000) / 1000 : null;
    sheet.addRow([both(row.label, lang, row.key), row.count, share, row.amount]);
  }
  sheet.addRow([REPORT_WORDS.total[lang], total.count, total.count ? 1 : null, total.amount]).font = { bold: true };
  return book;
}
