// PDF pages → grey rasters for OCR, drawn by pdf.js on @napi-rs/canvas. Pages come one at a time (an async generator): a 200 dpi A4 page is 15 MB of
// RGBA, so a long scan is never held whole. The pixels go straight to OCR, with no PNG between.
import { openDocument, toPdfReadError } from './open-document.ts';

/** One byte per pixel, row-major, 0 = black, 255 = white (the shape OCR reads). */
export interface GreyRaster {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface RenderedPage {
  /** 1-based page number. */
  page: number;
  grey: GreyRaster;
  /** Pixels per PDF point. */
  scale: number;
}

/** PDF user space has 72 units to the inch. */
const POINTS_PER_INCH = 72;

interface CanvasAndContext {
  canvas: unknown;
  context: { getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray } };
}

/**
 * RGBA → grey from the red channel, as ocr/image.ts decodes colour scans: red seals (公章) over the
 * text fade to near white while black and blue ink stay dark. Transparent is white paper.
 */
function toGrey(rgba: Uint8ClampedArray, width: number, height: number): GreyRaster {
  const data = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < data.length; i++, j += 4) {
    const alpha = rgba[j + 3]!;
    data[i] = alpha === 255 ? rgba[j]! : Math.round((rgba[j]! * alpha + 255 * (255 - alpha)) / 255);
  }
  return { data, width, height };
}

export async function* renderPdfPages(bytes: Uint8Array, options: { dpi: number; pages?: number[] }): AsyncGenerator<RenderedPage> {
  const doc = await openDocument(bytes);
  try {
    const wanted = options.pages ?? Array.from({ length: doc.numPages }, (_, i) => i + 1);
    for (const number of wanted) {
      if (number < 1 || number > doc.numPages) continue;
      const page = await doc.getPage(number);
      try {
        const viewport = page.getViewport({ scale: options.dpi / POINTS_PER_INCH });
        const width = Math.ceil(viewport.width);
        const height = Math.ceil(viewport.height);
        const factory = (doc as unknown as { canvasFactory: { create(w: number, h: number): CanvasAndContext; destroy(c: CanvasAndContext): void } }).canvasFactory;
        const target = factory.create(width, height);
        try {
          await page.render({ canvasContext: target.context as never, canvas: target.canvas as never, viewport }).promise;
          yield { page: number, grey: toGrey(target.context.getImageData(0, 0, width, height).data, width, height), scale: viewport.scale };
        } finally {
          factory.destroy(target);
        }
      } finally {
        page.cleanup();
      }
    }
  } catch (error) {
    throw toPdfReadError(error);
  } finally {
    await doc.destroy();
  }
}
