// Form a: Word flattened to text. Each table cell is a line led by a TAB (a TAB alone is an
// empty or merged cell); blank lines separate rows; an unindented line right after a cell
// continues that cell; an unindented line after a blank line is a paragraph and ends the table.
import type { Block, Cell, Paragraph, Table } from '../../schemas/doc.ts';
import { isBlankLine } from './lines.ts';

/** Word's flattening leaves `[bookmark: _Toc…]` before headings: an artefact, not text. */
function stripBookmark(line: string): string {
  return line.replace(/^\[bookmark:[^\]]*\]/, '');
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
