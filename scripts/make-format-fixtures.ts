// Renders projects of the seed documents into every input format the readers take — Word, a text
// PDF, a scanned PDF, a phone photo, a web page, a spreadsheet and a CSV — with gold by
// construction: the rendered cells are the seed's own cell texts, so each fixture's gold is the seed
// gold's projects, and the document fields are what the rendered headings and tables carry.
//
// Each seed's form family keeps its paper layout (which header rows, which cells merge): the seed's
// flattened rows are taken as they are, rows Word split over a blank line are joined again, and blank
// first-column and level cells become the vertical merges they were in Word. The outputs are
// committed; CI never runs this.
//
// A family may also get a clerk's workbook (chengde-formatted.xlsx): the same sheet with its percents
// and amounts stored as numbers under number formats (0%, #,##0.00, 0.00), as a workbook someone
// keeps by hand holds them; read as the sheet shows them, its tables and gold are the plain xlsx's.
//
// Usage: npx tsx scripts/make-format-fixtures.ts
//        npx tsx scripts/make-format-fixtures.ts --formatted-xlsx   (only the clerk's workbooks and
//        their gold: no LibreOffice or ImageMagick, and the manifest is left alone)
// Needs (Debian packages): libreoffice-writer (soffice, docx → PDF), fonts-noto-cjk (CJK glyphs;
// 宋体/黑体 are aliased to Noto through a private fontconfig file), poppler-utils (pdftoppm, pdfinfo),
// imagemagick (scan and photo effects). Node packages: docx, exceljs, fflate, numfmt, sharp (installed).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph as WordParagraph,
  Table as WordTable,
  TableCell as WordCell,
  TableLayoutType,
  TableRow as WordRow,
  TextRun,
  VerticalAlign,
  VerticalMergeType,
  WidthType,
  type IBorderOptions,
} from 'docx';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable, type ZipOptions } from 'fflate';
import sharp from 'sharp';
import { format as formatNumber } from 'numfmt';
import { extractWithRules } from '../extract/rules.ts';
import { readXlsx } from '../ingest/sheet/read-xlsx.ts';
import { readFlattenedWord } from '../ingest/text/flattened-word.ts';
import type { Block, Cell } from '../schemas/doc.ts';
import type { ExtractedDocument, Project } from '../schemas/extraction.ts';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const out = join(fixtures, 'formats');
const ID_PREFIX = 'format-';

// ---------------------------------------------------------------------------------------------
// What is rendered: per family, which seed projects go into the full document (docx, text PDF,
// html, xlsx, csv), the scanned PDF (2–3 pages) and the photographed page (one project, one page).

type FamilyName = 'baoding' | 'xingtai' | 'chengde';

interface FamilySpec {
  name: FamilyName;
  seed: string;
  tags: string[];
  /** indices into the seed gold's projects */
  full: number[];
  scan: number[];
  photo: number;
  /** Word keeps the indicator grid in its own table after an empty paragraph, as the seed shows */
  gridOwnTable: boolean;
  /** projects whose grid header row repeats on each page (only possible when the grid is its own table) */
  repeatGridHeader: number[];
  /** spans of the grid columns on the 24-unit Word grid */
  wordGrid: number[];
  /** also written as a clerk's workbook, numbers typed and formatted (<name>-formatted.xlsx) */
  formattedXlsx?: boolean;
}

const FAMILIES: FamilySpec[] = [
  {
    name: 'baoding',
    seed: '000_ad7b01c3c3fb5737',
    tags: ['form-baoding'],
    full: [0, 1, 10],
    scan: [0, 1],
    photo: 0,
    gridOwnTable: true,
    repeatGridHeader: [0, 1, 10],
    wordGrid: [3, 3, 4, 6, 3, 5],
  },
  {
    name: 'xingtai',
    seed: '001_8a93ebbb46b509da',
    tags: ['form-xingtai'],
    // 综合业务工作经费 and 招商选资专项经费 are long: the first repeats its grid header on the next
    // page, the second does not.
    full: [0, 1, 4],
    scan: [0, 1],
    photo: 0,
    gridOwnTable: true,
    repeatGridHeader: [1],
    wordGrid: [3, 3, 4, 6, 3, 5],
  },
  {
    name: 'chengde',
    seed: '002_b681af093c63d6a7',
    tags: ['form-chengde', 'five-column'],
    full: [0, 3, 4],
    scan: [0, 3],
    photo: 3,
    gridOwnTable: false,
    repeatGridHeader: [],
    wordGrid: [2, 3, 4, 6, 4, 5],
    formattedXlsx: true,
  },
];

// ---------------------------------------------------------------------------------------------
// The rendered document model: paragraphs and project forms, before any format.

type ParagraphStyle = 'part' | 'heading' | 'section' | 'body' | 'title';

interface TextLine {
  kind: 'paragraph';
  text: string;
  style: ParagraphStyle;
}

type RowRole = 'header' | 'gridHeader' | 'grid' | 'footer';

interface FormRow {
  cells: string[];
  role: RowRole;
  /** printed without ruling lines: unit lines, form names, 填报单位, signature lines */
  borderless: boolean;
  /** cell i continues the cell above it (a vertical merge) */
  continues: boolean[];
}

interface Form {
  kind: 'form';
  title: string | null;
  rows: FormRow[];
  gridHeader: number;
  repeatGridHeader: boolean;
}

type Part = TextLine | Form;

interface Rendering {
  parts: Part[];
  gold: ExtractedDocument;
}

interface SeedGold {
  document: ExtractedDocument;
}

const squash = (text: string) => text.replace(/\s/g, '');
const isBlank = (text: string) => text.trim() === '';

/** Drops the empty paragraphs Word leaves at the top and bottom of a cell; inner text stays as written. */
function cellText(text: string): string {
  const lines = text.split('\n');
  while (lines.length > 1 && isBlank(lines[0] ?? '')) lines.shift();
  while (lines.length > 1 && isBlank(lines.at(-1) ?? '')) lines.pop();
  return lines.join('\n');
}

const isGridHeader = (cells: readonly string[]) => cells.some((c) => squash(c) === '一级指标') && cells.some((c) => squash(c) === '二级指标');
const isNameRow = (cells: readonly string[]) => cells.some((c) => squash(c) === '项目名称');
const isUnitLine = (cells: readonly string[]) => cells.length === 2 && /^\d{6}\S/.test(squash(cells[0] ?? '')) && squash(cells[1] ?? '').startsWith('单位');

