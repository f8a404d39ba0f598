// A form's header fields (项目名称, 实施单位, 年度资金总额, 年度目标 …), read by their labels
// wherever the value sits: in the same cell after a colon, in the next cell, or in the row below
// a row of labels (年度总体目标 | 年初设定目标 | 完成情况 over the two texts). Money rows of a budget
// block take the cell under its 全年预算数-like column. Where a form gives a field twice (the
// whole project's and the year's amount), the year's wins.
import type { SpendingPlanEntry } from '../../schemas/extraction.ts';
import { DOCUMENT_UNIT_LABELS, fieldKey, fieldMatch, mayBeginField, type FieldMatch, type FormField } from '../../vocab/fields.ts';
import { FORM_TITLE, GRID_END, MONEY_UNIT_LINE, SITE_DEBRIS, UNIT_LINE } from '../../vocab/furniture.ts';
import { normalizeText } from '../normalize.ts';
import { parseNumeric } from '../values.ts';
import { parseAmount } from './amounts.ts';
import { classify, ownCell } from './classify.ts';
import { joinedRaw, wrapsOnto, type Token } from './tokens.ts';

export interface FieldValue {
  text: string;
  rank: number;
  /** the label as written */
  label: string;
  at: number;
  /** the tokens [start, end) the value was read from (the label's own cell when written after it there); absent for a blank */
  cells?: TokenRange;
}

/** Tokens [start, end) of the stream. */
export interface TokenRange {
  start: number;
  end: number;
}

export interface FormFields {
  values: Partial<Record<FormField, FieldValue>>;
  /** the label of the goals field as written, and its items (cells, not yet split into goals) */
  goalCells: string[];
  goalsLabel: string | null;
  /** a 304001… line over the table */
  unitLine: string | null;
  /** the value of a label that names the document's own unit (填报单位, 部门名称 …) */
  documentUnit: FieldValue | null;
  spendingPlan: SpendingPlanEntry[] | null;
  /** 金额单位：元 over the table */
  moneyUnit: '元' | '万元' | null;
  purpose: string | null;
}

interface LabelItem {
  kind: 'label';
  match: FieldMatch;
  label: string;
  at: number;
  end: number;
  /** the value written in the same cell after the label */
  inline: string | null;
  row: string;
}

interface ValueItem {
  kind: 'value';
  text: string;
  /** as read, line breaks kept (goal cells list their items on lines) */
  raw: string;
  at: number;
  /** one past the last token of the value (a wrapped value runs over several) */
  end: number;
  blank: boolean;
  row: string;
}

/** A grid or a paragraph between two stretches of a form: no value runs on across it. */
interface Barrier {
  kind: 'barrier';
  /** a grid skipped, or a new block (a paragraph, another table) */
  reason: 'grid' | 'block';
}

type Item = LabelItem | ValueItem | Barrier;

const PERIOD = /^\d{1,2}月(底|末)?$/;

/**
 * Label text then value text in one cell: `年度资金总额:50万`, `填报单位(盖章): 某局`, or an
 * amount written straight after its label (`其中：财政资金600万元`).
 */
function splitInline(text: string): { label: string; match: FieldMatch; value: string } | null {
  const colon = text.search(/[:：]/);
  if (colon > 0) {
    const label = text.slice(0, colon);
    const match = fieldMatch(label);
    if (match) return { label, match, value: text.slice(colon + 1).trim() };
  }
  const amount = /^(.{2,14}?)\s*([0-9０-９][0-9０-９.,，]*\s*(万元|元|万)?)$/.exec(text);
  const match = amount?.[1] ? fieldMatch(amount[1]) : null;
  return match && amount?.[1] && amount[2] ? { label: amount[1], match, value: amount[2] } : null;
}

/** Where each row of the stream starts: tokens of one row share this key. */
function rowKey(token: Token): string {
  return `${token.block}:${token.row}`;
}

