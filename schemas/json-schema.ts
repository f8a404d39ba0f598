import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Extraction } from './extraction.ts';

export const extractionJsonSchemaPath = fileURLToPath(new URL('./extraction.schema.json', import.meta.url));

export function extractionJsonSchemaText(): string {
  return JSON.stringify(z.toJSONSchema(Extraction), null, 2) + '\n';
}
