// bytes → Extraction: ingest, then the rules engine, wrapped in the contract's envelope.
import { ingestBytes, type IngestError } from '../ingest/index.ts';
import { SCHEMA_VERSION, type Extraction, type Warning } from '../schemas/extraction.ts';
import { extractWithRules } from './rules.ts';

export interface ExtractInput {
  bytes: Uint8Array;
  filename?: string | null;
}

export type ExtractResult = { ok: true; extraction: Extraction } | { ok: false; error: IngestError };

export function extract(input: ExtractInput): ExtractResult {
  const ingested = ingestBytes(input.bytes);
  if (!ingested.ok) return ingested;
  const { doc, format, ocr, pages, sha256 } = ingested.value;
  const { document, warnings } = extractWithRules(doc);
  const all: Warning[] = [...warnings];
  if (doc.blocks.length === 0) all.push({ code: 'EMPTY_INPUT', message: '输入为空: the input holds no text', loc: {} });
  else if (document.projects.length === 0 && document.objectives.length === 0) {
    all.push({ code: 'NO_TABLES_FOUND', message: '未找到绩效目标表: no performance target table was found', loc: {} });
  }
  return {
    ok: true,
    extraction: {
      schemaVersion: SCHEMA_VERSION,
      source: { filename: input.filename ?? null, format, ocr, pages, sha256 },
      document,
      warnings: all,
    },
  };
}

export function extractText(text: string): Extraction {
  const result = extract({ bytes: new TextEncoder().encode(text) });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.extraction;
}
