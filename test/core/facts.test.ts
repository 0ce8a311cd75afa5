// The facts rules may name are the facts the runtime builds: import checks paths against the one, guards read the other.
import { describe, expect, it } from 'vitest';
import { buildFacts } from '../../plugin/core/facts.ts';
import { FACT_FIELDS } from '../../plugin/core/template-checks/rule-checks.ts';
import type { JsonObject } from '../../plugin/core/types.ts';
import { orderRecord } from '../fixtures/core-records.ts';
import { loadPrebuiltTemplates } from '../fixtures/prebuilt-templates.ts';

describe('the facts a rule reads', () => {
  it('record, caller and command hold exactly the keys import lets a rule path name', async () => {
    const { salesOrder } = await loadPrebuiltTemplates();
    const facts = buildFacts(salesOrder, orderRecord('draft'), { id: 'sales1', name: 'Sales 1', roles: ['sales'], department: 'east' }, {}, {});
    for (const [fact, fields] of Object.entries(FACT_FIELDS)) expect(Object.keys(facts[fact] as JsonObject).sort(), fact).toEqual([...fields].sort());
  });
});
