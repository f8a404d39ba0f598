// CSV (for files) and TSV (for pasting into a spreadsheet or the budget system) of the indicator
// rows. A field with the separator, a quote or a line break is quoted, quotes doubled (RFC 4180),
// which Excel and WPS read back as one cell.
import type { Extraction } from '../schemas/extraction.ts';
import { indicatorRows, type Cell } from './rows.ts';

function field(cell: Cell, separator: string): string {
  const text = cell === null ? '' : String(cell);
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
