// Where each cell of an indicator row was read (source lines of pasted text, page and box of a
// PDF or scan, sheet cell of a spreadsheet, table/row/cell of Word and web pages), so a reviewer
// can jump from a value to the place it came from; and, for a scan, how sure OCR was of a cell (an
// indicator's, or a form field's such as 财政资金).
import type { SourceSpan } from '../../schemas/doc.ts';
import type { Indicator } from '../../schemas/extraction.ts';
import type { AlignedCell } from './row-align.ts';
import type { Token } from './tokens.ts';

export type Provenance = NonNullable<Indicator['provenance']>;

/** The span of a cell made of tokens [start, end): its first token's place, stretched to the last line; OCR confidence the lowest. */
export function spanOf(tokens: readonly Token[], cell: Pick<AlignedCell, 'start' | 'end'> | undefined): SourceSpan | undefined {
  if (!cell) return undefined;
  // One pass over the cell's tokens (this runs for every cell of every row).
  let first: Token | undefined;
  let last: Token | undefined;
  let confidence: number | undefined;
  for (let at = cell.start; at < cell.end; at++) {
    const token = tokens[at] as Token;
    if (token.blank) continue;
    first ??= token;
    last = token;
    const own = token.source.confidence;
    if (own !== undefined && (confidence === undefined || own < confidence)) confidence = own;
  }
  if (!first || !last) return undefined;
  const span: SourceSpan = { ...first.source };
  if (last.source.lineEnd !== undefined) span.lineEnd = Math.max(last.source.lineEnd, span.lineEnd ?? last.source.lineEnd);
  if (confidence !== undefined) span.confidence = confidence;
  // An empty span (a reader that keeps no positions) says nothing.
  for (const _key in span) return span;
  return undefined;
}

/** The spans that say something, by field. */
export function provenanceOf(spans: Partial<Record<keyof Provenance, SourceSpan | undefined>>): Provenance | undefined {
  const provenance: Provenance = {};
  let any = false;
  for (const field in spans) {
    const span = spans[field as keyof Provenance];
    if (span) {
      provenance[field as keyof Provenance] = span;
      any = true;
    }
  }
  return any ? provenance : undefined;
}

/** The OCR confidence of the cell made of tokens [start, end) (the lowest of its text), undefined when it was not read by OCR. */
export function confidenceOf(tokens: readonly Token[], cell: Pick<AlignedCell, 'start' | 'end'> | undefined): number | undefined {
  return spanOf(tokens, cell)?.confidence;
}
