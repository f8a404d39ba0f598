// What a workbook asks of its reader, counted from the raw parts while the zip guard inflates them,
// before exceljs parses anything. exceljs (and read-xlsx.ts after it) give every row number up to
// the last a slot, every column a `<col>` range reaches an object, every XML element an object or
// more: a 1.5 KB file naming row 1,000,000,000 held the reader two minutes, a `<col>` range to
// column 1,000,000,000 ran it out of memory. So these are checked here, on the XML text:
//
// - every row, cell, merge and `<col>` range lies inside Excel's grid, 1,048,576 rows × 16,384
//   columns (else TOO_COMPLEX);
// - each sheet's area (rows × columns, as far as its rows and cells reach), all sheets' areas
//   together and the cells written stay within maxCells (else TOO_MANY_CELLS);
// - the rows, `<col>` ranges and merges written, the shared strings (MAX_SHARED_STRINGS, counted,
//   whatever `<sst uniqueCount>` declares) and the XML elements of all parts (MAX_XML_ELEMENTS)
//   stay countable (else TOO_COMPLEX). A `<dimension ref>` is only a declaration: exceljs
//   allocates nothing by it, and the rows and cells themselves are counted instead.
//
// The area merges cover, data validations and defined names are not weighed here: exceljs would
// expand each range into a cell per position, so read-xlsx.ts keeps them from it and reads merges
// itself, cut to the sheet's cells when they would carry it past the limit.
import { IngestError } from '../errors.ts';
import { MAX_SHARED_STRINGS, MAX_XML_ELEMENTS } from '../limits.ts';
import { checkZip, type PartSink } from '../zip.ts';
import { attributeValues, XmlTagScanner, type TagHandler } from './xml-scan.ts';

export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;

/** The parts exceljs reads as worksheets and as shared strings (lib/xlsx/xlsx.js), by name. */
const WORKSHEET_PART = /xl\/worksheets\/sheet(\d+)[.]xml/;
const SHARED_STRINGS_PART = 'xl/sharedStrings.xml';
/** The parts exceljs may parse as XML, by the patterns it matches names with; binary parts are not. */
const XML_PART = /[.](xml|rels|vml)/;
const WORKBOOK_PART = 'xl/workbook.xml';
const WORKBOOK_RELS_PART = 'xl/_rels/workbook.xml.rels';
/** Sheet names are read from the workbook part only if it is no larger than this. */
const MAX_NAMES_PART_CHARS = 4 << 20;

const count = (value: number) => value.toLocaleString('en-US');
const shorten = (value: string) => (value.length > 40 ? `${value.slice(0, 40)}…` : value);

/** A column's letters, as Excel writes them. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/**
 * A cell reference read as exceljs reads it (colCache.decodeAddress): capital letters give the
 * column, digits the row, anything else is skipped until both are seen. Either may be missing.
 */
export function decodeCellRef(value: string): { row: number; col: number } {
  let col = 0;
  let row = 0;
  let hasCol = false;
  let hasRow = false;
  for (let i = 0; i < value.length; i++) {
    const char = value.charCodeAt(i);
    if (!hasRow && char >= 65 && char <= 90) {
      hasCol = true;
      col = col * 26 + char - 64;
    } else if (char >= 48 && char <= 57) {
      hasRow = true;
      row = row * 10 + char - 48;
    } else if (hasRow && hasCol && char !== 36) {
      break;
    }
  }
  return { row, col };
}

interface SheetScan {
  part: string;
  /** The farthest row a `<row>` or `<c>` names, and the farthest column a `<c>` names. */
  maxRow: number;
  maxCol: number;
  cells: number;
  rows: number;
  columnRanges: number;
  merges: number;
  /** The first row, cell, merge or column range outside Excel's grid. */
  outside: string | null;
}

