// The zip guard reads an archive as JSZip (and so exceljs and mammoth) reads it: through its
// central directory. The archives here are written byte by byte, to say exactly what each holds.
import { crc32 } from 'node:zlib';
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { IngestError } from './errors.ts';
import { checkZip } from './zip.ts';

interface Part {
  name: string;
  content: Uint8Array;
  /** 8 (deflate, the default) or 0 (stored) */
  method?: number;
}

interface Record {
  part: Part;
  local: Uint8Array;
  data: Uint8Array;
}

function record(part: Part): Record {
  const method = part.method ?? 8;
  const data = method === 8 ? deflateSync(part.content) : part.content;
  const name = strToU8(part.name);
  const local = Buffer.alloc(30 + name.length + data.length);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(0x800, 6);
  local.writeUInt16LE(method, 8);
  local.writeUInt32LE(crc32(part.content), 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(part.content.length, 22);
  local.writeUInt16LE(name.length, 26);
  local.set(name, 30);
  local.set(data, 30 + name.length);
  return { part, local, data };
}

function centralEntry(entry: Record, offset: number, zip64 = false): Buffer {
  const name = strToU8(entry.part.name);
  const extra = Buffer.alloc(zip64 ? 4 + 24 : 0);
  if (zip64) {
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(24, 2);
    extra.writeBigUInt64LE(BigInt(entry.part.content.length), 4);
    extra.writeBigUInt64LE(BigInt(entry.data.length), 12);
    extra.writeBigUInt64LE(BigInt(offset), 20);
  }
  const central = Buffer.alloc(46 + name.length + extra.length);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0x800, 8);
  central.writeUInt16LE(entry.part.method ?? 8, 10);
  central.writeUInt32LE(crc32(entry.part.content), 16);
  central.writeUInt32LE(zip64 ? 0xffffffff : entry.data.length, 20);
  central.writeUInt32LE(zip64 ? 0xffffffff : entry.part.content.length, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt16LE(extra.length, 30);
  central.writeUInt32LE(zip64 ? 0xffffffff : offset, 42);
  central.set(name, 46);
  central.set(extra, 46 + name.length);
  return central;
}

function endRecords(count: number, directoryOffset: number, directorySize: number, zip64 = false): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : count, 8);
  end.writeUInt16LE(zip64 ? 0xffff : count, 10);
  end.writeUInt32LE(zip64 ? 0xffffffff : directorySize, 12);
  end.writeUInt32LE(zip64 ? 0xffffffff : directoryOffset, 16);
  if (!zip64) return end;
  const record64 = Buffer.alloc(56);
  record64.writeUInt32LE(0x06064b50, 0);
  record64.writeBigUInt64LE(44n, 4);
  record64.writeUInt16LE(45, 12);
  record64.writeUInt16LE(45, 14);
  record64.writeBigUInt64LE(BigInt(count), 24);
  record64.writeBigUInt64LE(BigInt(count), 32);
  record64.writeBigUInt64LE(BigInt(directorySize), 40);
  record64.writeBigUInt64LE(BigInt(directoryOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(directoryOffset + directorySize), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record64, locator, end]);
}

/** An ordinary archive of the parts, in order. */
function zip(parts: Part[], zip64 = false): Uint8Array {
  const records = parts.map(record);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of records) {
    centrals.push(centralEntry(entry, offset, zip64));
    locals.push(Buffer.from(entry.local));
    offset += entry.local.length;
  }
  const directory = Buffer.concat(centrals);
  return Buffer.concat([...locals, directory, endRecords(records.length, offset, directory.length, zip64)]);
}

/**
 * An archive whose directory lists `hidden` at an offset inside `cover`'s stored bytes: read front
 * to back it is one part, `cover`; JSZip reads two.
 */
function zipHiding(cover: string, hidden: Part): Uint8Array {
  const inner = record(hidden);
  const outer = record({ name: cover, content: inner.local, method: 0 });
  const innerOffset = 30 + strToU8(cover).length;
  const directory = Buffer.concat([centralEntry(outer, 0), centralEntry(inner, innerOffset)]);
  return Buffer.concat([outer.local, directory, endRecords(2, outer.local.length, directory.length)]);
}

function codeOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(IngestError);
    return (error as IngestError).code;
  }
}

const MB = 1024 * 1024;
const parts = [
  { name: '[Content_Types].xml', content: strToU8('<Types/>') },
  { name: 'xl/workbook.xml', content: strToU8('<workbook/>'), method: 0 },
];

describe('the zip guard', () => {
  it('reads the parts its directory lists, with their inflated size', () => {
    expect(checkZip(zip(parts), MB, 'this file')).toEqual({ names: ['[Content_Types].xml', 'xl/workbook.xml'], decompressedBytes: 19 });
  });

  it('reads a zip64 directory', () => {
    expect(checkZip(zip(parts, true), MB, 'this file').names).toEqual(['[Content_Types].xml', 'xl/workbook.xml']);
  });

  it('hands each part it is asked for to a sink, whole and in order', () => {
    const seen: string[] = [];
    checkZip(zip(parts), MB, 'this file', (name) => {
      if (name !== 'xl/workbook.xml') return undefined;
      const chunks: Uint8Array[] = [];
      return { write: (chunk) => chunks.push(chunk), end: () => seen.push(Buffer.concat(chunks).toString()) };
    });
    expect(seen).toEqual(['<workbook/>']);
  });

  it('a part hidden inside another’s stored bytes is inflated and counted too (a bomb hidden so)', () => {
    const bomb = { name: 'xl/media/image1.png', content: new Uint8Array(2 * MB) };
    expect(codeOf(() => checkZip(zipHiding('docProps/thumbnail.bin', bomb), MB, 'this file'))).toBe('DECOMPRESSED_TOO_LARGE');
    expect(checkZip(zipHiding('docProps/thumbnail.bin', bomb), 4 * MB, 'this file').names).toEqual(['docProps/thumbnail.bin', 'xl/media/image1.png']);
  });

  it('TRUNCATED without its directory, CORRUPT when a part does not inflate or the directory points nowhere', () => {
    const whole = zip(parts);
    expect(codeOf(() => checkZip(whole.subarray(0, whole.length - 30), MB, 'this file'))).toBe('TRUNCATED');
    const text = Array.from({ length: 2000 }, (_, i) => ((i * 7919) % 1000).toString(36)).join(',');
    const damaged = Buffer.from(zip([{ name: 'a.xml', content: strToU8(text) }]));
    damaged.fill(0xff, 40, 60);
    expect(codeOf(() => checkZip(damaged, MB, 'this file'))).toBe('CORRUPT');
    const pointless = Buffer.from(whole);
    pointless.writeUInt32LE(0x7fffffff, pointless.length - 6);
    expect(codeOf(() => checkZip(pointless, MB, 'this file'))).toBe('CORRUPT');
    expect(codeOf(() => checkZip(zip([]), MB, 'this file'))).toBe('CORRUPT');
  });

  it('a part compressed by a method no reader knows: CORRUPT', () => {
    const archive = Buffer.from(zip([{ name: 'a.xml', content: strToU8('<a/>'), method: 0 }]));
    const central = archive.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    archive.writeUInt16LE(12, central + 10);
    expect(codeOf(() => checkZip(archive, MB, 'this file'))).toBe('CORRUPT');
  });

  it('a sink’s refusal is the answer', () => {
    const refuse = () => ({
      write() {
        throw new IngestError('TOO_COMPLEX', 'no');
      },
      end() {},
    });
    expect(codeOf(() => checkZip(zip(parts), MB, 'this file', refuse))).toBe('TOO_COMPLEX');
  });
});
