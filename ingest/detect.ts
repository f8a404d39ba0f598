// Which reader a file needs, decided from its bytes: magic numbers for binary formats (through
// file-type), then the decoded text for HTML and CSV. The file name is never consulted, so a
// .docx renamed .pdf still reads as Word.
import { fileTypeFromBuffer } from 'file-type';
import { isReadableText } from './decode.ts';

export type DetectedFormat =
  | 'docx'
  | 'xlsx'
  | 'pdf'
  | 'png'
  | 'jpeg'
  | 'tiff'
  /** Word 97–2003, an OLE compound file. */
  | 'doc'
  /** Excel 97–2003, an OLE compound file. */
  | 'xls'
  /** Office document encrypted with a password: OOXML inside an OLE compound file. */
  | 'encrypted-office'
  /** A zip, or a compound file, that is none of the above. */
  | 'other-container'
  /** A binary format we recognise but do not read (file-type's name for it). */
  | `binary:${string}`
  | 'text';

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

/** A UTF-16LE stream name inside an OLE compound file's directory. */
function hasCompoundStream(bytes: Uint8Array, name: string): boolean {
  const needle = Buffer.from(name, 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle) >= 0;
}

function detectCompoundFile(bytes: Uint8Array): DetectedFormat {
  if (hasCompoundStream(bytes, 'EncryptedPackage') || hasCompoundStream(bytes, 'EncryptionInfo')) return 'encrypted-office';
  if (hasCompoundStream(bytes, 'WordDocument')) return 'doc';
  if (hasCompoundStream(bytes, 'Workbook') || hasCompoundStream(bytes, 'Book')) return 'xls';
  return 'other-container';
}

/** The zip's member names: from the central directory when the archive is whole, else from local headers. */
function zipMemberNames(bytes: Uint8Array, limit = 256): string[] {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const names: string[] = [];
  for (let end = view.length - 22; end >= Math.max(0, view.length - 22 - 65535); end--) {
    if (view.readUInt32LE(end) !== 0x06054b50) continue;
    let offset = view.readUInt32LE(end + 16);
    while (names.length < limit && offset + 46 <= view.length && view.readUInt32LE(offset) === 0x02014b50) {
      const nameLength = view.readUInt16LE(offset + 28);
      names.push(view.toString('utf8', offset + 46, offset + 46 + nameLength));
      offset += 46 + nameLength + view.readUInt16LE(offset + 30) + view.readUInt16LE(offset + 32);
    }
    if (names.length > 0) return names;
    break;
  }
  let offset = 0;
  while (names.length < limit && offset + 30 <= view.length && view.readUInt32LE(offset) === 0x04034b50) {
    const compressedSize = view.readUInt32LE(offset + 18);
    const nameLength = view.readUInt16LE(offset + 26);
    const extraLength = view.readUInt16LE(offset + 28);
    names.push(view.toString('utf8', offset + 30, offset + 30 + nameLength));
    // A data descriptor (flag bit 3) leaves the size unknown here; the names read so far suffice.
    if (view.readUInt16LE(offset + 6) & 0x08) break;
    offset += 30 + nameLength + extraLength + compressedSize;
  }
  return names;
}

function detectZip(bytes: Uint8Array): DetectedFormat {
  const names = zipMemberNames(bytes);
  if (names.some((name) => name.startsWith('word/'))) return 'docx';
  if (names.some((name) => name.startsWith('xl/'))) return 'xlsx';
  return 'other-container';
}

export async function detectFormat(bytes: Uint8Array): Promise<DetectedFormat> {
  if (startsWith(bytes, CFB_SIGNATURE)) return detectCompoundFile(bytes);
  // %PDF may follow a little junk (some servers prepend a BOM or whitespace); PDF readers accept 1 KiB.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  const type = await fileTypeFromBuffer(bytes);
  if (type) {
    switch (type.ext) {
      case 'docx':
        return 'docx';
      case 'xlsx':
        return 'xlsx';
      case 'pdf':
        return 'pdf';
      case 'png':
        return 'png';
      case 'jpg':
        return 'jpeg';
      case 'tif':
        return 'tiff';
      case 'zip':
        return detectZip(bytes);
      // XHTML pages open with an XML declaration; the text path tells HTML from other XML.
      case 'xml':
        return 'text';
      case 'cfb':
        return detectCompoundFile(bytes);
      default:
        // Weak signatures (mp1, some audio) also match plain text, UTF-16 above all.
        return isReadableText(bytes) ? 'text' : `binary:${type.ext}`;
    }
  }
  if (startsWith(bytes, ZIP_LOCAL_HEADER)) return detectZip(bytes);
  return 'text';
}
