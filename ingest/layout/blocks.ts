// Positioned pages → the document model. Ruling lines give each table's grid; text boxes fall
// into the cell holding their centre; text outside tables becomes paragraphs in reading order.
// Page numbers and running headers are dropped, and a table cut by a page break is joined back
// into one. Text PDFs and OCR'd scans both come through here, so a form reads the same from either.
import type { Block, Cell, Paragraph, SourceSpan, Table } from '../../schemas/doc.ts';
import { joinParts, sameColumns, type PlacedCell, type TablePart } from './continuation.ts';
import { findFurniture, type MarginLine } from './furniture.ts';
import { cellAt, findGrids, type Grid } from './grid.ts';
import { dropLinesThroughText, dropStrayLines, estimateSkew, frameFor, straighten, type Frame } from './rules.ts';
import { groupLines, heightOf, isWide, joinCellLines, lineText, median, splitAtColumns, unionBox, type TextLine } from './text-lines.ts';
import type { BBox, PageLayout, TextBox } from './types.ts';

/** Sizes below are in text heights (the page's median box height), so points and pixels both work. */
const SCALE = {
  positionTolerance: 0.3,
  gapTolerance: 0.8,
  minLength: 0.5,
  reach: 0.6,
  minGap: 0.6,
  skewSample: 3,
  /** Parts of one table on two pages may differ this much in column positions (scans shift). */
  columnTolerance: 1.2,
  /** A gap this wide inside a line outside any table separates the cells of an unruled row. */
  columnGap: 1.5,
} as const;

/** With no text to measure, a text height is taken as this share of the page height. */
const FALLBACK_HEIGHT_SHARE = 1 / 60;

interface PageTable {
  kind: 'table';
  page: number;
  top: number;
  part: TablePart<SourceSpan>;
  source: SourceSpan;
  unit: number;
}

interface PageLine {
  kind: 'line';
  page: number;
  top: number;
  line: TextLine;
  text: string;
  /** In page coordinates. */
  bbox: BBox;
  /** One of several runs of a visual line that stood apart (cells of an unruled row). */
  split: boolean;
  margin: MarginLine;
}

type Piece = PageTable | PageLine;

function textHeight(page: PageLayout): number {
  const heights = page.boxes.filter((box) => box.text.trim() !== '').map((box) => heightOf(box.bbox));
  return heights.length > 0 ? median(heights) : Math.max(page.height * FALLBACK_HEIGHT_SHARE, 1);
}

/** A box moved so its centre sits where levelling puts it (its size kept). */
function levelBox(box: TextBox, frame: Frame): TextBox {
  const [x0, y0, x1, y1] = box.bbox;
  const [cx, cy] = frame.level((x0 + x1) / 2, (y0 + y1) / 2);
  const halfW = (x1 - x0) / 2;
  const halfH = (y1 - y0) / 2;
  return { ...box, bbox: [cx - halfW, cy - halfH, cx + halfW, cy + halfH] };
}

function unlevelBox(bbox: BBox, frame: Frame): BBox {
  const corners = [frame.unlevel(bbox[0], bbox[1]), frame.unlevel(bbox[2], bbox[1]), frame.unlevel(bbox[0], bbox[3]), frame.unlevel(bbox[2], bbox[3])];
  const round = (value: number) => Math.round(value * 100) / 100;
  return [
    round(Math.min(...corners.map((c) => c[0]))),
    round(Math.min(...corners.map((c) => c[1]))),
    round(Math.max(...corners.map((c) => c[0]))),
    round(Math.max(...corners.map((c) => c[1]))),
  ];
}

function provenance(page: PageLayout, bbox: BBox, boxes: readonly TextBox[]): SourceSpan {
  const source: SourceSpan = { page: page.page, bbox };
  if (page.ocr) {
    source.ocr = true;
    const confidences = boxes.map((box) => box.confidence).filter((value): value is number => value !== undefined);
    if (confidences.length > 0) source.confidence = Math.min(...confidences);
  }
  return source;
}