function sheetHandler(scan: SheetScan): TagHandler {
  const outside = (what: string) => {
    scan.outside ??= what;
  };
  return (name, attributes) => {
    switch (name) {
      case 'row': {
        scan.rows++;
        for (const value of attributeValues(attributes, 'r')) {
          const row = Number.parseInt(value, 10);
          if (row > EXCEL_MAX_ROWS) outside(`row ${count(row)}`);
          else if (row > scan.maxRow) scan.maxRow = row;
        }
        break;
      }
      case 'c': {
        scan.cells++;
        for (const value of attributeValues(attributes, 'r')) {
          const { row, col } = decodeCellRef(value);
          if (row > EXCEL_MAX_ROWS || col > EXCEL_MAX_COLUMNS) {
            outside(`cell ${shorten(value)}`);
            continue;
          }
          if (row > scan.maxRow) scan.maxRow = row;
          if (col > scan.maxCol) scan.maxCol = col;
        }
        break;
      }
      case 'col': {
        // exceljs makes a column object for every number up to a range's min and through its max.
        scan.columnRanges++;
        for (const key of ['min', 'max']) {
          for (const value of attributeValues(attributes, key)) {
            if (Number.parseInt(value, 10) > EXCEL_MAX_COLUMNS) outside(`column range ${key}="${shorten(value)}"`);
          }
        }
        break;
      }
      case 'mergeCell': {
        // Read (in capitals, as read-xlsx.ts reads it) only to be sure it lies inside the grid; its
        // size is read-xlsx.ts's to weigh, as it may cut a merge to the sheet's cells.
        scan.merges++;
        for (const value of attributeValues(attributes, 'ref')) {
          const ends = value.toUpperCase().split(':').map((end) => decodeCellRef(end.slice(end.lastIndexOf('!') + 1)));
          if (ends.some(({ row, col }) => row > EXCEL_MAX_ROWS || col > EXCEL_MAX_COLUMNS)) outside(`merge ${shorten(value)}`);
        }
        break;
      }
    }
  };
}

function sharedStringsHandler(part: string): TagHandler {
  let strings = 0;
  let declared: string | null = null;
  return (name, attributes) => {
    if (name === 'sst') {
      declared ??= attributeValues(attributes, 'uniqueCount')[0] ?? null;
    } else if (name === 'si' && ++strings > MAX_SHARED_STRINGS) {
      // Refused as soon as counted: the rest need not be inflated.
      const declares = declared !== null && /^\d+$/.test(declared) ? ` (it declares ${count(Number(declared))})` : '';
      throw new IngestError('TOO_COMPLEX', `${part}: more than ${count(MAX_SHARED_STRINGS)} shared strings${declares}; the limit is ${count(MAX_SHARED_STRINGS)}`);
    }
  };
}

/** A part kept whole as text (small parts only: the workbook and its relationships, for sheet names). */
function collectText(limit: number): { text: () => string | null; sink: PartSink } {
  const chunks: Buffer[] = [];
  let length = 0;
  return {
    text: () => (length <= limit ? Buffer.concat(chunks).toString('utf8') : null),
    sink: {
      write(chunk) {
        length += chunk.byteLength;
        if (length <= limit) chunks.push(Buffer.from(chunk));
        else chunks.length = 0;
      },
      end() {},
    },
  };
}

/** Each worksheet part's sheet name, as exceljs pairs them (workbook-xform.js). */
function sheetNames(workbook: string | null, rels: string | null): Map<string, string> {
  const names = new Map<string, string>();
  if (workbook === null || rels === null) return names;
  const targets = new Map<string, string>();
  for (const match of rels.matchAll(/<(?:\w+:)?Relationship\s([^>]*)>/g)) {
    const [id] = attributeValues(match[1] ?? '', 'Id');
    const [target] = attributeValues(match[1] ?? '', 'Target');
    if (id !== undefined && target !== undefined) targets.set(id, `xl/${target.replace(/^(\s|\/xl\/)+/, '')}`);
  }
  for (const match of workbook.matchAll(/<(?:\w+:)?sheet\s([^>]*)>/g)) {
    const [name] = attributeValues(match[1] ?? '', 'name');
    const [id] = attributeValues(match[1] ?? '', 'r:id');
    const part = id === undefined ? undefined : targets.get(id);
    if (name !== undefined && part !== undefined && !names.has(part)) names.set(part, name);
  }
  return names;
}

/** Both sinks, each given every chunk. */
function both(first: PartSink, second: PartSink): PartSink {
  return {
    write(chunk) {
      first.write(chunk);
      second.write(chunk);
    },
    end() {
      first.end();
      second.end();
    },
  };
}