/** Rows that open a form before its 项目编码/项目名称 row: unit lines, form names, 填报单位. */
function isPrelude(cells: readonly string[]): boolean {
  if (cells.every(isBlank)) return true;
  if (isUnitLine(cells)) return true;
  const first = squash(cells[0] ?? '');
  if (first.startsWith('填报单位')) return true;
  return cells.length === 1 && !first.startsWith('经办人');
}

interface Located {
  title: string | null;
  rows: string[][];
}

/** The seed table rows of one project: from its prelude to the row before the next form's prelude. */
function locateProject(blocks: readonly Block[], project: Project, occurrence: number): Located {
  let seen = 0;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    if (block?.kind !== 'table') continue;
    const rows = block.rows.map((row) => row.map((cell) => cell.text));
    for (let r = 0; r < rows.length; r++) {
      const cells = rows[r] ?? [];
      const at = cells.findIndex((c) => squash(c) === '项目名称');
      if (at < 0 || squash(cells[at + 1] ?? '') !== squash(project.name ?? '')) continue;
      if (seen++ < occurrence) continue;
      let start = r;
      while (start > 0 && isPrelude(rows[start - 1] ?? [])) start--;
      let end = rows.findIndex((row, i) => i > r && isNameRow(row));
      if (end < 0) end = rows.length;
      else while (end - 1 > r && isPrelude(rows[end - 1] ?? [])) end--;
      let title: string | null = null;
      if (start === 0) {
        for (let p = b - 1; p >= 0; p--) {
          const before = blocks[p];
          if (before?.kind !== 'paragraph') break;
          if (!isBlank(before.text)) {
            title = before.text.trim();
            break;
          }
        }
      }
      return { title, rows: rows.slice(start, end) };
    }
  }
  throw new Error(`project ${project.name} not found in the seed`);
}

/** Paper-form rows: blank rows gone, split grid rows joined, roles and vertical merges marked. */
function buildForm(located: Located, repeatGridHeader: boolean): Form {
  const rows = located.rows.map((row) => row.map(cellText)).filter((row) => !row.every(isBlank));
  const gridHeader = rows.findIndex(isGridHeader);
  if (gridHeader < 0) throw new Error(`no grid header row in ${located.title}`);
  const width = rows[gridHeader]?.length ?? 0;
  const joined: string[][] = rows.slice(0, gridHeader + 1);
  for (let r = gridHeader + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const next = rows[r + 1];
    // Word flattening breaks a row where a cell held a blank line; the paper form has one row.
    if (row.length < width && next && row.length + next.length === width) {
      joined.push([...row, ...next]);
      r++;
    } else joined.push(row);
  }
  const header = joined[gridHeader] ?? [];
  const levelColumns = new Set(header.flatMap((cell, i) => (['一级指标', '二级指标'].includes(squash(cell)) ? [i] : [])));
  const formRows: FormRow[] = joined.map((cells, r) => {
    const role: RowRole = r < gridHeader ? 'header' : r === gridHeader ? 'gridHeader' : cells.length === width ? 'grid' : 'footer';
    const borderless = role === 'footer' || (role === 'header' && (isPrelude(cells) || squash(cells[0] ?? '').startsWith('填报单位')));
    return { cells, role, borderless, continues: cells.map(() => false) };
  });
  formRows.forEach((row, r) => {
    const above = formRows[r - 1];
    if (!above || row.borderless || above.borderless) return;
    if (row.role === 'header' && isBlank(row.cells[0] ?? '')) row.continues[0] = true;
    if (row.role !== 'grid') return;
    row.cells.forEach((cell, c) => {
      if (!isBlank(cell)) return;
      // A leading label column (绩效指标, printed vertically) merges down from the grid header row;
      // level cells merge only under an indicator row.
      const labelColumn = c === 0 && !levelColumns.has(0);
      if (labelColumn || (levelColumns.has(c) && above.role === 'grid')) row.continues[c] = true;
    });
  });
  return { kind: 'form', title: located.title, rows: formRows, gridHeader, repeatGridHeader };
}

/** Part one's opening: its headings and 总体绩效目标, ending before 二、分项绩效目标; then part two's heading. */
function documentHeadings(blocks: readonly Block[]): { partOne: TextLine[]; partTwo: TextLine[]; overallGoal: string } {
  const paragraphs = blocks.flatMap((block) => (block.kind === 'paragraph' && !isBlank(block.text) ? [block.text.trim()] : []));
  const goalHeading = paragraphs.findIndex((text) => /^一、总体绩效目标$/.test(squash(text)));
  const nextHeading = paragraphs.findIndex((text) => /^二、/.test(text));
  const partTwo = paragraphs.findIndex((text) => squash(text) === '第二部分');
  if (goalHeading < 0 || nextHeading < goalHeading || partTwo < 0) throw new Error('seed has no part-one heading');
  const styles: ParagraphStyle[] = ['part', 'heading'];
  const partOne: TextLine[] = paragraphs.slice(0, goalHeading + 1).map((text, i) => ({ kind: 'paragraph', text, style: styles[i] ?? 'section' }));
  const goal = paragraphs.slice(goalHeading + 1, nextHeading);
  partOne.push(...goal.map((text): TextLine => ({ kind: 'paragraph', text, style: 'body' })));
  const two = paragraphs.slice(partTwo, partTwo + 2).map((text, i): TextLine => ({ kind: 'paragraph', text, style: i === 0 ? 'part' : 'heading' }));
  return { partOne, partTwo: two, overallGoal: goal.join('\n') };
}

// ---------------------------------------------------------------------------------------------
// Gold: the seed gold's projects; the document fields from what was rendered.

/** Years a project's title or name carries; plan periods (2023-2025年) are not years. */
function projectYears(project: Project): Set<number> {
  const years = new Set<number>();
  for (const text of [project.title, project.name]) {
    const withoutPeriods = (text ?? '').replace(/\d{4}\s*[-—–~至]\s*\d{4}\s*年/g, '');
    for (const match of withoutPeriods.matchAll(/(\d{4})\s*年/g)) years.add(Number(match[1]));
  }
  return years;
}

function goldYear(heading: string | null, projects: readonly Project[]): number | null {
  const headingYear = heading?.match(/(\d{4})年/);
  if (headingYear) return Number(headingYear[1]);
  const counts = new Map<number, number>();
  for (const project of projects) for (const year of projectYears(project)) counts.set(year, (counts.get(year) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0]);
  return ranked[0]?.[0] ?? null;
}

