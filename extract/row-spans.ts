// Readers of Word, web pages, sheets and scans keep a vertically merged cell once, with its
// rowSpan; the rows below it lack that cell. The grid reader reads rows by position, as pasted
// text gives them, so each covered position gets an empty cell here, which it fills down like a
// blank level cell in a paste.
import type { Cell } from '../schemas/doc.ts';

export function expandRowSpans(rows: readonly (readonly Cell[])[]): Cell[][] {
  // pending[column] = how many more rows the cell starting at this column still covers, and its width.
  const pending = new Map<number, { rows: number; cell: Cell }>();
  return rows.map((cells) => {
    const out: Cell[] = [];
    let column = 0;
    const placeCovered = (): void => {
      for (let cover = pending.get(column); cover; cover = pending.get(column)) {
        out.push({ text: '', rowSpan: 1, colSpan: cover.cell.colSpan, source: cover.cell.source });
        cover.rows -= 1;
        if (cover.rows === 0) pending.delete(column);
        column += cover.cell.colSpan;
      }
    };
    for (const cell of cells) {
      placeCovered();
      out.push(cell);
      if (cell.rowSpan > 1) pending.set(column, { rows: cell.rowSpan - 1, cell });
      column += cell.colSpan;
    }
    // Covered positions at the end of the row, and beyond a row that stops short.
    const widest = Math.max(column, ...[...pending.keys()].map((start) => start + 1));
    while (column < widest) {
      if (pending.has(column)) placeCovered();
      else column += 1;
    }
    return out;
  });
}
