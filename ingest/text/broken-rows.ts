// Word and some page stores copy a cell that holds a line break without quoting it, so its row
// arrives as two short lines (`… | 办公用房在办公时正常使用天数/全部办公天数` then `100% | 《…的请示》`).
// Where rows keep their cells in place (TSV, Markdown), two short rows whose cells together make
// the width of the full row before them are one row: side by side where the break closed a cell,
// joined in one cell where it fell inside it.

import { fieldMatch } from '../../vocab/fields.ts';
import { fold } from '../../vocab/fold.ts';
import { headerMatch } from '../../vocab/headers.ts';
import { LEVEL_SUFFIXES, undecoratedLevel } from '../../vocab/levels.ts';

/** A cell that opens a row of its own: a form's label, a column label, a level name. */
function opensRow(text: string): boolean {
  const key = fold(text);
  return fieldMatch(text) !== null || headerMatch(text) !== null || LEVEL_SUFFIXES.test(undecoratedLevel(key));
}

export function joinBrokenRows<T>(rows: readonly (readonly T[])[], filled: (cell: T) => boolean, join: (last: T, first: T) => T, textOf: (cell: T) => string): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] as readonly T[];
    const next = rows[index + 1];
    // The width of the nearest row before that is wider than both.
    const width = next ? ([...out].reverse().find((full) => full.length > Math.max(row.length, next.length))?.length ?? 0) : 0;
    const last = row[row.length - 1];
    const first = next?.[0];
    if (next && last !== undefined && first !== undefined && row.length < width && next.length < width && filled(last) && filled(first) && !opensRow(textOf(first))) {
      if (row.length + next.length === width) {
        out.push([...row, ...next]);
        index++;
        continue;
      }
      if (row.length + next.length - 1 === width) {
        out.push([...row.slice(0, -1), join(last, first), ...next.slice(1)]);
        index++;
        continue;
      }
    }
    out.push([...row]);
  }
  return out;
}
