// Tables a web page store turned into pipes. Two renderings:
// - pipe rows: one table row per line, `| a | b |` or `a | b |`, empty cells collapsed into runs
//   of `|` at the end of the row (Markdown tables are a tidy case of this);
// - cell per line: each cell on its own line ending ` |`, an empty cell a bare `|`, and a run
//   `||||` where a row ended with empty cells.
// Rows are hints (a row whose first cell held a line break is split over two lines), and columns
// are collapsed: positions say nothing, the extractor aligns the cells by what they say — unless
// the rows kept their empty cells in place (an empty cell before a filled one), as Markdown
// does: then the grid is exact, once rows a line break split are put back together.
import type { Block, Cell, Table } from '../../schemas/doc.ts';
import { joinBrokenRows } from './broken-rows.ts';
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

/** An empty cell with a cell of text after it: the renderer kept empty cells where they stand. */
function keepsEmptyCells(texts: readonly string[]): boolean {
  const empty = texts.map((text) => text.trim() === '');
  return empty.slice(0, empty.lastIndexOf(false)).some(Boolean);
}

/** Pipe rows, and whether they kept their empty cells in place (then they are an exact grid). */
function readPipeRows(lines: readonly Line[]): { rows: Cell[][]; positioned: boolean } {
  const rows: Array<Array<{ text: string; line: Line }>> = [];
  for (const line of lines) {
    if (MARKDOWN_SEPARATOR.test(line.text.trim()) || isPipeMarker(line.text)) continue;
    const texts = splitCells(line.text);
    if (texts.every((text) => text.trim() === '')) continue;
    rows.push(texts.map((text) => ({ text, line })));
  }
  // Where rows keep their empty cells in place (Markdown does), every cell stands in its column;
  // where empties were collapsed to the end of the row, positions say nothing.
  const positioned = rows.some((row) => keepsEmptyCells(row.map((piece) => piece.text)));
  const joined = positioned ? joinBrokenRows(rows, (piece) => piece.text.trim() !== '', (last, first) => ({ text: `${last.text}\n${first.text}`, line: last.line }), (piece) => piece.text) : rows;
  return {
    positioned,
    rows: joined.map((row) => {
      // Trailing empty cells are padding: of a row whose cells were collapsed, or of a full row.
      const kept = [...row];
      while (kept.length > 0 && (kept[kept.length - 1]?.text ?? '').trim() === '') kept.pop();
      return kept.map((piece) => textCell(piece.text, piece.line.number));
    }),
  };
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
    // A run of pipes after a cell (`≥90% ||`) ends the row, as it does on a line of its own.
    const endsRow = /\|\s*\|+$/.test(trimmed);
    if (endsRow) while (texts.length > 0 && (texts[texts.length - 1] ?? '').trim() === '') texts.pop();
    if (texts.length === 0) {
      if (endsRow) endRow();
      continue;
    }
    for (const text of texts) row.push(textCell(text, line.number));
    if (endsRow) endRow();
  }
  endRow();
  return rows;
}

/** `atEnd`: the region is where the text ends; a last line with no closing pipe there was cut off. */
export function readPipeRegion(lines: readonly Line[], atEnd = false): { blocks: Block[]; rendering: 'pipe-rows' | 'cell-per-line' } {
  const rendering = pipeRendering(lines);
  const read = rendering === 'pipe-rows' ? readPipeRows(lines) : { rows: readCellPerLine(lines), positioned: false };
  const rows = read.rows;
  if (rows.length === 0) return { blocks: [], rendering };
  const layout = read.positioned ? { rows: 'exact' as const, columns: 'exact' as const } : { rows: 'hinted' as const, columns: 'collapsed' as const };
  const table: Table = {
    kind: 'table',
    rows,
    source: { lineStart: lines[0]?.number, lineEnd: lines[lines.length - 1]?.number },
    layout: { ...layout, rendering, ...(atEnd && !/[|\s]$/.test(lines[lines.length - 1]?.text ?? '|') ? { cutOff: true } : {}) },
  };
  return { blocks: [table], rendering };
}
