// The audit chain's walk, table-driven: each kind of tampering is named at the first entry it touches.
import { describe, expect, it } from 'vitest';
import { ChainWalker, EMPTY_HEAD, canonicalJson, linkEntry } from '../../../plugin/adapters/store/audit-chain.ts';
import type { AuditEntry } from '../../../plugin/core/types.ts';
import type { AuditChainBreak, AuditHead } from '../../../plugin/runtime/ports.ts';
import { anAudit } from './store-contract.ts';

/** Five entries linked in order, and the head after them. */
function chain(): { entries: AuditEntry[]; head: AuditHead } {
  let head = EMPTY_HEAD;
  const entries = ['a', 'b', 'c', 'd', 'e'].map((id) => {
    const linked = linkEntry(anAudit(id, `r-${id}`), head);
    head = { seq: linked.chain.seq, hash: linked.chain.hash };
    return linked;
  });
  return { entries, head };
}

function walk(entries: AuditEntry[], head: AuditHead): AuditChainBreak | undefined {
  const walker = new ChainWalker();
  for (const e of entries) {
    const broken = walker.next(e);
    if (broken) return broken;
  }
  return walker.end(head);
}

const cases: { name: string; tamper(entries: AuditEntry[], head: AuditHead): AuditEntry[] | void; expected: Partial<AuditChainBreak> | undefined }[] = [
  { name: 'untouched', tamper: () => undefined, expected: undefined },
  { name: 'an actor edited', tamper: (e) => void (e[2].actor = 'intruder'), expected: { seq: 3, id: 'c', problem: 'changed' } },
  { name: 'a field added', tamper: (e) => void (e[1].comment = 'later'), expected: { seq: 2, id: 'b', problem: 'changed' } },
  { name: 'an entry deleted', tamper: (e) => e.filter((x) => x.id !== 'b'), expected: { seq: 2, id: 'c', problem: 'missing' } },
  { name: 'the last entry deleted', tamper: (e) => e.slice(0, -1), expected: { seq: 5, problem: 'missing' } },
  { name: 'two entries walked out of order (the first to come too early is named)', tamper: (e) => [e[0], e[2], e[1], e[3], e[4]], expected: { seq: 2, id: 'c', problem: 'missing' } },
  { name: 'an entry copied to later', tamper: (e) => [e[0], e[1], e[1], e[2], e[3], e[4]], expected: { seq: 3, id: 'b', problem: 'reordered' } },
  { name: 'a link removed', tamper: (e) => void delete e[3].chain, expected: { seq: 4, id: 'd', problem: 'unchained' } },
  { name: 'the head edited', tamper: (_e, head) => void (head.hash = 'f'.repeat(64)), expected: { seq: 5, problem: 'changed' } },
  {
    name: 'an entry replaced by another linked elsewhere',
    tamper: (e) => {
      const other = linkEntry(anAudit('x', 'r-x'), { seq: 2, hash: '1'.repeat(64) });
      return [e[0], e[1], other, e[3], e[4]];
    },
    expected: { seq: 3, id: 'x', problem: 'reordered' },
  },
];

describe('walking the audit chain', () => {
  it.each(cases)('$name', ({ tamper, expected }) => {
    const { entries, head } = chain();
    const tampered = tamper(entries, head) ?? entries;
    const broken = walk(tampered, head);
    if (expected === undefined) expect(broken).toBeUndefined();
    else expect(broken).toMatchObject(expected);
  });

  it('the canonical form does not depend on key order and leaves undefined out', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null }, e: undefined })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
    expect(canonicalJson({ a: { c: null, d: [1, 'x'] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } }));
  });
});
