// Form c: Markdown pipe tables. Other lines are paragraphs (heading marks dropped).
import type { Block, Cell, Table } from '../../schemas/doc.ts';
import { isBlankLine } from './lines.ts';

const SEPARATOR_ROW = /^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

export function isPipeTableLine(line: string): boolean {
  return /^\s*\|.*\|\s*$/.test(line);
}

function splitPipeRow(line: string, lineNumber: number): Cell[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  const cells: Cell[] = [];
  let text = '';
  for (let i = 0; i < inner.length; i++) {
    const char = inner[i];
    if (char === '\\' && inner[i + 1] === '|') {
      text += '|';
      i++;
    } else if (char === '|') {
      cells.push(makeCell(text, lineNumber));
      text = '';
    } else {
      text += char;
    }
  }
  cells.push(makeCell(text, lineNumber));
  return cells;
}

function makeCell(text: string, lineNumber: number): Cell {
  return { text: text.replace(/<br\s*\/?>/gi, '\n'), rowSpan: 1, colSpan: 1, source: { lineStart: lineNumber, lineEnd: lineNumber } };
}

export function readMarkdown(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let table: Table | null = null;
  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    if (isPipeTableLine(line)) {
      table ??= { kind: 'table', rows: [], source: { lineStart: lineNumber } };
      table.source.lineEnd = lineNumber;
      if (!SEPARATOR_ROW.test(line.trim())) table.rows.push(splitPipeRow(line, lineNumber));
      return;
    }
    if (table) blocks.push(table);
    table = null;
    if (isBlankLine(line)) return;
    const text = line.replace(/^\s{0,3}#{1,6}\s+/, '').replace(/^\s*[*_]{2}(.*)[*_]{2}\s*$/, '$1');
    blocks.push({ kind: 'paragraph', text, source: { lineStart: lineNumber, lineEnd: lineNumber } });
  });
  if (table) blocks.push(table);
  return blocks;
}
