// Text with no separators at all: a web page or a document-sharing site's preview that ran a
// table's cells together (`产出指标数量指标培训人次≥300人次质量指标…`). Cells are cut where the
// domain's words say a cell begins or ends: level names, column and field labels, values with
// their comparators and units, the 反映… of an explanation, a value written twice (target and
// actual). Every cut is a guess the extractor may undo, and nothing marks rows.
import type { Cell, Table } from '../../schemas/doc.ts';
import { COMPARATORS_LONGEST_FIRST, DAMAGED_COMPARATOR_MARKS } from '../../vocab/comparators.ts';
import { FIELD_SURFACES } from '../../vocab/fields.ts';
import { HEADER_SURFACES } from '../../vocab/headers.ts';
import { LEVEL1_ALIASES, LEVEL2_ALIASES, LEVEL2_PARENT, OTHER_LEVEL1, OTHER_LEVEL2 } from '../../vocab/levels.ts';
import { QUALITATIVE_VALUES } from '../../vocab/values.ts';
import { UNIT_WORDS_LONGEST_FIRST } from '../../vocab/units.ts';
import { textCell } from './lines.ts';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A word that may have wrap spaces between its characters (`可持 续影 响指标`). */
const spaced = (word: string) => [...word].map(escape).join('[ \\u00A0\\u3000]*');
const longestFirst = (words: Iterable<string>) => [...new Set(words)].filter((word) => word.length >= 2).sort((a, b) => b.length - a.length);

// Only words long enough to be cells of their own: `数量`, `管理`, `执行率` stand inside names too.
const LEVEL_WORDS = longestFirst(
  [...Object.keys(LEVEL2_PARENT), ...Object.keys(LEVEL1_ALIASES), ...Object.keys(LEVEL2_ALIASES), ...OTHER_LEVEL1, ...OTHER_LEVEL2].filter((word) => (word.length >= 4 && /(指标|目标)$/.test(word)) || word.length >= 5),
);
const HEADER_WORDS = longestFirst(HEADER_SURFACES.filter((word) => word.length >= 3));
const LABEL_WORDS = longestFirst(FIELD_SURFACES.filter((word) => word.length >= 4).map((label) => label.replace(/^其中:/, '其中[:：]?')));
const SCORE_NOTE = '(?:[ \\u00A0\\u3000]*[(（][ \\u00A0\\u3000]*\\d+(?:-\\d+)?[ \\u00A0\\u3000]*分?[ \\u00A0\\u3000]*[)）][ \\u00A0\\u3000]*分?)?';

// Level names and column labels: a cell of their own. Field labels (项目名称, 项目资金) are cut
// too, but only as a guess: `项目资金` also begins the name 项目资金使用合规性.
const WORD = new RegExp([...LEVEL_WORDS.map((word) => spaced(word) + SCORE_NOTE), ...HEADER_WORDS.map(spaced)].join('|'), 'gu');
const LABEL = new RegExp(LABEL_WORDS.map((word) => (word.includes('[') ? word.replace(/[()]/g, '\\$&') : spaced(word))).join('|'), 'gu');
// The type or direction of a target (是/否, 定量, 正向): a cell of its own in a 指标性质 column.
const VALUE_TYPE = /是\/否|定量|定性|正向|反向/gu;

const COMPARATOR = longestFirst(COMPARATORS_LONGEST_FIRST.map(({ word }) => word)).concat(['≥', '≤', '>', '<', '=', '﹦', '＝']).map(escape).join('|');
const UNIT = UNIT_WORDS_LONGEST_FIRST.map(escape).join('|');
const DAMAGED = DAMAGED_COMPARATOR_MARKS.map(escape).join('');
// A value: an optional comparator (or a mark a lost comparator became), a number, an optional unit.
const VALUE = new RegExp(`(?:(${COMPARATOR})[ \\u00A0\\u3000]*|[${DAMAGED}](?=\\d))?(\\d+(?:[.．]\\d+)?)(?:[ \\u00A0\\u3000]*(?:${UNIT}))?(?:及以上|以上|及以下|以下|以内)?`, 'gu');
// A date target or deadline is one value (`2024年11月底前`, `12月底`), not a year and a month.
const DATE = /\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?(?:底|末)?(?:前|以前|之前)?|\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:底|末|份)?(?:前|以前|之前)?/gu;
// A row number (`指标1`, `目标2:`) belongs to the name after it.
const ORDINAL = /(?:指标|目标)\s*\d{1,2}\s*[:：.、]?/gu;
// Rows that close a form.
const CLOSING = /合计|总计|评价结论|存在问题|改进措施|审核意见|说明(?=[无:：])/gu;
// A form's title ends a piece (`…绩效目标表(2022年度)`); an attachment label starts one.
const TITLE_END = /(?:绩效目标|绩效指标|绩效|绩效目标自评|绩效自评)(?:申报|审批|批复)?表(?:[(（]\d{4}年度?[)）])?/gu;
const PIECE_START = /附件\s*\d*|附表\s*\d*|反映/gu;

