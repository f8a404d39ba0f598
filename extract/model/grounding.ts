// Holding the model to its source: every name, description, basis and value it returns must be
// found in the section it read, after the contract's normalisation (NFKC, whitespace removed);
// for OCR text a few misread characters are allowed, but
// not in a number. What is not found is dropped and named.

/** The form strings are compared in: NFKC, no whitespace, no spreadsheet quoting. */
export function groundingForm(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u00A0\u3000|｜]+/g, '');
}

/**
 * The fewest edits that turn `needle` into some substring of `haystack` (Sellers' algorithm:
 * edit distance with a free start and end in the haystack).
 */
export function substringDistance(needle: string, haystack: string): number {
  const pattern = [...needle];
  const text = [...haystack];
  let previous = Array.from({ length: pattern.length + 1 }, (_, i) => i);
  let best = previous[pattern.length]!;
  for (let j = 1; j <= text.length; j++) {
    const current = [0];
    for (let i = 1; i <= pattern.length; i++) {
      current[i] = Math.min(previous[i]! + 1, current[i - 1]! + 1, previous[i - 1]! + (pattern[i - 1] === text[j - 1] ? 0 : 1));
    }
    best = Math.min(best, current[pattern.length]!);
    previous = current;
  }
  return best;
}

/** Edits allowed in OCR text: one per eight characters, at least one; none for a value of three or fewer. */
export function ocrAllowance(length: number): number {
  return length <= 3 ? 0 : Math.max(1, Math.floor(length / 8));
}

export class Grounding {
  private readonly form: string;

  constructor(
    source: string,
    private readonly ocr: boolean,
  ) {
    this.form = groundingForm(source);
  }

  /** The string occurs in the source (empty strings trivially do). */
  holds(text: string): boolean {
    const needle = groundingForm(text);
    if (needle === '' || this.form.includes(needle)) return true;
    if (!this.ocr) return false;
    // A misread character may be forgiven, a different number never: each run of digits must be there as it is.
    const digits = needle.match(/\d+(?:\.\d+)?/g) ?? [];
    if (!digits.every((run) => this.form.includes(run))) return false;
    const allowed = ocrAllowance([...needle].length);
    return allowed > 0 && substringDistance(needle, this.form) <= allowed;
  }
}
