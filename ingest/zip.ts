// Guards for zip-based formats (docx, xlsx) before a parser inflates them: the archive must be
// whole, and its parts must not inflate past a limit. Sizes are counted while inflating, not
// taken from the headers, because a zip bomb's headers lie.
import { Unzip, UnzipInflate } from 'fflate';
import { IngestError } from './errors.ts';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

function hasEndOfCentralDirectory(bytes: Uint8Array): boolean {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The record is 22 bytes plus a comment of at most 65535.
  const from = Math.max(0, view.length - 22 - 65535);
  for (let offset = view.length - 22; offset >= from; offset--) {
    if (view.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return true;
  }
  return false;
}

export interface ZipCheck {
  names: string[];
  decompressedBytes: number;
}

/** Inflates every part once, counting, and throws TRUNCATED, CORRUPT or DECOMPRESSED_TOO_LARGE. */
export function checkZip(bytes: Uint8Array, maxDecompressedBytes: number, what: string): ZipCheck {
  if (bytes.byteLength < 22 || !hasEndOfCentralDirectory(bytes)) {
    throw new IngestError('TRUNCATED', `${what} is cut short: its zip directory is missing (an incomplete download or copy?)`);
  }
  const names: string[] = [];
  let total = 0;
  let failure: IngestError | null = null;
  const unzip = new Unzip((file) => {
    names.push(file.name);
    file.ondata = (error, chunk) => {
      if (failure) return;
      if (error) {
        failure = new IngestError('CORRUPT', `${what} is damaged: part ${file.name} cannot be inflated (${error.message})`);
        return;
      }
      total += chunk.byteLength;
      if (total > maxDecompressedBytes) {
        failure = new IngestError(
          'DECOMPRESSED_TOO_LARGE',
          `${what} inflates to more than ${Math.round(maxDecompressedBytes / 1048576)} MB; refusing to read it`,
        );
        file.terminate();
      }
    };
    if (!failure) file.start();
  });
  unzip.register(UnzipInflate);
  // Deflate inflates up to ~1000:1, so small input chunks keep each output chunk small.
  const chunkSize = 1 << 12;
  try {
    for (let offset = 0; offset < bytes.byteLength && !failure; offset += chunkSize) {
      unzip.push(bytes.subarray(offset, offset + chunkSize), offset + chunkSize >= bytes.byteLength);
    }
  } catch (error) {
    failure ??= new IngestError('CORRUPT', `${what} is damaged: ${(error as Error).message}`);
  }
  if (failure) throw failure;
  if (names.length === 0) throw new IngestError('CORRUPT', `${what} holds no parts`);
  return { names, decompressedBytes: total };
}
