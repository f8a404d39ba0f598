// Decoding scans and photos into one 8-bit grey raster that every later OCR step works on.
import sharp, { type Sharp } from 'sharp';
import { IngestError } from '../errors.ts';

/** One byte per pixel, row-major, 0 = black, 255 = white. */
export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Long side a page is brought down to: more only slows detection without reading better. */
export const MAX_LONG_SIDE = 2500;

/**
 * Pages in an image file (a multi-page TIFF has several; PNG and JPEG one), from its header. sharp's
 * own pixel limit (268 megapixels) is lifted here: it answered an image past it as damaged, when
 * its size is for decodeGrey to judge against the caller's limit, with the size in the message.
 */
export async function countPages(bytes: Uint8Array): Promise<number> {
  try {
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    return meta.pages ?? 1;
  } catch (error) {
    // libpng refuses a header past a million pixels a side before sharp sees it: one page, judged by decodeGrey.
    if (pngDeclaredSize(bytes)) return 1;
    throw error;
  }
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A PNG's size as its IHDR chunk (the first, right after the signature) declares it; null for anything else. */
export function pngDeclaredSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 24 || !PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) return null;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
}

function checkPixels(width: number, height: number, maxPixels: number | undefined): void {
  if (maxPixels !== undefined && width * height > maxPixels) {
    throw new IngestError('IMAGE_TOO_LARGE', `the image is ${width} × ${height} pixels (${BigInt(width) * BigInt(height)}); the limit is ${maxPixels} pixels`);
  }
}

/**
 * One page as grey. The red channel stands in for grey on colour input: the red seals (公章)
 * stamped over Chinese forms then fade to near white instead of blotting out the text under them,
 * while black and blue ink stay dark.
 */
export async function decodeGrey(bytes: Uint8Array, pageIndex = 0, maxLongSide = MAX_LONG_SIDE, maxPixels?: number): Promise<GreyImage> {
  // The size the header declares, checked before a pixel is decoded: a PNG's from its IHDR (libpng
  // refuses sides past a million), any image's from sharp's reading of its header.
  const png = pngDeclaredSize(bytes);
  if (png) checkPixels(png.width, png.height, maxPixels);
  const base = sharp(bytes, { page: pageIndex, limitInputPixels: false }).autoOrient();
  const meta = await base.metadata();
  checkPixels(meta.width ?? 0, meta.pageHeight ?? meta.height ?? 0, maxPixels);
  const colour = (meta.channels ?? 1) >= 3 && meta.space !== 'b-w';
  let pipeline = base.flatten({ background: '#ffffff' });
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  if (Math.max(width, height) > maxLongSide) {
    pipeline = pipeline.resize({ width: maxLongSide, height: maxLongSide, fit: 'inside', kernel: 'lanczos3' });
  }
  pipeline = colour ? pipeline.toColourspace('srgb').extractChannel('red') : pipeline.greyscale();
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected one channel after grey conversion, got ${info.channels}`);
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

/** Turns the image by `degrees` (clockwise positive) about its centre, keeping its size; new corners are white. */
export async function rotateGrey(image: GreyImage, degrees: number): Promise<GreyImage> {
  if (Math.abs(degrees) < 0.01) return image;
  const rotated = await toGreyRaw(greySharp(image).rotate(degrees, { background: '#ffffff' }));
  // sharp enlarges the canvas to hold the turned image; cut it back so page coordinates stay the page's.
  const { width: rw, height: rh } = rotated;
  const left = Math.max(0, Math.floor((rw - image.width) / 2));
  const top = Math.max(0, Math.floor((rh - image.height) / 2));
  const out = new Uint8Array(image.width * image.height).fill(255);
  const copied = Math.min(image.width, rw - left);
  for (let y = 0; y < image.height && y + top < rh; y++) {
    const from = (y + top) * rw + left;
    out.set(rotated.data.subarray(from, from + copied), y * image.width);
  }
  return { data: out, width: image.width, height: image.height };
}

/** A sharp pipeline over a grey image. */
export function greySharp(image: GreyImage): Sharp {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } });
}

/** Runs a pipeline to one-channel raw pixels (sharp otherwise hands back three). */
export async function toGreyRaw(pipeline: Sharp): Promise<GreyImage> {
  const { data, info } = await pipeline.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected one channel, got ${info.channels}`);
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

/** The image scaled by `factor` (Lanczos). */
export function resizeGrey(image: GreyImage, factor: number): Promise<GreyImage> {
  return toGreyRaw(greySharp(image).resize({ width: Math.round(image.width * factor), height: Math.round(image.height * factor), kernel: 'lanczos3' }));
}

/** PNG bytes of a grey image, for debugging and tests. */
export async function encodePng(image: GreyImage): Promise<Uint8Array> {
  const png = await greySharp(image).toColourspace('b-w').png().toBuffer();
  return new Uint8Array(png);
}
