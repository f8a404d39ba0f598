// Word (.docx) → blocks: mammoth turns the document into HTML with tables, merges kept, and the
// HTML reader takes it from there, so Word and web pages share one table reader. Merges mammoth
// would lose are rewritten in document.xml first (repair-merges.ts).
import { DOMParser } from '@xmldom/xmldom';
import { unzipSync, zipSync, strFromU8, strToU8 } from 'fflate';
import mammoth from 'mammoth';
import type { Block, SourceSpan } from '../../schemas/doc.ts';
import { IngestError } from '../errors.ts';
import { htmlToBlocks } from '../html/read-html.ts';
import { checkZip } from '../zip.ts';
import { needsMergeRepair, repairMerges } from './repair-merges.ts';

const DOCUMENT_PART = 'word/document.xml';

/**
 * The parts mammoth parses, by the names Word, WPS and LibreOffice give them (mammoth finds them
 * through the relationships; a file naming them otherwise goes unchecked, and reads as before).
 */
const MAMMOTH_PARTS = /^(?:\[Content_Types\]\.xml|_rels\/\.rels|word\/(?:document|styles|numbering|footnotes|endnotes|comments)\.xml|word\/_rels\/(?:document|footnotes|endnotes|comments)\.xml\.rels)$/;

/**
 * Throws CORRUPT at the first fault of a part that is not well-formed XML. mammoth's parser (xmldom)
 * records the fault and reads on, and its recovery grows quadratically with the damage: a 15 KB Word
 * file with one flipped bit took 3 s to refuse, the same damage over 720 KB of XML 55 s (found by
 * the fuzzer). Stopping at the first fault costs one linear pass, some 30–110 ms a file.
 */
function checkWellFormed(name: string, xml: string): void {
  // Word never writes a DTD; one in a part is an attempt at entities (XXE, billion laughs), refused before parsing.
  if (/<!DOCTYPE/i.test(xml)) throw new IngestError('CORRUPT', `this Word file is not safe to read: ${name} declares a DTD (<!DOCTYPE …>), which Word never writes`);
  // xmldom reports a fault thrown from its handler as a fault of its own and calls the handler
  // again: the first fault is kept, and said once.
  let first: string | null = null;
  const stop = (message: string) => {
    first ??= message.replace(/^\[xmldom error\]\s*/, '').replace(/\s*@#\[line:(\d+),col:(\d+)\]$/, ' at line $1, column $2');
    throw new Error('stop');
  };
  try {
    new DOMParser({ locator: {}, errorHandler: { warning: () => undefined, error: stop, fatalError: stop } }).parseFromString(xml, 'text/xml');
  } catch (error) {
    if (first === null) throw error;
  }
  if (first !== null) throw new IngestError('CORRUPT', `this Word file is damaged: ${name} is not well-formed XML (${first})`);
}

function checkedWithRepairedMerges(bytes: Uint8Array): Uint8Array {
  const read = unzipSync(bytes, { filter: (file) => MAMMOTH_PARTS.test(file.name) });
  for (const [name, data] of Object.entries(read)) checkWellFormed(name, strFromU8(data));
  const part = read[DOCUMENT_PART];
  if (!part) throw new IngestError('CORRUPT', 'this Word file has no word/document.xml; it is not a readable .docx');
  const xml = strFromU8(part);
  if (!needsMergeRepair(xml)) return bytes;
  const parts = unzipSync(bytes);
  parts[DOCUMENT_PART] = strToU8(repairMerges(xml));
  return zipSync(parts);
}

export async function readDocx(bytes: Uint8Array, maxDecompressedBytes: number): Promise<Block[]> {
  checkZip(bytes, maxDecompressedBytes, 'this Word file');
  const input = checkedWithRepairedMerges(bytes);
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
