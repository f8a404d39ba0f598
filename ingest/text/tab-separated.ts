// Form b: copied from Word or Excel. One row per line, cells separated by TAB. Excel wraps a
// multi-line cell in double quotes (inner quotes doubled); a line without a TAB between two
// table lines is a row of one merged cell.
import type { Block, Cell, Table } from '../../schemas/doc.ts';
import { joinBrokenRows } from './broken-rows.ts';
import { isBlankLine } from './lines.ts';

/** A cell whose text ran over a line break: one cell again. */
function joinCells(last: Cell, first: Cell): Cell {
  return { ...last, text: `${last.text}\n${first.text}`, source: { lineStart: last.source.lineStart, lineEnd: first.source.lineEnd } };
}

interface RawRow {
  cells: Cell[];
  lineStart: number;
  lineEnd: number;
}

/** Splits one logical row, letting a quoted field run over following lines. */
function readRow(lines: readonly string[], start: number): RawRow {
  const cells: Cell[] = [];
  let lineIndex = start;
  let line = lines[lineIndex] ?? '';
  let pos = 0;
  for (;;) {
    const cellStart = lineIndex + 1;
    let text = '';
    if (line[pos] === '"') {
      // A quoted field: runs to the closing quote that is followed by TAB or the line end.
      let cursor = pos + 1;
      for (;;) {
        const quote = line.indexOf('"', cursor);
        if (quote === -1) {
          if (lineIndex + 1 >= lines.length) break;
          text += line.slice(cursor) + '\n';
          lineIndex++;
          line = lines[lineIndex] ?? '';
          cursor = 0;
          continue;
        }
        if (line[quote + 1] === '"') {
          text += line.slice(cursor, quote) + '"';
          cursor = quote + 2;
          continue;
        }
        text += line.slice(cursor, quote);
        cursor = quote + 1;
        break;
      }
      const tab = line.indexOf('\t', cursor);
      text += tab === -1 ? line.slice(cursor) : line.slice(cursor, tab);
      pos = tab === -1 ? line.length : tab + 1;
      cells.push({ text, rowSpan: 1, colSpan: 1, source: { lineStart: cellStart, lineEnd: lineIndex + 1 } });
      if (tab === -1) break;
    } else {
      const tab = line.indexOf('\t', pos);
      text = tab === -1 ? line.slice(pos) : line.slice(pos, tab);
      cells.push({ text, rowSpan: 1, colSpan: 1, source: { lineStart: cellStart, lineEnd: cellStart } });
      if (tab === -1) break;
      pos = tab + 1;
    }
  }
  return { cells, lineStart: start + 1, lineEnd: lineIndex + 1 };
}

export function readTabSeparated(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let table: Table | null = null;
  let pendingSingles: RawRow[] = []; // untabbed lines that may be one-cell rows inside a table

  const closeTable = () => {
    if (table) blocks.push({ ...table, rows: joinBrokenRows(table.rows, (cell) => cell.text.trim() !== '', joinCells, (cell) => cell.text) });
    table = null;
    for (const single of pendingSingles) {
      blocks.push({ kind: 'paragraph', text: single.cells[0]?.text ?? '', source: { lineStart: single.lineStart, lineEnd: single.lineEnd } });
    }
    pendingSingles = [];
  };

  for (let index = 0; index < lines.length; ) {
    const line = lines[index] ?? '';
    if (isBlankLine(line)) {
      closeTable();
      index++;
      continue;
    }
    const row = readRow(lines, index);
    index = row.lineEnd;
    if (row.cells.length > 1) {
      table ??= { kind: 'table', rows: [], source: { lineStart: row.lineStart } };
      for (const single of pendingSingles) table.rows.push(single.cells);
      pendingSingles = [];
      table.rows.push(row.cells);
      table.source.lineEnd = row.lineEnd;
    } else if (table) {
      pendingSingles.push(row);
    } else {
      blocks.push({ kind: 'paragraph', text: row.cells[0]?.text ?? '', source: { lineStart: row.lineStart, lineEnd: row.lineEnd } });
    }
  }
  closeTable();
  return blocks;
}
