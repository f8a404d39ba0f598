// Text recognition: each detected line is cut out, scaled to the recogniser's 48 px height and read
// by the CTC model; the best class per time step, with repeats and blanks removed, is the text.
import ort from 'onnxruntime-node';
import type { BBox } from '../layout/types.ts';
import { BEST_CLASS, BEST_PROBABILITY } from './best-class.ts';
import { greySharp, toGreyRaw, type GreyImage } from './image.ts';

const HEIGHT = 48;
const MIN_WIDTH = 16;
/** A line wider than this (in 48 px units) is read squeezed; nothing on a page comes near it. */
const MAX_ASPECT = 200;
/**
 * Lines read per model call, bounded by their total width: batching pays for short lines, but a
 * batch of long ones runs slower than the same lines read one by one (measured on 2 cores: eight
 * 120 px lines 6 ms a line batched against 10 alone; 700 px lines 70 ms batched against 37 alone).
 * Lines are sorted by width first so little padding is wasted.
 */
const MAX_BATCH = 8;
const MAX_BATCH_WIDTH = 1024;
/**
 * White added left and right of every line, as a share of its height: a lone character cut tight
 * reads worse than one with the margin the recogniser was trained with.
 */
const PAD = 0.25;
/**
 * White added above and below a line, as a share of its height. With some white around it the
 * recogniser reads most lines as well as tight and the lines come out shorter (less to read); but
 * now and then one of the two crops drops or misreads a character the other gets right (3957m²
 * read as 3957m, ≥120人 as ≥120). So lines are read from the roomy crop, and the unsure ones and
 * values again from the tight one; choose-reading.ts keeps the better reading.
 */
const ROOMY_PAD = 0.15;
const TIGHT_PAD = 0;
/**
 * A line is read again when one of its characters is less likely than this, or it is this short;
 * lines longer than MAX_RETRY_LENGTH are not: a long line costs most to read, and one doubtful
 * character in a sentence matters less than in a value or a label.
 */
const UNSURE_PROBABILITY = 0.9;
const UNSURE_LENGTH = 2;
const MAX_RETRY_LENGTH = 10;

export interface Recognised {
  text: string;
  /** mean probability of the characters read, 0..1 */
  confidence: number;
  /** probability of the least certain character, 0..1 (0 when nothing was read) */
  lowest: number;
  /** the characters read, one entry per class the decoder emitted (so per position) */
  characters: string[];
  /** for each character, its probability */
  probabilities: number[];
  /** for each character, where it was read, as a share (0..1) of the line image's width */
  positions: number[];
}

/** Each grey level as the recogniser takes it, -1..1 (looked up rather than worked out per pixel). */
const NORMALISED = Float32Array.from({ length: 256 }, (_, grey) => grey / 127.5 - 1);

interface Line {
  index: number;
  image: GreyImage;
}

/** The box cut out and scaled to the recogniser's height, keeping its proportions. */
export async function cropLine(image: GreyImage, box: BBox, verticalPad = 0): Promise<GreyImage | null> {
  const left = Math.max(0, Math.floor(box[0]));
  const top = Math.max(0, Math.floor(box[1]));
  const cropWidth = Math.min(image.width, Math.ceil(box[2])) - left;
  const cropHeight = Math.min(image.height, Math.ceil(box[3])) - top;
  if (cropWidth < 2 || cropHeight < 2) return null;
  const pad = Math.round(cropHeight * PAD);
  const padY = Math.round(cropHeight * verticalPad);
  const paddedWidth = cropWidth + 2 * pad;
  const paddedHeight = cropHeight + 2 * padY;
  const width = Math.min(HEIGHT * MAX_ASPECT, Math.max(MIN_WIDTH, Math.ceil((HEIGHT * paddedWidth) / paddedHeight)));
  // Cut and given its white margin here, a copy of a few rows, so that sharp runs once per line (to
  // scale it) rather than twice; the pixels are the ones sharp's extract and extend made.
  const padded = new Uint8Array(paddedWidth * paddedHeight).fill(255);
  for (let y = 0; y < cropHeight; y++) {
    const from = (top + y) * image.width + left;
    padded.set(image.data.subarray(from, from + cropWidth), (padY + y) * paddedWidth + pad);
  }
  return toGreyRaw(greySharp({ data: padded, width: paddedWidth, height: paddedHeight }).resize({ width, height: HEIGHT, fit: 'fill' }));
}

/**
 * Each line read, in width-sorted batches: each step's likeliest class and its probability, decoded.
 */
