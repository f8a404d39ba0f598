// Form d: text copied from a PDF viewer. One cell per line, no row markers, and empty or merged
// cells are simply gone. Rows are rebuilt from the known vocabulary of the forms: header-field
// labels pair with the lines after them, and an indicator grid's rows are cut by its column
// headers, with level words marking where a row starts and the value cell anchoring short rows.
// The vocabulary is the extractor's (extract/labels, extract/levels): the same words the forms use.
import type { Block, Cell, Table } from '../../schemas/doc.ts';
import { fieldOf, gridColumnOf, isGenericHeading, SECTION_LABELS, UNIT_LINE, type GridColumn } from '../../extract/labels.ts';
import { isCanonicalLevel2, isLevel1Word, isLevel2Word, LEVEL1 } from '../../extract/levels.ts';
import { squeeze } from '../../extract/normalize.ts';
import { parseValue } from '../../extract/values.ts';
import { isBlankLine } from './lines.ts';

interface Line {
  text: string;
  number: number;
}

const FOOTER = /经办人|签字|签章|审核意见/;
const PERIOD = /^\d{1,2}月(底|末)?$/;
const TITLE = /绩效目标表$|绩效信息表$/;

const cellOf = (line: Line | undefined, text = line?.text ?? ''): Cell => ({
  text,
  rowSpan: 1,
  colSpan: 1,
  source: line ? { lineStart: line.number, lineEnd: line.number } : {},
});

function isLabel(text: string): boolean {
  const label = squeeze(text);
  return (
    fieldOf(text) !== null ||
    SECTION_LABELS.budgetAndPurpose.test(label) ||
    SECTION_LABELS.spendingPlan.test(label) ||
    SECTION_LABELS.goals.test(label) ||
    /^单位[：:]/.test(label)
  );
}

function isFullLevelWord(text: string): boolean {
  const squeezed = squeeze(text);
  return (LEVEL1 as readonly string[]).includes(squeezed) || squeezed === '效果指标' || isCanonicalLevel2(squeezed);
}

function looksLikeValue(text: string): boolean {
  return parseValue(text).kind !== 'text' || /[%％]$/.test(text);
}

/** Consecutive lines naming grid columns, with a level column among them. */
function gridHeaderAt(lines: readonly Line[], start: number): GridColumn[] | null {
  const columns: GridColumn[] = [];
  for (let i = start; i < lines.length; i++) {
    const column = gridColumnOf(lines[i]?.text ?? '');
    if (!column) break;
    columns.push(column);
  }
  return columns.length >= 3 && (columns.includes('level1') || columns.includes('level2')) ? columns : null;
}

function endsGrid(text: string): boolean {
  return isLabel(text) || FOOTER.test(text) || TITLE.test(squeeze(text)) || UNIT_LINE.test(text) || gridColumnOf(text) !== null;
}

/** Reads grid rows from `start`; returns the rows and where the grid ended. */
function readGrid(lines: readonly Line[], start: number, columns: readonly GridColumn[]): { rows: Cell[][]; end: number } {
  const rows: Cell[][] = [];
  const level1At = columns.indexOf('level1');
  const level2At = columns.indexOf('level2');
  const rest = columns.map((column, index) => ({ column, index })).filter(({ index }) => index !== level1At && index !== level2At);
  let i = start;
  while (i < lines.length && !endsGrid(lines[i]?.text ?? '')) {
    const row: Cell[] = columns.map(() => cellOf(undefined));
    const first = lines[i];
    // A row opens with its level1 cell: a level1 word, a short cell just before a level2 word, or
    // a stray mark with no word in it (a `0` typed into a merged level cell).
    const nextText = lines[i + 1]?.text ?? '';
    const level1Cell =
      first &&
      (isLevel1Word(first.text) ||
        (squeeze(first.text).length <= 6 && isFullLevelWord(nextText) && isLevel2Word(nextText)) ||
        /^[0-9０-９\-—–/.·]{1,2}$/.test(squeeze(first.text)));
    if (level1At !== -1 && first && level1Cell && !isCanonicalLevel2(squeeze(first.text))) {
      row[level1At] = cellOf(first);
      i++;
    }
    const second = lines[i];
    if (level2At !== -1 && second && isLevel2Word(second.text)) {
      row[level2At] = cellOf(second);
      i++;
    }
    const taken: Line[] = [];
    while (taken.length < rest.length && i < lines.length) {
      const line = lines[i];
      if (!line || endsGrid(line.text) || (taken.length > 0 && isFullLevelWord(line.text))) break;
      taken.push(line);
      i++;
    }
    if (taken.length === 0) {
      if (row.every((cell) => cell.text === '')) break;
      rows.push(row);
      continue;
    }
    // A short row lost an empty cell. Its first cell is the name; among the rest, the value
    // anchors the columns before and after it.
    let assigned = rest.slice(0, taken.length);
    if (taken.length < rest.length) {
      const valueSlot = rest.findIndex(({ column }) => column === 'value');
      const valueLine = taken.findIndex((line, k) => k > 0 && looksLikeValue(line.text));
      if (valueSlot > 0 && valueLine !== -1) {
        const before = rest.slice(0, Math.min(valueLine, valueSlot));
        const after = rest.slice(valueSlot, valueSlot + taken.length - valueLine);
        assigned = [...before, ...after];
      }
    }
    taken.forEach((line, k) => {
      const slot = assigned[k];
      if (slot) row[slot.index] = cellOf(line);
    });
    rows.push(row);
  }
  return { rows, end: i };
}

