// A Doc as one stream of cells in reading order, each knowing what separates it from the cell
// before (a paragraph, a row, a line, a cell, or only a guessed cut) and, where the format gives
// it, its grid column. Every later step reads this stream, whatever the table's format was.
import type { Cell, Doc, SourceSpan, Table } from '../../schemas/doc.ts';
import { fold } from '../../vocab/fold.ts';
import { normalizeText } from '../normalize.ts';

/** What stands between a token and the one before it, from strongest to weakest. */
export type Break = 'block' | 'row' | 'line' | 'cell' | 'soft';

export interface Token {
  index: number;
  /** the cell text as read */
  raw: string;
  /** normalised as the contract says */
  text: string;
  /** the matching key (vocab/fold) */
  key: string;
  blank: boolean;
  before: Break;
  /** the text between this token and the one before when the cut is a guess ('' in text run together) */
  gap: string;
  /** the block's index in the document, and whether it is a paragraph */
  block: number;
  paragraph: boolean;
  /** table number (1-based) for locations, null for paragraphs */
  table: number | null;
  row: number;
  /** the grid column when the table's columns are exact */
  col: number | null;
  /** how pasted text showed the table (cells of a paragraph each may be pieces of one wrapped cell) */
  rendering: string | null;
  /** the text was cut off inside this cell (the last of a table its reader found cut) */
  cutOff: boolean;
  source: SourceSpan;
}

function token(index: number, raw: string, before: Break, gap: string, block: number, table: number | null, row: number, col: number | null, source: SourceSpan, paragraph = false, rendering: string | null = null): Token {
  const text = normalizeText(raw);
  return { index, raw, text, key: fold(text), blank: text === '' || /^\|+$/.test(text), before, gap, block, paragraph, table, row, col, rendering, cutOff: false, source };
}

/**
 * Rows with the positions a vertically merged cell covers filled by empty cells, so a row read by
 * position sees its merged level cells as blanks, as pasted text gives them.
 */
export function expandRowSpans(rows: readonly (readonly Cell[])[]): Cell[][] {
  const pending = new Map<number, { rows: number; cell: Cell }>();
  return rows.map((cells) => {
    const out: Cell[] = [];
    let column = 0;
    const placeCovered = (): void => {
      for (let cover = pending.get(column); cover; cover = pending.get(column)) {
        out.push({ text: '', rowSpan: 1, colSpan: cover.cell.colSpan, col: column, source: cover.cell.source });
        cover.rows -= 1;
        if (cover.rows === 0) pending.delete(column);
        column += cover.cell.colSpan;
      }
    };
    for (const cell of cells) {
      placeCovered();
      out.push({ ...cell, col: column });
      if (cell.rowSpan > 1) pending.set(column, { rows: cell.rowSpan - 1, cell });
      column += cell.colSpan;
    }
    const widest = Math.max(column, ...[...pending.keys()].map((start) => start + 1));
    while (column < widest) {
      if (pending.has(column)) placeCovered();
      else column += 1;
    }
    return out;
  });
}

function tableTokens(table: Table, block: number, tableNumber: number, first: number): Token[] {
  const rowsExact = (table.layout?.rows ?? 'exact') === 'exact';
  const colsExact = (table.layout?.columns ?? 'exact') === 'exact';
  const rowBreak: Break = rowsExact ? 'row' : table.layout?.rows === 'hinted' ? 'line' : 'cell';
  const spans = colsExact && table.rows.some((cells) => cells.some((cell) => cell.rowSpan > 1));
  const rows = spans ? expandRowSpans(table.rows) : table.rows;
  const tokens: Token[] = [];
  rows.forEach((cells, rowIndex) => {
    cells.forEach((cell, cellIndex) => {
      const guessed = cell.joinsPrevious !== undefined;
      const before: Break = tokens.length === 0 ? 'block' : cellIndex === 0 ? (guessed ? 'soft' : rowBreak) : guessed ? 'soft' : 'cell';
      tokens.push(token(first + tokens.length, cell.text, before, cell.joinsPrevious ?? '', block, tableNumber, rowIndex, colsExact ? (cell.col ?? cellIndex) : null, cell.source, false, table.layout?.rendering ?? null));
    });
  });
  const last = tokens[tokens.length - 1];
  if (last && table.layout?.cutOff) last.cutOff = true;
  return tokens;
}

export function streamOf(doc: Doc): Token[] {
  const tokens: Token[] = [];
  let tableNumber = 0;
  doc.blocks.forEach((block, blockIndex) => {
    if (block.kind === 'paragraph') {
      if (block.text.trim() === '') return;
      tokens.push(token(tokens.length, block.text, 'block', '', blockIndex, null, 0, null, block.source, true));
      return;
    }
    tableNumber++;
    tokens.push(...tableTokens(block, blockIndex, tableNumber, tokens.length));
  });
  return tokens;
}

/**
 * A PDF's cells a line each (plain lines): a line of a character or two after a long line of text
 * is the end of its wrapped cell (`年度工作计划、采购合` / `同`), and so is any line after one that
 * stops on a word no phrase ends on (`补充更新出版物的` / `农家书屋数量`), unless it is a cell of its
 * own kind.
 */
export function wrapsOnto(tokens: readonly Token[], at: number, isCellOfItsOwn: (text: string) => boolean): boolean {
  const token = tokens[at];
  const before = tokens[at - 1];
  if (!token || !before || token.blank || before.blank || token.rendering !== 'plain-lines' || token.before === 'block') return false;
  if (isCellOfItsOwn(token.text)) return false;
  // A line that ends on a word that never ends a phrase (的, 和, 及, 与, an open bracket) runs on, whatever its length.
  if (/[的和及与（(]$/.test(before.text)) return true;
  return token.key.length <= 2 && before.key.length >= 8 && !/[。.;；]$/.test(before.text);
}

/** The text of tokens [start, end) as one cell: guessed cuts closed with what stood there, real ones (a wrapped line of Chinese text) with nothing. */
export function joinedRaw(tokens: readonly Token[], start: number, end: number): string {
  let text = tokens[start]?.raw ?? '';
  for (let i = start + 1; i < end; i++) {
    const next = tokens[i] as Token;
    text += (next.before === 'soft' ? next.gap : '') + next.raw;
  }
  return text;
}
