// Making a scan or a photo look like a clean scan: even lighting, ink/paper split, and the small
// rotation of a page fed or photographed askew taken out.
import type { GreyImage } from './image.ts';

/**
 * Divides the image by an estimate of its paper brightness, so a photo's shadows and vignetting
 * become white paper and ink keeps its contrast. The paper is estimated per block as a bright
 * percentile (ink never fills a whole block) and interpolated between block centres.
 */
export function flattenLighting(image: GreyImage): GreyImage {
  const { width, height, data } = image;
  const block = Math.max(24, Math.round(Math.max(width, height) / 60));
  const cols = Math.ceil(width / block);
  const rows = Math.ceil(height / block);
  const paper = new Float32Array(cols * rows);
  const histogram = new Uint32Array(256);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      histogram.fill(0);
      let count = 0;
      for (let y = by * block; y < Math.min(height, (by + 1) * block); y++) {
        for (let x = bx * block; x < Math.min(width, (bx + 1) * block); x++) {
          histogram[data[y * width + x]!]!++;
          count++;
        }
      }
      paper[by * cols + bx] = percentile(histogram, count, 0.9);
    }
  }
  const smooth = maxOfNeighbours(paper, cols, rows);
  // Bilinear weights per column are the same on every row: worked out once.
  const left = new Int32Array(width);
  const right = new Int32Array(width);
  const weight = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const fx = Math.min(Math.max((x + 0.5) / block - 0.5, 0), cols - 1);
    left[x] = Math.floor(fx);
    right[x] = Math.min(left[x]! + 1, cols - 1);
    weight[x] = fx - left[x]!;
  }
  const rowPaper = new Float32Array(cols);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) / block - 0.5, 0), rows - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, rows - 1);
    const wy = fy - y0;
    for (let c = 0; c < cols; c++) rowPaper[c] = smooth[y0 * cols + c]! * (1 - wy) + smooth[y1 * cols + c]! * wy;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const wx = weight[x]!;
      const background = Math.max(rowPaper[left[x]!]! * (1 - wx) + rowPaper[right[x]!]! * wx, 1);
      out[row + x] = Math.min(255, Math.round((data[row + x]! * 255) / background));
    }
  }
  return { data: out, width, height };
}

/** Paper lighter than this (after flattening, paper is near 255) is paper: scanner and JPEG noise. */
const WHITE_POINT = 230;
/** The darkest ink is mapped to black, unless it is lighter than this (a page of faint pencil). */
const MAX_BLACK_POINT = 120;

/**
 * Stretches grey levels so the darkest ink is black and near-white is white. The recogniser was
 * trained on dark print; faint, blurred scans (150 dpi JPEG) read markedly better stretched
 * (率 read as 串 at 0.99 becomes 率 at 0.89).
 */
export function stretchContrast(image: GreyImage): GreyImage {
  const histogram = greyHistogram(image.data);
  const black = Math.min(percentile(histogram, image.data.length, 0.01), MAX_BLACK_POINT);
  const span = WHITE_POINT - black;
  const table = new Uint8Array(256);
  for (let value = 0; value < 256; value++) table[value] = Math.round(Math.min(Math.max((value - black) / span, 0), 1) * 255);
  const source = image.data;
  const data = new Uint8Array(source.length);
  for (let i = 0; i < data.length; i++) data[i] = table[source[i]!]!;
  return { ...image, data };
}

/** How many pixels have each grey level. An indexed loop: iterating a typed array with for…of ran several times slower on a page. */
function greyHistogram(data: Uint8Array): Uint32Array {
  const histogram = new Uint32Array(256);
  for (let i = 0; i < data.length; i++) histogram[data[i]!]!++;
  return histogram;
}

function percentile(histogram: Uint32Array, count: number, share: number): number {
  const target = count * share;
  let seen = 0;
  for (let value = 0; value < 256; value++) {
    seen += histogram[value]!;
    if (seen >= target) return value;
  }
  return 255;
}

