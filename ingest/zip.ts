// Guards for zip-based formats (docx, xlsx) before a parser inflates them: the archive must be
// whole, and its parts must not inflate past a limit. Sizes are counted while inflating, not
// taken from the headers, because a zip bomb's headers lie.
//
// The parts are found the way JSZip finds them (exceljs and mammoth both read through it): from
// the central directory, each part's data at the offset its entry gives, under the name its local
// header gives. Walking the local headers front to back instead would miss a part the directory
// points into the middle of another, or a part whose two headers name it differently; such a part
// would then reach the parser unchecked.
import { crc32 } from 'node:zlib';
import { Inflate } from 'fflate';
import { IngestError } from './errors.ts';

const LOCAL_FILE_HEADER = 0x04034b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const MAX_16 = 0xffff;
const MAX_32 = 0xffffffff;

/** Receives one part's inflated bytes, in order; may throw an IngestError to refuse the file. */
export interface PartSink {
  write(chunk: Uint8Array): void;
  end(): void;
}

/** Chooses the parts to look into, by name: a sink for each, or undefined to only count it. */
export type PartInspector = (name: string) => PartSink | undefined;

export interface ZipCheck {
  names: string[];
  decompressedBytes: number;
}

function signatureBytes(signature: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(signature);
  return bytes;
}

