// A scan or photo (PNG, JPEG, TIFF, multi-page TIFF) → blocks through OCR and the layout step.
import { IngestError } from '../errors.ts';
import type { IngestLimits, Ingested } from '../index.ts';
import { layoutToBlocks } from '../layout/blocks.ts';
import type { ProgressReporter } from '../layout/types.ts';
import { ocrImagePages } from '../ocr/read-image.ts';

export type ImageFormat = 'png' | 'jpeg' | 'tiff';

/** How far from the end a complete file's end marker may sit (cameras append data after a JPEG's). */
const END_WINDOW = 4096;

function endsWithin(bytes: Uint8Array, marker: number[]): boolean {
  for (let i = bytes.length - marker.length; i >= Math.max(0, bytes.length - END_WINDOW); i--) {
    if (marker.every((byte, k) => bytes[i + k] === byte)) return true;
  }
  return false;
}

/**
 * A PNG closes with its IEND chunk and a JPEG with the EOI marker; without them the file was cut
 * short (an interrupted download), which the decoder would report as damage or half a page.
 */
export function checkImageEnd(bytes: Uint8Array, format: ImageFormat): void {
  const marker = format === 'png' ? [0x49, 0x45, 0x4e, 0x44] : format === 'jpeg' ? [0xff, 0xd9] : null;
  if (marker && !endsWithin(bytes, marker)) {
    throw new IngestError('TRUNCATED', `the ${format.toUpperCase()} image stops before its end: the file was cut short, download or copy it again`);
  }
}

export async function readImageDocument(bytes: Uint8Array, format: ImageFormat, limits: IngestLimits, onProgress?: ProgressReporter): Promise<Omit<Ingested, 'sha256'>> {
  checkImageEnd(bytes, format);
  const pages = await ocrImagePages(bytes, { onProgress, maxPages: limits.maxPages, maxPixels: limits.maxImagePixels });
  return {
    doc: { blocks: layoutToBlocks(pages) },
    format: 'image',
    ocr: true,
    pages: pages.length,
    detail: { detected: format, path: 'image-ocr' },
    pageSizes: pages.map(({ page, width, height }) => ({ page, width, height })),
  };
}
