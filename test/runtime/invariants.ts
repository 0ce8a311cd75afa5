// What must hold after any sequence of commands: stock adds up, records hold what their state says, the ledger only grows and nets out.
import { expect } from 'vitest';
import { deriveValues } from '../../plugin/core/derived.ts';
import { addMoney, moneyProblem } from '../../plugin/core/money.ts';
import type { JsonObject, WorkRecord } from '../../plugin/core/types.ts';
import type { LedgerEntry } from '../../plugin/runtime/ports.ts';
import { OPENING_STOCK, type RuntimeFixture } from '../fixtures/runtime-fixture.ts';
import { allMovements, netStock } from './support.ts';

/** Stock levels are the opening stock plus every movement; nothing is negative. */
export async function checkStock(f: RuntimeFixture): Promise<void> {
  const levels = await f.runtime.stockLevels();
  const expected = new Map(OPENING_STOCK.map((s) => [`${s.product}@${s.warehouse}`, { onHand: s.onHand, reserved: 0 }]));
  for (const m of await allMovements(f)) {
    if (m.note === 'opening stock') continue;
    const k = `${m.product}@${m.warehouse}`;
    const e = expected.get(k) ?? { onHand: 0, reserved: 0 };
    e.onHand += m.onHand;
    e.reserved += m.reserved;
    expected.set(k, e);
  }
  for (const l of levels) {
    const k = `${l.product}@${l.warehouse}`;
    expect({ k, onHand: l.onHand, reserved: l.reserved }, 'a level is the opening stock plus its movements').toEqual({ k, ...expected.get(k) });
    expect(l.available, `available ${k}`).toBeGreaterThanOrEqual(0);
    expect(l.reserved, `reserved ${k}`).toBeGreaterThanOrEqual(0);
    expect(l.onHand, `on hand ${k}`).toBeGreaterThanOrEqual(0);
  }
  expect(levels.length).toBe(expected.size);
}

function linesNet(lines: unknown, sign: 1 | -1, bucket: 'onHand' | 'reserved'): Record<string, { onHand: number; reserved: number }> {
  const items = (Array.isArray(lines) ? lines : []) as JsonObject[];
  return netStock(items.map((l) => ({ product: l.product, warehouse: l.warehouse, onHand: bucket === 'onHand' ? sign * Number(l.quantity) : 0, reserved: bucket === 'reserved' ? sign * Number(l.quantity) : 0 })));
}

/**
 * What a sales order holds follows from its state: nothing in draft, cancelled and archived (before shipping),
 * its reservation when confirmed, the goods shipped afterwards.
 * `reservedLines` gives the lines as they were confirmed (an administrator may change a confirmed order's lines).
 */
export async function checkRecordHoldings(f: RuntimeFixture, record: WorkRecord, reservedLines?: unknown): Promise<void> {
  if (record.template !== 'sales-order') {
    expect(netStock(await f.store.stockMovements(record.id)), `${record.number} (${record.template}) holds no stock`).toEqual({});
    return;
  }
  const held = netStock(await f.store.stockMovements(record.id));
  const where = `${record.number} in ${record.status}`;
  switch (record.status) {
    case 'draft':
    case 'cancelled':
      expect(held, where).toEqual({});
      break;
    case 'confirmed':
      expect(held, where).toEqual(linesNet(reservedLines ?? record.data.lines, 1, 'reserved'));
      break;
    case 'shipped':
    case 'written_off':
    case 'settled':
      expect(held, where).toEqual(linesNet(record.data.lines, -1, 'onHand'));
      break;
    case 'archived':
      // Archived from cancelled (holds nothing) or from settled (holds its shipment).
      if (Object.keys(held).length) expect(held, where).toEqual(linesNet(record.data.lines, -1, 'onHand'));
      break;
    default:
      throw new Error(`unexpected state ${record.status}`);
  }
}

