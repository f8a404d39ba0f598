// Whether a PDF page's text layer can be trusted. Scans have none; some PDFs have one whose fonts
// map glyphs to nothing or to private-use code points (garbled copy-paste); both go to OCR.
import type { PageLayout } from '../layout/types.ts';

/** Fewer characters than this on a page with content means there is no real text layer. */
const MIN_CHARACTERS = 10;
/** A larger share of unmapped glyphs means the text layer is garbage. */
const MAX_UNMAPPED_SHARE = 0.3;

// eslint-disable-next-line no-control-regex -- control characters are what a glyph without a Unicode mapping decodes to
const UNMAPPED = /[\uFFFD\uE000-\uF8FF\u0000-\u0008]/g;

export function textLayerQuality(page: PageLayout): { characters: number; unmapped: number } {
  const text = page.boxes.map((box) => box.text).join('');
  const characters = text.replace(/\s+/g, '').length;
  return { characters, unmapped: text.match(UNMAPPED)?.length ?? 0 };
}

export function needsOcr(page: PageLayout): boolean {
  const { characters, unmapped } = textLayerQuality(page);
  return characters < MIN_CHARACTERS || unmapped / characters > MAX_UNMAPPED_SHARE;
}