/**
 * Inflates the workbook once (the zip guard's pass: TRUNCATED, CORRUPT, DECOMPRESSED_TOO_LARGE)
 * and refuses it, TOO_COMPLEX or TOO_MANY_CELLS, if reading it would cost more than the limits
 * allow.
 */
export function checkWorkbookParts(bytes: Uint8Array, maxDecompressedBytes: number, maxCells: number, what = 'this Excel file'): void {
  const sheets: SheetScan[] = [];
  const workbook = collectText(MAX_NAMES_PART_CHARS);
  const rels = collectText(MAX_NAMES_PART_CHARS);
  let elements = 0;
  checkZip(bytes, maxDecompressedBytes, what, (name) => {
    // exceljs drops one leading slash.
    const part = name.startsWith('/') ? name.slice(1) : name;
    if (!XML_PART.test(part)) return undefined;
    let handler: TagHandler | undefined;
    if (WORKSHEET_PART.test(part)) {
      const scan: SheetScan = { part, maxRow: 0, maxCol: 0, cells: 0, rows: 0, columnRanges: 0, merges: 0, outside: null };
      sheets.push(scan);
      handler = sheetHandler(scan);
    } else if (part === SHARED_STRINGS_PART) {
      handler = sharedStringsHandler(part);
    }
    const scanner = new XmlTagScanner(part, (tag, attributes) => {
      // Every element exceljs parses is an object or more; counted over all parts, and refused
      // as soon as past the limit.
      if (++elements > MAX_XML_ELEMENTS) {
        throw new IngestError('TOO_COMPLEX', `${what} holds more than ${count(MAX_XML_ELEMENTS)} XML elements (passed in ${part}); the limit is ${count(MAX_XML_ELEMENTS)}`);
      }
      handler?.(tag, attributes);
    });
    if (part === WORKBOOK_PART) return both(scanner, workbook.sink);
    if (part === WORKBOOK_RELS_PART) return both(scanner, rels.sink);
    return scanner;
  });
  const names = sheetNames(workbook.text(), rels.text());
  const sheetName = (part: string) => {
    const name = names.get(part);
    return name === undefined ? part : `sheet “${name}”`;
  };
  let area = 0;
  let cells = 0;
  let rows = 0;
  let merges = 0;
  for (const sheet of sheets) {
    const where = sheetName(sheet.part);
    if (sheet.outside !== null) {
      throw new IngestError(
        'TOO_COMPLEX',
        `${where}: ${sheet.outside} lies outside Excel’s grid of ${count(EXCEL_MAX_ROWS)} rows × ${count(EXCEL_MAX_COLUMNS)} columns`,
      );
    }
    if (sheet.columnRanges > EXCEL_MAX_COLUMNS) {
      throw new IngestError('TOO_COMPLEX', `${where}: ${count(sheet.columnRanges)} column ranges, more than a sheet has columns (${count(EXCEL_MAX_COLUMNS)})`);
    }
    const sheetArea = sheet.maxRow * sheet.maxCol;
    if (sheetArea > maxCells) {
      throw new IngestError(
        'TOO_MANY_CELLS',
        `${where} spans ${count(sheet.maxRow)} rows × ${count(sheet.maxCol)} columns (to row ${count(sheet.maxRow)}, column ${columnLetters(sheet.maxCol)}): ${count(sheetArea)} cells; the limit is ${count(maxCells)}`,
      );
    }
    area += sheetArea;
    cells += sheet.cells;
    rows += sheet.rows;
    merges += sheet.merges;
  }
  if (area > maxCells) {
    throw new IngestError('TOO_MANY_CELLS', `the workbook’s ${sheets.length} sheets span ${count(area)} cells together; the limit is ${count(maxCells)}`);
  }
  if (cells > maxCells) {
    throw new IngestError('TOO_MANY_CELLS', `the workbook’s sheets hold ${count(cells)} cell entries; the limit is ${count(maxCells)}`);
  }
  if (rows > maxCells) throw new IngestError('TOO_COMPLEX', `the workbook’s sheets hold ${count(rows)} row entries; the limit is ${count(maxCells)}`);
  if (merges > maxCells) throw new IngestError('TOO_COMPLEX', `the workbook’s sheets list ${count(merges)} merged ranges; the limit is ${count(maxCells)}`);
}
