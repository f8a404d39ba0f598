// Form a: Word flattened to text. Each table cell is a line led by a TAB (a TAB alone is an
// empty or merged cell); blank lines separate rows; an unindented line right after a cell
// continues that cell; an unindented line after a blank line is a paragraph and ends the table.
import type { Block, Cell, Paragraph, Table } from '../../schemas/doc.ts';
import { squeeze } from '../../vocab/fold.ts';
import { FORM_TITLE, GRID_END, isGenericHeading } from '../../vocab/furniture.ts';
import { isBlankLine } from './lines.ts';

/** Word's flattening leaves `[bookmark: _Toc…]` before headings: an artefact, not text. */
function stripBookmark(line: string): string {
  return line.replace(/^\[bookmark:[^\]]*\]/, '');
}

/** A signature row or a heading: the end of one form or the start of the next, never half a row. */
function closesForm(row: readonly Cell[]): boolean {
  return row.some((cell) => squeeze(cell.text) !== '' && (GRID_END.test(squeeze(cell.text)) || isGenericHeading(cell.text) || FORM_TITLE.test(squeeze(cell.text).split('\n')[0] ?? '')));
}

/**
 * Word's flattening ends a row at a blank line, and a cell holding a blank line splits its row in
 * two: a short row whose cells and the next row's make exactly the table's usual width is one row.
 */
function rejoinSplitRows(rows: Cell[][]): Cell[][] {
  const widths = new Map<number, number>();
  for (const row of rows) if (row.length > 1) widths.set(row.length, (widths.get(row.length) ?? 0) + 1);
  const width = [...widths].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (width === undefined) return rows;
  const out: Cell[][] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Cell[];
    const next = rows[i + 1];
    if (next && row.length > 1 && row.length < width && row.length + next.length === width && !closesForm(row) && !closesForm(next)) {
      out.push([...row, ...next]);
      i++;
    } else out.push(row);
  }
  return out;
}

export function readFlattenedWord(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let table: Table | null = null;
  let row: Cell[] = [];
  let lastCell: Cell | null = null; // the cell an unindented line would continue

  const closeRow = () => {
    if (table && row.length > 0) table.rows.push(row);
    row = [];
    lastCell = null;
  };
  const closeTable = () => {
    closeRow();
    if (table) {
      const last = table.rows.at(-1)?.at(-1);
      table.source.lineEnd = last?.source.lineEnd ?? table.source.lineStart;
      table.rows = rejoinSplitRows(table.rows);
      blocks.push(table);
    }
    table = null;
  };

  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    if (line.startsWith('\t')) {
      table ??= { kind: 'table', rows: [], source: { lineStart: lineNumber } };
      const cell: Cell = { text: stripBookmark(line.slice(1)), rowSpan: 1, colSpan: 1, source: { lineStart: lineNumber, lineEnd: lineNumber } };
      row.push(cell);
      lastCell = cell;
    } else if (isBlankLine(line)) {
      closeRow();
    } else if (lastCell) {
      const cell: Cell = lastCell;
      cell.text += '\n' + line;
      cell.source.lineEnd = lineNumber;
    } else {
      closeTable();
      const paragraph: Paragraph = { kind: 'paragraph', text: stripBookmark(line), source: { lineStart: lineNumber, lineEnd: lineNumber } };
      blocks.push(paragraph);
    }
  });
  closeTable();
  return blocks;
}
