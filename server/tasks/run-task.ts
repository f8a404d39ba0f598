// One task, done: what a reading worker runs (and what tests may call directly).
import sharp from 'sharp';
import { extract, extractText } from '../../extract/index.ts';
import { IngestError } from '../../ingest/index.ts';
import { decodeGrey } from '../../ingest/ocr/image.ts';
import { renderPdfPages } from '../../ingest/pdf/read-pdf.ts';
import type { Progress, Task, TaskOutcome } from './messages.ts';

/** PDF pages are drawn at this resolution before scaling to the asked width. */
const PAGE_DPI = 110;

async function pageImage(bytes: Uint8Array, page: number, width: number): Promise<Uint8Array | null> {
  const isPdf = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1').includes('%PDF-');
  let grey: { data: Uint8Array; width: number; height: number } | null = null;
  if (isPdf) {
    for await (const rendered of renderPdfPages(bytes, { dpi: PAGE_DPI, pages: [page] })) grey = rendered.grey;
  } else {
    grey = await decodeGrey(bytes, page - 1);
  }
  if (!grey) return null;
  const png = await sharp(grey.data, { raw: { width: grey.width, height: grey.height, channels: 1 } })
    .resize({ width: Math.min(width, grey.width) })
    .png({ compressionLevel: 6 })
    .toBuffer();
  return new Uint8Array(png);
}

export async function runTask(task: Task, onProgress: (progress: Progress) => void): Promise<TaskOutcome> {
  switch (task.kind) {
    case 'extract-text':
      try {
        return { ok: true, extraction: extractText(task.text, task.limits), pageSizes: [] };
      } catch (error) {
        if (error instanceof IngestError) return { ok: false, code: error.code, message: error.message };
        throw error;
      }
    case 'extract': {
      const result = await extract({ bytes: task.bytes, filename: task.filename, limits: task.limits, onProgress });
      if (!result.ok) return { ok: false, code: result.error.code, message: result.error.message };
      return { ok: true, extraction: result.extraction, pageSizes: result.pageSizes ?? [] };
    }
    case 'page-image': {
      const png = await pageImage(task.bytes, task.page, task.width).catch(() => null);
      return png ? { ok: true, png } : { ok: false, code: 'NOT_FOUND', message: `page ${task.page} cannot be drawn` };
    }
  }
}