interface Cut {
  start: number;
  end: number;
  /** a vocabulary word or a title: the cut around it is firm */
  firm: boolean;
}

/** Where a title ending at `end` begins: after a sentence's end, an attachment label or a closing quote. */
/**
 * Where a title ending at `end` begins: after a sentence's end, an attachment label, a closing
 * quote, or the level name, label or value before it (a title holds none of those).
 */
function titleStart(text: string, end: number, before: ReadonlyArray<{ start: number; end: number }>): number {
  const from = Math.max(0, end - 48);
  let start = from;
  for (const match of text.slice(from, end).matchAll(/[。；;！!？?》」】:：]|附件\s*\d*|附表\s*\d*/gu)) start = from + match.index + match[0].length;
  for (const mark of before) if (mark.end <= end && mark.end > start && mark.start >= from) start = mark.end;
  return start;
}



/** Positions of a text covered by marks: a lookup in constant time, so long texts stay linear. */
class Coverage {
  private readonly covered: Uint8Array;
  constructor(length: number) {
    this.covered = new Uint8Array(length + 1);
  }
  add(start: number, end: number): void {
    this.covered.fill(1, start, end);
  }
  has(at: number): boolean {
    return this.covered[at] === 1;
  }
  overlaps(start: number, end: number): boolean {
    for (let at = start; at < end; at++) if (this.covered[at] === 1) return true;
    return false;
  }
}

function pieces(text: string): Cut[] {
  const marks: Cut[] = [];
  // A form's title is one piece: no word inside it is cut out.
  // Values a title never holds: those with a comparator or a percent.
  const strongValues = [...text.matchAll(VALUE)].filter((match) => match[1] || /(%|％|百分比)$/.test(match[0]));
  const before = [...text.matchAll(WORD), ...strongValues].map((match) => ({ start: match.index, end: match.index + match[0].length })).sort((a, b) => a.end - b.end);
  const titles = new Coverage(text.length);
  for (const match of text.matchAll(TITLE_END)) {
    const end = match.index + match[0].length;
    const start = titleStart(text, end, nearBefore(before, match.index, end - 48));
    marks.push({ start, end, firm: true });
    titles.add(start, end);
  }
  const firm = new Coverage(text.length);
  const addFirm = (start: number, end: number) => {
    marks.push({ start, end, firm: true });
    firm.add(start, end);
  };
  for (const match of text.matchAll(WORD)) if (!titles.has(match.index)) addFirm(match.index, match.index + match[0].length);
  for (const match of text.matchAll(CLOSING)) if (!titles.has(match.index)) addFirm(match.index, match.index + match[0].length);
  for (const pattern of [LABEL, VALUE_TYPE, DATE]) {
    for (const match of text.matchAll(pattern)) if (!titles.has(match.index) && !firm.has(match.index)) marks.push({ start: match.index, end: match.index + match[0].length, firm: false });
  }
  const dated = new Coverage(text.length);
  for (const pattern of [DATE, ORDINAL]) for (const match of text.matchAll(pattern)) dated.add(match.index, match.index + match[0].length);
  for (const match of text.matchAll(VALUE)) {
    if (firm.has(match.index) || titles.has(match.index) || dated.overlaps(match.index, match.index + match[0].length)) continue;
    const comparator = match[1];
    // The comparator is a cell of its own when a form has a 指标方向 column; the extractor joins it back.
    if (comparator) {
      const at = match.index + match[0].indexOf(comparator);
      marks.push({ start: match.index, end: at + comparator.length, firm: false });
      marks.push({ start: at + comparator.length, end: match.index + match[0].length, firm: false });
    } else marks.push({ start: match.index, end: match.index + match[0].length, firm: false });
  }
  for (const match of text.matchAll(PIECE_START)) if (!firm.has(match.index) && !titles.has(match.index)) marks.push({ start: match.index, end: match.index, firm: false });
  // Cut points: the edges of every mark, keeping firm marks whole.
  const inside = new Coverage(text.length);
  const firmStarts = new Set<number>();
  for (const mark of marks) {
    if (mark.firm) {
      inside.add(mark.start + 1, mark.end);
      firmStarts.add(mark.start);
    }
  }
  const cuts = new Set<number>([0, text.length]);
  for (const mark of marks) {
    cuts.add(mark.start);
    if (mark.end > mark.start) cuts.add(mark.end);
  }
  const points = [...cuts].filter((at) => !inside.has(at)).sort((a, b) => a - b);
  const out: Cut[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    if (text.slice(start, end).trim() === '') continue;
    out.push({ start, end, firm: firmStarts.has(start) });
  }
  return out;
}