export async function recognizeLines(
  session: ort.InferenceSession,
  characters: string[],
  lines: GreyImage[],
  onBatch?: (done: number, total: number) => void,
): Promise<Recognised[]> {
  const order = lines.map((image, index): Line => ({ index, image })).sort((a, b) => a.image.width - b.image.width);
  const out: Recognised[] = new Array(lines.length);
  const batches = batchByWidth(order);
  for (const [b, batch] of batches.entries()) {
    const width = batch.at(-1)!.image.width;
    const plane = HEIGHT * width;
    // Padding is 0 after normalisation (mid grey), as PaddleOCR pads.
    const input = new Float32Array(batch.length * 3 * plane);
    batch.forEach(({ image }, n) => {
      // The line's rows into the first channel, then that channel copied to the other two (grey).
      const channel = input.subarray(n * 3 * plane, n * 3 * plane + plane);
      for (let y = 0; y < HEIGHT; y++) {
        const row = y * image.width;
        for (let x = 0; x < image.width; x++) channel[y * width + x] = NORMALISED[image.data[row + x]!]!;
      }
      input.copyWithin(n * 3 * plane + plane, n * 3 * plane, n * 3 * plane + plane);
      input.copyWithin(n * 3 * plane + 2 * plane, n * 3 * plane, n * 3 * plane + plane);
    });
    const outputs = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', input, [batch.length, 3, HEIGHT, width]) }, [BEST_CLASS, BEST_PROBABILITY]);
    const best = outputs[BEST_CLASS]!;
    const steps = best.dims[1]!;
    const classes = best.data as BigInt64Array;
    const probabilities = outputs[BEST_PROBABILITY]!.data as Float32Array;
    batch.forEach(({ index }, n) => {
      out[index] = decodeCtc(classes.subarray(n * steps, (n + 1) * steps), probabilities.subarray(n * steps, (n + 1) * steps), characters);
    });
    onBatch?.(b + 1, batches.length);
  }
  return out;
}

/** Consecutive lines (sorted by width) grouped while the padded batch stays within the limits. */
function batchByWidth(order: readonly Line[]): Line[][] {
  const batches: Line[][] = [];
  let current: Line[] = [];
  for (const line of order) {
    // Sorted by width, so the newest line is the widest: the batch is padded to it.
    if (current.length > 0 && (current.length >= MAX_BATCH || (current.length + 1) * line.image.width > MAX_BATCH_WIDTH)) {
      batches.push(current);
      current = [];
    }
    current.push(line);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** A line's reading from the roomy crop, a second from the tight crop when the first was unsure, and the crops. */
export interface LineReadings {
  first: Recognised;
  retry: Recognised | null;
  /** the line cut out with white around it, scaled to the recogniser's height; null when too small to read */
  line: GreyImage | null;
  /** the line cut out tight, when it was read again */
  tight: GreyImage | null;
}

export async function recognizeBoxes(
  session: ort.InferenceSession,
  characters: string[],
  image: GreyImage,
  boxes: BBox[],
  onBatch?: (done: number, total: number) => void,
  /** lines worth a second reading besides the unsure ones (values, say) */
  alsoRetry: (reading: Recognised) => boolean = () => false,
): Promise<LineReadings[]> {
  const first = await readCrops(session, characters, image, boxes, ROOMY_PAD, onBatch);
  const unsure = boxes.flatMap((box, index) => (isUnsure(first[index]!.reading) || alsoRetry(first[index]!.reading) ? [{ box, index }] : []));
  const retried = await readCrops(
    session,
    characters,
    image,
    unsure.map(({ box }) => box),
    TIGHT_PAD,
  );
  const retryAt = new Map(unsure.map(({ index }, n) => [index, retried[n]!]));
  return first.map(({ reading, line }, index) => ({ first: reading, retry: retryAt.get(index)?.reading ?? null, line, tight: retryAt.get(index)?.line ?? null }));
}

function isUnsure(reading: Recognised): boolean {
  const length = reading.characters.length;
  return length <= UNSURE_LENGTH || (reading.lowest < UNSURE_PROBABILITY && length <= MAX_RETRY_LENGTH);
}

async function readCrops(
  session: ort.InferenceSession,
  characters: string[],
  image: GreyImage,
  boxes: BBox[],
  verticalPad: number,
  onBatch?: (done: number, total: number) => void,
): Promise<{ reading: Recognised; line: GreyImage | null }[]> {
  const crops = await Promise.all(boxes.map((box) => cropLine(image, box, verticalPad)));
  const present = crops.flatMap((crop, index) => (crop ? [{ crop, index }] : []));
  const read = await recognizeLines(
    session,
    characters,
    present.map(({ crop }) => crop),
    onBatch,
  );
  const results = crops.map((line) => ({ reading: fromCharacters([], [], []), line }));
  present.forEach(({ index }, n) => {
    results[index]!.reading = read[n]!;
  });
  return results;
}

/**
 * Greedy CTC decoding from each step's likeliest class and its probability (picked inside the
 * model, best-class.ts): repeats collapse; class 0 (blank) separates.
 */
export function decodeCtc(best: BigInt64Array, probabilities: Float32Array, characters: string[]): Recognised {
  const read: string[] = [];
  const chances: number[] = [];
  const positions: number[] = [];
  const steps = best.length;
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    const chosen = Number(best[t]!);
    if (chosen !== 0 && chosen !== previous) {
      read.push(characters[chosen - 1] ?? '');
      chances.push(probabilities[t]!);
      positions.push((t + 0.5) / steps);
    }
    previous = chosen;
  }
  return fromCharacters(read, chances, positions);
}

/** A reading from its characters, each with its probability and position. */
export function fromCharacters(characters: string[], probabilities: number[], positions: number[]): Recognised {
  if (characters.length === 0) return { text: '', confidence: 0, lowest: 0, characters: [], probabilities: [], positions: [] };
  return {
    text: characters.join(''),
    confidence: probabilities.reduce((sum, p) => sum + p, 0) / probabilities.length,
    lowest: Math.min(...probabilities),
    characters,
    probabilities,
    positions,
  };
}
