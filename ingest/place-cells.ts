// Gives every cell of every table its grid position (row, column, with merged cells before it
// counted) and marks the rows that hold column labels, like Docling's TableData grid. Rows and
// columns are only as good as the table's layout says; the extractor reads that too.
import type { Block, Table } from '../schemas/doc.ts';
import { headerMatch } from '../vocab/headers.ts';

function placeTable(table: Table): Table {
  // covered[column] = rows still covered by a cell above that spans down into them
  const covered = new Map<number, number>();
  const rows = table.rows.map((cells, rowIndex) => {
    let column = 0;
    const skipCovered = () => {
      while ((covered.get(column) ?? 0) > 0) column++;
    };
    const placed = cells.map((cell) => {
      skipCovered();
      const at = column;
      for (let c = at; c < at + cell.colSpan; c++) if (cell.rowSpan > 1) covered.set(c, cell.rowSpan);
      column += cell.colSpan;
      // Ingest owns the cells it made: placed where they are, not copied.
      cell.row = rowIndex;
      cell.col = at;
      return cell;
    });
    for (const [c, left] of covered) {
      if (left > 0) covered.set(c, left - 1);
    }
    return placed;
  });
  const headerRows = rows.flatMap((cells, index) => {
    const filled = cells.filter((cell) => cell.text.trim() !== '');
    // Labels are short: a long cell is read no further.
    const labels = filled.filter((cell) => cell.text.length <= 40 && headerMatch(cell.text) !== null).length;
    return labels >= 2 && labels * 2 >= filled.length ? [index] : [];
  });
  return { ...table, rows, headerRows };
}

export function placeCells(blocks: readonly Block[]): Block[] {
  return blocks.map((block) => (block.kind === 'table' ? placeTable(block) : block));
}
