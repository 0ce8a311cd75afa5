// JSON Schema's multipleOf checked as decimals, for every validator (server and browser) to agree on money:
// binary division never checks 0.07 against 0.01 exactly, and ajv's multipleOfPrecision let 1e-12 or
// 0.01000000000001 through as "multiples of 0.01". The error keeps ajv's keyword, params and message.
import type { Ajv } from 'ajv';
import { isDecimalMultiple } from './money.ts';

export function useExactMultipleOf(ajv: Pick<Ajv, 'removeKeyword' | 'addKeyword'>): void {
  ajv.removeKeyword('multipleOf');
  ajv.addKeyword({
    keyword: 'multipleOf',
    type: 'number',
    schemaType: 'number',
    errors: true,
    validate: function multipleOf(step: number, value: number): boolean {
      const ok = isDecimalMultiple(value, step);
      if (!ok) (multipleOf as unknown as { errors: object[] }).errors = [{ keyword: 'multipleOf', message: `must be multiple of ${step}`, params: { multipleOf: step } }];
      return ok;
    },
  });
}
