// A spreadsheet cell's text as Excel shows it: the stored value rendered through the cell's number
// format (numfmt, the ECMA-376 formatter), in the zh-CN locale the forms are kept in. A 1 formatted
// 0% reads 100%, 1234.5 under #,##0.00 reads 1,234.50, a date serial under yyyy"年"m"月"d"日"
// reads 2024年1月15日. exceljs's own cell.text is String(value): it applies no number format.
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import { format } from 'numfmt';

const LOCALE = 'zh-CN';

interface BuiltInFormat {
  f?: string;
  'zh-cn'?: string;
}

// exceljs names a built-in format (a numFmtId below 164 with no <numFmt> of its own) from its table
// of defaults. Its East Asian ids (27–36, 50–58) have only per-locale codes there, so exceljs drops
// them and a date under id 31 would read as its serial. Chinese workbooks use them (Excel and WPS
// write yyyy"年"m"月"d"日" as id 31): the zh-cn codes (ECMA-376 Part 1, §18.8.30, which exceljs
// carries) are filled in before any workbook is read, with Excel's AM/PM token for 上午/下午, which
// the locale renders as 上午/下午. exceljs looks a default up only when it reads a style, so writing
// is unchanged, and it then converts such cells to dates as it does for its other date formats.
const defaults = createRequire(import.meta.url)('exceljs/lib/xlsx/defaultnumformats.js') as Record<string, BuiltInFormat>;
for (const entry of Object.values(defaults)) {
  const chinese = entry['zh-cn'];
  if (entry.f === undefined && chinese !== undefined) entry.f = chinese.replace('上午/下午', 'AM/PM');
}

// exceljs also gives ids 14–22 as US codes (14 is mm-dd-yy); Excel shows these through the system's
// short date and time, which for a zh-CN system is yyyy/m/d (numfmt's zh-CN locale).
const LOCALE_DATES = new Map<string, string>([
  ['mm-dd-yy', 'yyyy/m/d'],
  ['m/d/yy "h":mm', 'yyyy/m/d h:mm'],
]);

/** Dates exceljs made from a date-formatted number, back to the serial Excel stores (1900 system). */
const MS_PER_DAY = 86_400_000;
const UNIX_EPOCH_SERIAL = 25_569;
const serialOf = (date: Date) => date.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL;

function isGeneral(pattern: string | undefined): pattern is undefined {
  return pattern === undefined || pattern === '' || pattern.toLowerCase() === 'general';
}

/** Spaces a format pads with (_) or fills with (*) are layout, not content. */
function render(pattern: string, value: number | string): string | null {
  try {
    return format(pattern, value, { locale: LOCALE }).trim();
  } catch {
    return null; // a pattern numfmt cannot parse: the value as General
  }
}

/**
 * A number under General, as Excel shows it (0.1 + 0.2 reads 0.3, 1E-7 reads 1E-07), except that an
 * integer of up to 15 digits keeps them all: Excel turns one of 12 or more into 1.23457E+11, but in a
 * 绩效目标表 such a number is a code or an amount whose digits are the content.
 */
function general(value: number): string {
  if (Number.isSafeInteger(value) && Math.abs(value) < 1e15) return String(value);
  return render('General', value) ?? String(value);
}

function formatNumber(value: number, pattern: string | undefined): string {
  if (isGeneral(pattern)) return general(value);
  return render(LOCALE_DATES.get(pattern) ?? pattern, value) ?? general(value);
}

/** Text is shown as it is, unless the format has a text section (@) that wraps it. */
function formatString(value: string, pattern: string | undefined): string {
  if (isGeneral(pattern) || pattern === '@' || !pattern.includes('@')) return value;
  return render(pattern, value) ?? value;
}

function richText(value: { richText: readonly { text: string }[] }): string {
  return value.richText.map((run) => run.text).join('');
}

type Result = NonNullable<ExcelJS.CellFormulaValue['result']>;

function display(value: ExcelJS.CellValue | Result, pattern: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value, pattern);
  if (typeof value === 'string') return formatString(value, pattern);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : formatNumber(serialOf(value), pattern ?? 'yyyy/m/d');
  if ('error' in value) return value.error;
  if ('richText' in value) return richText(value);
  // A formula (plain or shared): the result Excel cached when it last calculated, through the format.
  if ('formula' in value || 'sharedFormula' in value) return display(value.result, pattern);
  if ('hyperlink' in value) {
    const text = value.text as string | { richText: { text: string }[] } | undefined;
    return typeof text === 'string' ? text : text && 'richText' in text ? richText(text) : value.hyperlink;
  }
  return '';
}

/** The cell's text as the sheet shows it. */
export function cellText(cell: ExcelJS.Cell): string {
  try {
    return display(cell.value, cell.numFmt || undefined);
  } catch {
    // exceljs throws on some odd cells (a shared formula whose master is gone); their cached value
    // is all there is to show.
    return String((cell.model as { result?: unknown }).result ?? '');
  }
}
