// Form d: text copied from a PDF viewer: one cell per line, no row markers, empty cells gone.
// Placeholder until rows are rebuilt from the known column headers: every line a paragraph.
import type { Block } from '../../schemas/doc.ts';
import { isBlankLine } from './lines.ts';

export function readPdfCopy(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  lines.forEach((line, index) => {
    if (!isBlankLine(line)) blocks.push({ kind: 'paragraph', text: line, source: { lineStart: index + 1, lineEnd: index + 1 } });
  });
  return blocks;
}
