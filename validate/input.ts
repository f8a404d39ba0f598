// Telling an extraction JSON apart from a document to extract: it parses as the contract.
import { z } from 'zod';
import { Extraction } from '../schemas/extraction.ts';
import { Finding } from '../schemas/findings.ts';

// Findings are recomputed, so an extraction written before they existed still counts.
export const ExtractionInput = Extraction.extend({ findings: z.array(Finding).optional() });

export type ExtractionInput = z.infer<typeof ExtractionInput>;

/** The extraction in these bytes, or null when they are not an extraction JSON (a document, a gold file). */
export function asExtraction(bytes: Uint8Array): ExtractionInput | null {
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
  if (!/^\s*\{/.test(text)) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = ExtractionInput.safeParse(value);
  return parsed.success ? parsed.data : null;
}