function render(spec: FamilySpec, blocks: readonly Block[], seedGold: SeedGold, indices: readonly number[], withHeadings: boolean): Rendering {
  const all = seedGold.document.projects;
  const projects = indices.map((i) => {
    const project = all[i];
    if (!project) throw new Error(`${spec.seed} has no project ${i}`);
    return project;
  });
  const forms = indices.map((i, k) => {
    const project = projects[k] as Project;
    const occurrence = all.slice(0, i).filter((p) => p.name === project.name).length;
    const form = buildForm(locateProject(blocks, project, occurrence), spec.repeatGridHeader.includes(i));
    if (squash(form.title ?? '') !== squash(project.title ?? '')) throw new Error(`title of ${project.name}: seed "${form.title}", gold "${project.title}"`);
    return form;
  });
  const parts: Part[] = [];
  let overallGoal: string | null = null;
  let yearHeading: string | null = null;
  if (withHeadings) {
    const headings = documentHeadings(blocks);
    parts.push(...headings.partOne, ...headings.partTwo);
    overallGoal = seedGold.document.overallGoal;
    if (squash(headings.overallGoal) !== squash(overallGoal ?? '')) throw new Error(`${spec.seed}: rendered 总体绩效目标 differs from the seed gold's overallGoal`);
    yearHeading = headings.partOne[1]?.text ?? null;
  }
  for (const form of forms) {
    if (form.title) parts.push({ kind: 'paragraph', text: form.title, style: 'title' });
    parts.push(form);
  }
  // The only unit sources rendered are the forms' unit lines and 填报单位 cells, which the seed gold
  // already read into each project's unit: the first of them is the document's.
  const unit = projects.find((project) => project.unit !== null)?.unit ?? null;
  return {
    parts,
    gold: { unit, year: goldYear(yearHeading, projects), overallGoal, departmentBudget: null, objectives: [], projects },
  };
}

// ---------------------------------------------------------------------------------------------
// Layout: where each cell sits on a column grid. Word gets a 24-unit grid shaped like the paper
// form; spreadsheets and the web page get one column per cell of the widest row.

interface Placed {
  text: string;
  col: number;
  colSpan: number;
  rowSpan: number;
  /** covered by the merged cell above */
  hidden: boolean;
}

interface LaidRow {
  row: FormRow;
  cells: Placed[];
}

type Spans = (row: FormRow) => number[];

const WORD_UNITS = 24;

function wordSpans(spec: FamilySpec): Spans {
  const byCount: Record<number, number[]> = { 1: [24], 2: [4, 20], 3: [4, 3, 17], 4: [4, 8, 4, 8], 5: [4, 5, 5, 5, 5], 6: [4, 4, 4, 4, 4, 4], 7: [4, 3, 3, 3, 3, 4, 4] };
  return (row) => {
    if (row.role === 'grid' || row.role === 'gridHeader') return spec.wordGrid;
    if (isUnitLine(row.cells)) return [18, 6];
    const spans = byCount[row.cells.length];
    if (!spans) throw new Error(`no Word layout for a row of ${row.cells.length} cells`);
    return spans;
  };
}

function sheetSpans(width: number): Spans {
  return (row) => {
    const n = row.cells.length;
    if (isUnitLine(row.cells)) return [width - 1, 1];
    return row.cells.map((_, i) => (i === n - 1 ? width - n + 1 : 1));
  };
}

function layOut(form: Form, spans: Spans): LaidRow[] {
  const laid: LaidRow[] = form.rows.map((row) => {
    const widths = spans(row);
    let col = 0;
    const cells = row.cells.map((text, i) => {
      const colSpan = widths[i] ?? 1;
      const placed: Placed = { text, col, colSpan, rowSpan: 1, hidden: row.continues[i] ?? false };
      col += colSpan;
      return placed;
    });
    return { row, cells };
  });
  laid.forEach((line, r) => {
    line.cells.forEach((cell) => {
      if (!cell.hidden) return;
      // Walk up to the cell this one continues; it must cover exactly the same columns.
      for (let up = r - 1; up >= 0; up--) {
        const above = laid[up]?.cells.find((c) => c.col === cell.col);
        if (!above || above.colSpan !== cell.colSpan) throw new Error(`merge of "${line.row.cells.join('|')}" does not line up`);
        if (!above.hidden) {
          above.rowSpan++;
          return;
        }
      }
      throw new Error('a merged cell has nothing above it');
    });
  });
  return laid;
}

const widest = (parts: readonly Part[]) => Math.max(...parts.flatMap((part) => (part.kind === 'form' ? part.rows.map((row) => row.cells.length) : [1])));

// ---------------------------------------------------------------------------------------------
// The same rendering as the reader's Doc, to check the gold against the project's own extractor.

function docCell(cell: Placed): Cell {
  return { text: cell.text, rowSpan: cell.rowSpan, colSpan: cell.colSpan, source: {} };
}

function asDoc(parts: readonly Part[], spans: Spans, splitGrid: boolean): Block[] {
  const blocks: Block[] = [];
  for (const part of parts) {
    if (part.kind === 'paragraph') {
      blocks.push({ kind: 'paragraph', text: part.text, source: {} });
      continue;
    }
    const laid = layOut(part, spans).map((line) => line.cells.filter((cell) => !cell.hidden).map(docCell));
    const cut = splitGrid ? part.gridHeader : laid.length;
    blocks.push({ kind: 'table', rows: laid.slice(0, cut), source: {} });
    if (cut < laid.length) {
      blocks.push({ kind: 'paragraph', text: '', source: {} });
      blocks.push({ kind: 'table', rows: laid.slice(cut), source: {} });
    }
  }
  return blocks;
}

function differences(expected: unknown, actual: unknown, path = ''): string[] {
  if (JSON.stringify(expected) === JSON.stringify(actual)) return [];
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object') {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    return [...keys].flatMap((key) => differences((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key], `${path}/${key}`));
  }
  return [`${path}: gold ${JSON.stringify(expected)}, extractor ${JSON.stringify(actual)}`];
}

function selfCheck(label: string, rendering: Rendering, spans: Spans, splitGrid: boolean): void {
  const { document } = extractWithRules({ blocks: asDoc(rendering.parts, spans, splitGrid) });
  const diffs = differences(rendering.gold, document);
  console.log(diffs.length === 0 ? `  ${label}: the rules extractor reads the rendered model exactly as the gold` : `  ${label}: the rules extractor differs from the gold:\n    ${diffs.slice(0, 8).join('\n    ')}`);
}

// ---------------------------------------------------------------------------------------------
// Word

const PAGE = { width: 11906, height: 16838, margin: 1134 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
const SONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
const HEI = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };

const line = (style: (typeof BorderStyle)[keyof typeof BorderStyle]): IBorderOptions => ({ style, size: style === BorderStyle.NONE ? 0 : 4, color: style === BorderStyle.NONE ? 'FFFFFF' : '000000' });