/** A block that is all ink (a thick bar, a dark cell) borrows its neighbours' paper. */
function maxOfNeighbours(values: Float32Array, cols: number, rows: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      let best = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const ny = y + dy;
          const nx = x + dx;
          if (ny >= 0 && ny < rows && nx >= 0 && nx < cols) best = Math.max(best, values[ny * cols + nx]!);
        }
      }
      out[y * cols + x] = best;
    }
  }
  return out;
}

/** Otsu's threshold: the grey level that best splits the histogram into two classes. */
export function otsuThreshold(image: GreyImage): number {
  const histogram = Float64Array.from(greyHistogram(image.data));
  const total = image.data.length;
  let sumAll = 0;
  for (let value = 0; value < 256; value++) sumAll += value * histogram[value]!;
  let weightBack = 0;
  let sumBack = 0;
  let best = 0;
  let threshold = 128;
  for (let value = 0; value < 256; value++) {
    weightBack += histogram[value]!;
    if (weightBack === 0) continue;
    const weightFore = total - weightBack;
    if (weightFore === 0) break;
    sumBack += value * histogram[value]!;
    const meanBack = sumBack / weightBack;
    const meanFore = (sumAll - sumBack) / weightFore;
    const between = weightBack * weightFore * (meanBack - meanFore) ** 2;
    if (between > best) {
      best = between;
      threshold = value;
    }
  }
  return threshold;
}

/** 1 where there is ink. The threshold is kept below paper grey so an almost empty page stays empty. */
export function binarize(image: GreyImage): Uint8Array {
  const threshold = Math.min(otsuThreshold(image), 200);
  const data = image.data;
  const ink = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) ink[i] = data[i]! <= threshold ? 1 : 0;
  return ink;
}

/** Largest skew looked for, in degrees; beyond this a page was placed sideways, not askew. */
export const MAX_SKEW_DEGREES = 3;

/**
 * The page's skew in degrees (clockwise positive, the way sharp's rotate counts), found as the angle
 * at which the ink's row profile is sharpest: at the right angle every ruling line and text line
 * falls into a few rows. Long horizontal rules dominate the score, which is what we want.
 */
export function estimateSkew(ink: Uint8Array, width: number, height: number): number {
  // A sample of ink pixels is plenty and keeps the search fast on large pages.
  const step = Math.max(1, Math.round(Math.max(width, height) / 1200));
  let samples = 0;
  for (let y = 0; y < height; y += step) for (let x = 0; x < width; x += step) if (ink[y * width + x]) samples++;
  if (samples < 100) return 0;
  // Typed arrays, not pushed lists: the score below runs over them some forty times.
  const xs = new Float64Array(samples);
  const ys = new Float64Array(samples);
  let n = 0;
  for (let y = 0; y < height; y += step) {
    for (let x = 0; x < width; x += step) {
      if (ink[y * width + x]) {
        xs[n] = x - width / 2;
        ys[n++] = y;
      }
    }
  }
  // Bins as wide as the sampling step: finer bins would leave every other one empty at 0° only,
  // and that aliasing alone would make 0° win.
  const bins = new Float64Array(Math.ceil((height + width) / step) + 2);
  const score = (degrees: number): number => {
    const slope = Math.tan((degrees * Math.PI) / 180);
    bins.fill(0);
    const offset = width / 2;
    for (let i = 0; i < xs.length; i++) bins[Math.round((ys[i]! - xs[i]! * slope + offset) / step)]!++;
    let sum = 0;
    for (const count of bins) sum += count * count;
    return sum;
  };
  let best = 0;
  let bestScore = score(0);
  for (let degrees = -MAX_SKEW_DEGREES; degrees <= MAX_SKEW_DEGREES + 1e-9; degrees += 0.1) {
    const value = score(degrees);
    if (value > bestScore * 1.0001) {
      bestScore = value;
      best = degrees;
    }
  }
  const coarse = best;
  for (let degrees = coarse - 0.1; degrees <= coarse + 0.1 + 1e-9; degrees += 0.02) {
    const value = score(degrees);
    if (value > bestScore) {
      bestScore = value;
      best = degrees;
    }
  }
  return Math.round(best * 100) / 100;
}
