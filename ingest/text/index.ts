// Pasted text → Doc. Word and Excel copies (TABs) keep their exact rows; everything else is cut into
// regions by how each stretch of lines shows a table — pipes, a cell per paragraph, spaces, text
// run together, a cell per line — and each region becomes one grid whose layout says how far its
// rows and columns can be trusted. Lines outside any table stay paragraphs.
import type { Block } from '../../schemas/doc.ts';
import { fieldMatch } from '../../vocab/fields.ts';
import { fold } from '../../vocab/fold.ts';
import { FORM_TITLE, GRID_END, UNIT_LINE } from '../../vocab/furniture.ts';
import { headerMatch } from '../../vocab/headers.ts';
import { TARGET_SHAPE } from '../../vocab/values.ts';
import { readFlattenedWord } from './flattened-word.ts';
import { isBlankLine, splitLines, textCell } from './lines.ts';
import { looksLikeCellPerParagraph, readCellPerParagraph } from './paragraphs.ts';
import { isPipeLine, isPipeMarker, readPipeRegion } from './pipes.ts';
import { readPlainLines } from './plain-lines.ts';
import { readRunTogether } from './run-together.ts';
import { isSpacedLine, readOneLine, readSpacedRows } from './spaced.ts';
import { readTabSeparated } from './tab-separated.ts';

export type PasteForm =
  | 'flattened-word'
  | 'tab-separated'
  | 'pipe-rows'
  | 'cell-per-line'
  | 'cell-per-paragraph'
  | 'space-separated'
  | 'one-line'
  | 'concatenated'
  | 'plain-lines'
  | 'pdf-block-order'
  | 'prose';

/** A line that is one Word cell: TAB, text without inner TABs (trailing TABs are Word debris). */
const CELL_LINE = /^\t[^\t]*\t*$/;

/** A line with TABs between two non-empty pieces: a row of cells (checked piece by piece, linear). */
function isTabRowLine(line: string): boolean {
  const pieces = line.split(/\t+/);
  return pieces.some((piece, index) => index > 0 && /\S/.test(piece) && /\S/.test(pieces[index - 1] ?? ''));
}

/** The grid's own words: column labels and level names. */
const GRID_WORDS = /一级指标|二级指标|三级指标|指标值|产出指标|效益指标|满意度指标|数量指标|质量指标|时效指标|成本指标/gu;
const HEADER_WORDS = /一级\s*指标|二级\s*指标|三级\s*指标|指标\s*值/u;

function gridWords(text: string): number {
  return new Set(fold(text).match(GRID_WORDS) ?? []).size;
}

interface Line {
  text: string;
  number: number;
}

const isPipe = (line: string) => isPipeLine(line) || isPipeMarker(line);

/** A form label, a column label or a unit line: where a table copied a cell per line begins. */
function opensForm(text: string): boolean {
  return fieldMatch(text) !== null || headerMatch(text) !== null || UNIT_LINE.test(text);
}

/** Long text with the grid's words, targets and no separators: a table run together (a sentence about the levels states no targets). */
function isRunTogether(text: string): boolean {
  return text.length >= 120 && HEADER_WORDS.test(text) && gridWords(text) >= 3 && (text.match(TARGET_SHAPE)?.length ?? 0) >= 2;
}

/** A line of column labels: three or more of its space-separated pieces are grid header labels. */
function isHeaderLine(text: string): boolean {
  return text.split(/\s+/).filter((piece) => headerMatch(piece) !== null).length >= 3;
}

/** Spaces between most cells: a table flattened to space-separated text, not text run together. */
function spaceDensity(text: string): number {
  return (text.match(/\s+/g) ?? []).length / Math.max(1, text.length);
}

function takeWhile(lines: readonly string[], start: number, keep: (line: string, index: number) => boolean): number {
  let end = start;
  while (end < lines.length && keep(lines[end] ?? '', end)) end++;
  return end;
}

function nextFilled(lines: readonly string[], from: number): number {
  let index = from;
  while (index < lines.length && isBlankLine(lines[index] ?? '')) index++;
  return index;
}

