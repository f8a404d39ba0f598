// CSV (for files) and TSV (for pasting into a spreadsheet or the budget system) of the indicator
// rows. A field with the separator, a quote or a line break is quoted, quotes doubled (RFC 4180),
// which Excel and WPS read back as one cell.
//
// A text cell a spreadsheet would run as a formula (OWASP "CSV Injection") is written with a
// leading apostrophe: `=100%` becomes `'=100%`, which Excel, WPS and LibreOffice show as the text
// `=100%` (the apostrophe is their "this is text" mark, not part of the value). Programs that are
// not spreadsheets see the apostrophe. Numbers are written as numbers, unmarked: `-5` read as a
// number is not a formula.
import type { Extraction } from '../schemas/extraction.ts';
import { indicatorRows, type Cell } from './rows.ts';

/** First characters that start a formula: = + - @ (OWASP), and what NFKC folds onto them. */
const FORMULA_START = new Set(['=', '+', '-', '@']);
/** First characters OWASP (tab, carriage return) and ASVS 1.2.10 (NUL) mark whatever follows. */
const CONTROL_START = new Set(['\t', '\r', '\0']);
/** Whitespace a spreadsheet may trim before it looks for a formula. */
const LEADING_WHITESPACE = /^[ \t\r\n\f\v\u00A0\u3000]+/;

/**
 * The text with an apostrophe in front when a spreadsheet could read it as a formula: it begins
 * with = + - @, a tab, a carriage return or NUL, or with whitespace and then = + - @. The
 * full-width ＝ ＋ － ＠ (and the other forms NFKC folds onto = + - @) count as = + - @: Chinese and
 * Japanese input methods type them, and a spreadsheet that folds them on entry would run the
 * cell; the apostrophe costs nothing where it does not.
 */
export function neutralizeFormula(text: string): string {
  if (CONTROL_START.has(text.charAt(0))) return `'${text}`;
  const first = text.replace(LEADING_WHITESPACE, '').charAt(0).normalize('NFKC');
  return FORMULA_START.has(first.charAt(0)) ? `'${text}` : text;
}

function field(cell: Cell, separator: string): string {
  const text = cell === null ? '' : typeof cell === 'number' ? String(cell) : neutralizeFormula(cell);
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function delimited(extraction: Extraction, separator: string): string {
  const { header, rows } = indicatorRows(extraction);
  return [header, ...rows].map((row) => row.map((cell) => field(cell, separator)).join(separator)).join('\r\n') + '\r\n';
}

/** CSV with a byte-order mark, so Excel opens the Chinese as UTF-8. */
export function toCsv(extraction: Extraction): string {
  return '\uFEFF' + delimited(extraction, ',');
}

export function toTsv(extraction: Extraction): string {
  return delimited(extraction, '\t');
}
