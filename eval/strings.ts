// Near-miss string scores: Levenshtein distance, and ANLS (average normalized Levenshtein
// similarity), under which a string with one misread character scores close to 1 instead of 0.

/** Edit distance between two strings, by code point. */
export function levenshtein(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  if (left.length === 0) return right.length;
  if (right.length === 0) return left.length;
  let previous = Array.from({ length: right.length + 1 }, (_, j) => j);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (left[i - 1] === right[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[right.length]!;
}

/** Below this similarity a string is a different answer, not a misreading: it scores 0 (ANLS's τ = 0.5). */
const ANLS_THRESHOLD = 0.5;

/** ANLS of one pair: 1 − normalized edit distance, or 0 when that is below the threshold. Both empty: 1. */
export function anls(gold: string, extracted: string): number {
  const length = Math.max([...gold].length, [...extracted].length);
  if (length === 0) return 1;
  const similarity = 1 - levenshtein(gold, extracted) / length;
  return similarity >= ANLS_THRESHOLD ? similarity : 0;
}