function itemsOf(tokens: readonly Token[], start: number, end: number, skip: (at: number) => boolean): Item[] {
  const items: Item[] = [];
  const barrier = (reason: Barrier['reason']) => {
    const last = items[items.length - 1];
    if (last?.kind === 'barrier') {
      if (reason === 'grid') last.reason = 'grid';
    } else if (items.length > 0) items.push({ kind: 'barrier', reason });
  };
  for (let i = start; i < end; ) {
    if (skip(i)) {
      barrier('grid');
      i++;
      continue;
    }
    const token = tokens[i] as Token;
    if (token.before === 'block') barrier('block');
    if (token.blank) {
      items.push({ kind: 'value', text: '', raw: '', at: i, end: i + 1, blank: true, row: rowKey(token) });
      i++;
      continue;
    }
    // A label wrapped over two or three cells (`年度预` / `算申请` / `(万元)`), longest first.
    let matched: LabelItem | null = null;
    // Only short pieces make a wrapped label.
    const longest = !mayBeginField(token.key) ? 0 : token.text.length <= 10 ? 3 : 1;
    for (let length = longest; length >= 1 && !matched; length--) {
      if (i + length > end) continue;
      let crosses = false;
      for (let k = i + 1; k < i + length; k++) {
        const next = tokens[k] as Token;
        if (next.blank || next.before === 'block' || next.before === 'row' || skip(k)) crosses = true;
      }
      if (crosses) continue;
      const text = joinedRaw(tokens, i, i + length);
      const match = fieldMatch(text);
      if (match) matched = { kind: 'label', match, label: normalizeText(text), at: i, end: i + length, inline: null, row: rowKey(token) };
    }
    // A label a PDF wrapped around its value, the value printed between its lines
    // (`项目负责人及联系` / `李艳军 2154350` / `电话`): the label in its first line's place, the value after.
    if (!matched && token.rendering === 'plain-lines' && token.key.length >= 4 && !fieldMatch(token.text)) {
      const value = tokens[i + 1];
      const rest = tokens[i + 2];
      if (value && rest && i + 2 < end && !skip(i + 1) && !skip(i + 2) && !value.blank && rest.key.length <= 4 && !fieldMatch(value.text)) {
        const match = fieldMatch(token.text + rest.text);
        if (match && match.field !== 'other-label') {
          items.push({ kind: 'label', match, label: normalizeText(token.text + rest.text), at: i, end: i + 1, inline: null, row: rowKey(token) });
          items.push({ kind: 'value', text: value.text, raw: value.raw, at: i + 1, end: i + 2, blank: false, row: rowKey(value) });
          i += 3;
          continue;
        }
      }
    }
    if (matched) {
      items.push(matched);
      i = matched.end;
      continue;
    }
    const inline = splitInline(token.text);
    if (inline) {
      items.push({ kind: 'label', match: inline.match, label: inline.label, at: i, end: i + 1, inline: null, row: rowKey(token) });
      // The rest may itself be a label with its value (`填报单位(盖章): 单位负责人:谭呈祥`).
      const rest = splitInline(inline.value);
      if (rest) {
        items.push({ kind: 'value', text: '', raw: '', at: i, end: i + 1, blank: true, row: rowKey(token) });
        items.push({ kind: 'label', match: rest.match, label: rest.label, at: i, end: i + 1, inline: rest.value, row: rowKey(token) });
      } else (items[items.length - 1] as LabelItem).inline = inline.value;
      i++;
      continue;
    }
    // A combined label (`实施单位/项目负责人`) followed by a combined value (`原州区农技中心/杨勃兴`).
    if (token.text.includes('/')) {
      const parts = token.text.split('/');
      const matches = parts.map((part) => fieldMatch(part));
      if (parts.length === 2 && matches.every(Boolean)) {
        const next = tokens[i + 1];
        const values = next && !next.blank ? next.text.split('/') : [];
        if (values.length === 2) {
          parts.forEach((part, k) => items.push({ kind: 'label', match: matches[k] as FieldMatch, label: part, at: i, end: i + 2, inline: values[k] ?? null, row: rowKey(token) }));
          i += 2;
          continue;
        }
      }
    }
    // Text run together was cut at guesses: a field's value is all the text up to the next label,
    // though amounts side by side (a money row's cells) stay apart.
    const previous = items[items.length - 1];
    // A value a PDF wrapped onto the next line (`2022年度商务活动及外贸发展专项经` / `费`, a goal's
    // sentence `…出口等各` / `项考核指标。`).
    if (previous?.kind === 'value' && !previous.blank && previous.at === i - 1 && (wrapsOnto(tokens, i, ownCell) || sentenceRunsOn(previous.raw, token))) {
      previous.raw += token.raw;
      previous.text = normalizeText(previous.raw);
      previous.end = i + 1;
      i++;
      continue;
    }
    if (token.before === 'soft' && previous?.kind === 'value' && !previous.blank && !(classify(previous.text).valueShaped && classify(token.text).valueShaped)) {
      previous.raw += token.gap + token.raw;
      previous.text = normalizeText(previous.raw);
      previous.end = i + 1;
      i++;
      continue;
    }
    items.push({ kind: 'value', text: token.text, raw: token.raw, at: i, end: i + 1, blank: false, row: rowKey(token) });
    i++;
  }
  return items;
}

