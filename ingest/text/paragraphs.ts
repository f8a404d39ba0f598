// One cell per paragraph: a web table copied as text, each cell a paragraph with a blank line
// between, wrapped cells split over several paragraphs (`数量` / `指标`), empty cells as a lone space
// or gone. Nothing marks rows. The table starts at the first paragraph that is a form label; what
// stands before it (the page's title, its index lines) stays prose.
import type { Block, Cell, Table } from '../../schemas/doc.ts';
import { fieldMatch } from '../../vocab/fields.ts';
import { fold } from '../../vocab/fold.ts';
import { SITE_DEBRIS } from '../../vocab/furniture.ts';
import { headerMatch } from '../../vocab/headers.ts';
import { textCell } from './lines.ts';

interface Paragraph {
  text: string;
  lineStart: number;
  lineEnd: number;
}

/** Paragraphs: runs of non-blank lines (a paragraph of several lines keeps its line breaks). */
export function paragraphsOf(lines: readonly string[]): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | null = null;
  lines.forEach((line, index) => {
    if (/^[ \t\u00A0\u3000\r]*$/.test(line)) {
      // A lone space is an empty cell in this rendering, not only a gap.
      if (current) paragraphs.push(current);
      current = null;
      if (/^[ \u00A0\u3000]+$/.test(line)) paragraphs.push({ text: '', lineStart: index + 1, lineEnd: index + 1 });
      return;
    }
    if (current) {
      current.text += '\n' + line;
      current.lineEnd = index + 1;
    } else current = { text: line, lineStart: index + 1, lineEnd: index + 1 };
  });
  if (current) paragraphs.push(current);
  return paragraphs;
}

/** Most lines stand alone between blank lines, and they are short: cells, not prose. */
export function looksLikeCellPerParagraph(lines: readonly string[]): boolean {
  const filled = lines.map((line, index) => ({ line, index })).filter(({ line }) => line.trim() !== '');
  if (filled.length < 15) return false;
  const isolated = filled.filter(({ index }) => (lines[index - 1] ?? '').trim() === '' && (lines[index + 1] ?? '').trim() === '');
  const short = isolated.filter(({ line }) => line.trim().length <= 40);
  return isolated.length >= filled.length * 0.6 && short.length >= isolated.length * 0.7;
}

function opensForm(text: string): boolean {
  const key = fold(text);
  if (key.length > 24) return false;
  return fieldMatch(text) !== null || headerMatch(text) !== null || /^(项目基本情况|项目基本信息|一、项目基本情况)$/.test(key);
}

export function readCellPerParagraph(lines: readonly string[]): Block[] {
  const paragraphs = paragraphsOf(lines);
  const blocks: Block[] = [];
  let start = paragraphs.findIndex((paragraph) => opensForm(paragraph.text));
  if (start === -1) start = paragraphs.length;
  for (const paragraph of paragraphs.slice(0, start)) {
    if (paragraph.text.trim() !== '') blocks.push({ kind: 'paragraph', text: paragraph.text, source: { lineStart: paragraph.lineStart, lineEnd: paragraph.lineEnd } });
  }
  let end = paragraphs.length;
  for (let i = start; i < paragraphs.length; i++) {
    if (SITE_DEBRIS.test((paragraphs[i]?.text ?? '').trim())) {
      end = i;
      break;
    }
  }
  const cells: Cell[] = paragraphs.slice(start, end).map((paragraph) => textCell(paragraph.text, paragraph.lineStart, paragraph.lineEnd));
  if (cells.length > 0) {
    const table: Table = {
      kind: 'table',
      rows: [cells],
      source: { lineStart: cells[0]?.source.lineStart, lineEnd: cells[cells.length - 1]?.source.lineEnd },
      layout: { rows: 'none', columns: 'collapsed', rendering: 'cell-per-paragraph' },
    };
    blocks.push(table);
  }
  for (const paragraph of paragraphs.slice(end)) {
    if (paragraph.text.trim() !== '') blocks.push({ kind: 'paragraph', text: paragraph.text, source: { lineStart: paragraph.lineStart, lineEnd: paragraph.lineEnd } });
  }
  return blocks;
}
