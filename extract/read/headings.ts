// Headings around the forms: the title written before a table (not crossing the table before it,
// skipping generic form names, year lines, unit and money lines, site debris), a heading wrapped
// over several lines joined again, and the years headings carry.
import { fieldMatch } from '../../vocab/fields.ts';
import { fold } from '../../vocab/fold.ts';
import { FORM_YEAR, GRID_END, isGenericHeading, MONEY_UNIT_LINE, SITE_DEBRIS, UNIT_LINE } from '../../vocab/furniture.ts';
import { headerMatch } from '../../vocab/headers.ts';
import { normalizeText } from '../normalize.ts';
import type { Token } from './tokens.ts';

/** How many filled cells each row of the stream holds, counted once per stream. */
const filledPerRow = new WeakMap<readonly Token[], Map<string, number>>();

function filledInRow(tokens: readonly Token[], token: Token): number {
  let counts = filledPerRow.get(tokens);
  if (!counts) {
    counts = new Map();
    for (const each of tokens) if (!each.blank) counts.set(`${each.block}:${each.row}`, (counts.get(`${each.block}:${each.row}`) ?? 0) + 1);
    filledPerRow.set(tokens, counts);
  }
  return counts.get(`${token.block}:${token.row}`) ?? 0;
}

/** A token standing alone: a paragraph, the only filled cell of its row, or a title piece of text run together. */
function standsAlone(tokens: readonly Token[], at: number): boolean {
  const token = tokens[at] as Token;
  if (token.paragraph) return true;
  if (token.before === 'soft' || tokens[at + 1]?.before === 'soft' || token.table === null) return endsLikeTitle(token.text);
  if (filledInRow(tokens, token) > 1) return false;
  // A table with no row marks has no lone cells; only a piece that reads as a form's title counts.
  return token.before === 'row' || token.before === 'line' || token.before === 'block' ? true : endsLikeTitle(token.text);
}

function endsLikeTitle(text: string): boolean {
  return /表(\.(docx?|xlsx?|pdf|wps))?([(（]?\s*\d{4}\s*年度?[)）]?)?$/.test(fold(text));
}

const withoutFileType = (text: string) => text.replace(/\.(docx?|xlsx?|pdf|wps)$/i, '');

/** Not a title: empty, generic, a unit, money or year line, a label, debris, a signature. */
export function isHeadingNoise(text: string): boolean {
  const key = fold(withoutFileType(text));
  if (key === '' || isGenericHeading(key) || FORM_YEAR.test(key) || MONEY_UNIT_LINE.test(text.trim()) || UNIT_LINE.test(key)) return true;
  if (SITE_DEBRIS.test(text.trim()) || SITE_DEBRIS.test(key) || GRID_END.test(key)) return true;
  if (fieldMatch(text) || headerMatch(text)) return true;
  const colon = key.search(/[:：]/);
  if (colon > 0 && fieldMatch(key.slice(0, colon))) return true;
  return !/[\p{L}]/u.test(key) || /^[\d\s.:\-/年月日时分]+$/.test(key);
}

function unbalanced(text: string): boolean {
  const open = (text.match(/[(（]/g) ?? []).length;
  const close = (text.match(/[)）]/g) ?? []).length;
  return open !== close;
}

/** A heading wrapped over lines: earlier lines joined while a bracket is left open between them. */
function joinWrapped(tokens: readonly Token[], at: number): string {
  let text = (tokens[at] as Token).text;
  let first = tokens[at] as Token;
  for (let i = at - 1; i >= 0; i--) {
    const previous = tokens[i] as Token;
    if (!previous.paragraph || !first.paragraph || (previous.source.lineEnd ?? -9) !== (first.source.lineStart ?? -1) - 1) break;
    const firstLine = first.text;
    if (isHeadingNoise(previous.text) || previous.text.length > 40) break;
    if (!(unbalanced(previous.text) || unbalanced(firstLine) || /^[(（]/.test(firstLine))) break;
    text = previous.text + text;
    first = previous;
  }
  return text;
}

/** The nearest heading before `from`, looking back no further than `limit`, nor across a grid's end. */
export function titleBefore(tokens: readonly Token[], from: number, limit: number): string | null {
  for (let i = from - 1; i >= limit; i--) {
    const token = tokens[i] as Token;
    if (token.blank) continue;
    if (GRID_END.test(token.key)) return null;
    if (!standsAlone(tokens, i)) continue;
    // A heading written inside a table's first cell may hold a generic line under it.
    const lines = token.raw.split('\n').map(normalizeText);
    if (lines.length > 1) {
      const line = [...lines].reverse().find((candidate) => !isHeadingNoise(candidate));
      if (line) return line;
      continue;
    }
    if (isHeadingNoise(token.text)) continue;
    return joinWrapped(tokens, i);
  }
  return null;
}

/**
 * Where the next form's lead-in begins after a grid: its title, a generic form heading, a year
 * or unit line standing alone. The rows before (totals, conclusions, signatures) close the form
 * before it.
 */
export function nextFormBoundary(tokens: readonly Token[], from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const token = tokens[i] as Token;
    if (token.blank || GRID_END.test(token.key) || !standsAlone(tokens, i)) continue;
    const key = fold(withoutFileType(token.text));
    if (isGenericHeading(key) || FORM_YEAR.test(key) || UNIT_LINE.test(key) || !isHeadingNoise(token.text)) return i;
  }
  return to;
}

const YEAR = /(?<![\d[〔【(（-])((?:19|20)\d{2})(?![\d\]〕】)）])(?!\s*[-—~至到]\s*\d)/g;

export function yearsIn(text: string): number[] {
  return [...text.matchAll(YEAR)].map((match) => Number(match[1]));
}

/** The form's own year: a year line (`（2022年度）`), or the year a form heading carries (`…绩效自评表(2023年度)`). */
export function formYear(tokens: readonly Token[]): number | null {
  for (const [index, token] of tokens.entries()) {
    if (token.blank) continue;
    const line = FORM_YEAR.exec(token.key);
    // The year line of a form (（2022年度）), alone, or right after the form's name where a
    // flattened page keeps them on one line (项目支出绩效自评表 (2022年度)).
    const before = tokens[index - 1];
    if (line?.[1] && (standsAlone(tokens, index) || token.table === null || (before !== undefined && endsLikeTitle(before.text)))) return Number(line[1]);
  }
  for (const [index, token] of tokens.entries()) {
    const key = fold(withoutFileType(token.text));
    if (!/绩效/.test(key) || !endsLikeTitle(key) || !standsAlone(tokens, index)) continue;
    const bracket = /[(（]\s*(\d{4})\s*年度?[)）]$/.exec(key);
    if (bracket?.[1]) return Number(bracket[1]);
    const years = new Set(yearsIn(key.replace(/\d{4}\s*[-—~至到]\s*\d{4}/g, '')));
    if (years.size === 1) return [...years][0] as number;
  }
  return null;
}
