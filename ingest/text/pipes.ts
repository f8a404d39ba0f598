// Tables a web page store turned into pipes. Two renderings:
// - pipe rows: one table row per line, `| a | b |` or `a | b |`, empty cells collapsed into runs
//   of `|` at the end of the row (Markdown tables are a tidy case of this);
// - cell per line: each cell on its own line ending ` |`, an empty cell a bare `|`, and a run
//   `||||` where a row ended with empty cells.
// Rows are hints (a row whose first cell held a line break is split over two lines), and columns
// are collapsed: positions say nothing, the extractor aligns the cells by what they say.
import type { Block, Cell, Table } from '../../schemas/doc.ts';
import { textCell } from './lines.ts';

const MARKDOWN_SEPARATOR = /^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/** A line that carries pipes as cell separators. */
export function isPipeLine(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed === '') return false;
  return trimmed.endsWith('|') || trimmed.startsWith('|') || /\s\|\s/.test(trimmed);
}

/** Only pipes: an empty cell (`|`) or the end of a row (`||||`). */
export function isPipeMarker(line: string): boolean {
  return /^\s*\|+\s*$/.test(line);
}

function splitCells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '');
  const cells: string[] = [];
  let text = '';
  for (let i = 0; i < inner.length; i++) {
    const char = inner[i];
    if (char === '\\' && inner[i + 1] === '|') {
      text += '|';
      i++;
    } else if (char === '|') {
      cells.push(text);
      text = '';
    } else text += char;
  }
  if (text.trim() !== '') cells.push(text);
  return cells.map((cell) => cell.replace(/<br\s*\/?>/gi, '\n'));
}

interface Line {
  text: string;
  number: number;
}

/** How many cells with text a line holds. */
function filledCells(line: string): number {
  return splitCells(line).filter((cell) => cell.trim() !== '').length;
}

/** Pipe rows when a good share of the lines carry two or more cells; otherwise a cell per line. */
export function pipeRendering(lines: readonly Line[]): 'pipe-rows' | 'cell-per-line' {
  const content = lines.filter((line) => !isPipeMarker(line.text));
  const multi = content.filter((line) => filledCells(line.text) >= 2).length;
  return multi * 4 >= content.length ? 'pipe-rows' : 'cell-per-line';
}

function readPipeRows(lines: readonly Line[]): Cell[][] {
  const rows: Cell[][] = [];
  for (const line of lines) {
    if (MARKDOWN_SEPARATOR.test(line.text.trim()) || isPipeMarker(line.text)) continue;
    const texts = splitCells(line.text);
    // Trailing empty cells are the renderer's padding of a row whose cells were collapsed.
    while (texts.length > 0 && (texts[texts.length - 1] ?? '').trim() === '') texts.pop();
    if (texts.length === 0) continue;
    rows.push(texts.map((text) => textCell(text, line.number)));
  }
  return rows;
}

function readCellPerLine(lines: readonly Line[]): Cell[][] {
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  const endRow = () => {
    if (row.length > 0) rows.push(row);
    row = [];
  };
  for (const line of lines) {
    const trimmed = line.text.trim();
    if (/^\|{2,}$/.test(trimmed)) {
      endRow();
      continue;
    }
    if (trimmed === '|') {
      row.push(textCell('', line.number));
      continue;
    }
    // `text |`, or text that ran on from the cell above without its own pipe
    const texts = splitCells(trimmed);
    if (texts.length === 0) continue;
    for (const text of texts) row.push(textCell(text, line.number));
    if (/\|\s*\|+$/.test(trimmed)) endRow();
  }
  endRow();
  return rows;
}

/** `atEnd`: the region is where the text ends; a last line with no closing pipe there was cut off. */
export function readPipeRegion(lines: readonly Line[], atEnd = false): { blocks: Block[]; rendering: 'pipe-rows' | 'cell-per-line' } {
  const rendering = pipeRendering(lines);
  const rows = rendering === 'pipe-rows' ? readPipeRows(lines) : readCellPerLine(lines);
  if (rows.length === 0) return { blocks: [], rendering };
  const table: Table = {
    kind: 'table',
    rows,
    source: { lineStart: lines[0]?.number, lineEnd: lines[lines.length - 1]?.number },
    layout: { rows: 'hinted', columns: 'collapsed', rendering, ...(atEnd && !/[|\s]$/.test(lines[lines.length - 1]?.text ?? '|') ? { cutOff: true } : {}) },
  };
  return { blocks: [table], rendering };
}
