// Embedded font programs pdf.js must not be given. pdf.js keeps a Type 1 font's built-in encoding
// as an array indexed by the codes the program declares, then looks every glyph up in it with
// indexOf. A damaged font stream decodes to garbage that may declare code 559,931,598: the array is
// then half a billion long, one lookup takes 15 s, and a 127 KB PDF held the reader for over an
// hour, in code that cannot be interrupted (found by the fuzzer). So before pdf.js opens a file,
// every embedded program is inflated once: one that does not inflate (damaged) or that declares
// Type 1 codes past 65,535 is hidden by renaming its /FontFile key byte for byte (offsets stay
// valid). pdf.js then treats the font as not embedded and reads its text through the ToUnicode
// map, as it does for any font not embedded.
//
// Not covered: encrypted files (their streams cannot be judged before pdf.js decrypts them) and
// font descriptors kept inside compressed object streams, which this byte-level pass cannot see.
import { inflateSync } from 'node:zlib';

/** Codes of a Type 1 encoding: 0–255 in practice; anything past 16 bits is garbage or an attack. */
const MAX_CODE = 0xffff;
/** Largest font program inflated for the check; a real one is at most a few MB. */
const MAX_PROGRAM_BYTES = 64 * 1024 * 1024;

const FONT_FILE_REFERENCE = /\/FontFile[23]?\s+(\d+)\s+(\d+)\s+R/g;
const OBJECT_HEADER = /(?<![0-9])(\d+)\s+(\d+)\s+obj\b/g;

function objectOffsets(text: string): Map<string, number> {
  const offsets = new Map<string, number>();
  // A later definition (an incremental update) replaces an earlier one, as in the xref.
  for (const match of text.matchAll(OBJECT_HEADER)) offsets.set(`${match[1]} ${match[2]}`, match.index + match[0].length);
  return offsets;
}

/** A stream object's raw data, or null when its dictionary is not one this pass can judge. */
function streamData(bytes: Uint8Array, text: string, offsets: Map<string, number>, at: number): Uint8Array | null {
  const keyword = text.indexOf('stream', at);
  const end = text.indexOf('endobj', at);
  if (keyword < 0 || (end >= 0 && end < keyword)) return null;
  const dictionary = text.slice(at, keyword);
  const filter = /\/Filter\s*(\[?\s*\/[A-Za-z0-9]+\s*\]?)/.exec(dictionary)?.[1]?.replace(/[[\]\s]/g, '');
  if (filter !== '/FlateDecode') return null;
  const length = /\/Length\s+(\d+)(?:\s+(\d+)\s+R)?/.exec(dictionary);
  if (!length) return null;
  let size = Number(length[1]);
  if (length[2] !== undefined) {
    const target = offsets.get(`${length[1]} ${length[2]}`);
    const value = target === undefined ? undefined : /^\s*(\d+)/.exec(text.slice(target, target + 32))?.[1];
    if (value === undefined) return null;
    size = Number(value);
  }
  let start = keyword + 'stream'.length;
  if (text[start] === '\r') start++;
  if (text[start] === '\n') start++;
  return bytes.subarray(start, start + size);
}

function declaresHugeCodes(program: Uint8Array): boolean {
  const head = Buffer.from(program.buffer, program.byteOffset, program.byteLength).toString('latin1');
  const eexec = head.indexOf('eexec');
  const cleartext = eexec < 0 ? head : head.slice(0, eexec);
  const size = /\/Encoding\s+(\d+)\s+array/.exec(cleartext)?.[1];
  if (size !== undefined && Number(size) > MAX_CODE + 1) return true;
  for (const match of cleartext.matchAll(/\bdup\s+(\d+)/g)) if (Number(match[1]) > MAX_CODE) return true;
  return false;
}

function isHazardous(data: Uint8Array): boolean {
  let program: Uint8Array;
  try {
    program = inflateSync(data, { maxOutputLength: MAX_PROGRAM_BYTES });
  } catch {
    return true;
  }
  return declaresHugeCodes(program);
}

/** The PDF with hazardous embedded font programs hidden from pdf.js; the same bytes when there are none. */
export function withoutHazardousFonts(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (!text.includes('/FontFile') || /\/Encrypt\b/.test(text)) return bytes;
  const offsets = objectOffsets(text);
  let out: Uint8Array | null = null;
  const verdicts = new Map<string, boolean>();
  for (const match of text.matchAll(FONT_FILE_REFERENCE)) {
    const id = `${match[1]} ${match[2]}`;
    if (!verdicts.has(id)) {
      const at = offsets.get(id);
      const data = at === undefined ? null : streamData(bytes, text, offsets, at);
      verdicts.set(id, data !== null && isHazardous(data));
    }
    if (!verdicts.get(id)) continue;
    out ??= new Uint8Array(bytes);
    // `/FontFile` → `/FontFilX`: the same length, a key pdf.js does not know.
    out[match.index + '/FontFil'.length] = 'X'.charCodeAt(0);
  }
  return out ?? bytes;
}