function readRegions(lines: readonly string[]): { blocks: Block[]; forms: PasteForm[] } {
  const blocks: Block[] = [];
  const forms: PasteForm[] = [];
  const region = (start: number, end: number): Line[] =>
    lines.slice(start, end).flatMap((text, offset) => (isBlankLine(text) ? [] : [{ text, number: start + offset + 1 }]));
  const paragraph = (index: number) => {
    // Markdown marks a heading with #s and bold with **: marks, not text.
    const text = (lines[index] ?? '').replace(/^\s{0,3}#{1,6}\s+/, '').replace(/^\s*[*_]{2}(.*)[*_]{2}\s*$/, '$1');
    blocks.push({ kind: 'paragraph', text, source: { lineStart: index + 1, lineEnd: index + 1 } });
  };

  for (let i = 0; i < lines.length; ) {
    const line = lines[i] ?? '';
    if (isBlankLine(line)) {
      i++;
      continue;
    }
    if (isPipe(line)) {
      // A line without its pipe between pipe lines is a cell too (a cell that held a line break).
      const end = takeWhile(lines, i, (text, index) => {
        if (isPipe(text)) return true;
        const next = lines[index + 1];
        if (isBlankLine(text)) return next !== undefined && isPipe(next);
        // A form's foot (填表人：…) closes the table; it is no cell.
        return (next !== undefined && isPipe(next)) || (index === lines.length - 1 && text.trim().length <= 30 && !GRID_END.test(fold(text)));
      });
      const read = readPipeRegion(region(i, end), nextFilled(lines, end) >= lines.length);
      blocks.push(...read.blocks);
      forms.push(read.rendering);
      i = end;
      continue;
    }
    if (isRunTogether(line) || (line.length >= 60 && isRunTogether(lines.slice(i, i + 4).join('')))) {
      const end = takeWhile(lines, i, (text) => !isBlankLine(text) && !isPipe(text));
      const lineList = region(i, end);
      if (lineList.length === 1 && spaceDensity(line) > 1 / 12) {
        blocks.push(readOneLine(line, i + 1));
        forms.push('one-line');
      } else {
        blocks.push(readRunTogether(lineList));
        forms.push('concatenated');
      }
      i = end;
      continue;
    }
    if (isSpacedLine(line)) {
      // Space-separated rows, with lines of one cell among them and blank lines inside the table.
      const end = takeWhile(lines, i, (text, index) => {
        if (isPipe(text)) return false;
        if (isBlankLine(text)) {
          const next = nextFilled(lines, index);
          return next < lines.length && next - index <= 3 && isSpacedLine(lines[next] ?? '');
        }
        return isSpacedLine(text) || text.trim().length <= 40;
      });
      const rows = region(i, end);
      if (rows.filter((row) => isSpacedLine(row.text)).length >= 3 && rows.some((row) => isHeaderLine(row.text))) {
        blocks.push(readSpacedRows(rows));
        forms.push('space-separated');
        i = end;
        continue;
      }
    }
    const columns = columnBlocksAt(lines, i);
    if (columns) {
      blocks.push(columns.table);
      forms.push('pdf-block-order');
      i = columns.end;
      continue;
    }
    if (opensForm(line)) {
      // A cell per line (copied from a PDF viewer): the form runs on, over the blank lines a PDF's
      // text blocks leave, until a title, prose or a gap of several blank lines.
      const end = takeWhile(lines, i, (text, index) => {
        if (index === i) return true;
        if (isPipe(text)) return false;
        if (isBlankLine(text)) {
          const next = nextFilled(lines, index);
          return next < lines.length && next - index <= 1 && !FORM_TITLE.test(fold(lines[next] ?? '').replace(/^\d+[、.]/, ''));
        }
        return !FORM_TITLE.test(fold(text).replace(/^\d+[、.]/, '')) && text.trim().length <= 160;
      });
      const cells = region(i, end);
      if (cells.length >= 6 && gridWords(cells.map((cell) => cell.text).join('')) >= 2) {
        blocks.push(readPlainLines(cells));
        forms.push('plain-lines');
        i = end;
        continue;
      }
    }
    paragraph(i);
    i++;
  }
  return { blocks, forms };
}

/**
 * A table copied from a PDF a column at a time (as pdftotext and some viewers give it): blocks
 * of lines between blank lines, each opening with a column label and all of one length, are the
 * columns of one grid, put back into rows.
 */
function columnBlocksAt(lines: readonly string[], start: number): { table: Block; end: number } | null {
  if (headerMatch(lines[start] ?? '') === null) return null;
  const blocks: Line[][] = [];
  let at = start;
  for (;;) {
    const end = takeWhile(lines, at, (text) => !isBlankLine(text) && !isPipe(text));
    const block = lines.slice(at, end).map((text, offset) => ({ text: text.trim(), number: at + offset + 1 }));
    if (block.length < 2 || headerMatch(block[0]?.text ?? '') === null || (blocks.length > 0 && block.length !== blocks[0]?.length)) break;
    blocks.push(block);
    at = nextFilled(lines, end);
    if (at >= lines.length) break;
  }
  if (blocks.length < 3) return null;
  const height = blocks[0]?.length ?? 0;
  const rows = Array.from({ length: height }, (_, row) => blocks.map((block) => textCell(block[row]?.text ?? '', block[row]?.number ?? 0)));
  const last = blocks[blocks.length - 1] as Line[];
  return {
    table: { kind: 'table', rows, source: { lineStart: blocks[0]?.[0]?.number, lineEnd: last[last.length - 1]?.number }, layout: { rows: 'exact', columns: 'exact', rendering: 'pdf-block-order' } },
    end: (last[last.length - 1]?.number ?? start) ,
  };
}

function tabForm(lines: readonly string[]): PasteForm | null {
  let cellLines = 0;
  let rowLines = 0;
  let filled = 0;
  for (const line of lines) {
    if (isBlankLine(line)) continue;
    filled++;
    if (isTabRowLine(line.replace(/^\t+/, ''))) rowLines++;
    else if (CELL_LINE.test(line)) cellLines++;
  }
  if (cellLines + rowLines < 3 || (cellLines + rowLines) * 5 < filled) return null;
  return cellLines >= rowLines ? 'flattened-word' : 'tab-separated';
}

/** The rendering that shows most of the text's tables. */
function dominant(forms: readonly PasteForm[]): PasteForm {
  const counts = new Map<PasteForm, number>();
  for (const form of forms) counts.set(form, (counts.get(form) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'prose';
}

export function readPastedText(text: string): { blocks: Block[]; form: PasteForm } {
  const lines = splitLines(text);
  const tabs = tabForm(lines);
  if (tabs === 'flattened-word') return { blocks: readFlattenedWord(lines), form: tabs };
  if (tabs === 'tab-separated') return { blocks: readTabSeparated(lines), form: tabs };
  if (looksLikeCellPerParagraph(lines) && gridWords(text) >= 2) return { blocks: readCellPerParagraph(lines), form: 'cell-per-paragraph' };
  const { blocks, forms } = readRegions(lines);
  return { blocks, form: dominant(forms) };
}

/** The rendering of pasted text, as readPastedText decides it. */
export function detectPasteForm(lines: readonly string[]): PasteForm {
  return readPastedText(lines.join('\n')).form;
}
