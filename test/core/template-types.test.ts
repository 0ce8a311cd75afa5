import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { templateTypes, TYPES_FILE } from '../../scripts/template-types.ts';

describe('the template types', () => {
  it('are what the template meta-schema makes of them (after a schema change, `npm run types`)', async () => {
    expect(readFileSync(TYPES_FILE, 'utf8')).toBe(await templateTypes());
  });
});