/** What a sales order's ledger says follows from its state too. */
export function checkRecordLedger(record: WorkRecord, balances: Record<string, number>, total: number): void {
  const where = `${record.number} in ${record.status}: ${JSON.stringify(balances)}`;
  const zero = { receivable: 0, receipt: 0, invoice: 0, writeoff: 0 };
  switch (record.status) {
    case 'draft':
    case 'confirmed':
      expect(balances, where).toMatchObject({ ...zero, refund: 0 });
      break;
    case 'cancelled':
      expect(balances, where).toMatchObject(zero);
      expect(balances.refund, where).toBeGreaterThanOrEqual(0);
      break;
    case 'shipped':
      expect(balances, where).toMatchObject({ receivable: total, writeoff: 0 });
      break;
    case 'written_off':
    case 'settled':
      expect(balances, where).toMatchObject({ receivable: total, writeoff: total });
      expect(balances.receipt, where).toBeGreaterThanOrEqual(total);
      if (record.status === 'settled') expect(balances.invoice, where).toBe(total);
      break;
  }
}

/** Balances recompute from entries; every reversal nets an existing original of the same account, once. */
export async function checkLedger(f: RuntimeFixture): Promise<LedgerEntry[]> {
  const entries = await f.store.allLedgerEntries();
  const byId = new Map(entries.map((e) => [e.id, e]));
  expect(byId.size, 'ledger ids are unique').toBe(entries.length);

  const reversedOnce = new Set<string>();
  for (const e of entries) {
    if (e.reverses) {
      const original = byId.get(e.reverses);
      expect(original, `${e.id} reverses an entry that exists`).toBeDefined();
      expect(e.account, `${e.id} reverses an entry of its own account`).toBe(original!.account);
      expect(e.recordId).toBe(original!.recordId);
      expect(addMoney(e.amount, original!.amount), `${e.id} nets its original to exactly zero`).toBe(0);
      expect(original!.reverses, 'a reversal is never itself reversed').toBeUndefined();
      expect(reversedOnce.has(e.reverses), `${e.reverses} is reversed once`).toBe(false);
      reversedOnce.add(e.reverses);
      expect(e.period >= original!.period, 'a reversal is never posted before its original').toBe(true);
    }
    expect(moneyProblem(e.amount), `${e.id} is a whole number of cents: ${e.amount}`).toBeUndefined();
    for (const m of e.matches ?? []) expect(byId.get(m)?.recordId, `${e.id} matches an existing entry of its record`).toBe(e.recordId);
    expect(e.period).toMatch(/^\d{4}-\d{2}$/);
  }

  const records = new Set(entries.map((e) => e.recordId));
  for (const id of records) {
    const r = await f.runtime.recordLedger(f.actor('admin'), id);
    if (!r.ok) throw new Error(r.message.en);
    const sums: Record<string, number> = {};
    // exact: summed in cents, compared with toBe (no epsilon, no rounding)
    for (const e of entries.filter((x) => x.recordId === id)) sums[e.account] = addMoney(sums[e.account] ?? 0, e.amount);
    for (const [account, sum] of Object.entries(sums)) expect(r.value.balances[account], `${id} ${account}`).toBe(sum);
    for (const [account, balance] of Object.entries(r.value.balances)) expect(balance, `${id} ${account}`).toBe(sums[account] ?? 0);
  }
  return entries;
}

/** The ledger only grows: every entry read before is still there, unchanged, in its place. */
export function checkAppendOnly(before: LedgerEntry[], after: LedgerEntry[]): void {
  expect(after.length).toBeGreaterThanOrEqual(before.length);
  expect(after.slice(0, before.length)).toEqual(before);
}

/** Everything above, for every record. */
export async function checkAll(f: RuntimeFixture, reservedLines: Map<string, unknown> = new Map()): Promise<LedgerEntry[]> {
  await checkStock(f);
  const template = (await f.store.getTemplate('sales-order'))!;
  for (const record of await f.store.allRecords()) {
    await checkRecordHoldings(f, record, reservedLines.get(record.id));
    if (record.template === 'sales-order') {
      const r = await f.runtime.recordLedger(f.actor('admin'), record.id);
      if (!r.ok) throw new Error(r.message.en);
      checkRecordLedger(record, r.value.balances, deriveValues(template, record.data).total);
    }
  }
  return checkLedger(f);
}
