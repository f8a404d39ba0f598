// Pasted text → Doc. Decides which paste form the text is in and hands it to that reader.
import type { Block } from '../../schemas/doc.ts';
import { readFlattenedWord } from './flattened-word.ts';
import { isBlankLine, splitLines } from './lines.ts';
import { isPipeTableLine, readMarkdown } from './markdown.ts';
import { readPdfCopy } from './pdf-copy.ts';
import { readTabSeparated } from './tab-separated.ts';

export type PasteForm = 'flattened-word' | 'tab-separated' | 'markdown' | 'pdf-copy';

/** A line that is one Word cell: TAB, text without inner TABs (trailing TABs are Word debris). */
const CELL_LINE = /^\t[^\t]*\t*$/;
/**
 * A line with TABs between two non-empty pieces: a row of cells. Checked piece by piece rather
 * than with one unanchored pattern, which backtracks quadratically over a long line without TABs.
 */
function isRowLine(line: string): boolean {
  const pieces = line.split(/\t+/);
  return pieces.some((piece, index) => index > 0 && /\S/.test(piece) && /\S/.test(pieces[index - 1] ?? ''));
}

export function detectPasteForm(lines: readonly string[]): PasteForm {
  let cellLines = 0;
  let rowLines = 0;
  let pipeLines = 0;
  for (const line of lines) {
    if (isBlankLine(line)) continue;
    if (isPipeTableLine(line)) pipeLines++;
    else if (isRowLine(line.replace(/^\t+/, ''))) rowLines++;
    else if (CELL_LINE.test(line)) cellLines++;
  }
  if (pipeLines >= 2 && pipeLines >= rowLines && pipeLines >= cellLines) return 'markdown';
  if (cellLines === 0 && rowLines === 0) return 'pdf-copy';
  return cellLines >= rowLines ? 'flattened-word' : 'tab-separated';
}

export function readPastedText(text: string): { blocks: Block[]; form: PasteForm } {
  const lines = splitLines(text);
  const form = detectPasteForm(lines);
  const readers: Record<PasteForm, (lines: readonly string[]) => Block[]> = {
    'flattened-word': readFlattenedWord,
    'tab-separated': readTabSeparated,
    markdown: readMarkdown,
    'pdf-copy': readPdfCopy,
  };
  return { blocks: readers[form](lines), form };
}
