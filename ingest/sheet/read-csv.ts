// CSV → blocks through csv-parse. A CSV has no merges: a merged cell arrives as its text followed
// by empty cells, which the grid reader fills down as it does for pasted text.
import { parse } from 'csv-parse/sync';
import type { Block } from '../../schemas/doc.ts';
import { IngestError } from '../errors.ts';
import { sheetRowsToBlocks, type SheetRow } from './grid-to-blocks.ts';

/**
 * A CSV written for spreadsheets (jixiao's own exports among them) marks a cell that would run as a
 * formula with a leading apostrophe (`'=100%`); a spreadsheet hides it, and so does the reader.
 */
const FORMULA_GUARD = /^'(?=[=+\-@\t\r＝＋－＠]|\s+[=+\-@])/;

export function withoutFormulaGuard(text: string): string {
  return text.replace(FORMULA_GUARD, '');
}

export function readCsv(text: string): Block[] {
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true }) as string[][];
  } catch (error) {
    throw new IngestError('CORRUPT', `this CSV cannot be read: ${(error as Error).message}`);
  }
  const width = Math.max(0, ...records.map((record) => record.length));
  const rows: SheetRow[] = records.map((record, index) => {
    const cells = record.map((text) => ({ text: withoutFormulaGuard(text), rowSpan: 1, colSpan: 1, bordered: false, source: { lineStart: index + 1, lineEnd: index + 1 } }));
    // Fields past a row's last are the sheet's ragged edge; a field holding only a (full-width)
    // space is a blank cell the form has, as in the flattened-Word seeds, and stays.
    while (cells.length > 0 && cells.at(-1)?.text === '') cells.pop();
    return { cells, coveredFromAbove: 0 };
  });
  return sheetRowsToBlocks(rows, width);
}

/**
 * True when text is comma-separated rows: most lines split into the same number (≥ 3) of fields
 * on ASCII commas. Chinese prose uses the full-width ，, so stray commas rarely fool this.
 */
export function looksLikeCsv(text: string): boolean {
  if (text.includes('\t')) return false;
  const lines = text.split(/\r?\n/).filter((line) => line.trim().length > 0).slice(0, 200);
  if (lines.length < 3) return false;
  const counts = lines.map((line) => line.replace(/"(?:[^"]|"")*"/g, '').split(',').length);
  const widest = Math.max(...counts);
  if (widest < 3) return false;
  const commaLines = counts.filter((count) => count >= 3).length;
  return commaLines / lines.length >= 0.6;
}
