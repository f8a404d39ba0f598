// What the model is asked to read: the document cut into sections at table boundaries. Whole
// blocks are packed into a section up to a size; a block larger than that (a long prose part, a
// very long grid) is cut by langchain's recursive splitter at row and line breaks. Each section
// knows the blocks it came from and how many indicator rows the rules see in its grids, so the
// model's answer can be reconciled with them (MISSING_ROWS).
import type { Block, Doc } from '../../schemas/doc.ts';
import { extractWithRules } from '../rules.ts';

export interface Section {
  /** 1-based, in document order */
  index: number;
  /** the blocks of the document it holds (indexes into doc.blocks) */
  blocks: number[];
  /** the section as the model sees it: paragraphs as lines, table rows as cells between | */
  text: string;
  /** indicator rows the section's grids hold, as far as the rules can count them */
  gridRows: number;
  /** any text in it came from OCR */
  ocr: boolean;
  /** sections cut from one block share the group (their first section's index); rows are reconciled per group */
  group: number;
}

/** Characters per section; about 3,000–6,000 tokens of Chinese with the prompt. */
export const SECTION_CHARS = 6000;

type Table = Extract<Block, { kind: 'table' }>;

function renderTable(table: Table): string {
  return table.rows.map((row) => `| ${row.map((cell) => cell.text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '｜')).join(' | ')} |`).join('\n');
}

export function renderBlock(block: Block): string {
  return block.kind === 'paragraph' ? block.text.trim() : renderTable(block);
}

const isOcr = (block: Block) => (block.kind === 'paragraph' ? block.source.confidence !== undefined : block.rows.some((row) => row.some((cell) => cell.source.confidence !== undefined)));

/**
 * Indicator rows in these blocks: what the rules read from them, or, for a grid they cannot read,
 * the rows under its header that fill at least three cells.
 */
export function gridRowsOf(blocks: readonly Block[]): number {
  const { document } = extractWithRules({ blocks: [...blocks] });
  const read = document.projects.reduce((sum, project) => sum + project.indicators.length, 0) + document.objectives.reduce((sum, objective) => sum + objective.indicators.length, 0);
  if (read > 0) return read;
  let counted = 0;
  for (const block of blocks) {
    if (block.kind !== 'table') continue;
    const header = block.rows.findIndex((row) => row.some((cell) => /三级指标|指标值|指标名称/.test(cell.text)));
    if (header < 0) continue;
    counted += block.rows.slice(header + 1).filter((row) => row.filter((cell) => cell.text.trim() !== '').length >= 3).length;
  }
  return counted;
}

/** Cuts an oversized block at row breaks, then blank lines, lines and sentences. */
async function splitOversized(text: string): Promise<string[]> {
  const { RecursiveCharacterTextSplitter } = await import('@langchain/textsplitters');
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: SECTION_CHARS, chunkOverlap: 0, separators: ['\n|', '\n\n', '\n', '。', ''], keepSeparator: true });
  return splitter.splitText(text);
}

/** Sections of the given blocks (all of the document by default), in document order. */
export async function sectionsOf(doc: Doc, only?: ReadonlySet<number>): Promise<Section[]> {
  const sections: (Omit<Section, 'index' | 'group'> & { piece?: boolean })[] = [];
  let pending: { blocks: number[]; texts: string[]; size: number } = { blocks: [], texts: [], size: 0 };
  const flush = () => {
    if (pending.blocks.length === 0) return;
    const blocks = pending.blocks.map((index) => doc.blocks[index]!);
    sections.push({ blocks: pending.blocks, text: pending.texts.join('\n\n'), gridRows: gridRowsOf(blocks), ocr: blocks.some(isOcr) });
    pending = { blocks: [], texts: [], size: 0 };
  };
  for (const [index, block] of doc.blocks.entries()) {
    if (only && !only.has(index)) {
      // A gap between chosen blocks ends a section: what the model reads together stays adjacent.
      flush();
      continue;
    }
    const text = renderBlock(block);
    if (text === '') continue;
    if (text.length > SECTION_CHARS) {
      flush();
      const pieces = await splitOversized(text);
      const rows = gridRowsOf([block]);
      pieces.forEach((piece, i) => sections.push({ blocks: [index], text: piece, gridRows: rows, ocr: isOcr(block), piece: i > 0 }));
      continue;
    }
    if (pending.size + text.length > SECTION_CHARS) flush();
    pending.blocks.push(index);
    pending.texts.push(text);
    pending.size += text.length;
  }
  flush();
  let group = 0;
  return sections.map(({ piece, ...section }, i) => {
    if (!piece) group = i + 1;
    return { ...section, index: i + 1, group };
  });
}
