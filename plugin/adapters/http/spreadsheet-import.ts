// Records from a spreadsheet (exceljs): the header row names fields by their label (either language) or key;
// each row becomes a record's data, cells read as the field holds them (numbers, yes/no, dates, a dropdown's
// code from its title, a person from their name). Checking is the runtime's: it refuses row by row.
import ExcelJS from 'exceljs';
import { titleIn } from '../../core/bilingual-title.ts';
import { fieldLabels } from '../../core/field-labels.ts';
import { roundMoney } from '../../core/money.ts';
import type { Json, JsonObject, Labels, Template } from '../../core/types.ts';
import type { Language } from './language.ts';

interface Person {
  id: string;
  username: string;
  name: string;
}

export interface SheetRows {
  rows: JsonObject[];
  /** The sheet row each of `rows` came from (the header is row 1). */
  sheetRows: number[];
  /** The header each field was read from, by top-level key. */
  headers: Map<string, string>;
  /** Headers that name no field of the form (left out). */
  ignored: string[];
}

/** Fields a cell can hold: everything at the top of the form except objects and tables of lines. */
export function cellFields(template: Template): [string, JsonObject][] {
  const props = (template.form.schema.properties ?? {}) as Record<string, JsonObject>;
  return Object.entries(props).filter(([, s]) => s.type !== 'object' && !(s.type === 'array' && (s.items as JsonObject | undefined)?.type === 'object'));
}

const names = (template: Template, key: string, s: JsonObject): string[] => {
  const l: Labels | undefined = template.form.labels?.[`/${key}`];
  const title = typeof s.title === 'string' ? s.title : '';
  return [key, l?.['zh-CN'], l?.en, title, titleIn(title, 'zh-CN'), titleIn(title, 'en')].filter((x): x is string => !!x).map((x) => x.trim().toLowerCase());
};

function text(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  return String(v);
}

const YES = new Set(['是', 'yes', 'y', 'true', '1', '√', '✓']);
const NO = new Set(['否', 'no', 'n', 'false', '0']);

/** A cell as the field holds it; what cannot be read is passed on as written, for the form to refuse. */
function valueOf(s: JsonObject, cell: ExcelJS.CellValue, people: Person[]): Json | undefined {
  const raw = text(cell).trim();
  if (raw === '') return undefined;
  const options = (s.type === 'array' ? (s.items as JsonObject | undefined)?.oneOf : s.oneOf) as { const?: Json; title?: string }[] | undefined;
  const option = (word: string): Json => {
    const w = word.trim().toLowerCase();
    const o = options?.find((x) => String(x.const).toLowerCase() === w || (x.title && [x.title, titleIn(x.title, 'zh-CN'), titleIn(x.title, 'en')].some((t) => t.toLowerCase() === w)));
    return o ? (o.const as Json) : word.trim();
  };
  if (s.type === 'array') return raw.split(/[、,，;；]/).filter((x) => x.trim()).map(option);
  if (s.type === 'number' || s.type === 'integer') {
    const n = typeof cell === 'number' ? cell : Number.isFinite(Number(raw)) ? Number(raw) : undefined;
    return n === undefined ? raw : s.multipleOf === 0.01 ? centIfNoise(n) : n;
  }
  if (s.type === 'boolean') return YES.has(raw.toLowerCase()) ? true : NO.has(raw.toLowerCase()) ? false : raw;
  if (cell instanceof Date && s.format === 'date') return cell.toISOString().slice(0, 10);
  if (cell instanceof Date && s.format === 'date-time') return cell.toISOString();
  if (s.format === 'user') return people.find((p) => [p.id, p.username, p.name].includes(raw))?.id ?? raw;
  if (options) return option(raw);
  return raw;
}

/**
 * A money cell a spreadsheet computed (=0.1+0.2 is stored as 0.30000000000000004) is the cent it shows; a value
 * really finer than a cent (1.005) is left as it is, for the form to refuse at its row and column.
 */
function centIfNoise(n: number): number {
  const cent = roundMoney(n);
  return Math.abs(cent - n) <= Math.abs(n) * 1e-12 ? cent : n;
}

export async function rowsFromSheet(body: Buffer, template: Template, people: Person[]): Promise<SheetRows> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as never);
  const sheet = book.worksheets[0];
  const fields = cellFields(template);
  const byColumn = new Map<number, [string, JsonObject]>();
  const headers = new Map<string, string>();
  const ignored: string[] = [];
  sheet?.getRow(1).eachCell((cell, col) => {
    const header = text(cell.value).trim();
    const field = fields.find(([key, s]) => names(template, key, s).includes(header.toLowerCase()));
    if (field && !headers.has(field[0])) {
      byColumn.set(col, field);
      headers.set(field[0], header);
    } else if (header) ignored.push(header);
  });
  const rows: JsonObject[] = [];
  const sheetRows: number[] = [];
  sheet?.eachRow((row, n) => {
    if (n === 1) return;
    const data: JsonObject = {};
    for (const [col, [key, s]] of byColumn) {
      const v = valueOf(s, row.getCell(col).value, people);
      if (v !== undefined) data[key] = v;
    }
    if (Object.keys(data).length === 0) return; // an empty row is no record
    rows.push(data);
    sheetRows.push(n);
  });
  return { rows, sheetRows, headers, ignored };
}

/** An empty sheet to fill: one column per field a cell can hold, headed in the reader's language. */
export async function blankSheet(template: Template, lang: Language): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(template.name[lang].slice(0, 31) || template.id);
  sheet.columns = cellFields(template).map(([key]) => ({ header: fieldLabels(template, `/${key}`)[lang], key, width: 18 }));
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}
