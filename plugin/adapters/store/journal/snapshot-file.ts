// A lowdb adapter for store.json that writes and reads it a line at a time. The file stays one JSON document
// (lowdb's JSONFile, jq or JSON.parse read it as ever), laid out with each list item and each audit list on a line of its own: 100,000 orders are then
// read without building one 200 MB string (two bytes a character once it holds Chinese) and parsing it at once,
// which took seconds and a gigabyte, and written without hitting the longest string V8 can make.
import { PluginFailure } from '../../../core/errors.ts';
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, rename } from 'node:fs/promises';
import type { Adapter } from 'lowdb';

type Json = unknown;
type Doc = Record<string, Json>;

const isList = (v: Json): v is Json[] => Array.isArray(v);
const isListMap = (v: Json): v is Record<string, Json[]> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).length > 0 && Object.values(v).every(Array.isArray);

/** The document as lines: small values whole, a list item per line, a map of lists an entry per line. */
function* linesOf(doc: Doc): Generator<string> {
  const keys = Object.keys(doc);
  yield '{';
  for (const [k, key] of keys.entries()) {
    const value = doc[key];
    const end = k < keys.length - 1 ? ',' : '';
    const name = JSON.stringify(key);
    if (isList(value) && value.length > 0) {
      yield `${name}:[`;
      for (let i = 0; i < value.length; i++) yield JSON.stringify(value[i]) + (i < value.length - 1 ? ',' : '');
      yield `]${end}`;
    } else if (isListMap(value)) {
      yield `${name}:{`;
      const entries = Object.entries(value);
      for (let i = 0; i < entries.length; i++) yield `${JSON.stringify(entries[i][0])}:${JSON.stringify(entries[i][1])}${i < entries.length - 1 ? ',' : ''}`;
      yield `}${end}`;
    } else {
      yield `${name}:${JSON.stringify(value)}${end}`;
    }
  }
  yield '}';
}

/**
 * Writes beside the target, flushes, then renames over it: a crash leaves the old file or the new one, never half.
 * The lines are all taken first, in one synchronous pass, so that a change applied while they are written cannot
 * slip into half of them; no string longer than one item (a record, a record's audit list) is ever built, so
 * the size of the store alone cannot make serialising it fail.
 */
export async function writeJsonLines(file: string, doc: Doc): Promise<void> {
  const lines = [...linesOf(doc)];
  const temp = `${file}.tmp`;
  const handle = await open(temp, 'w');
  try {
    let chunk = '';
    for (let i = 0; i < lines.length; i++) {
      chunk += `${lines[i]}\n`;
      lines[i] = ''; // let each line go once it is in a chunk
      if (chunk.length > 1 << 20) {
        await handle.write(chunk);
        chunk = '';
      }
    }
    await handle.write(chunk);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}

const ENTRY = /^("(?:[^"\\]|\\.)*"):(.*)$/s;

/** Calls `onLine` for each line, read in large chunks (readline's small reads and per-line promises cost seconds at 100k orders). */
async function eachLine(file: string, onLine: (line: string) => void, digest?: Hash): Promise<void> {
  // Bytes, not text: a newline byte is found natively and each line is decoded on its own (decoding whole
  // chunks of Chinese text into one two-byte string, then cutting it, cost more than parsing).
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(file, { highWaterMark: 4 << 20 })) {
    const bytes = chunk as Buffer;
    digest?.update(bytes);
    let start = 0;
    if (rest.length) {
      // The line cut at the end of the last chunk: only its bytes are joined, not the whole new chunk.
      const end = bytes.indexOf(10);
      if (end === -1) {
        rest = Buffer.concat([rest, bytes]);
        continue;
      }
      onLine(Buffer.concat([rest, bytes.subarray(0, end)]).toString('utf8'));
      start = end + 1;
    }
    for (let end = bytes.indexOf(10, start); end !== -1; end = bytes.indexOf(10, start)) {
      onLine(bytes.toString('utf8', start, end));
      start = end + 1;
    }
    rest = bytes.subarray(start);
  }
  if (rest.length) onLine(rest.toString('utf8'));
}

const setOwn = (o: Record<string, Json>, key: string, value: Json) =>
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });

/** Reads a file written by writeLines; any other JSON (written by hand, by an older version) is parsed whole. */
export async function readLines(file: string, digest?: Hash): Promise<Json> {
  const doc: Doc = {};
  let list: Json[] | undefined;
  let map: Record<string, Json> | undefined;
  let first = true;
  let whole: string | undefined;
  const onLine = (raw: string): void => {
    if (whole !== undefined) {
      whole += `\n${raw}`;
      return;
    }
    if (first) {
      first = false;
      if (raw !== '{') whole = raw; // not our layout: read it whole
      return;
    }
    const line = raw.endsWith(',') ? raw.slice(0, -1) : raw;
    if (list) {
      if (line === ']') list = undefined;
      else list.push(JSON.parse(line));
    } else if (map) {
      if (line === '}') map = undefined;
      else {
        const [, key, value] = ENTRY.exec(line) ?? [];
        setOwn(map, JSON.parse(key) as string, JSON.parse(value));
      }
    } else if (line !== '}') {
      const [, key, value] = ENTRY.exec(line) ?? [];
      if (key === undefined) throw new SyntaxError(`unexpected line "${line.slice(0, 40)}"`);
      setOwn(doc, JSON.parse(key) as string, value === '[' ? (list = []) : value === '{' ? (map = {}) : JSON.parse(value));
    }
  };
  await eachLine(file, onLine, digest);
  // An empty file is not "no store": JSON.parse says what is wrong with it, as with any other damage.
  if (whole !== undefined || first) return JSON.parse(whole ?? '');
  return doc;
}

/** A JSON file in any layout: a line at a time when it is laid out as writeJsonLines does, else parsed whole. */
export async function readJsonFile(file: string): Promise<Json> {
  try {
    return await readLines(file);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return JSON.parse(await readFile(file, 'utf8'));
  }
}

/** lowdb's adapter for the snapshot: `null` only when there is no file; anything else is handed on to be checked. */
export class LineJsonFile<T> implements Adapter<T> {
  /** The SHA-256 (hex) of the bytes the last read() read: tells whether the file is still the one checked before. */
  digest: string | undefined;

  constructor(readonly file: string) {}

  async read(): Promise<T | null> {
    let value: Json;
    this.digest = undefined;
    try {
      const digest = createHash('sha256');
      value = await readLines(this.file, digest);
      this.digest = digest.digest('hex');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      if (!(error instanceof SyntaxError)) throw error;
      // Laid out some other way (indented by hand, say): one JSON document all the same.
      const bytes = await readFile(this.file);
      this.digest = createHash('sha256').update(bytes).digest('hex');
      value = JSON.parse(bytes.toString('utf8'));
    }
    // `null`, `0` or `""` in the file is damage, not an empty folder to seed afresh.
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new PluginFailure('store_damaged', `${this.file} does not hold a store (it holds ${JSON.stringify(value).slice(0, 40)}); restore DATA_DIR from a backup`);
    return value as T;
  }

  write(data: T): Promise<void> {
    return writeJsonLines(this.file, data as Doc);
  }
}
