// One task, done: what a reading worker runs (and what tests may call directly).
import sharp from 'sharp';
import { EngineError, extractText, extractTextWithEngine, extractWithEngine, type EngineOptions } from '../../pipeline/index.ts';
import { createLlm } from '../../llm/client.ts';
import { IngestError } from '../../ingest/index.ts';
import { decodeGrey } from '../../ingest/ocr/image.ts';
import { renderPdfPages } from '../../ingest/pdf/read-pdf.ts';
import type { Progress, Task, TaskEngine, TaskOutcome } from './messages.ts';

function engineOptions(engine: TaskEngine | undefined): EngineOptions {
  return { engine: engine?.name ?? 'rules', llm: engine?.llm ? createLlm(engine.llm) : null };
}

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
        if (!task.engine || task.engine.name === 'rules') return { ok: true, extraction: extractText(task.text, task.limits), pageSizes: [] };
        return { ok: true, extraction: await extractTextWithEngine(task.text, engineOptions(task.engine), task.limits), pageSizes: [] };
      } catch (error) {
        if (error instanceof IngestError || error instanceof EngineError) return { ok: false, code: error.code, message: error.message };
        throw error;
      }
    case 'extract': {
      const result = await extractWithEngine({ bytes: task.bytes, filename: task.filename, limits: task.limits, onProgress }, engineOptions(task.engine)).catch((error: unknown) => {
        if (error instanceof EngineError) return { ok: false as const, error: { code: error.code, message: error.message } };
        throw error;
      });
      if (!result.ok) return { ok: false, code: result.error.code, message: result.error.message };
      return { ok: true, extraction: result.extraction, pageSizes: result.pageSizes ?? [] };
    }
    case 'page-image': {
      const png = await pageImage(task.bytes, task.page, task.width).catch(() => null);
      return png ? { ok: true, png } : { ok: false, code: 'NOT_FOUND', message: `page ${task.page} cannot be drawn` };
    }
  }
}