/** Reads the header part of a project form from `start` until the grid or a paragraph. */
function readHeaderRows(lines: readonly Line[], start: number): { rows: Cell[][]; end: number } {
  const rows: Cell[][] = [];
  let i = start;
  const next = () => lines[i];
  while (i < lines.length && !gridHeaderAt(lines, i)) {
    const line = next();
    if (!line) break;
    const label = squeeze(line.text);
    if (UNIT_LINE.test(line.text) || /^单位[：:]/.test(label)) {
      rows.push([cellOf(line)]);
      i++;
    } else if (SECTION_LABELS.budgetAndPurpose.test(label)) {
      const row = [cellOf(line)];
      i++;
      while (next() && fieldOf(next()?.text ?? '') !== null) {
        row.push(cellOf(next()));
        i++;
        const value = next();
        if (value && !isLabel(value.text) && looksLikeValue(value.text)) {
          row.push(cellOf(value));
          i++;
        } else row.push(cellOf(undefined));
      }
      rows.push(row);
      const purpose = next();
      if (purpose && !isLabel(purpose.text) && !gridHeaderAt(lines, i)) {
        rows.push([cellOf(undefined), cellOf(purpose)]);
        i++;
      }
    } else if (SECTION_LABELS.spendingPlan.test(label)) {
      const header = [cellOf(line)];
      i++;
      while (next() && PERIOD.test(squeeze(next()?.text ?? ''))) {
        header.push(cellOf(next()));
        i++;
      }
      const values: Line[] = [];
      while (values.length < header.length - 1 && next() && !isLabel(next()?.text ?? '') && looksLikeValue(next()?.text ?? '')) {
        values.push(next() as Line);
        i++;
      }
      // Blank periods vanish; plans fill from the end of the year, so the values are the last periods.
      const padding = header.length - 1 - values.length;
      rows.push(header, [cellOf(undefined), ...Array.from({ length: padding }, () => cellOf(undefined)), ...values.map((value) => cellOf(value))]);
    } else if (SECTION_LABELS.goals.test(label)) {
      const row = [cellOf(line)];
      i++;
      while (next() && !gridHeaderAt(lines, i) && !endsGrid(next()?.text ?? '')) {
        row.push(cellOf(next()));
        i++;
      }
      rows.push(row);
    } else if (fieldOf(line.text) !== null) {
      const row = [cellOf(line)];
      i++;
      const value = next();
      if (value && !isLabel(value.text) && !gridHeaderAt(lines, i)) {
        row.push(cellOf(value));
        i++;
      } else row.push(cellOf(undefined));
      rows.push(row);
    } else if (isGenericHeading(line.text) && rows.length > 0) {
      rows.push([cellOf(line)]);
      i++;
    } else break;
  }
  return { rows, end: i };
}

export function readPdfCopy(textLines: readonly string[]): Block[] {
  const lines: Line[] = textLines.flatMap((text, index) => (isBlankLine(text) ? [] : [{ text: text.trim(), number: index + 1 }]));
  const blocks: Block[] = [];
  let table: Table | null = null;
  const closeTable = () => {
    if (table && table.rows.length > 0) blocks.push(table);
    table = null;
  };
  const addRows = (rows: Cell[][]) => {
    if (rows.length === 0) return;
    table ??= { kind: 'table', rows: [], source: { lineStart: rows[0]?.find((cell) => cell.source.lineStart)?.source.lineStart } };
    table.rows.push(...rows);
  };

  for (let i = 0; i < lines.length; ) {
    const line = lines[i] as Line;
    const columns = gridHeaderAt(lines, i);
    if (columns) {
      addRows([lines.slice(i, i + columns.length).map((header) => cellOf(header))]);
      const grid = readGrid(lines, i + columns.length, columns);
      addRows(grid.rows);
      i = grid.end;
      continue;
    }
    if (isLabel(line.text) || UNIT_LINE.test(line.text)) {
      const header = readHeaderRows(lines, i);
      if (header.end > i) {
        addRows(header.rows);
        i = header.end;
        continue;
      }
    }
    if (FOOTER.test(line.text) && table) {
      addRows([[cellOf(line)]]);
      i++;
      continue;
    }
    closeTable();
    blocks.push({ kind: 'paragraph', text: line.text, source: { lineStart: line.number, lineEnd: line.number } });
    i++;
  }
  closeTable();
  return blocks;
}
