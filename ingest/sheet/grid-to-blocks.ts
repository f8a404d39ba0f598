// A spreadsheet is one grid; a budget-system export stacks several forms in it, each under its
// title. This cuts the grid into blocks: a run of table rows is a table, a row holding a single
// stand-alone text (a title, a unit line) is a paragraph, a blank row ends a table.
import type { Block, Cell, SourceSpan } from '../../schemas/doc.ts';
import { fieldMatch } from '../../vocab/fields.ts';
import { headerMatch } from '../../vocab/headers.ts';

export interface SheetCell {
  text: string;
  rowSpan: number;
  colSpan: number;
  /** true when the cell has a border: a table cell, even when it holds the only text of its row. */
  bordered: boolean;
  source: SourceSpan;
}

/** One sheet row: its origin cells (merged-over positions omitted), and how wide the sheet is. */
export interface SheetRow {
  cells: SheetCell[];
  /** positions covered by a merge that started in an earlier row */
  coveredFromAbove: number;
}

function isTitleRow(row: SheetRow, width: number): boolean {
  const filled = row.cells.filter((cell) => cell.text.trim().length > 0);
  if (filled.length !== 1 || row.coveredFromAbove > 0) return false;
  const [only] = filled as [SheetCell];
  // A field label with its value cell left blank (项目名称 | ), or with its value written inside it
  // (填报单位（盖公章）：某局), is still part of the form.
  const text = only.text.trim();
  if (fieldMatch(text) || fieldMatch(text.split(/[:：]/)[0] ?? '') || headerMatch(text)) return false;
  if (only.colSpan >= Math.max(2, Math.ceil(width / 2))) return true;
  // Titles start at the left edge; a lone text further right continues a form whose left cells
  // are merged (资金用途 under 预算规模及资金用途), which a CSV shows only as empty fields.
  if (row.cells.indexOf(only) > 0) return false;
  return !row.cells.some((cell) => cell.bordered);
}

export function sheetRowsToBlocks(rows: readonly SheetRow[], width: number): Block[] {
  const blocks: Block[] = [];
  let table: Cell[][] = [];
  const flush = (): void => {
    if (table.length === 0) return;
    const first = table[0]?.[0]?.source ?? {};
    const last = table.at(-1)?.at(-1)?.source ?? {};
    blocks.push({ kind: 'table', rows: table, source: { ...first, lineEnd: last.lineEnd ?? first.lineEnd } });
    table = [];
  };
  for (const row of rows) {
    const empty = row.cells.every((cell) => cell.text.trim().length === 0);
    if (empty && row.coveredFromAbove === 0) {
      flush();
      continue;
    }
    if (isTitleRow(row, width)) {
      flush();
      const cell = row.cells.find((candidate) => candidate.text.trim().length > 0) as SheetCell;
      for (const line of cell.text.split(/\r?\n/).map((part) => part.trim()).filter(Boolean)) {
        blocks.push({ kind: 'paragraph', text: line, source: cell.source });
      }
      continue;
    }
    table.push(row.cells.map(({ text, rowSpan, colSpan, source }) => ({ text, rowSpan, colSpan, source })));
  }
  flush();
  return blocks;
}
