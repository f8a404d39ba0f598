// Flattens a Doc into one stream of paragraphs and table rows, in document order, so the
// readers can walk a disclosure the way a person reads it.
import type { Cell, Doc } from '../schemas/doc.ts';
import { normalizeText } from './normalize.ts';
import { expandRowSpans } from './row-spans.ts';

export interface ParagraphItem {
  kind: 'paragraph';
  text: string; // normalised
  raw: string;
  line: number | undefined;
}

export interface RowItem {
  kind: 'row';
  cells: string[]; // raw cell texts, not normalised (levels need their line breaks squeezed, values normalised)
  sourceCells: Cell[];
  table: number; // index of the table in the document
  row: number; // index of the row in its table
  line: number | undefined;
}

export type Item = ParagraphItem | RowItem;

export function flattenDoc(doc: Doc): Item[] {
  const items: Item[] = [];
  let tableIndex = 0;
  for (const block of doc.blocks) {
    if (block.kind === 'paragraph') {
      const text = normalizeText(block.text);
      if (text !== '') items.push({ kind: 'paragraph', text, raw: block.text, line: block.source.lineStart });
      continue;
    }
    expandRowSpans(block.rows).forEach((cells, rowIndex) => {
      items.push({
        kind: 'row',
        cells: cells.map((cell) => cell.text),
        sourceCells: cells,
        table: tableIndex,
        row: rowIndex,
        line: cells[0]?.source.lineStart ?? block.source.lineStart,
      });
    });
    tableIndex++;
  }
  return items;
}

/** The non-empty cells of a row, normalised. */
export function filledCells(row: RowItem): string[] {
  return row.cells.map(normalizeText).filter((text) => text !== '');
}