function wordParagraph(part: TextLine): WordParagraph {
  const look: Record<ParagraphStyle, { size: number; bold: boolean; font: typeof SONG; align: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: number }> = {
    part: { size: 32, bold: true, font: HEI, align: AlignmentType.CENTER },
    heading: { size: 32, bold: true, font: HEI, align: AlignmentType.CENTER },
    section: { size: 24, bold: true, font: HEI, align: AlignmentType.LEFT, indent: 480 },
    body: { size: 24, bold: false, font: SONG, align: AlignmentType.BOTH, indent: 480 },
    title: { size: 24, bold: true, font: HEI, align: AlignmentType.LEFT },
  };
  const { size, bold, font, align, indent } = look[part.style];
  return new WordParagraph({
    alignment: align,
    spacing: { before: part.style === 'title' || part.style === 'part' ? 240 : 60, after: 60, line: 360 },
    indent: indent ? { firstLine: indent } : undefined,
    keepNext: part.style === 'title',
    children: [new TextRun({ text: part.text, size, bold, font })],
  });
}

function wordCell(cell: Placed, row: FormRow, unitWidth: number): WordCell {
  const border = line(row.borderless ? BorderStyle.NONE : BorderStyle.SINGLE);
  const centred = row.role === 'gridHeader' || (row.role === 'header' && cell.col === 0) || (row.role === 'grid' && cell.col < 6);
  const right = row.borderless && cell.col > 0 && squash(cell.text).startsWith('单位');
  const bold = row.role === 'gridHeader' || (row.borderless && row.cells.length === 1 && !squash(cell.text).startsWith('经办人'));
  return new WordCell({
    columnSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
    verticalMerge: cell.hidden ? VerticalMergeType.CONTINUE : cell.rowSpan > 1 ? VerticalMergeType.RESTART : undefined,
    verticalAlign: VerticalAlign.CENTER,
    width: { size: cell.colSpan * unitWidth, type: WidthType.DXA },
    borders: { top: border, bottom: border, left: border, right: border },
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    // A cell's line breaks are Word paragraphs.
    children: (cell.hidden ? [''] : cell.text.split('\n')).map(
      (text) =>
        new WordParagraph({
          alignment: right ? AlignmentType.RIGHT : centred || (row.borderless && row.cells.length === 1 && bold) ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [new TextRun({ text, size: 18, bold, font: SONG })],
        }),
    ),
  });
}

function wordTable(laid: readonly LaidRow[], repeatFirstRow: boolean): WordTable {
  const unitWidth = Math.floor(TEXT_WIDTH / WORD_UNITS);
  return new WordTable({
    layout: TableLayoutType.FIXED,
    width: { size: unitWidth * WORD_UNITS, type: WidthType.DXA },
    columnWidths: Array.from({ length: WORD_UNITS }, () => unitWidth),
    rows: laid.map(
      (line, r) =>
        new WordRow({
          tableHeader: repeatFirstRow && r === 0 ? true : undefined,
          cantSplit: true,
          children: line.cells.map((cell) => wordCell(cell, line.row, unitWidth)),
        }),
    ),
  });
}

async function toDocx(parts: readonly Part[], spec: FamilySpec): Promise<Uint8Array> {
  const spans = wordSpans(spec);
  const children: (WordParagraph | WordTable)[] = [];
  for (const part of parts) {
    if (part.kind === 'paragraph') {
      children.push(wordParagraph(part));
      continue;
    }
    const laid = layOut(part, spans);
    if (spec.gridOwnTable) {
      children.push(wordTable(laid.slice(0, part.gridHeader), false));
      children.push(new WordParagraph({ children: [new TextRun({ text: '', size: 18 })] }));
      children.push(wordTable(laid.slice(part.gridHeader), part.repeatGridHeader));
    } else children.push(wordTable(laid, false));
  }
  const document = new Document({
    creator: 'jixiao fixtures',
    title: '预算项目绩效目标',
    styles: { default: { document: { run: { font: SONG, size: 21 } } } },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: 1440, bottom: 1440, left: PAGE.margin, right: PAGE.margin } } },
        footers: {
          default: new Footer({
            children: [new WordParagraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['第 ', PageNumber.CURRENT, ' 页'], size: 18 })] })],
          }),
        },
        children,
      },
    ],
  });
  return fixedZip(new Uint8Array(await Packer.toBuffer(document)));
}

/** Office files carry the time they were written; fixed, a re-run writes the same bytes. */
function fixedZip(bytes: Uint8Array): Uint8Array {
  const parts = unzipSync(bytes);
  for (const [name, data] of Object.entries(parts)) {
    if (!name.startsWith('docProps/core')) continue;
    parts[name] = strToU8(strFromU8(data).replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '2026-01-20T00:00:00Z'));
  }
  const mtime = new Date('2026-01-20T00:00:00Z');
  const files: Zippable = Object.fromEntries(Object.entries(parts).map(([name, data]): [string, [Uint8Array, ZipOptions]] => [name, [data, { mtime }]]));
  return zipSync(files, { level: 9 });
}

// ---------------------------------------------------------------------------------------------
// Web page, spreadsheet, CSV

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function htmlTable(laid: readonly LaidRow[]): string {
  const rows = laid.map(({ row, cells }) => {
    const tds = cells
      .filter((cell) => !cell.hidden)
      .map((cell) => {
        const attrs = [cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : '', cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : ''].join('');
        const tag = row.role === 'gridHeader' ? 'th' : 'td';
        return `<${tag}${attrs}>${escapeHtml(cell.text).replace(/\n/g, '<br>')}</${tag}>`;
      })
      .join('');
    return `      <tr${row.borderless ? ' class="plain"' : ''}>${tds}</tr>`;
  });
  return `    <table class="form" cellspacing="0" cellpadding="0" style="width:100%;border-collapse:collapse">\n${rows.join('\n')}\n    </table>`;
}