function tablePiece(page: PageLayout, grid: Grid, boxes: readonly TextBox[][], frame: Frame, unit: number): PageTable {
  const left = grid.xs[0]!;
  const cells: PlacedCell<SourceSpan>[] = grid.cells.map((cell, index) => {
    const inside = boxes[index] ?? [];
    const text = inside.length > 0 ? joinCellLines(groupLines(inside)) : '';
    return { row: cell.row, col: cell.col, rowSpan: cell.rowSpan, colSpan: cell.colSpan, text, source: provenance(page, unlevelBox(cell.bbox, frame), inside) };
  });
  const source: SourceSpan = { page: page.page, bbox: unlevelBox(grid.bbox, frame) };
  if (page.ocr) source.ocr = true;
  return { kind: 'table', page: page.page, top: grid.bbox[1], part: { xs: grid.xs.map((x) => x - left), rowCount: grid.ys.length - 1, cells }, source, unit };
}

/** One page's tables and text lines, top to bottom. */
function readPage(page: PageLayout): Piece[] {
  const unit = textHeight(page);
  const frame = frameFor(estimateSkew(page.rules, SCALE.skewSample * unit));
  const levelled = page.boxes.filter((box) => box.text.trim() !== '').map((box) => levelBox(box, frame));
  const straight = straighten(page.rules, frame, {
    positionTolerance: SCALE.positionTolerance * unit,
    gapTolerance: SCALE.gapTolerance * unit,
    minLength: SCALE.minLength * unit,
  });
  const rules = dropStrayLines(dropLinesThroughText(straight, levelled.map((box) => box.bbox)), SCALE.reach * unit);
  const grids = findGrids(rules, { reach: SCALE.reach * unit, minGap: SCALE.minGap * unit });
  const cellBoxes = grids.map((grid) => grid.cells.map((): TextBox[] => []));
  const free: TextBox[] = [];
  for (const box of levelled) {
    const cx = (box.bbox[0] + box.bbox[2]) / 2;
    const cy = (box.bbox[1] + box.bbox[3]) / 2;
    let placed = false;
    for (let g = 0; g < grids.length && !placed; g++) {
      const cell = cellAt(grids[g]!, cx, cy);
      if (!cell) continue;
      cellBoxes[g]![grids[g]!.cells.indexOf(cell)]!.push(box);
      placed = true;
    }
    if (!placed) free.push(box);
  }
  const pieces: Piece[] = grids.map((grid, g) => tablePiece(page, grid, cellBoxes[g]!, frame, unit));
  for (const whole of groupLines(free)) {
    const runs = splitAtColumns(whole, SCALE.columnGap);
    // Two runs are a left and a right item (a unit line and `单位：万元`): each its own paragraph.
    // Three or more are a row of a table drawn without rules: one paragraph, cells joined by TAB,
    // so the extractor can still see (and warn about) a grid it cannot read.
    const parts = runs.length === 2 ? runs : [whole];
    for (const line of parts) {
      const bbox = unlevelBox(line.bbox, frame);
      const text = runs.length > 2 ? lineText(line, SCALE.columnGap) : lineText(line);
      pieces.push({
        kind: 'line',
        page: page.page,
        // Parts of one visual line keep its top, so they stay in left-to-right order.
        top: whole.bbox[1],
        line,
        text,
        bbox,
        split: runs.length > 1,
        margin: { page: page.page, text, top: bbox[1] / page.height, bottom: bbox[3] / page.height },
      });
    }
  }
  // A stable sort: equal tops keep their order.
  return pieces.sort((a, b) => a.top - b.top);
}

