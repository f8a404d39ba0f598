// Where each cell of an indicator row was read (source lines of pasted text, page and box of a
// PDF or scan, sheet cell of a spreadsheet, table/row/cell of Word and web pages), so a reviewer
// can jump from a value to the place it came from.
import type { SourceSpan } from '../../schemas/doc.ts';
import type { Indicator } from '../../schemas/extraction.ts';
import type { AlignedCell } from './row-align.ts';
import type { Token } from './tokens.ts';

export type Provenance = NonNullable<Indicator['provenance']>;

/** The span of a cell made of tokens [start, end): its first token's place, stretched to the last line; OCR confidence the lowest. */
export function spanOf(tokens: readonly Token[], cell: AlignedCell | undefined): SourceSpan | undefined {
  if (!cell) return undefined;
  const filled = tokens.slice(cell.start, cell.end).filter((token) => !token.blank);
  const first = filled[0];
  if (!first) return undefined;
  const span: SourceSpan = { ...first.source };
  const last = filled[filled.length - 1] as Token;
  if (last.source.lineEnd !== undefined) span.lineEnd = Math.max(last.source.lineEnd, span.lineEnd ?? last.source.lineEnd);
  const confidences = filled.map((token) => token.source.confidence).filter((value): value is number => value !== undefined);
  if (confidences.length > 0) span.confidence = Math.min(...confidences);
  // An empty span (a reader that keeps no positions) says nothing.
  return Object.keys(span).length > 0 ? span : undefined;
}

/** The spans that say something, by field. */
export function provenanceOf(spans: Partial<Record<keyof Provenance, SourceSpan | undefined>>): Provenance | undefined {
  const provenance: Provenance = {};
  for (const [field, span] of Object.entries(spans) as Array<[keyof Provenance, SourceSpan | undefined]>) if (span) provenance[field] = span;
  return Object.keys(provenance).length > 0 ? provenance : undefined;
}
