// Text detection: the DB (differentiable binarisation) model marks text as a probability map;
// each connected region of it, grown back by the amount the model was trained to shrink text,
// is one line of text. Pages are deskewed before this, so boxes are axis-aligned rectangles.
import ort from 'onnxruntime-node';
import type { BBox } from '../layout/types.ts';
import { labelComponents } from './components.ts';
import { greySharp, toGreyRaw, type GreyImage } from './image.ts';

/** PaddleOCR's DB post-processing defaults. */
const PIXEL_THRESHOLD = 0.3;
const BOX_THRESHOLD = 0.6;
const UNCLIP_RATIO = 1.5;
const MIN_SIDE = 3;
/** Inputs are multiples of 32 (the model downsamples five times). */
const STRIDE = 32;
/**
 * Long side fed to the detector. PaddleOCR's 960 makes 10.5 pt text on an A4 page about 12 px
 * tall, where small digits and punctuation are missed; 1600 keeps it near 20 px at about 2 s a page.
 */
export const DETECTION_LONG_SIDE = 1600;

const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

export async function detectText(session: ort.InferenceSession, image: GreyImage, longSide = DETECTION_LONG_SIDE): Promise<BBox[]> {
  const scale = Math.min(1, longSide / Math.max(image.width, image.height));
  const width = Math.max(STRIDE, Math.round((image.width * scale) / STRIDE) * STRIDE);
  const height = Math.max(STRIDE, Math.round((image.height * scale) / STRIDE) * STRIDE);
  const resized = (await toGreyRaw(greySharp(image).resize({ width, height, fit: 'fill' }))).data;
  const plane = width * height;
  const input = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    // 256 grey levels, so each channel's normalised value is looked up rather than worked out per pixel.
    const normalised = Float32Array.from({ length: 256 }, (_, grey) => (grey / 255 - MEAN[c]!) / STD[c]!);
    const channel = input.subarray(c * plane, (c + 1) * plane);
    for (let i = 0; i < plane; i++) channel[i] = normalised[resized[i]!]!;
  }
  const outputs = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', input, [1, 3, height, width]) });
  const probability = outputs[session.outputNames[0]!]!.data as Float32Array;
  return boxesFromProbability(probability, width, height, image.width / width, image.height / height, image.width, image.height);
}

/** DB post-processing on an axis-aligned page: threshold, regions, score, unclip, scale back. */
export function boxesFromProbability(
  probability: Float32Array,
  width: number,
  height: number,
  scaleX: number,
  scaleY: number,
  pageWidth: number,
  pageHeight: number,
): BBox[] {
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i++) mask[i] = probability[i]! > PIXEL_THRESHOLD ? 1 : 0;
  const { labels, components } = labelComponents(mask, width, height);
  // Scored over the region's own pixels, not its bounding rectangle: a long line of text a little
  // askew has a rectangle mostly empty, and would otherwise be thrown away whole.
  const sums = new Float64Array(components.length);
  for (let i = 0; i < labels.length; i++) if (labels[i]) sums[labels[i]! - 1]! += probability[i]!;
  const boxes: BBox[] = [];
  for (const [index, component] of components.entries()) {
    const w = component.x1 - component.x0 + 1;
    const h = component.y1 - component.y0 + 1;
    if (Math.min(w, h) < MIN_SIDE) continue;
    if (sums[index]! / component.area < BOX_THRESHOLD) continue;
    // The model was trained on text shrunk by this offset (Vatti clipping); growing the rectangle by
    // the same distance restores the text's extent.
    const distance = (w * h * UNCLIP_RATIO) / (2 * (w + h));
    if (Math.min(w, h) + 2 * distance < MIN_SIDE + 2) continue;
    boxes.push([
      clamp((component.x0 - distance) * scaleX, 0, pageWidth),
      clamp((component.y0 - distance) * scaleY, 0, pageHeight),
      clamp((component.x1 + 1 + distance) * scaleX, 0, pageWidth),
      clamp((component.y1 + 1 + distance) * scaleY, 0, pageHeight),
    ]);
  }
  return boxes;
}

function clamp(value: number, low: number, high: number): number {
  return Math.round(Math.min(Math.max(value, low), high));
}