const NUMBERED_START = /^\s*(?:[0-9０-９]+[.．、]|[（(][0-9０-９一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)/u;

const OPENERS = /[（(《“【[]/gu;
const CLOSERS = /[）)》”】\]]/gu;

/** A line that opens a bracket it does not close stops mid-phrase: the text wrapped (`填报单位（盖公` / `章）：`). */
function leavesBracketOpen(text: string): boolean {
  return (text.match(OPENERS)?.length ?? 0) > (text.match(CLOSERS)?.length ?? 0);
}

/** Whether `next` continues the paragraph whose last line is `last`: the text wrapped at the right edge, or mid-bracket in a narrow box. */
function wrapsInto(last: PageLine, next: PageLine, right: number): boolean {
  if (last.split || next.split || NUMBERED_START.test(next.text)) return false;
  const height = Math.max(last.line.height, next.line.height);
  const similar = Math.min(last.line.height, next.line.height) >= 0.8 * height;
  const gap = next.line.bbox[1] - last.line.bbox[3];
  if (!similar || gap > 0.8 * height || gap < -0.3 * height) return false;
  const overlaps = next.line.bbox[0] < last.line.bbox[2] && next.line.bbox[2] > last.line.bbox[0];
  if (overlaps && leavesBracketOpen(last.text)) return true;
  return last.line.bbox[2] >= right - 1.5 * height && next.line.bbox[0] <= last.line.bbox[0] + 0.5 * height;
}

function paragraphsOf(lines: readonly PageLine[], right: number): Paragraph[] {
  const paragraphs: { lines: PageLine[]; text: string }[] = [];
  for (const line of lines) {
    const current = paragraphs.at(-1);
    const last = current?.lines.at(-1);
    if (current && last && last.page === line.page && wrapsInto(last, line, right)) {
      const joint = !isWide(current.text.at(-1)) && !isWide(line.text[0]) ? ' ' : '';
      current.text += joint + line.text;
      current.lines.push(line);
    } else {
      paragraphs.push({ lines: [line], text: line.text });
    }
  }
  return paragraphs.map(({ lines: group, text }) => ({
    kind: 'paragraph',
    text,
    source: { page: group[0]!.page, bbox: unionBox(group.map((line) => line.bbox)) },
  }));
}

/** Rows no cell starts in (every position covered from above) are dropped and spans shortened. */
function tableBlock(piece: PageTable): Table {
  const starts = new Set(piece.part.cells.map((cell) => cell.row));
  const newIndex: number[] = [];
  let next = 0;
  for (let row = 0; row < piece.part.rowCount; row++) {
    newIndex[row] = next;
    if (starts.has(row)) next++;
  }
  newIndex[piece.part.rowCount] = next;
  const rows: Cell[][] = Array.from({ length: next }, () => []);
  const sorted = [...piece.part.cells].sort((a, b) => a.row - b.row || a.col - b.col);
  for (const cell of sorted) {
    const row = newIndex[cell.row]!;
    const rowSpan = Math.max(1, newIndex[cell.row + cell.rowSpan]! - row);
    rows[row]!.push({ text: cell.text, rowSpan, colSpan: cell.colSpan, source: cell.source });
  }
  return { kind: 'table', rows, source: piece.source };
}

function isTable(piece: Piece | undefined): piece is PageTable {
  return piece?.kind === 'table';
}

export function layoutToBlocks(pages: PageLayout[]): Block[] {
  const perPage = pages.map((page) => readPage(page));

  const lines = perPage.flat().filter((piece): piece is PageLine => piece.kind === 'line');
  const furniture = findFurniture(
    lines.map((line) => line.margin),
    pages.length,
  );
  const kept = perPage.map((pieces) => pieces.filter((piece) => piece.kind === 'table' || !furniture.has(piece.margin)));

  // Join tables across page breaks: a page that ends with a table, and a next page that starts with one.
  const sequence: Piece[] = [];
  kept.forEach((pieces, index) => {
    const previous = sequence.at(-1);
    const first = pieces[0];
    const pageEndedWithTable = index > 0 && isTable(kept[index - 1]?.at(-1));
    if (pageEndedWithTable && isTable(previous) && isTable(first)) {
      const tolerance = SCALE.columnTolerance * Math.max(previous.unit, first.unit);
      if (sameColumns(previous.part.xs, first.part.xs, tolerance)) {
        previous.part = joinParts(previous.part, first.part, tolerance);
        sequence.push(...pieces.slice(1));
        return;
      }
    }
    sequence.push(...pieces);
  });

  const rightEdge = new Map<number, number>();
  for (const page of pages) rightEdge.set(page.page, Math.max(0, ...page.boxes.map((box) => box.bbox[2])));
  const blocks: Block[] = [];
  let run: PageLine[] = [];
  const flush = () => {
    const page = run[0]?.page;
    if (page !== undefined) blocks.push(...paragraphsOf(run, rightEdge.get(page) ?? 0));
    run = [];
  };
  for (const piece of sequence) {
    if (piece.kind === 'table') {
      flush();
      blocks.push(tableBlock(piece));
      continue;
    }
    // Wrapping is judged against each page's own text edge, and never across a page break.
    if (run.length > 0 && run.at(-1)!.page !== piece.page) flush();
    run.push(piece);
  }
  flush();
  return blocks;
}
