// Sheet names Excel, WPS and LibreOffice accept: at most 31 characters, none of : \ / ? * [ ],
// not beginning or ending with an apostrophe, not the reserved "History", and no two the same when
// case is ignored (Excel compares names case-insensitively).
const MAX_LENGTH = 31;
// Control characters too: a line break of a project name has no place in a tab.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[:\\/?*[\]\u0000-\u001f\u007f]/g;
const RESERVED = 'history';

/** The name with each forbidden character as a space, blanks run together, outer apostrophes gone. */
function cleaned(name: string): string {
  const text = name.replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '').trim();
  // Excel keeps "History" for the change-tracking sheet.
  return text.toLowerCase() === RESERVED ? `${text} 1` : text;
}

/** At most `length` UTF-16 units (Excel counts those), cut between characters, never inside a surrogate pair. */
function cut(text: string, length: number): string {
  let kept = '';
  for (const char of text) {
    if (kept.length + char.length > length) break;
    kept += char;
  }
  return kept.replace(/'+$/, '').trimEnd();
}

/**
 * Hands out valid, distinct sheet names: the wished-for name cleaned and cut to 31 characters; a
 * name already given gets ` (2)`, ` (3)` … within the 31; an empty one becomes the fallback.
 */
export class SheetNames {
  private readonly taken = new Set<string>();

  constructor(private readonly fallback = 'Sheet') {}

  take(wish: string): string {
    const base = cleaned(wish) || this.fallback;
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : ` (${n})`;
      const name = cut(base, MAX_LENGTH - suffix.length) + suffix;
      if (!this.taken.has(name.toLowerCase())) {
        this.taken.add(name.toLowerCase());
        return name;
      }
    }
  }
}
