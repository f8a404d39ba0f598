// The rules engine: reads a Doc into the contract's document, with no model. The reading itself is
// extract/read/: the stream of cells, typed cells, grid headers, rows aligned by content, fields,
// and the forms assembled.
import type { Doc } from '../schemas/doc.ts';
import type { ExtractedDocument, Warning } from '../schemas/extraction.ts';
import { readDocument } from './read/assemble.ts';

export interface RulesResult {
  document: ExtractedDocument;
  warnings: Warning[];
}

export function extractWithRules(doc: Doc): RulesResult {
  return readDocument(doc);
}
