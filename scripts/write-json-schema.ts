// Writes schemas/extraction.schema.json from the zod schema; a test fails when it is stale.
import { writeFileSync } from 'node:fs';
import { extractionJsonSchemaText, extractionJsonSchemaPath } from '../schemas/json-schema.ts';

writeFileSync(extractionJsonSchemaPath, extractionJsonSchemaText());
console.log(`wrote ${extractionJsonSchemaPath}`);