const MONEY: ReadonlySet<FormField> = new Set(['total', 'fiscal', 'other']);
const PERSON_AND_PHONE = /^\p{Unified_Ideograph}{2,4}\s*[(（]?[\d\-—]{7,}[)）]?$/u;
const GOAL_FAMILY: ReadonlySet<FormField> = new Set(['goals', 'midGoals']);

/** A sentence a PDF's cells a line each wrapped: a long line with no end, then its rest (not a new numbered item). */
function sentenceRunsOn(before: string, token: Token): boolean {
  if (token.rendering !== 'plain-lines' || token.blank || token.before === 'block') return false;
  if (before.length < 20 || /[。；;！!？?.:：]\s*$/.test(before) || UNIT_LINE.test(before)) return false;
  // Form furniture is never the rest of a sentence (单位：万元, a unit line, a signature).
  if (MONEY_UNIT_LINE.test(token.key.replace(/:/g, '：')) || UNIT_LINE.test(token.text) || GRID_END.test(token.key) || FORM_TITLE.test(token.key)) return false;
  const cell = classify(token.text);
  return !/^([0-9０-９]+[.、．]|[（(][0-9一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|目标\d)/.test(token.text) && !cell.level && !cell.header && !cell.field && !cell.comparatorOnly && (!cell.valueShaped || token.text.length > 8);
}

/** Whether a label's value can be this text: money takes an amount (or a dash), other fields no bare amount. */
function accepts(label: LabelItem, text: string): boolean {
  // An amount, or the fund it comes from with the amount after it (中央衔接推进乡村振兴补助资金(…)50).
  const amount = parseNumeric(normalizeText(text).replace(/^[:：]/, '')) !== null || parseAmount(text) !== null || /^[-—–/]$/.test(text.trim());
  // A project code is letters and digits (13060526P00003110004W), never a phrase.
  if (label.match.field === 'code') return !/\p{Script=Han}{3}/u.test(text);
  // A person with a phone number (李艳军 2154350) is who answers for the project, nothing else.
  if (PERSON_AND_PHONE.test(text.trim())) return label.match.field === 'owner' || label.match.field === 'phone';
  if (MONEY.has(label.match.field)) return amount;
  // Other fields take no bare amount; words that start with a year (2022年度…经费) are no amount.
  const bare = /^[:：]?\s*[-+]?[0-9０-９][0-9０-９.,，]*\s*(万元|元|万|%)?$/.test(text.trim()) || /^[-—–/]$/.test(text.trim());
  return label.match.field === 'goals' || label.match.field === 'midGoals' || label.match.field === 'other-label' || !bare;
}

/**
 * A label that only heads the labels after it on its row (资金情况, 总体目标 over 中期目标 | 年度目标);
 * a goal beside its completion column (年度目标 | 年度总体目标完成情况) heads nothing.
 */
function isCaption(label: LabelItem, after: readonly LabelItem[]): boolean {
  const next = after[0];
  if (!next) return false;
  if (label.match.field === 'budgetSection' || label.match.field === 'budgetAndPurpose') return true;
  // 年度预算数(万元) over 年初预算 | 调整后预算数 | 预算执行数 and then the block's rows (总额 …): it
  // names the block, its rows hold the amounts.
  if (MONEY.has(label.match.field) && next.match.field === 'budgetColumn' && after.some((later) => MONEY.has(later.match.field))) return true;
  return label.match.field === 'goals' && GOAL_FAMILY.has(next.match.field);
}

export function readFields(tokens: readonly Token[], start: number, end: number, skip: (at: number) => boolean): FormFields {
  const fields: FormFields = { values: {}, goalCells: [], goalsLabel: null, unitLine: null, documentUnit: null, spendingPlan: null, moneyUnit: null, purpose: null };
  const items = itemsOf(tokens, start, end, skip);
  let budgetColumns: LabelItem[] | null = null;
  let purposeNext = false;

  const rowOf = new Map<FormField, string>();
  /** The label's value: `from` is the value item it was read from, or the label itself when written after it in its cell. */
  const set = (label: LabelItem, text: string, from: ValueItem | LabelItem | null = null) => {
    const field = label.match.field;
    if (field === 'other-label' || field === 'budgetSection' || field === 'budgetColumn' || field === 'budgetAndPurpose' || field === 'spendingPlan') return;
    const value = normalizeText(text);
    if (field === 'goals' || field === 'midGoals') return;
    const current = fields.values[field];
    if (value === '' && current) return;
    // Side by side, the whole project's block comes first and the year's after it (中期 | 年度):
    // of two labels of one rank on one row, the later wins.
    const sideBySide = current && label.match.rank === current.rank && rowOf.get(field) === label.row;
    if (!current || label.match.rank > current.rank || (current.text === '' && value !== '') || sideBySide) {
      fields.values[field] = { text: value, rank: label.match.rank, label: label.label, at: label.at };
      if (from && value !== '') fields.values[field].cells = { start: from.at, end: from.end };
      rowOf.set(field, label.row);
    }
    if (field === 'unit' && DOCUMENT_UNIT_LABELS.has(fieldKey(label.label).replace(/^其中:?/, '')) && value !== '' && !fields.documentUnit) {
      fields.documentUnit = { text: value, rank: label.match.rank, label: label.label, at: label.at };
    }
  };
  const setGoals = (label: LabelItem, cells: readonly string[]) => {
    if (label.match.field !== 'goals') return;
    const filled = cells.map(normalizeText).filter((cell) => cell !== '');
    if (filled.length === 0) return;
    const rank = label.match.rank;
    const current = fields.values.goals?.rank ?? -1;
    if (rank > current) {
      fields.values.goals = { text: filled.join('\n'), rank, label: label.label, at: label.at };
      fields.goalCells = cells.filter((cell) => normalizeText(cell) !== '');
      fields.goalsLabel = label.label;
    }
  };
  /** A money row of a budget block: the cell under the column that holds the year's budget. */
  const moneyValue = (values: readonly ValueItem[]): ValueItem | null => {
    const filled = values.filter((value) => !value.blank);
    if (budgetColumns && filled.length >= 2) {
      let bestIndex = 0;
      let bestRank = -1;
      budgetColumns.forEach((column, index) => {
        if (column.match.rank > bestRank) [bestIndex, bestRank] = [index, column.match.rank];
      });
      const positional = values.slice(values.findIndex((value) => !value.blank));
      return positional[bestIndex] ?? filled[0] ?? null;
    }
    return filled[0] ?? null;
  };

  // Unit lines and money lines count wherever they stand, but not as a label's value.
  items.forEach((item, index) => {
    if (item.kind !== 'value' || item.blank) return;
    const before = items[index - 1];
    const labelled = before?.kind === 'label' && before.row === item.row;
    if (!labelled && UNIT_LINE.test(item.text)) fields.unitLine ??= item.text;
    const money = MONEY_UNIT_LINE.exec((tokens[item.at] as Token).key.replace(/:/g, '：'));
    if (money) fields.moneyUnit ??= money[1] as '元' | '万元';
  });
  /** The items of the row that starts at `from`: its labels and values, and where it ends. */
  const rowItems = (from: number) => {
    const key = (items[from] as LabelItem | ValueItem).row;
    let end = from;
    while (end < items.length && items[end]?.kind !== 'barrier' && (items[end] as LabelItem | ValueItem).row === key) end++;
    const slice = items.slice(from, end) as Array<LabelItem | ValueItem>;
    return { labels: slice.filter((item): item is LabelItem => item.kind === 'label'), values: slice.filter((item): item is ValueItem => item.kind === 'value'), end };
  };
  /** Labels and the values after them, in the same order: in an exact grid by column. */
  const pairRows = (all: readonly LabelItem[], values: readonly ValueItem[]) => {
    const own = all.filter((label, index) => label.inline === null && !isCaption(label, all.slice(index + 1)) && label.match.field !== 'budgetColumn');
    const filled = values.filter((value) => !value.blank);
    const colOf = (at: number) => (tokens[at] as Token).col;
    if ([...own.map((label) => label.at), ...filled.map((value) => value.at)].every((at) => colOf(at) !== null)) {
      for (const label of own) {
        const mine = filled.filter((value) => colOf(value.at) === colOf(label.at));
        if (label.match.field === 'goals') setGoals(label, mine.map((value) => value.raw));
        else set(label, mine[0]?.raw ?? '', mine[0] ?? null);
      }
      return;
    }
    const per = filled.length > own.length && filled.length % own.length === 0 ? filled.length / own.length : 1;
    if (per > 1) {
      own.forEach((label, index) => {
        const mine = filled.slice(index * per, (index + 1) * per);
        if (label.match.field === 'goals') setGoals(label, mine.map((value) => value.raw));
        else set(label, mine[0]?.raw ?? '', mine[0] ?? null);
      });
      return;
    }
    // In order, each value to the first label still open that can hold it: a label whose empty
    // cell was collapsed away (其他资金 with no amount) is passed by, and one whose value a PDF
    // printed later (项目名称 | 项目负责人 | 李艳军 2154350 | 2022年度…经费) takes it then.
    const taken = new Set<number>();
    for (const value of filled) {
      let index = 0;
      while (index < own.length && (taken.has(index) || !accepts(own[index] as LabelItem, value.text))) index++;
      const label = own[index];
      if (!label) break;
      taken.add(index);
      if (label.match.field === 'goals') setGoals(label, [value.raw]);
      else set(label, value.raw, value);
    }
    own.forEach((label, index) => {
      if (!taken.has(index)) set(label, '');
    });
  };
  const rowHasMore = (label: LabelItem) => {
    const next = items[items.indexOf(label) + 1];
    return next !== undefined && next.kind !== 'barrier' && next.row === label.row;
  };

  for (let i = 0; i < items.length; ) {
    const item = items[i] as Item;
    if (item.kind === 'barrier') {
      purposeNext = false;
      i++;
      continue;
    }
    if (item.kind === 'value') {
      if (!item.blank && purposeNext && !SITE_DEBRIS.test(item.text) && !GRID_END.test(item.text) && item.text.length > 4 && !UNIT_LINE.test(item.text)) {
        fields.purpose ??= item.text;
        purposeNext = false;
      }
      i++;
      continue;
    }
    // A run of labels, then the run of values after them.
    // A row of labels only, over a row of values: paired by column (or in order).
    const previous = items[i - 1];
    const startsRow = !previous || previous.kind === 'barrier' || previous.row !== item.row;
    const row = rowItems(i);
    const next = row.end < items.length && items[row.end]?.kind !== 'barrier' ? rowItems(row.end) : null;
    const labelRow = startsRow && row.labels.length >= 2 && row.labels.every((label) => label.inline === null) && row.values.every((value) => value.blank);
    if (labelRow && next && next.labels.length === 0 && next.values.some((value) => !value.blank)) {
      pairRows(row.labels, next.values);
      i = next.end;
      continue;
    }
    // Labels on one row; a label ending its row with nothing after it (a collapsed empty cell)
    // does not take the next row's values.
    const labels: LabelItem[] = [];
    while (i < items.length && items[i]?.kind === 'label' && (labels.length === 0 || (items[i] as LabelItem).row === labels[0]?.row)) labels.push(items[i++] as LabelItem);
    if (i < items.length && items[i]?.kind === 'label') {
      for (const label of labels) if (label.inline !== null) set(label, label.inline, label);
      // A budget block's row of column labels (年初预算 | 调整后预算数 | 预算执行数 …) over its rows.
      const heads = labels.filter((label) => label.match.field === 'budgetColumn');
      if (heads.length >= 2) budgetColumns = heads;
      continue;
    }
    const last = labels[labels.length - 1] as LabelItem;
    // A label with cells after it on its own row takes its value from that row only; the rest
    // of the stretch is another field's, or unlabelled (the purpose under 预算规模及资金用途).
    const sameRow = rowHasMore(last) && labels.length === 1 && last.match.field !== 'goals' && last.match.field !== 'spendingPlan';
    const values: ValueItem[] = [];
    while (i < items.length && items[i]?.kind === 'value' && (!sameRow || (items[i] as ValueItem).row === last.row)) values.push(items[i++] as ValueItem);
    // A label that is a paragraph of its own (项目名称 on one line, its value on the next) takes
    // the paragraph after it.
    const lone = labels.length === 1 && last.inline === null && values.length === 0 && (tokens[last.at] as Token).paragraph;
    const after = items[i + 1];
    if (lone && items[i]?.kind === 'barrier' && (items[i] as Barrier).reason === 'block' && after?.kind === 'value' && !after.blank && (tokens[after.at] as Token).paragraph) {
      values.push(after);
      i += 2;
    }
    // Trailing blanks are padding; leading blanks stand under caption cells.
    while (values.length > 0 && values[values.length - 1]?.blank) values.pop();

    const columns = labels.filter((label) => label.match.field === 'budgetColumn');
    if (columns.length >= 2) budgetColumns = columns;
    if (labels.some((label) => label.match.field === 'budgetAndPurpose')) purposeNext = true;
    const plan = labels.find((label) => label.match.field === 'spendingPlan');
    if (plan) {
      fields.spendingPlan = readPlan(values, tokens);
      continue;
    }
    const own = labels.filter((label, index) => label.inline === null && !isCaption(label, labels.slice(index + 1)) && label.match.field !== 'budgetColumn');
    for (const label of labels) {
      if (label.inline !== null) {
        if (label.match.field === 'goals') setGoals(label, [label.inline]);
        else set(label, label.inline, label);
      }
    }
    if (own.length === 0) continue;
    const filled = values.filter((value) => !value.blank);
    if (own.length === 1) {
      const label = own[0] as LabelItem;
      if (label.match.field === 'goals') {
        // Word's flattening can leave the rest of a goal cell as a paragraph before the grid.
        const cells = filled.map((value) => value.raw);
        const isBarrier = (item: Item | undefined, reason: Barrier['reason']) => item?.kind === 'barrier' && item.reason === reason;
        while (isBarrier(items[i], 'block') && items[i + 1]?.kind === 'value' && (tokens[(items[i + 1] as ValueItem).at] as Token).paragraph && isBarrier(items[i + 2], 'grid')) {
          cells.push((items[i + 1] as ValueItem).raw);
          i += 2;
        }
        setGoals(label, cells);
      } else if (MONEY.has(label.match.field)) {
        // A money cell that holds no amount (a collapsed empty cell) leaves the text after it alone.
        const money = moneyValue(values);
        const text = money?.text ?? '';
        if (text !== '' && parseNumeric(text.replace(/^[:：]/, '')) === null && parseAmount(text) === null && text.length > 12) {
          set(label, '');
          if (purposeNext) {
            fields.purpose ??= text;
            purposeNext = false;
          }
        } else set(label, text, money);
      }
      else set(label, filled[0]?.text ?? '', filled[0] ?? null);
      continue;
    }
    pairRows(own, values);
  }
  return fields;
}

/** 资金支出计划: the periods, then the amounts; blank periods vanish in some renderings, so amounts fill from the year's end. */
function readPlan(values: readonly ValueItem[], tokens: readonly Token[]): SpendingPlanEntry[] {
  const periods = values.filter((value) => PERIOD.test(value.text.replace(/\s/g, '')));
  const rest = values.slice(values.indexOf(periods[periods.length - 1] as ValueItem) + 1);
  const exact = rest.every((value) => (tokens[value.at] as Token).col !== null);
  let amounts: string[];
  if (exact && periods.every((period) => (tokens[period.at] as Token).col !== null)) {
    amounts = periods.map((period) => rest.find((value) => (tokens[value.at] as Token).col === (tokens[period.at] as Token).col)?.text ?? '');
  } else {
    const filled = rest.filter((value) => !value.blank).map((value) => value.text);
    amounts = [...new Array<string>(Math.max(0, periods.length - filled.length)).fill(''), ...filled.slice(0, periods.length)];
  }
  return periods.map((period, index) => {
    const raw = normalizeText(amounts[index] ?? '');
    const number = Number(raw.replace(/[%％,]/g, ''));
    return { period: normalizeText(period.text), raw, value: raw === '' || !Number.isFinite(number) ? null : number };
  });
}
