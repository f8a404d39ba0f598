// Comparing the words of cells: keys without punctuation, word lists, edit distance.
const PUNCTUATION_AND_SPACE = /[\s\u00A0\u3000\p{P}\p{S}]/gu;

/** A key for "the same words": whitespace, punctuation and symbols removed. */
export function compareKey(text: string | null | undefined): string {
  return (text ?? '').replace(PUNCTUATION_AND_SPACE, '');
}

/** The first of the words the text contains, or null. */
export function containsAny(text: string | null | undefined, words: readonly string[]): string | null {
  if (!text) return null;
  return words.find((word) => text.includes(word)) ?? null;
}

export function hasDigit(text: string): boolean {
  return /[0-9０-９]/.test(text);
}

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  let previous = Array.from({ length: right.length + 1 }, (_, j) => j);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      const cost = left[i - 1] === right[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}
