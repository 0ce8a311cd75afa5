// A record's summary (customer, contact, amount) follows the field permissions of the fields it comes from.
import { beforeAll, describe, expect, it } from 'vitest';
import { redactSummary } from '../../plugin/core/redact.ts';
import type { Template } from '../../plugin/core/types.ts';
import { demoActor } from '../fixtures/demo-actors.ts';
import { orderRecord } from '../fixtures/core-records.ts';
import { loadPrebuiltTemplates } from '../fixtures/prebuilt-templates.ts';

let base: Template;
beforeAll(async () => {
  base = (await loadPrebuiltTemplates()).salesOrder;
});

describe('the summary of a record', () => {
  it('leaves out the customer and the amount when the fields they come from are hidden from the reader', () => {
    const t = structuredClone(base);
    t.fields = { ...t.fields, '/customer': { read: ['sales_manager'] }, '/lines/price': { read: ['finance'] } };
    const summary = orderRecord('draft').summary;
    expect(redactSummary(t, summary, demoActor('sales1'))).toEqual({});
    expect(redactSummary(t, summary, demoActor('manager'))).toEqual({ customer: summary.customer, contact: summary.contact });
    expect(redactSummary(t, summary, demoActor('finance'))).toEqual({ amount: summary.amount });
    expect(redactSummary(base, summary, demoActor('sales1'))).toEqual(summary);
  });
});
