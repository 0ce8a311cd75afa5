// Pointers that name a field of list items (/lines/price) apply to that field in every line.
import { beforeAll, describe, expect, it } from 'vitest';
import { decideCopy, decideEdit } from '../../plugin/core/decide.ts';
import type { JsonObject, Template } from '../../plugin/core/types.ts';
import { demoActor } from '../fixtures/demo-actors.ts';
import { NOW, orderRecord, TODAY } from '../fixtures/core-records.ts';
import { loadPrebuiltTemplates } from '../fixtures/prebuilt-templates.ts';

let base: Template;
beforeAll(async () => {
  base = (await loadPrebuiltTemplates()).salesOrder;
});

/** The sales order with the sales manager allowed to change only line prices while confirmed. */
function pricesOnly(): Template {
  const t = structuredClone(base);
  t.states.confirmed.edit = { sales_manager: ['/lines/price'] };
  return t;
}

const lines = (record: ReturnType<typeof orderRecord>) => structuredClone(record.data.lines) as JsonObject[];

describe('an edit list naming a field of the lines', () => {
  it('lets that field change in any line', () => {
    const record = orderRecord('confirmed');
    const next = lines(record);
    next[1].price = 89;
    const decision = decideEdit(pricesOnly(), record, { lines: next }, record.version, demoActor('manager'), NOW);
    expect(decision).toMatchObject({ ok: true, audit: { changes: [{ path: '/lines/1/price', before: 99.9, after: 89 }] } });
  });

  it('still refuses another field of the same lines', () => {
    const record = orderRecord('confirmed');
    const next = lines(record);
    next[0].quantity = 9;
    const decision = decideEdit(pricesOnly(), record, { lines: next }, record.version, demoActor('manager'), NOW);
    expect(decision).toMatchObject({ ok: false, code: 'read_only', errors: [{ path: '/lines/0/quantity' }] });
  });
});

describe('copy.omit naming a field of the lines', () => {
  it('leaves that field out of every line of the new draft', () => {
    const t = structuredClone(base);
    t.copy = { from: ['cancelled'], omit: ['/lines/price'] };
    t.form.schema = structuredClone(t.form.schema);
    // Prices are re-quoted on a copy, so the form must accept lines without one.
    ((t.form.schema.properties as JsonObject).lines as { items: { required: string[] } }).items.required = ['product', 'warehouse', 'quantity'];
    const decision = decideCopy(t, orderRecord('cancelled'), demoActor('sales1'), { id: 'rec-2', number: 'SO-000002' }, NOW, TODAY);
    expect(decision.ok).toBe(true);
    if (!decision.ok) return;
    expect((decision.record.data.lines as JsonObject[]).map((l) => l.price)).toEqual([undefined, undefined]);
    expect((decision.record.data.lines as JsonObject[]).map((l) => l.quantity)).toEqual([2, 3]);
  });
});