function toHtml(parts: readonly Part[]): string {
  const spans = sheetSpans(widest(parts));
  const body = parts
    .map((part) => {
      if (part.kind === 'form') return htmlTable(layOut(part, spans));
      const style = { part: 'text-align:center;font-size:20px;font-weight:bold', heading: 'text-align:center;font-size:20px;font-weight:bold', section: 'font-weight:bold;text-indent:2em', body: 'text-indent:2em;line-height:1.8', title: 'font-weight:bold;margin-top:18px' }[part.style];
      return `    <p style="${style}">${escapeHtml(part.text)}</p>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>部门预算公开</title>
  <style>
    body { font-family: "Microsoft YaHei", "SimSun", sans-serif; margin: 0; color: #222; }
    .nav { background: #b71c1c; } .nav a { color: #fff; display: inline-block; padding: 10px 18px; text-decoration: none; }
    .crumbs { width: 1000px; margin: 12px auto; font-size: 13px; color: #666; }
    .article { width: 1000px; margin: 0 auto 40px; }
    table.form td, table.form th { border: 1px solid #000; padding: 4px 6px; font-size: 13px; }
    table.form tr.plain td { border: none; }
    .footer { background: #eee; text-align: center; font-size: 12px; padding: 16px; color: #555; }
  </style>
  <script>
    var _hmt = _hmt || [];
    (function () { var hm = document.createElement('script'); hm.src = 'https://example.invalid/hm.js'; document.head.appendChild(hm); })();
  </script>
</head>
<body>
  <div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="/zwgk/czyjs/">财政预决算</a><a href="/hdjl/">互动交流</a><a href="/bsfw/">办事服务</a></div>
  <div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/czyjs/">财政预决算</a> &gt; 部门预算</div>
  <div class="article">
    <h1 style="text-align:center;font-size:24px">部门预算公开</h1>
    <div style="text-align:center;font-size:12px;color:#888">来源：本站&#12288;&#12288;字号：<a href="javascript:void(0)">大</a> <a href="javascript:void(0)">中</a> <a href="javascript:void(0)">小</a>&#12288;&#12288;<span id="hits"></span></div>
    <div class="content">
${body}
    </div>
    <div style="text-align:right;margin-top:20px"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
  </div>
  <div class="footer">网站地图 | 联系我们 | 隐私声明<br>建议使用1366×768分辨率浏览本站</div>
  <script>document.getElementById('hits').textContent = '浏览次数：' + 1024;</script>
</body>
</html>
`;
}

interface SheetCell {
  text: string;
  /** the extent of a merge that starts here */
  merge?: { rows: number; cols: number };
}

/** Spreadsheet rows as the budget system exports: the forms one under another, headings in merged rows. */
function sheetRows(parts: readonly Part[]): { rows: (SheetCell | null)[][]; width: number; emphasis: Set<number>; forms: number[] } {
  const width = widest(parts);
  const spans = sheetSpans(width);
  const rows: (SheetCell | null)[][] = [];
  const emphasis = new Set<number>();
  /** per row, which form (0-based) it belongs to; -1 outside the forms */
  const forms: number[] = [];
  let form = -1;
  for (const part of parts) {
    if (part.kind === 'paragraph') {
      if (part.style !== 'body') emphasis.add(rows.length);
      rows.push([{ text: part.text, merge: { rows: 1, cols: width } }, ...Array<null>(width - 1).fill(null)]);
      forms.push(-1);
      continue;
    }
    form++;
    for (const { cells } of layOut(part, spans)) {
      const row: (SheetCell | null)[] = Array<null>(width).fill(null);
      for (const cell of cells) {
        if (cell.hidden) continue;
        row[cell.col] = { text: cell.text, merge: cell.rowSpan > 1 || cell.colSpan > 1 ? { rows: cell.rowSpan, cols: cell.colSpan } : undefined };
      }
      rows.push(row);
      forms.push(form);
    }
    rows.push(Array<null>(width).fill(null));
    forms.push(-1);
  }
  return { rows, width, emphasis, forms };
}

interface TypedValue {
  value: number;
  numFmt: string;
}

const PERCENT = /^(\d+)(?:\.(\d+))?%$/;
const AMOUNT = /^\d+(?:\.\d{1,2})?$/;

/**
 * How a clerk's workbook holds a cell: a percent as its fraction under a percent format with the
 * decimals written (25% is 0.25 under 0%, 81.5% is 0.815 under 0.0%), an amount as a number under
 * #,##0.00 (the first form) or 0.00 (the others). Any other text stays text.
 */
function typedValue(text: string, form: number): TypedValue | null {
  const percent = PERCENT.exec(text);
  if (percent) {
    const decimals = percent[2]?.length ?? 0;
    const typed = { value: Number(`${percent[1]}${percent[2] ? `.${percent[2]}` : ''}e-2`), numFmt: decimals > 0 ? `0.${'0'.repeat(decimals)}%` : '0%' };
    // A percent must show exactly as written: the gold keeps it as its raw text.
    const shown = formatNumber(typed.numFmt, typed.value);
    if (shown !== text) throw new Error(`${text} under ${typed.numFmt} shows ${shown}`);
    return typed;
  }
  if (AMOUNT.test(text)) return { value: Number(text), numFmt: form === 0 ? '#,##0.00' : '0.00' };
  return null;
}

async function toXlsx(parts: readonly Part[], typed = false): Promise<Uint8Array> {
  const { rows, width, emphasis, forms } = sheetRows(parts);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'jixiao fixtures';
  workbook.created = new Date('2026-01-20T00:00:00Z');
  workbook.modified = new Date('2026-01-20T00:00:00Z');
  const sheet = workbook.addWorksheet('项目绩效目标表');
  sheet.columns = Array.from({ length: width }, (_, i) => ({ width: i === 0 ? 14 : 20 }));
  const thin = { style: 'thin' as const };
  rows.forEach((row, r) => {
    const excelRow = sheet.getRow(r + 1);
    row.forEach((cell, c) => {
      if (!cell) return;
      const target = excelRow.getCell(c + 1);
      const form = forms[r] ?? -1;
      const number = typed && form >= 0 ? typedValue(cell.text, form) : null;
      target.value = number ? number.value : cell.text;
      if (number) target.numFmt = number.numFmt;
      target.alignment = { wrapText: true, vertical: 'middle' };
      if (emphasis.has(r)) target.font = { bold: true };
      if (cell.merge && (cell.merge.rows > 1 || cell.merge.cols > 1)) sheet.mergeCells(r + 1, c + 1, r + cell.merge.rows, c + cell.merge.cols);
    });
    const inForm = row.some((cell) => cell !== null) && !(row[0]?.merge?.cols === width && row[0]?.merge?.rows === 1 && emphasis.has(r));
    if (inForm) for (let c = 1; c <= width; c++) excelRow.getCell(c).border = { top: thin, left: thin, bottom: thin, right: thin };
  });
  return fixedZip(new Uint8Array(await workbook.xlsx.writeBuffer()));
}

const FORMATTED_NOTE =
  'one worksheet as a clerk keeps it: the forms one under another with merged regions, percents stored as numbers under 0% formats, amounts as numbers under #,##0.00 (the first form) and 0.00 (the others)';

const texts = (blocks: readonly Block[]) =>
  blocks.flatMap((block) => (block.kind === 'table' ? block.rows.flat().map((cell) => ({ ref: cell.source.ref, text: cell.text })) : [{ ref: block.source.ref, text: block.text }]));

/**
 * Reads the clerk's workbook back as the reader does: every cell as in the plain sheet, an amount
 * with its decimals (200 shows 200.00), and the rules extractor's document the plain sheet's, so
 * the plain sheet's gold is its gold.
 */
async function checkFormatted(label: string, plain: Uint8Array, formatted: Uint8Array, gold: ExtractedDocument): Promise<void> {
  const limit = 200 * 1024 * 1024;
  const [plainBlocks, formattedBlocks] = [await readXlsx(plain, limit), await readXlsx(formatted, limit)];
  const [before, after] = [texts(plainBlocks), texts(formattedBlocks)];
  if (before.length !== after.length) throw new Error(`${label}: ${after.length} cells read, the plain sheet has ${before.length}`);
  let percents = 0;
  let amounts = 0;
  before.forEach((cell, i) => {
    const read = after[i];
    if (!read || read.ref !== cell.ref) throw new Error(`${label}: cell ${i} is ${read?.ref}, the plain sheet's is ${cell.ref}`);
    if (read.text === cell.text) percents += PERCENT.test(cell.text) ? 1 : 0;
    else if (AMOUNT.test(cell.text) && Number(read.text.replace(/,/g, '')) === Number(cell.text)) amounts++;
    else throw new Error(`${label}: ${cell.ref} reads "${read.text}", the plain sheet "${cell.text}"`);
  });
  const plainDocument = extractWithRules({ blocks: plainBlocks }).document;
  const diffs = differences(plainDocument, extractWithRules({ blocks: formattedBlocks }).document);
  if (diffs.length > 0) throw new Error(`${label}: the rules extractor reads it unlike the plain sheet:\n  ${diffs.slice(0, 8).join('\n  ')}`);
  // Where each field was read (provenance) is the reader's, not the gold's.
  const withoutProvenance = (document: ExtractedDocument): unknown => JSON.parse(JSON.stringify(document, (key, value: unknown) => (key === 'provenance' ? undefined : value)));
  const goldDiffs = differences(gold, withoutProvenance(plainDocument));
  console.log(`  ${label}: reads as the plain sheet (${percents} percents and ${amounts} amounts stored as numbers); the rules extractor ${goldDiffs.length === 0 ? 'reads it exactly as the gold' : `differs from the gold as on the plain sheet (${goldDiffs.length} fields)`}`);
}

/** Writes <name>-formatted.xlsx and its gold (the plain sheet's document); returns the file name. */
async function writeFormattedXlsx(spec: FamilySpec, full: Rendering): Promise<string> {
  const file = `${spec.name}-formatted.xlsx`;
  const formatted = await toXlsx(full.parts, true);
  await checkFormatted(file, await toXlsx(full.parts), formatted, full.gold);
  writeFileSync(join(out, file), formatted);
  writeGold(`${file}.gold.json`, full.gold, `generated by scripts/make-format-fixtures.ts from seed ${spec.seed}'s gold (${projectList(spec, spec.full)}); rendered as ${FORMATTED_NOTE}`);
  return file;
}

function toCsv(parts: readonly Part[]): string {
  const { rows } = sheetRows(parts);
  const field = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return '\uFEFF' + rows.map((row) => row.map((cell) => field(cell?.text ?? '')).join(',')).join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------------
// PDF, scans and photos: LibreOffice, poppler and ImageMagick.

function run(command: string, args: readonly string[], env?: NodeJS.ProcessEnv): string {
  return execFileSync(command, args, { encoding: 'utf8', env: env ? { ...process.env, ...env } : process.env, maxBuffer: 64 * 1024 * 1024 });
}

/** 宋体 and 黑体 are not installed; Noto CJK SC stands in, instead of whatever fontconfig would pick. */
function fontconfig(work: string): string {
  const file = join(work, 'fonts.conf');
  const alias = (family: string, noto: string) => `<alias binding="same"><family>${family}</family><prefer><family>${noto}</family></prefer></alias>`;
  writeFileSync(
    file,
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>${alias('宋体', 'Noto Serif CJK SC')}${alias('SimSun', 'Noto Serif CJK SC')}${alias('黑体', 'Noto Sans CJK SC')}${alias('SimHei', 'Noto Sans CJK SC')}${alias('Times New Roman', 'DejaVu Serif')}</fontconfig>`,
  );
  return file;
}

function docxToPdf(work: string, docxFiles: readonly string[]): void {
  run('soffice', [`-env:UserInstallation=file://${join(work, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', work, ...docxFiles], { FONTCONFIG_FILE: fontconfig(work) });
}

const pageCount = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))?.[1] ?? 0);

/** For each page that opens inside a table: whether the grid header row was repeated there. */
function tableBreaks(pdf: string, pages: number, parts: readonly Part[]): ('repeated' | 'not repeated')[] {
  const headings = new Set(parts.flatMap((part) => (part.kind === 'paragraph' ? [squash(part.text)] : [])));
  const breaks: ('repeated' | 'not repeated')[] = [];
  for (let page = 2; page <= pages; page++) {
    const first = run('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-'])
      .split('\n')
      .map(squash)
      .find((text) => text !== '');
    if (first === undefined || headings.has(first)) continue;
    breaks.push(first === '一级指标' ? 'repeated' : 'not repeated');
  }
  return breaks;
}

