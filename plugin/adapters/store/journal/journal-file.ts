// The journal: one line per change, "<crc32 hex> <json>\n", appended and made durable before anyone is told.
// A checksum on every line tells a torn or damaged tail (a crash mid-write) from a whole entry.
import { PluginFailure } from '../../../core/errors.ts';
import { constants } from 'node:fs';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';

export interface JournalEntry {
  /** Position in the store's history: 1, 2, 3… with no gaps, across every journal file. */
  seq: number;
  op: string;
  [arg: string]: unknown;
}

export function encodeEntry(entry: JournalEntry): string {
  const json = JSON.stringify(entry);
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
}

export interface JournalRead {
  entries: JournalEntry[];
  /** Bytes of whole, checked entries from the start; what follows (if anything) is a damaged tail. */
  goodBytes: number;
  /** Set when the file ends in a line that is incomplete or fails its checksum. */
  damagedTail?: string;
}

/** Thrown when a damaged line has whole entries after it: that is not a torn write but a damaged file. */
export class JournalDamaged extends Error {
  constructor(file: string, line: number, why: string) {
    super(`${file}, line ${line}: ${why}, and whole entries follow it; the journal is damaged, not torn. Restore DATA_DIR from a backup.`);
    this.name = 'JournalDamaged';
  }
}

function decodeLine(line: string): JournalEntry | string {
  const space = line.indexOf(' ');
  if (space !== 8) return 'no checksum';
  const json = line.slice(9);
  if (crc32(json).toString(16).padStart(8, '0') !== line.slice(0, 8)) return 'checksum does not match';
  try {
    const entry = JSON.parse(json) as JournalEntry;
    return Number.isInteger(entry?.seq) && typeof entry.op === 'string' ? entry : 'not an entry';
  } catch {
    return 'not JSON';
  }
}

/** Reads every whole entry; a damaged last line is reported, a damaged line before whole ones throws. */
export async function readJournal(file: string, { mustExist = false } = {}): Promise<JournalRead> {
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !mustExist) return { entries: [], goodBytes: 0 };
    throw error;
  }
  const entries: JournalEntry[] = [];
  let offset = 0;
  let lineNo = 0;
  while (offset < buffer.length) {
    lineNo += 1;
    const end = buffer.indexOf(0x0a, offset);
    const why = end === -1 ? 'incomplete last line' : undefined;
    const decoded = why ?? decodeLine(buffer.toString('utf8', offset, end));
    if (typeof decoded === 'string') {
      const rest = end === -1 ? '' : buffer.toString('utf8', end + 1);
      if (rest.split('\n').some((l) => typeof decodeLine(l) !== 'string')) throw new JournalDamaged(file, lineNo, decoded);
      return { entries, goodBytes: offset, damagedTail: `${file}, line ${lineNo}: ${decoded} (${buffer.length - offset} bytes cut off)` };
    }
    entries.push(decoded);
    offset = end + 1;
  }
  return { entries, goodBytes: offset };
}

/** The journal being written: appends are durable when the promise settles. */
export class JournalWriter {
  private constructor(
    readonly file: string,
    private readonly handle: FileHandle,
    private size: number,
  ) {}

  /** Opens for appending after `goodBytes`, cutting off a damaged tail first. */
  static async open(file: string, goodBytes: number): Promise<JournalWriter> {
    // O_DSYNC: each write returns once its data is on the disk, one system call instead of write + fdatasync.
    const handle = await open(file, constants.O_APPEND | constants.O_CREAT | constants.O_WRONLY | constants.O_DSYNC);
    const { size } = await handle.stat();
    if (size > goodBytes) {
      await handle.truncate(goodBytes);
      await handle.sync();
    }
    return new JournalWriter(file, handle, goodBytes);
  }

  get bytes(): number {
    return this.size;
  }

  /** Writes the lines and flushes them to the disk; on failure the file is cut back to where it was. */
  async append(text: string): Promise<void> {
    const before = this.size;
    try {
      const bytes = Buffer.from(text, 'utf8');
      const { bytesWritten } = await this.handle.write(bytes);
      if (bytesWritten !== bytes.length) throw new PluginFailure('store_damaged', `journal write cut short (${bytesWritten} of ${bytes.length} bytes)`);
      this.size += bytes.length;
    } catch (error) {
      // Best effort: an entry whose writer was told "failed" must not come back on the next start.
      await this.handle.truncate(before).catch(() => undefined);
      throw error;
    }
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
