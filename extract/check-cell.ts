// One cell as a person types it on the page, checked before the edit is sent: the same derivations
// revise.ts applies to the whole extraction (levels canonicalised, amounts in 万元), said in advance
// and in Chinese. An edit that revision would undo (一级指标 decided by a canonical 二级指标) or
// that cannot be stored (an amount that is no number) is refused with its reason; one revision
// would change is accepted with a note saying how, so nothing changes behind the person's back.
import { canonicalLevel1, canonicalLevel2, canonicalLevels } from '../vocab/canonical-levels.ts';
import { FRAMEWORK_LEVEL1, LEVEL2_PARENT } from '../vocab/levels.ts';
import { normalizeText } from './normalize.ts';
import { parseAmount } from './read/amounts.ts';

/** The project's amount fields, by their path in the project. */
export const AMOUNT_FIELDS = ['budget.total', 'budget.fiscal', 'budget.other'] as const;

/** Levels of the rows a cell stands for (a merged level cell stands for several). */
export interface RowLevels {
  level1: string | null;
  level2: string | null;
}

export type CellCheck =
  /** `value`: what will be stored (an amount as a number, text as text, null for empty); `note`: how revision changes what was typed. */
  | { ok: true; value: string | number | null; note?: string }
  | { ok: false; reason: string };

/** The largest amount a form holds, in 万元 (the draft's limit too: a trillion 元). */
const MAX_AMOUNT = 1e8;

/** An amount as written by hand: digits with a decimal point, thousands separators, 万元/万/元. */
const TYPED_AMOUNT = /^(\d+(?:\.\d+)?)(万元|万|元)?$/;

const listed = (names: readonly string[]) => names.map((name) => `“${name}”`).join('、');

/** Canonical level2 names under a level1, for saying which 二级指标 would allow it. */
const level2sOf = (level1: string) => Object.keys(LEVEL2_PARENT).filter((level2) => LEVEL2_PARENT[level2] === level1);

export function checkAmount(typed: string): CellCheck {
  // Typed with a Chinese input method: full-width digits and point are the same amount.
  const text = normalizeText(typed)
    .replace(/[,，\s]/g, '')
    .replace(/[０-９．]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));
  if (text === '') return { ok: true, value: null };
  if (/^[-－—]/.test(text)) return { ok: false, reason: `金额不能为负数：“${typed.trim()}”` };
  const written = TYPED_AMOUNT.exec(text);
  const amount = written ? parseAmount(text) : null;
  if (!written || amount === null) return { ok: false, reason: `“${typed.trim()}”不是金额：请填写以万元计的数字，如 50 或 12.5；不知道可留空` };
  if (amount > MAX_AMOUNT) return { ok: false, reason: `金额过大：${written[1]}${written[2] ?? '万元'}超过了 1 亿万元，请核对单位（本表以万元计）` };
  if (written[2] === '元') return { ok: true, value: amount, note: `以元填写，已换算为 ${amount} 万元` };
  return { ok: true, value: amount };
}

/** A 一级指标 cell over rows whose 二级指标 are given: refused where a canonical 二级指标 decides another. */
export function checkLevel1(typed: string, rows: readonly RowLevels[]): CellCheck {
  const text = normalizeText(typed);
  if (text === '') return { ok: true, value: null };
  const level1 = canonicalLevel1(text);
  for (const row of rows) {
    const decided = canonicalLevels(text, row.level2).level1;
    if (decided !== level1 && decided !== null && row.level2) {
      const allowed = level2sOf(level1);
      const instead = allowed.length ? `；要改到“${level1}”下，请先把二级指标改为其中的一项：${listed(allowed)}` : '';
      return { ok: false, reason: `二级指标“${canonicalLevel2(row.level2)}”属于一级指标“${decided}”，一级指标由二级指标决定，不能单独改为“${level1}”${instead}` };
    }
  }
  if (!(FRAMEWORK_LEVEL1 as readonly string[]).includes(level1)) {
    return { ok: true, value: text, note: `“${level1}”不是框架中的一级指标（${listed(FRAMEWORK_LEVEL1)}），将按原文保留，审核时会提示` };
  }
  return level1 === text ? { ok: true, value: text } : { ok: true, value: text, note: `将记为“${level1}”` };
}

/** A 二级指标 cell: a canonical 二级指标 brings its own 一级指标, which the note says when it changes. */
export function checkLevel2(typed: string, rows: readonly RowLevels[]): CellCheck {
  const text = normalizeText(typed);
  if (text === '') return { ok: true, value: null };
  const level2 = canonicalLevel2(text);
  const parent = LEVEL2_PARENT[level2];
  const notes: string[] = [];
  if (level2 !== text) notes.push(`将记为“${level2}”`);
  const moved = parent ? rows.filter((row) => row.level1 !== parent) : [];
  if (parent && moved.length > 0) notes.push(`“${level2}”属于“${parent}”，一级指标将随之改为“${parent}”`);
  return notes.length ? { ok: true, value: text, note: notes.join('；') } : { ok: true, value: text };
}

/**
 * Checks what was typed into one cell of the page. `rows`: the indicator rows the cell stands for,
 * with their levels before the edit; absent for the project's own fields (名称, 预算数 …).
 */
export function checkCell(field: string, typed: string, rows?: readonly RowLevels[]): CellCheck {
  if (rows === undefined) {
    if ((AMOUNT_FIELDS as readonly string[]).includes(field)) return checkAmount(typed);
    return { ok: true, value: normalizeText(typed) || null };
  }
  if (field === 'level1') return checkLevel1(typed, rows);
  if (field === 'level2') return checkLevel2(typed, rows);
  return { ok: true, value: normalizeText(typed) || null };
}
