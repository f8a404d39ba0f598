// Word (.docx) → blocks: mammoth turns the document into HTML with tables, merges kept, and the
// HTML reader takes it from there, so Word and web pages share one table reader. Merges mammoth
// would lose are rewritten in document.xml first (repair-merges.ts).
import { unzipSync, zipSync, strFromU8, strToU8 } from 'fflate';
import mammoth from 'mammoth';
import type { Block, SourceSpan } from '../../schemas/doc.ts';
import { IngestError } from '../errors.ts';
import { htmlToBlocks } from '../html/read-html.ts';
import { checkZip } from '../zip.ts';
import { needsMergeRepair, repairMerges } from './repair-merges.ts';

const DOCUMENT_PART = 'word/document.xml';

function withRepairedMerges(bytes: Uint8Array): Uint8Array {
  const part = unzipSync(bytes, { filter: (file) => file.name === DOCUMENT_PART })[DOCUMENT_PART];
  if (!part) throw new IngestError('CORRUPT', 'this Word file has no word/document.xml; it is not a readable .docx');
  const xml = strFromU8(part);
  if (!needsMergeRepair(xml)) return bytes;
  const parts = unzipSync(bytes);
  parts[DOCUMENT_PART] = strToU8(repairMerges(xml));
  return zipSync(parts);
}

export async function readDocx(bytes: Uint8Array, maxDecompressedBytes: number): Promise<Block[]> {
  checkZip(bytes, maxDecompressedBytes, 'this Word file');
  const input = withRepairedMerges(bytes);
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(input.buffer, input.byteOffset, input.byteLength) },
      // Pictures (stamps, logos) carry no table text; inlining them as data URIs only costs memory.
      { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) },
    );
    html = result.value;
  } catch (error) {
    throw new IngestError('CORRUPT', `this Word file cannot be read: ${(error as Error).message}`);
  }
  // Line numbers of mammoth's HTML mean nothing to a Word user; table, row and cell numbers do.
  return htmlToBlocks(html).map((block) => (block.kind === 'paragraph' ? { ...block, source: withoutLines(block.source) } : { ...block, source: withoutLines(block.source), rows: block.rows.map((row) => row.map((cell) => ({ ...cell, source: withoutLines(cell.source) }))) }));
}

function withoutLines({ lineStart: _start, lineEnd: _end, ...rest }: SourceSpan): SourceSpan {
  return rest;
}