/** Where the last end-of-central-directory record starts, if it is where one can be, else -1. */
function endOfCentralDirectory(view: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535.
  const from = Math.max(0, view.length - 22 - 65535);
  for (let offset = view.length - 22; offset >= from; offset--) {
    if (view.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  return -1;
}

class Damaged extends Error {}

/** Reads little-endian integers, every read checked against the end of the file. */
class Reader {
  constructor(readonly view: Buffer) {}
  private at(offset: number, size: number): number {
    if (!Number.isSafeInteger(offset) || offset < 0 || offset + size > this.view.length) {
      throw new Damaged(`a header points past the end of the file (offset ${offset})`);
    }
    return offset;
  }
  u16(offset: number): number {
    return this.view.readUInt16LE(this.at(offset, 2));
  }
  u32(offset: number): number {
    return this.view.readUInt32LE(this.at(offset, 4));
  }
  u64(offset: number): number {
    const low = this.view.readUInt32LE(this.at(offset, 8));
    return this.view.readUInt32LE(offset + 4) * 2 ** 32 + low;
  }
  bytes(offset: number, length: number): Buffer {
    return this.view.subarray(this.at(offset, length), offset + length);
  }
  is(offset: number, signature: number): boolean {
    return offset >= 0 && offset + 4 <= this.view.length && this.view.readUInt32LE(offset) === signature;
  }
}

interface Entry {
  name: string;
  method: number;
  data: Buffer;
}

interface Directory {
  /** Where the central directory begins, and how many bytes precede the archive (JSZip's "zero"). */
  offset: number;
  records: number;
  zero: number;
}

function readDirectory(reader: Reader, end: number): Directory {
  let records = reader.u16(end + 10);
  let size = reader.u32(end + 12);
  let offset = reader.u32(end + 16);
  const zip64 = [reader.u16(end + 4), reader.u16(end + 6), reader.u16(end + 8), records].includes(MAX_16) || size === MAX_32 || offset === MAX_32;
  let expectedEnd = offset + size;
  if (zip64) {
    const locator = reader.view.lastIndexOf(signatureBytes(ZIP64_LOCATOR));
    if (locator < 0) throw new Damaged('its zip64 directory locator is missing');
    if (reader.u32(locator + 16) > 1) throw new Damaged('it is a multi-volume zip');
    let record = reader.u64(locator + 8);
    if (!reader.is(record, ZIP64_END_OF_CENTRAL_DIRECTORY)) {
      record = reader.view.lastIndexOf(signatureBytes(ZIP64_END_OF_CENTRAL_DIRECTORY));
      if (record < 0) throw new Damaged('its zip64 directory is missing');
    }
    const recordSize = reader.u64(record + 4);
    records = reader.u64(record + 32);
    size = reader.u64(record + 40);
    offset = reader.u64(record + 48);
    expectedEnd = offset + size + 20 + 12 + recordSize;
  }
  const extra = end - expectedEnd;
  if (extra < 0) throw new Damaged(`its directory is missing ${-extra} bytes`);
  return { offset, records, zero: extra };
}

function extraFields(reader: Reader, from: number, length: number): Map<number, Buffer> {
  const fields = new Map<number, Buffer>();
  let at = from;
  while (at + 4 < from + length) {
    const id = reader.u16(at);
    const size = reader.u16(at + 2);
    fields.set(id, reader.bytes(at + 4, size));
    at += 4 + size;
  }
  return fields;
}

function utf8(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

/** Every entry of the central directory, as JSZip lists them. */
function readEntries(reader: Reader, directory: Directory): Entry[] {
  const entries: Entry[] = [];
  let at = directory.zero + directory.offset;
  while (reader.is(at, CENTRAL_FILE_HEADER)) {
    const flags = reader.u16(at + 8);
    const method = reader.u16(at + 10);
    let compressedSize = reader.u32(at + 20);
    const uncompressedSize = reader.u32(at + 24);
    const nameLength = reader.u16(at + 28);
    const extraLength = reader.u16(at + 30);
    const commentLength = reader.u16(at + 32);
    let localOffset = reader.u32(at + 42);
    if (flags & 1) throw new Damaged('a part is encrypted');
    const extras = extraFields(reader, at + 46 + nameLength, extraLength);
    const zip64 = extras.get(0x0001);
    if (zip64) {
      // Only the fields whose 32-bit value is saturated are present, in this order.
      const field = new Reader(zip64);
      let next = 0;
      if (uncompressedSize === MAX_32) next += 8;
      if (compressedSize === MAX_32) {
        compressedSize = field.u64(next);
        next += 8;
      }
      if (localOffset === MAX_32) localOffset = field.u64(next);
    }
    const local = directory.zero + localOffset;
    if (!reader.is(local, LOCAL_FILE_HEADER)) throw new Damaged('a part’s local header is missing');
    const localName = reader.bytes(local + 30, reader.u16(local + 26));
    const dataStart = local + 30 + localName.length + reader.u16(local + 28);
    // The name JSZip gives the part: UTF-8 when flagged, else the Info-ZIP Unicode path if it still
    // matches, else the bytes read as UTF-8.
    let name = utf8(localName);
    const unicodePath = extras.get(0x7075);
    if (!(flags & 0x800) && unicodePath && unicodePath.length >= 5 && unicodePath[0] === 1 && unicodePath.readUInt32LE(1) === crc32(localName)) {
      name = utf8(unicodePath.subarray(5));
    }
    entries.push({ name, method, data: reader.bytes(dataStart, compressedSize) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (entries.length === 0 && directory.records !== 0) throw new Damaged(`its directory lists ${directory.records} parts but holds none`);
  return entries;
}

/**
 * Inflates every part once, counting, and throws TRUNCATED, CORRUPT or DECOMPRESSED_TOO_LARGE.
 * A part `inspect` asks for is handed to its sink as it inflates; the sink may refuse the file.
 */
export function checkZip(bytes: Uint8Array, maxDecompressedBytes: number, what: string, inspect?: PartInspector): ZipCheck {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.byteLength < 22 ? -1 : endOfCentralDirectory(view);
  if (end < 0) {
    throw new IngestError('TRUNCATED', `${what} is cut short: its zip directory is missing (an incomplete download or copy?)`);
  }
  const tooLarge = () =>
    new IngestError('DECOMPRESSED_TOO_LARGE', `${what} inflates to more than ${Math.round(maxDecompressedBytes / 1048576)} MB; refusing to read it`);
  let entries: Entry[];
  try {
    const reader = new Reader(view);
    entries = readEntries(reader, readDirectory(reader, end));
  } catch (error) {
    throw new IngestError('CORRUPT', `${what} is damaged: ${(error as Error).message}`);
  }
  let total = 0;
  for (const entry of entries) {
    const sink = inspect?.(entry.name);
    const take = (chunk: Uint8Array) => {
      total += chunk.byteLength;
      if (total > maxDecompressedBytes) throw tooLarge();
      sink?.write(chunk);
    };
    try {
      if (entry.method === 0) {
        for (let offset = 0; offset < entry.data.length; offset += 1 << 16) take(entry.data.subarray(offset, offset + (1 << 16)));
      } else if (entry.method === 8) {
        if (entry.data.length > 0) {
          const inflate = new Inflate((chunk) => take(chunk));
          // Deflate inflates up to ~1000:1, so small input chunks keep each output chunk small.
          const chunkSize = 1 << 12;
          for (let offset = 0; offset < entry.data.length; offset += chunkSize) {
            inflate.push(entry.data.subarray(offset, offset + chunkSize), offset + chunkSize >= entry.data.length);
          }
        }
      } else {
        throw new Damaged(`it is compressed by method ${entry.method}, which no reader supports`);
      }
      sink?.end();
    } catch (error) {
      if (error instanceof IngestError) throw error;
      throw new IngestError('CORRUPT', `${what} is damaged: part ${entry.name} cannot be inflated (${(error as Error).message})`);
    }
  }
  if (entries.length === 0) throw new IngestError('CORRUPT', `${what} holds no parts`);
  return { names: entries.map((entry) => entry.name), decompressedBytes: total };
}
