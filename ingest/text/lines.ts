// Line helpers shared by the pasted-text readers.
import type { Cell } from '../../schemas/doc.ts';

/** Whitespace only (a lone space or full-width space is a blank line, not a cell). */
export function isBlankLine(line: string): boolean {
  return /^[ \t\f\v\u00A0\u3000\r]*$/.test(line);
}

export function splitLines(text: string): string[] {
  return text.split('\n');
}

/** A cell of one source line, or of several; `joinsPrevious` is the gap to the cell before when the cut is a guess. */
export function textCell(text: string, lineStart: number, lineEnd = lineStart, joinsPrevious?: string): Cell {
  return { text, rowSpan: 1, colSpan: 1, ...(joinsPrevious !== undefined ? { joinsPrevious } : {}), source: { lineStart, lineEnd } };
}
