// The height a spreadsheet row needs for its wrapped cells. Excel and WPS keep a row at the height
// the file gives it (and LibreOffice does when the file says so), so a row of long 审核意见 or 资金用途
// written at the default height shows one line of each. The estimate counts a Chinese character as
// 1.8 of the width units a column is measured in (the width of a digit: 宋体 and the Noto CJK fonts
// that stand in for it draw a character a little narrower than two digits) and a Latin one as one.

/** Points a line of text takes at a font size, leading included. */
const LINE_FACTOR = 1.45;
const PADDING = 4;
/** The width unit is the default font's digit (11 pt); a larger font's characters are wider. */
const BASE_SIZE = 11;

export interface WrappedCell {
  text: string;
  /** the cell's width in characters (a merged cell: its columns' together) */
  width: number;
  /** font size in points */
  size: number;
}

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u201c\u201d\u2018\u2019\u2026]|[\u{20000}-\u{3fffd}]/u;
const WIDE_UNITS = 1.8;

/** Width units of one character: a wide (East Asian) one counts 1.8. */
function charWidth(char: string): number {
  return WIDE.test(char) ? WIDE_UNITS : 1;
}

/** Lines the text wraps to in a cell `width` units wide at `size` points. */
export function wrappedLines(text: string, width: number, size: number): number {
  // A column loses about a unit to its margins.
  const room = Math.max(1, (width - 1) * (BASE_SIZE / size));
  return text.split(/\r?\n/).reduce((lines, line) => {
    const units = [...line].reduce((sum, char) => sum + charWidth(char), 0);
    return lines + Math.max(1, Math.ceil(units / room));
  }, 0);
}

/** The row's height in points: its tallest cell's lines, at least one line of the default font. */
export function rowHeight(cells: readonly WrappedCell[]): number {
  const tallest = cells.reduce((most, cell) => Math.max(most, cell.text === '' ? 0 : wrappedLines(cell.text, cell.width, cell.size) * cell.size * LINE_FACTOR), 0);
  return Math.round(Math.max(BASE_SIZE * LINE_FACTOR, tallest) + PADDING);
}
