// Text normalisation of the contract: every string field goes through normalizeText.

// Characters next to which whitespace vanishes: CJK ideographs, CJK Symbols and Punctuation,
// Halfwidth and Fullwidth Forms, and the typographic quotes, ellipsis, dash and middle dot.
const WIDE = /[\p{Unified_Ideograph}\u3000-\u303F\uFF00-\uFFEF“”‘’…—·]/u;
// A form feed (a PDF's page break as pdftotext writes it) and a vertical tab are whitespace too.
const WHITESPACE_RUN = /[ \t\r\n\f\v\u00A0\u3000]+/g;
const EDGE_WHITESPACE = /^[ \t\r\n\f\v\u00A0\u3000]+|[ \t\r\n\f\v\u00A0\u3000]+$/g;

export function isWide(char: string | undefined): boolean {
  return char !== undefined && WIDE.test(char);
}

function collapseWhitespace(text: string): string {
  const trimmed = text.replace(EDGE_WHITESPACE, '');
  return trimmed.replace(WHITESPACE_RUN, (run, offset: number) => {
    const before = trimmed[offset - 1];
    const after = trimmed[offset + run.length];
    return isWide(before) || isWide(after) ? '' : ' ';
  });
}

/** Spreadsheets wrap multi-line cells in quotes when copied: `"a""b"` → `a"b`. */
export function unquoteSpreadsheet(text: string): string {
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
    return text.slice(1, -1).replace(/""/g, '"');
  }
  return text;
}

const normalized = new Map<string, string>();

export function normalizeText(text: string): string {
  // Forms repeat their cells (levels, bases, blanks): each text is normalised once.
  const known = normalized.get(text);
  if (known !== undefined) return known;
  const collapsed = collapseWhitespace(text);
  const unquoted = unquoteSpreadsheet(collapsed);
  const result = unquoted === collapsed ? collapsed : collapseWhitespace(unquoted);
  if (text.length <= 200) {
    if (normalized.size > 50_000) normalized.clear();
    normalized.set(text, result);
  }
  return result;
}

/** normalizeText, with the empty string as null (optional fields). */
export function normalizeOptional(text: string | null | undefined): string | null {
  if (text == null) return null;
  const normalized = normalizeText(text);
  return normalized === '' ? null : normalized;
}

/** Removes every whitespace character: for labels broken over lines (`经济效益\n指标`). */
export function squeeze(text: string): string {
  return text.replace(/[\s\u00A0\u3000]+/g, '');
}

// Leading list numbering of goal items, any number of layers: 1.  1、 1.. 1.1. （1） (1) 一、 目标1 目标1：
const NUMBERING_LAYER = /^(?:目标\s*[0-9０-９]+\s*[：:、.．]?|[0-9０-９]+(?:[.．][0-9０-９]+)*[.．、]+|[（(][0-9０-９一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)\s*/u;

export function stripNumbering(text: string): string {
  let current = text;
  for (;;) {
    const next = current.replace(NUMBERING_LAYER, '');
    if (next === current) return current;
    current = next;
  }
}
