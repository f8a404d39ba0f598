// Cells separated by spaces. Two renderings:
// - one row per line, cells split by runs of spaces; a single space may also stand inside a
//   cell (`( ≥**个 )`), so a cut at one space is marked as a guess the extractor may undo;
// - a whole table flattened to one line of space-separated cells (a Word or Excel attachment
//   turned into text), with no row marks at all.
import type { Cell, Table } from '../../schemas/doc.ts';
import { textCell } from './lines.ts';

/** A line with a space between two pieces of text, where at least one piece is Chinese. */
export function isSpacedLine(line: string): boolean {
  return /[\p{Unified_Ideograph}][ \u00A0\u3000]+\S|\S[ \u00A0\u3000]+[\p{Unified_Ideograph}]/u.test(line.trim());
}

/** Splits at spaces; a cut at a single space joins the previous cell as a guess. */
export function spacedCells(line: string, lineNumber: number): Cell[] {
  const parts = line.trim().split(/([ \u00A0\u3000\t]+)/);
  const cells: Cell[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const piece = parts[i] ?? '';
    if (piece === '') continue;
    const separator = parts[i - 1] ?? '';
    cells.push(textCell(piece, lineNumber, lineNumber, cells.length > 0 && separator.length === 1 && separator !== '\t' ? separator : undefined));
  }
  return cells;
}

export function readSpacedRows(lines: ReadonlyArray<{ text: string; number: number }>): Table {
  const rows = lines.map((line) => spacedCells(line.text, line.number)).filter((cells) => cells.length > 0);
  return {
    kind: 'table',
    rows,
    source: { lineStart: lines[0]?.number, lineEnd: lines[lines.length - 1]?.number },
    layout: { rows: 'hinted', columns: 'collapsed', rendering: 'space-separated' },
  };
}

export function readOneLine(line: string, lineNumber: number): Table {
  return {
    kind: 'table',
    rows: [spacedCells(line, lineNumber).map((cell, index) => (index > 0 ? { ...cell, joinsPrevious: cell.joinsPrevious ?? ' ' } : cell))],
    source: { lineStart: lineNumber, lineEnd: lineNumber },
    layout: { rows: 'none', columns: 'collapsed', rendering: 'one-line' },
  };
}
