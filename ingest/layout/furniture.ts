// Page furniture: page numbers and running headers or footers. They sit in the top or bottom
// margin and say nothing about the tables, so they are not blocks; left in, a footer between
// two halves of a table would also split it.

/** Page-number lines as printed in Chinese and other documents. */
const PAGE_NUMBER_PATTERNS: readonly RegExp[] = [
  /^第\s*[0-9０-９]+\s*页(\s*[,，/／]?\s*共\s*[0-9０-９]+\s*页)?$/u, // 第 1 页, 第1页 共3页
  /^共\s*[0-9０-９]+\s*页\s*[,，]?\s*第\s*[0-9０-９]+\s*页$/u, // 共3页 第1页
  /^[-—–－]\s*[0-9０-９]+\s*[-—–－]$/u, // - 2 -
  /^[0-9０-９]+\s*[/／]\s*[0-9０-９]+$/u, // 1/3
  /^[0-9０-９]+$/u, // 2
  /^page\s*[0-9]+(\s*(of|\/)\s*[0-9]+)?$/iu, // Page 2 of 3
];

export function isPageNumber(text: string): boolean {
  const trimmed = text.trim();
  return PAGE_NUMBER_PATTERNS.some((pattern) => pattern.test(trimmed));
}

/** Page numbers are looked for this far into the page from the top or bottom edge (share of the height). */
export const PAGE_NUMBER_MARGIN = 0.12;
/** Repeated lines count as running headers or footers only this close to the edge. */
export const RUNNING_MARGIN = 0.06;

export interface MarginLine {
  page: number;
  text: string;
  /** Where the line sits: its top and bottom as shares of the page height. */
  top: number;
  bottom: number;
}

export type Edge = 'top' | 'bottom';

export function edgeOf(line: MarginLine, margin: number): Edge | null {
  if (line.bottom <= margin) return 'top';
  if (line.top >= 1 - margin) return 'bottom';
  return null;
}

/** Digits stand for the page number, so `2026年 第3页` and `2026年 第4页` repeat. */
function runningKey(edge: Edge, text: string): string {
  return `${edge}:${text.replace(/\s+/g, '').replace(/[0-9０-９]+/gu, '#')}`;
}

/**
 * Which lines are furniture: page numbers near an edge, and lines repeated near the same edge
 * on at least two pages (and on at least half the pages of a longer document).
 */
export function findFurniture(lines: readonly MarginLine[], pageCount: number): Set<MarginLine> {
  const furniture = new Set<MarginLine>();
  const pagesByKey = new Map<string, Set<number>>();
  for (const line of lines) {
    if (edgeOf(line, PAGE_NUMBER_MARGIN) && isPageNumber(line.text)) furniture.add(line);
    const edge = edgeOf(line, RUNNING_MARGIN);
    if (!edge || line.text.trim() === '') continue;
    const key = runningKey(edge, line.text);
    const pages = pagesByKey.get(key) ?? new Set<number>();
    pages.add(line.page);
    pagesByKey.set(key, pages);
  }
  const needed = Math.max(2, Math.ceil(pageCount / 2));
  for (const line of lines) {
    const edge = edgeOf(line, RUNNING_MARGIN);
    if (edge && (pagesByKey.get(runningKey(edge, line.text))?.size ?? 0) >= needed) furniture.add(line);
  }
  return furniture;
}