function rasterise(pdf: string, prefix: string, dpi: number, gray: boolean): string[] {
  run('pdftoppm', ['-r', String(dpi), ...(gray ? ['-gray'] : []), '-png', pdf, prefix]);
  const dir = join(prefix, '..');
  const stem = prefix.slice(dir.length + 1);
  return readdirSync(dir)
    .filter((name) => name.startsWith(stem + '-') && name.endsWith('.png'))
    .sort()
    .map((name) => join(dir, name));
}

/** A small deterministic generator, so rotations and noise are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MAX_SCAN_PAGE = 300 * 1024;

/** One page as a flatbed scan: grey paper, a slight skew, grain, a little blur, JPEG. */
function scanPage(png: string, jpg: string, seed: number): Uint8Array {
  const next = random(seed);
  const angle = (0.5 + next()) * (next() < 0.5 ? -1 : 1);
  for (const quality of [55, 45, 35]) {
    run('convert', [
      png,
      '-seed', String(seed),
      '+level', '10%,90%',
      '-background', 'gray(90%)',
      '-rotate', angle.toFixed(2),
      '-gravity', 'center',
      '-extent', '1240x1754',
      '-attenuate', '0.35',
      '+noise', 'Gaussian',
      '-blur', '0x0.6',
      '-colorspace', 'Gray',
      '-quality', String(quality),
      '-sampling-factor', '1x1',
      jpg,
    ]);
    const bytes = readFileSync(jpg);
    if (bytes.length <= MAX_SCAN_PAGE) return new Uint8Array(bytes);
  }
  throw new Error(`scanned page ${png} stays over ${MAX_SCAN_PAGE} bytes`);
}

