import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractionJsonSchemaPath, extractionJsonSchemaText } from './json-schema.ts';

describe('schemas/extraction.schema.json', () => {
  it('matches the zod schema (run `npm run schema` after changing schemas/)', () => {
    expect(readFileSync(extractionJsonSchemaPath, 'utf8')).toBe(extractionJsonSchemaText());
  });
});
