// The audit chain: every audit entry carries the hash of a canonical serialisation of itself and of the entry
// committed before it, across all records, in commit order. Editing, deleting or reordering an entry breaks the
// chain from that point; `audit verify` and the server's start walk it. Every store uses these same functions
// (PostgreSQL computes the last step, linkHash, in SQL with the same formula).
import { createHash } from 'node:crypto';
import type { AuditEntry, AuditLink } from '../../core/types.ts';
import type { AuditChainBreak, AuditHead } from '../../runtime/ports.ts';

/** The "hash before the first entry". */
export const GENESIS = '0'.repeat(64);
export const EMPTY_HEAD: AuditHead = { seq: 0, hash: GENESIS };

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** JSON with object keys sorted at every level and undefined members left out: one text per value, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

/** The hash of what an entry says: every field but its chain link. */
export function contentHash(entry: AuditEntry): string {
  return sha256(canonicalJson({ ...entry, chain: undefined }));
}

/** An entry's hash from the hash before it, its position and its content hash (PostgreSQL: see migrations.ts step 2). */
export function linkHash(prev: string, seq: number, content: string): string {
  return sha256(`${prev}|${seq}|${content}`);
}

/** The entry linked after `head`; `head` is not changed. */
export function linkEntry(entry: AuditEntry, head: AuditHead): AuditEntry & { chain: AuditLink } {
  const seq = head.seq + 1;
  return { ...entry, chain: { seq, prev: head.hash, hash: linkHash(head.hash, seq, contentHash(entry)) } };
}

/** Walks entries given in chain order and stops at the first that does not hold. */
export class ChainWalker {
  private head: AuditHead;
  /** Entries that held so far. */
  count = 0;

  constructor(start: AuditHead = EMPTY_HEAD) {
    this.head = { ...start };
  }

  get last(): AuditHead {
    return { ...this.head };
  }

  /** Checks the next entry; the break when it does not hold. */
  next(entry: AuditEntry): AuditChainBreak | undefined {
    const expected = this.head.seq + 1;
    const found = { id: entry.id, recordId: entry.recordId, at: entry.at };
    const link = entry.chain;
    if (!link || typeof link !== 'object' || !Number.isInteger(link.seq))
      return { seq: expected, ...found, problem: 'unchained', detail: 'it has no chain link although the chain had started before it: its link was removed or the entry was added outside the store' };
    if (link.seq > expected)
      return {
        seq: expected,
        ...found,
        problem: 'missing',
        detail: `chain position${link.seq - expected > 1 ? `s ${expected}–${link.seq - 1} are` : ` ${expected} is`} missing (deleted, or moved out of order); this is the first entry after the gap, at position ${link.seq}`,
      };
    if (link.seq < expected)
      return { seq: expected, ...found, problem: 'reordered', detail: `it says it stands at position ${link.seq} but comes after position ${expected - 1}: entries were moved or copied` };
    if (linkHash(String(link.prev), link.seq, contentHash(entry)) !== link.hash)
      return { seq: expected, ...found, problem: 'changed', detail: 'what it says no longer matches its hash: it was edited after it was committed' };
    if (link.prev !== this.head.hash)
      return { seq: expected, ...found, problem: 'reordered', detail: 'it links to another entry than the one before it: entries were reordered or replaced' };
    this.head = { seq: link.seq, hash: link.hash };
    this.count += 1;
    return undefined;
  }

  /** Checks that the walk ended where the store says the chain ends (a deleted last entry leaves no gap to see). */
  end(head: AuditHead): AuditChainBreak | undefined {
    if (head.seq > this.head.seq)
      return {
        seq: this.head.seq + 1,
        problem: 'missing',
        detail: `the chain ends at position ${head.seq} but its entries stop at ${this.head.seq}: the last ${head.seq - this.head.seq} entr${head.seq - this.head.seq > 1 ? 'ies were' : 'y was'} deleted`,
      };
    if (head.seq !== this.head.seq || head.hash !== this.head.hash)
      return { seq: this.head.seq, problem: 'changed', detail: `the recorded end of the chain (position ${head.seq}) does not match its last entry: the chain's end was edited` };
    return undefined;
  }
}

/** One line in English naming the entry and the problem (command line, logs). */
export function describeBreak(b: AuditChainBreak): string {
  const where = b.id ? `entry ${b.id} (record ${b.recordId}, ${b.at}, chain position ${b.seq})` : `chain position ${b.seq}`;
  return `${where}: ${b.problem}: ${b.detail}`;
}

/** The same in Chinese. */
export function describeBreakZh(b: AuditChainBreak): string {
  const where = b.id ? `条目 ${b.id}（记录 ${b.recordId}，时间 ${b.at}，链位置 ${b.seq}）` : `链位置 ${b.seq}`;
  const what = { changed: '内容被修改', missing: '有条目缺失（被删除）', reordered: '顺序被调换或条目被替换', unchained: '缺少链信息' }[b.problem];
  return `${where}：${what}`;
}

/**
 * The head of a store's entries, linking them first when none is linked (a store written before the chain):
 * oldest first, by time, then record, then their order, so every load of the same data gives the same chain.
 * When some are linked already, the head is that of the highest, and verification says what is wrong.
 */
export function headOfLinked(audit: Record<string, AuditEntry[]>): AuditHead {
  const all: { a: AuditEntry; k: number }[] = [];
  let linked: AuditHead | undefined;
  let k = 0;
  for (const list of Object.values(audit))
    for (const a of list) {
      all.push({ a, k: k++ });
      if (a.chain && (!linked || a.chain.seq > linked.seq)) linked = { seq: a.chain.seq, hash: a.chain.hash };
    }
  if (linked) return linked;
  all.sort((x, y) => (x.a.at !== y.a.at ? (x.a.at < y.a.at ? -1 : 1) : x.a.recordId !== y.a.recordId ? (x.a.recordId < y.a.recordId ? -1 : 1) : x.k - y.k));
  let head = EMPTY_HEAD;
  for (const { a } of all) {
    a.chain = linkEntry(a, head).chain;
    head = { seq: a.chain.seq, hash: a.chain.hash };
  }
  return head;
}