/** An image-only PDF: each JPEG is one A4 page, embedded as it is (DCTDecode), no text layer. */
async function jpegsToPdf(pages: readonly Uint8Array[]): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const write = (data: Buffer | string) => {
    const buffer = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    chunks.push(buffer);
    length += buffer.length;
  };
  const object = (id: number, body: (Buffer | string)[]) => {
    offsets[id] = length;
    write(`${id} 0 obj\n`);
    body.forEach(write);
    write('\nendobj\n');
  };
  const [width, height] = [595.28, 841.89];
  write('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  const pageIds = pages.map((_, i) => 3 + i * 3);
  object(1, ['<< /Type /Catalog /Pages 2 0 R >>']);
  object(2, [`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`]);
  for (const [i, jpeg] of pages.entries()) {
    const id = pageIds[i] as number;
    const meta = await sharp(jpeg).metadata();
    const space = meta.channels === 1 ? '/DeviceGray' : '/DeviceRGB';
    const content = `q ${width} 0 0 ${height} 0 0 cm /Im0 Do Q`;
    object(id, [`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] /Resources << /XObject << /Im0 ${id + 1} 0 R >> >> /Contents ${id + 2} 0 R >>`]);
    object(id + 1, [`<< /Type /XObject /Subtype /Image /Width ${meta.width} /Height ${meta.height} /ColorSpace ${space} /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`, Buffer.from(jpeg), '\nendstream']);
    object(id + 2, [`<< /Length ${content.length} >>\nstream\n${content}\nendstream`]);
  }
  const count = 3 + pages.length * 3;
  const xref = length;
  write(`xref\n0 ${count}\n0000000000 65535 f \n`);
  for (let id = 1; id < count; id++) write(`${String(offsets[id]).padStart(10, '0')} 00000 n \n`);
  write(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return new Uint8Array(Buffer.concat(chunks));
}

async function scannedPdf(work: string, pngs: readonly string[], seed: number): Promise<Uint8Array> {
  const pages = pngs.map((png, i) => scanPage(png, join(work, `scan-${seed}-${i}.jpg`), seed * 100 + i));
  return jpegsToPdf(pages);
}

const MAX_PHOTO = 600 * 1024;
const DESK = '#66543f';

/** One page photographed with a phone on a desk: tilted, lit unevenly, JPEG at quality 75. */
function photo(png: string, jpg: string, seed: number): Uint8Array {
  const next = random(seed);
  const size = run('identify', ['-format', '%w %h', png]).trim().split(' ').map(Number);
  const [w, h] = [size[0] ?? 1240, size[1] ?? 1754];
  const pad = Math.round(w * 0.06);
  const [W, H] = [w + 2 * pad, h + 2 * pad];
  const jitter = (scale: number) => Math.round((next() * 0.5 + 0.5) * scale);
  const dx = Math.round(w * 0.04);
  const dy = Math.round(h * 0.025);
  // Page corners (on the padded canvas) and where the camera sees them: the top edge further away.
  const from = [
    [pad, pad],
    [pad + w, pad],
    [pad + w, pad + h],
    [pad, pad + h],
  ];
  const to = [
    [pad + dx + jitter(dx / 3), pad + jitter(dy)],
    [pad + w - dx + jitter(dx / 3), pad + jitter(dy / 2)],
    [pad + w - jitter(dx / 4), pad + h - jitter(dy / 2)],
    [pad + jitter(dx / 4), pad + h - jitter(dy / 3)],
  ];
  const points = from.map((p, i) => `${p[0]},${p[1]} ${to[i]?.[0]},${to[i]?.[1]}`).join('  ');
  const light = join(png + '.light.png');
  run('convert', ['-size', `${W}x${H}`, 'radial-gradient:white-gray(62%)', '-distort', 'SRT', `${(W * 0.35).toFixed(0)},${(H * 0.3).toFixed(0)} 1.6 0 ${(W * 0.35).toFixed(0)},${(H * 0.3).toFixed(0)}`, light]);
  for (const quality of [75, 70, 65]) {
    run('convert', [
      png,
      '-seed', String(seed),
      '-fill', '#f3ecdf', '-opaque', 'white',
      '-bordercolor', DESK, '-border', String(pad),
      '-virtual-pixel', 'background', '-background', DESK,
      '-distort', 'Perspective', points,
      light, '-compose', 'Multiply', '-composite',
      '-modulate', '100,90,100',
      '-attenuate', '0.25', '+noise', 'Gaussian',
      '-blur', '0x0.7',
      '-resize', '88%',
      '-quality', String(quality),
      jpg,
    ]);
    const bytes = readFileSync(jpg);
    if (bytes.length <= MAX_PHOTO) return new Uint8Array(bytes);
  }
  throw new Error(`photo ${jpg} stays over ${MAX_PHOTO} bytes`);
}

// ---------------------------------------------------------------------------------------------
// Fixtures and the manifest

interface Entry {
  id: string;
  document: string;
  gold: string;
  format: string;
  tags: string[];
  /** the Word file whose tables are this document's true grids, for TEDS */
  reference?: string;
}

function writeGold(file: string, gold: ExtractedDocument, note: string): void {
  writeFileSync(join(out, file), JSON.stringify({ reviewed: true, notes: [note], document: gold }, null, 2) + '\n');
}

function projectList(spec: FamilySpec, indices: readonly number[]): string {
  return `projects ${indices.map((i) => i + 1).join(', ')} of seed ${spec.seed}'s gold`;
}

async function main(): Promise<void> {
  mkdirSync(join(out, 'bench'), { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'format-fixtures-'));
  const entries: Entry[] = [];
  const benchPages: string[] = [];
  try {
    const renderings = FAMILIES.map((spec) => {
      const blocks = readFlattenedWord(readFileSync(join(fixtures, 'seeds', `${spec.seed}.txt`), 'utf8').split('\n'));
      const seedGold = JSON.parse(readFileSync(join(fixtures, 'seeds', `${spec.seed}.gold.json`), 'utf8')) as SeedGold;
      return {
        spec,
        full: render(spec, blocks, seedGold, spec.full, true),
        scan: render(spec, blocks, seedGold, spec.scan, true),
        photo: render(spec, blocks, seedGold, [spec.photo], false),
      };
    });

    console.log('self-check against the rules extractor (rendered model, before any file format):');
    for (const { spec, full } of renderings) {
      selfCheck(`${spec.name} as Word lays it out`, full, wordSpans(spec), spec.gridOwnTable);
      selfCheck(`${spec.name} as a sheet lays it out`, full, sheetSpans(widest(full.parts)), false);
    }

    if (process.argv.includes('--formatted-xlsx')) {
      console.log("the clerk's workbooks:");
      for (const { spec, full } of renderings) if (spec.formattedXlsx) console.log(`  wrote ${await writeFormattedXlsx(spec, full)} and its gold; the manifest is left as it is`);
      return;
    }

    const docxFiles: string[] = [];
    for (const { spec, full, scan, photo: one } of renderings) {
      for (const [kind, rendering] of [['full', full], ['scan', scan], ['photo', one]] as const) {
        const file = join(work, `${spec.name}-${kind}.docx`);
        writeFileSync(file, await toDocx(rendering.parts, spec));
        docxFiles.push(file);
      }
    }
    docxToPdf(work, docxFiles);

    for (const { spec, full, scan, photo: one } of renderings) {
      const stem = spec.name;
      const baseTags = ['generated', 'hebei', ...spec.tags];
      // Printed and scanned renderings name the Word file they were made from: its tables are the
      // grids their rebuilt tables are scored against (TEDS).
      const add = (file: string, format: string, tags: string[], gold: ExtractedDocument, rendered: string, indices: readonly number[], fromWord = false) => {
        const goldFile = `${file}.gold.json`;
        writeGold(goldFile, gold, `generated by scripts/make-format-fixtures.ts from seed ${spec.seed}'s gold (${projectList(spec, indices)}); rendered as ${rendered}`);
        const reference = fromWord ? { reference: `formats/${stem}.docx` } : {};
        entries.push({ id: `${ID_PREFIX}${file.replace(/\.[a-z]+$/, '').replace(/\./g, '-')}-${format}`, document: `formats/${file}`, gold: `formats/${goldFile}`, format, tags: [...baseTags, ...tags], ...reference });
      };

      writeFileSync(join(out, `${stem}.docx`), readFileSync(join(work, `${stem}-full.docx`)));
      const wordNote = spec.gridOwnTable ? 'a Word document, each form as a header table and an indicator-grid table with vertically merged level cells' : 'a Word document, each form as one table with vertically merged label and level cells';
      add(`${stem}.docx`, 'docx', [], full.gold, `${wordNote}; page-number footers 第 X 页`, spec.full);

      const fullPdf = join(work, `${stem}-full.pdf`);
      writeFileSync(join(out, `${stem}.pdf`), readFileSync(fullPdf));
      const pages = pageCount(fullPdf);
      const breaks = tableBreaks(fullPdf, pages, full.parts);
      const breakTags = [...(breaks.length > 0 ? ['page-break'] : []), ...(breaks.includes('repeated') ? ['repeated-header'] : [])];
      const breakNote = breaks.length > 0 ? `; ${breaks.length} table(s) continue over a page break (${breaks.join(', ')} grid header)` : '';
      add(`${stem}.pdf`, 'pdf', ['text-layer', ...breakTags], full.gold, `the same Word document printed to PDF by LibreOffice (${pages} pages, text layer${breakNote})`, spec.full, true);

      const scanPdf = join(work, `${stem}-scan.pdf`);
      const scanPages = pageCount(scanPdf);
      // The scans are the slowest fixtures to read; page breaks move with the fonts and LibreOffice
      // version installed (the committed ones have 2–3 pages), so a little slack is allowed.
      if (scanPages < 2 || scanPages > 4) throw new Error(`${stem}: the scanned document has ${scanPages} pages, not 2–4`);
      const scanPngs = rasterise(scanPdf, join(work, `${stem}-scan`), 150, true);
      writeFileSync(join(out, `${stem}-scan.pdf`), await scannedPdf(work, scanPngs, FAMILIES.indexOf(spec) + 1));
      add(`${stem}-scan.pdf`, 'pdf', ['ocr', 'scan'], scan.gold, `a Word document printed to PDF, rasterised at 150 dpi and scanned: grey paper, 0.5–1.5° skew, grain, blur, JPEG pages in an image-only PDF (${scanPages} pages)`, spec.scan, true);

      const photoPdf = join(work, `${stem}-photo.pdf`);
      if (pageCount(photoPdf) !== 1) throw new Error(`${stem}: the photographed project does not fit one page`);
      const [photoPng] = rasterise(photoPdf, join(work, `${stem}-photo`), 150, false);
      if (!photoPng) throw new Error('pdftoppm wrote no page');
      writeFileSync(join(out, `${stem}-photo.jpg`), photo(photoPng, join(work, `${stem}-photo.jpg`), 40 + FAMILIES.indexOf(spec)));
      add(`${stem}-photo.jpg`, 'image', ['ocr', 'photo'], one.gold, 'one page of a Word document printed to PDF, photographed: perspective skew, uneven light, JPEG quality ≤75', [spec.photo], true);

      writeFileSync(join(out, `${stem}.html`), toHtml(full.parts));
      add(`${stem}.html`, 'html', [], full.gold, 'a 部门预算公开 web page (navigation, breadcrumbs, scripts, footer) with each form as one table, rowspan/colspan merges', spec.full);

      writeFileSync(join(out, `${stem}.xlsx`), await toXlsx(full.parts));
      add(`${stem}.xlsx`, 'xlsx', [], full.gold, 'one worksheet, the forms one under another with merged regions, headings in merged rows', spec.full);

      if (spec.formattedXlsx) {
        const file = await writeFormattedXlsx(spec, full);
        entries.push({ id: `${ID_PREFIX}${stem}-formatted-xlsx`, document: `formats/${file}`, gold: `formats/${file}.gold.json`, format: 'xlsx', tags: [...baseTags, 'number-formats'] });
      }

      writeFileSync(join(out, `${stem}.csv`), toCsv(full.parts));
      add(`${stem}.csv`, 'csv', [], full.gold, 'the worksheet as CSV (UTF-8 with BOM, CRLF), merged cells empty after their first cell', spec.full);

      benchPages.push(...rasterise(fullPdf, join(work, `${stem}-bench`), 150, true));
    }

    if (benchPages.length < 10) throw new Error(`only ${benchPages.length} pages for the OCR benchmark`);
    writeFileSync(join(out, 'bench', 'scan-10-pages.pdf'), await scannedPdf(work, benchPages.slice(0, 10), 99));

    const manifestPath = join(fixtures, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { fixtures: Entry[] };
    manifest.fixtures = [...manifest.fixtures.filter((entry) => !entry.id.startsWith(ID_PREFIX)), ...entries];
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
    console.log(`wrote ${entries.length} fixtures to ${out} and the manifest`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
