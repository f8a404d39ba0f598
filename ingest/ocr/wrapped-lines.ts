// A narrow cell wraps its text, and the last line often holds one or two characters (完成 / 率).
// Alone, such a scrap is the recogniser's worst case: it has no neighbours to read it by, and
// 率 comes out as 串 or 睾. Read after the line above it, as the cell's text continues, it reads
// right. This finds those pairs and reads them joined.
import type ort from 'onnxruntime-node';
import type { BBox, RuleSegment } from '../layout/types.ts';
import type { GreyImage } from './image.ts';
import { fromCharacters, recognizeLines, type Recognised } from './recognize.ts';

/** A scrap is at most this wide for its height: two characters and their margins. */
const MAX_SCRAP_ASPECT = 2.4;
const MIN_SCRAP_ASPECT = 0.5;
/** The line above may be at most this far above it, in scrap heights. */
const MAX_GAP = 0.9;

const isVertical = (rule: RuleSegment) => Math.abs(rule.x1 - rule.x0) < Math.abs(rule.y1 - rule.y0);

/** A horizontal rule between the two boxes, under the scrap: they are in different cells. */
function ruledApart(above: BBox, scrap: BBox, rules: readonly RuleSegment[]): boolean {
  const x = (scrap[0] + scrap[2]) / 2;
  return rules.some((rule) => !isVertical(rule) && Math.min(rule.x0, rule.x1) <= x && Math.max(rule.x0, rule.x1) >= x && (rule.y0 + rule.y1) / 2 > above[1] && (rule.y0 + rule.y1) / 2 < scrap[3]);
}

/**
 * For each scrap (a short box), the index of the line it continues: the nearest box just above it
 * whose width covers it, of about its height, with no ruling line between them.
 */
export function wrappedScraps(boxes: readonly BBox[], rules: readonly RuleSegment[]): Map<number, number> {
  const pairs = new Map<number, number>();
  for (const [index, scrap] of boxes.entries()) {
    const height = scrap[3] - scrap[1];
    const width = scrap[2] - scrap[0];
    // As tall as text (checked against the line above) and at least half as wide as tall: a
    // character, not a dot or a smudge.
    if (height <= 0 || width > height * MAX_SCRAP_ASPECT || width < height * MIN_SCRAP_ASPECT) continue;
    const middle = (scrap[0] + scrap[2]) / 2;
    let best = -1;
    let bestGap = Infinity;
    for (const [other, above] of boxes.entries()) {
      if (other === index) continue;
      const gap = scrap[1] - above[3];
      const aboveHeight = above[3] - above[1];
      if (gap < -height * 0.3 || gap > height * MAX_GAP) continue;
      if (aboveHeight < height * 0.7 || aboveHeight > height * 1.4) continue;
      if (middle < above[0] || middle > above[2] || above[2] - above[0] <= scrap[2] - scrap[0]) continue;
      if (gap < bestGap && !ruledApart(above, scrap, rules)) {
        best = other;
        bestGap = gap;
      }
    }
    if (best >= 0) pairs.set(index, best);
  }
  return pairs;
}

/** Two line images of the same height side by side. */
export function joinLines(left: GreyImage, right: GreyImage): GreyImage {
  if (left.height !== right.height) throw new Error(`lines of different heights: ${left.height} and ${right.height}`);
  const width = left.width + right.width;
  const data = new Uint8Array(width * left.height);
  for (let y = 0; y < left.height; y++) {
    data.set(left.data.subarray(y * left.width, (y + 1) * left.width), y * width);
    data.set(right.data.subarray(y * right.width, (y + 1) * right.width), y * width + left.width);
  }
  return { data, width, height: left.height };
}

/**
 * The scrap's own reading out of the joined one: what follows the line above's characters, when
 * the joined reading starts with exactly the line above as read alone. Otherwise null: the two
 * readings disagree about the line above, so neither says where the scrap begins. `aboveShare`
 * is the share of the joined image's width that the line above (or its tail) takes.
 */
export function scrapReading(joined: Recognised, above: Recognised, aboveShare: number): Recognised | null {
  const count = above.characters.length;
  if (count === 0 || joined.characters.length <= count) return null;
  if (joined.characters.slice(0, count).join('') !== above.text) return null;
  // The white between the two crops may be read as a space.
  let start = count;
  while (start < joined.characters.length && joined.characters[start]!.trim() === '') start++;
  if (start === joined.characters.length) return null;
  // Positions are shares of the joined image; the scrap's own start at `aboveShare` of it.
  const scale = (position: number) => Math.max(0, (position - aboveShare) / (1 - aboveShare));
  return fromCharacters(joined.characters.slice(start), joined.probabilities.slice(start), joined.positions.slice(start).map(scale));
}

/**
 * Each scrap read again after the line above it, in one batch. `readAlone` gives how a line was
 * read by itself and its tight crop; the result maps a scrap's index to its reading in context.
 */
export async function readScrapsInContext(
  session: ort.InferenceSession,
  characters: string[],
  boxes: readonly BBox[],
  rules: readonly RuleSegment[],
  readAlone: (index: number) => { reading: Recognised; line: GreyImage | null },
): Promise<Map<number, Recognised>> {
  const joined: { scrap: number; tail: Recognised; image: GreyImage; tailShare: number }[] = [];
  for (const [scrap, above] of wrappedScraps(boxes, rules)) {
    const { reading: aboveReading, line: aboveLine } = readAlone(above);
    const right = readAlone(scrap).line;
    if (!aboveLine || !right || aboveReading.characters.length === 0) continue;
    // The last few characters of the line above are context enough, and a long line costs much.
    const { image: left, reading: tail } = lineTail(aboveLine, aboveReading, CONTEXT_CHARACTERS);
    joined.push({ scrap, tail, image: joinLines(left, right), tailShare: left.width / (left.width + right.width) });
  }
  const joinedReadings = await recognizeLines(
    session,
    characters,
    joined.map((pair) => pair.image),
  );
  const readings = new Map<number, Recognised>();
  joined.forEach((pair, n) => {
    const reading = scrapReading(joinedReadings[n]!, pair.tail, pair.tailShare);
    if (reading) readings.set(pair.scrap, reading);
  });
  return readings;
}

/** Characters of the line above kept as context for a scrap. */
const CONTEXT_CHARACTERS = 4;

/**
 * The end of a line image holding its last `count` characters, cut halfway between two characters
 * as the reading placed them, with the reading of what it holds.
 */
export function lineTail(line: GreyImage, reading: Recognised, count: number): { image: GreyImage; reading: Recognised } {
  const keep = reading.characters.length - count;
  if (keep <= 0) return { image: line, reading };
  const cut = Math.round(((reading.positions[keep - 1]! + reading.positions[keep]!) / 2) * line.width);
  const width = line.width - cut;
  const data = new Uint8Array(width * line.height);
  for (let y = 0; y < line.height; y++) data.set(line.data.subarray(y * line.width + cut, (y + 1) * line.width), y * width);
  const share = (position: number) => (position * line.width - cut) / width;
  return {
    image: { data, width, height: line.height },
    reading: fromCharacters(reading.characters.slice(keep), reading.probabilities.slice(keep), reading.positions.slice(keep).map(share)),
  };
}
