// Line helpers shared by the pasted-text readers.

/** Whitespace only (a lone space or full-width space is a blank line, not a cell). */
export function isBlankLine(line: string): boolean {
  return /^[ \u00A0\u3000\r]*$/.test(line);
}

export function splitLines(text: string): string[] {
  return text.split('\n');
}
