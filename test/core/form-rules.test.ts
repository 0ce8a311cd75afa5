// JSON Forms rules evaluated on the server: what they hide, as JSON Forms means it.
import { describe, expect, it } from 'vitest';
import { hiddenControls, scopePointer } from '../../plugin/core/form-rules';
import { meets } from '../../plugin/core/data-validation';
import type { JsonObject } from '../../plugin/core/types';

const control = (key: string, rule?: object) => ({ type: 'Control', scope: `#/properties/${key}`, ...(rule ? { rule } : {}) });
const when = (key: string, schema: object, extra: object = {}) => ({ scope: `#/properties/${key}`, schema, ...extra });

describe('JSON Forms rules on the server', () => {
  it('SHOW hides while its condition fails, HIDE while it holds', () => {
    const ui = { type: 'VerticalLayout', elements: [control('a'), control('b', { effect: 'SHOW', condition: when('a', { const: 'x' }) }), control('c', { effect: 'HIDE', condition: when('a', { const: 'x' }) })] };
    expect(hiddenControls(ui as unknown as JsonObject, { a: 'x' }, meets)).toEqual(['/c']);
    expect(hiddenControls(ui as unknown as JsonObject, { a: 'y' }, meets)).toEqual(['/b']);
  });

  it('an empty field fails a condition only when failWhenUndefined says so', () => {
    const ui = { type: 'VerticalLayout', elements: [control('b', { effect: 'SHOW', condition: when('n', { minimum: 5 }) }), control('c', { effect: 'SHOW', condition: when('n', { minimum: 5 }, { failWhenUndefined: true }) })] };
    expect(hiddenControls(ui as unknown as JsonObject, {}, meets)).toEqual(['/c']);
  });

  it('a hidden layout hides every control in it; AND and OR combine conditions; LEAF compares a value', () => {
    const group = { type: 'Group', label: 'g', rule: { effect: 'HIDE', condition: { type: 'AND', conditions: [when('a', { const: 1 }), { type: 'LEAF', scope: '#/properties/b', expectedValue: true }] } }, elements: [control('x'), { type: 'HorizontalLayout', elements: [control('y')] }] };
    const ui = { type: 'VerticalLayout', elements: [group, control('z', { effect: 'SHOW', condition: { type: 'OR', conditions: [when('a', { const: 2 }), when('b', { const: false })] } })] };
    expect(hiddenControls(ui as unknown as JsonObject, { a: 1, b: true }, meets)).toEqual(['/x', '/y', '/z']);
    expect(hiddenControls(ui as unknown as JsonObject, { a: 1, b: false }, meets)).toEqual([]);
  });

  it('reads scopes with or without "#", nested through properties', () => {
    expect(scopePointer('#/properties/customer/properties/name')).toBe('/customer/name');
    expect(scopePointer('/properties/金额')).toBe('/金额');
    expect(scopePointer('#/definitions/x')).toBeUndefined();
  });
});

describe('dates in JSON Forms conditions', () => {
  it('formatMinimum / formatExclusiveMaximum compare dates as dates on the server', () => {
    const ui = { type: 'VerticalLayout', elements: [control('late', { effect: 'SHOW', condition: when('due', { format: 'date', formatExclusiveMinimum: '2026-12-31' }, { failWhenUndefined: true }) })] };
    expect(hiddenControls(ui as unknown as JsonObject, { due: '2027-01-02' }, meets)).toEqual([]);
    expect(hiddenControls(ui as unknown as JsonObject, { due: '2026-12-05' }, meets)).toEqual(['/late']);
  });
});
