// A line may be read more than once (a tight and a roomy crop, or after the line above it); this
// picks the reading to keep. The surer one wins, with one exception: a reading that is the other
// plus a character or two it dropped. A dropped character does not lower the confidence of what
// remains, so the shorter reading often looks surer (3957m at 1.00 against 3957m² at 0.93).
import type { Recognised } from './recognize.ts';

export interface Candidate {
  reading: Recognised;
  /** the text after corrections */
  text: string;
}

/** Most characters a longer reading may add to count as recovering what the other dropped. */
const MAX_RECOVERED = 2;
/** Each recovered character must have been read at least this surely. */
const MIN_RECOVERED_PROBABILITY = 0.5;

const isBlank = (char: string) => char.trim() === '';
/**
 * Thin marks that a ruling line left after erasing, or a speck at a cell's edge, reads as. At either
 * end of a line such a character is not a recovered one (|3个 is 3个 beside a border, not 13个).
 */
const EDGE_NOISE = new Set(['|', '丨', 'I', 'l', '1', '!', '！', "'", '‘', '’', '.', ',', '，', '、', ':', ';', '-', '一']);

/**
 * True when `longer` reads every character of `shorter` in order, plus one or two more (not
 * blanks), each read with at least MIN_RECOVERED_PROBABILITY.
 */
export function recoversDropped(longer: Recognised, shorter: Recognised): boolean {
  const wanted = shorter.characters.filter((char) => !isBlank(char));
  const visible = longer.characters.flatMap((char, i) => (isBlank(char) ? [] : [i]));
  let matched = 0;
  let added = 0;
  for (const [n, i] of visible.entries()) {
    const char = longer.characters[i]!;
    if (matched < wanted.length && char === wanted[matched]) {
      matched++;
      continue;
    }
    if (longer.probabilities[i]! < MIN_RECOVERED_PROBABILITY) return false;
    if ((n === 0 || n === visible.length - 1) && EDGE_NOISE.has(char)) return false;
    added++;
  }
  return matched === wanted.length && added >= 1 && added <= MAX_RECOVERED;
}

export function chooseReading(candidates: readonly Candidate[]): Candidate {
  let best = candidates.reduce((a, b) => (b.reading.confidence > a.reading.confidence ? b : a));
  for (const candidate of candidates) {
    if (candidate !== best && recoversDropped(candidate.reading, best.reading)) best = candidate;
  }
  return best;
}
