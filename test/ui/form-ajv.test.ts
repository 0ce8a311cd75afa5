// The browser forms' validator: patterns on RE2 as on the server, so typing into a field cannot freeze the page.
import { describe, expect, it } from 'vitest';
import { formAjv } from '../../ui/src/forms/form-ajv';

describe('the validator of the browser forms', () => {
  it('^(a+)+$ refuses 40 characters that almost match in well under a second', () => {
    const validate = formAjv.compile({ type: 'string', pattern: '^(a+)+$' });
    const started = performance.now();
    expect(validate(`${'a'.repeat(40)}!`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(250);
    expect(validate('aaaa')).toBe(true);
  });

  it('agrees with the server on times without a zone and on money', () => {
    expect(formAjv.validate({ type: 'string', format: 'time' }, '13:37:00')).toBe(true);
    expect(formAjv.validate({ type: 'number', multipleOf: 0.01 }, 0.07)).toBe(true);
    expect(formAjv.validate({ type: 'number', multipleOf: 0.01 }, 12345678.91)).toBe(true);
  });

  it('refuses amounts finer than a cent however small, as the server does', () => {
    for (const n of [1e-12, 0.01000000000001, 1.005]) expect(formAjv.validate({ type: 'number', multipleOf: 0.01 }, n), String(n)).toBe(false);
    expect(formAjv.errors?.[0]).toMatchObject({ keyword: 'multipleOf', params: { multipleOf: 0.01 } });
  });
});
