// One cell per line with nothing else: text copied from a PDF viewer. Empty and merged cells are
// simply gone and nothing marks rows; the extractor aligns the cells by what they say.
import type { Table } from '../../schemas/doc.ts';
import { textCell } from './lines.ts';

export function readPlainLines(lines: ReadonlyArray<{ text: string; number: number }>): Table {
  return {
    kind: 'table',
    rows: [lines.map((line) => textCell(line.text.trim(), line.number))],
    source: { lineStart: lines[0]?.number, lineEnd: lines[lines.length - 1]?.number },
    layout: { rows: 'none', columns: 'collapsed', rendering: 'plain-lines' },
  };
}