/** The marks (sorted by end) that end within [from, to). */
function nearBefore(marks: ReadonlyArray<{ start: number; end: number }>, to: number, from: number): Array<{ start: number; end: number }> {
  let low = 0;
  let high = marks.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((marks[mid] as { end: number }).end < from) low = mid + 1;
    else high = mid;
  }
  const out: Array<{ start: number; end: number }> = [];
  for (let i = low; i < marks.length && (marks[i] as { end: number }).end <= to; i++) out.push(marks[i] as { start: number; end: number });
  return out;
}

/** Area names run together (`新罗区永定区上杭县`): a target column each, as a header lists them. */
const PLACE = /[\p{Unified_Ideograph}]{2,4}?(?:街道办事处|街道办|街道|自治县|自治区|区|县|市|镇|乡|村|旗)/gu;

function places(piece: string): string[] {
  const found = piece.match(PLACE) ?? [];
  return found.length >= 2 && found.join('') === piece ? found : [piece];
}

/** A value written twice, as target and actual (`100%100%` is cut by the values; `高高`, `00` here). */
function halves(piece: string): string[] {
  const text = piece.trim();
  if (text.length >= 2 && text.length % 2 === 0 && text.length <= 16) {
    const half = text.slice(0, text.length / 2);
    if (half === text.slice(text.length / 2) && !/[\p{Unified_Ideograph}]{3}/u.test(half)) return [half, half];
  }
  return [piece];
}

const QUALITATIVE = new Set(QUALITATIVE_VALUES);
// Single characters (是, 高) end too many names to be cut off on a guess.
const QUALITATIVE_END = new RegExp(`(${longestFirst(QUALITATIVE_VALUES).map(escape).join('|')})$`, 'u');

/** A qualitative value run onto the end of the text before it (`…影响长远`), cut off as a guess. */
function valueAtEnd(piece: string): string[] {
  const match = QUALITATIVE_END.exec(piece);
  if (!match || piece.length - match[0].length < 4) return [piece];
  return [piece.slice(0, piece.length - match[0].length), match[0]];
}

/**
 * A self-evaluation row run together: 分值, 年度指标值, 全年实际值 — a small score glued to a target
 * the actual repeats (`8550万粒` then `550万粒`): the score is cut off the target.
 */
function scoreGluedToTarget(parts: string[]): string[] {
  const out = [...parts];
  for (let i = 0; i + 1 < out.length; i++) {
    const target = out[i] as string;
    const actual = out[i + 1] as string;
    if (actual.length >= 2 && target.length > actual.length && target.endsWith(actual) && /^\d{1,2}$/.test(target.slice(0, target.length - actual.length)) && /^\d/.test(actual)) {
      out.splice(i, 1, target.slice(0, target.length - actual.length), actual);
      i++;
    }
  }
  return out;
}

/** Two qualitative values run together (`是基本达到`: target 是, actual 基本达到); one value (良好, 优良) stays whole. */
function qualitativePair(piece: string): string[] {
  if (QUALITATIVE.has(piece)) return [piece];
  for (let cut = 1; cut < piece.length; cut++) {
    if (QUALITATIVE.has(piece.slice(0, cut)) && QUALITATIVE.has(piece.slice(cut))) return [piece.slice(0, cut), piece.slice(cut)];
  }
  return [piece];
}

/** Site page numbers at the start of a line (`2、`), as previews insert them at page breaks. */
const PAGE_MARK = /^\d{1,3}、(?=\S)/;

export function readRunTogether(lines: ReadonlyArray<{ text: string; number: number }>): Table {
  const cells: Cell[] = [];
  lines.forEach((line, lineIndex) => {
    const text = lineIndex > 0 || lines.length > 1 ? line.text.replace(PAGE_MARK, '') : line.text;
    const cut = pieces(text).flatMap((piece) => {
      const written = text.slice(piece.start, piece.end);
      const parts = piece.firm ? [written] : places(written).flatMap(halves).flatMap(qualitativePair).flatMap(valueAtEnd);
      return parts.map((part, index) => ({ part, firm: piece.firm && index === 0, lineStart: piece.start === 0 && index === 0 }));
    });
    const parts = scoreGluedToTarget(cut.map((piece) => piece.part));
    let k = 0;
    for (const part of parts) {
      // Pieces split again keep their origin's place; a line break before one is still a guess.
      const origin = cut[k];
      const whole = origin?.part === part;
      const firm = whole && (origin?.firm ?? false);
      const guess = cells.length > 0 && !firm;
      cells.push(textCell(part, line.number, line.number, guess ? (whole && origin?.lineStart ? '\n' : '') : undefined));
      if (whole || origin?.part.endsWith(part)) k++;
    }
  });
  return {
    kind: 'table',
    rows: [cells],
    source: { lineStart: lines[0]?.number, lineEnd: lines[lines.length - 1]?.number },
    layout: { rows: 'none', columns: 'collapsed', rendering: 'concatenated' },
  };
}
