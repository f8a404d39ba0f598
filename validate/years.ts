// Years written in a cell, and the budget year of a table.
import { MEASURE_WORDS } from '../vocab/units.ts';
import type { Project } from '../schemas/extraction.ts';

export interface YearWritten {
  year: number;
  /** Where the year starts and ends in the text. */
  at: number;
  end: number;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
// A four-digit number followed by a unit is an amount (≥2000万元, 2000人), not a year.
const AMOUNT_AFTER = [...MEASURE_WORDS.filter((word) => word !== '年'), '万', '亿', '千', '百', '%', '％', '‰', '.', '．', ',', '，']
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join('|');
// Not inside a document number (〔2025〕, [2025]) and not the start of a period (2025-2026年).
const LONG_YEAR = new RegExp(`(?<![\\d[〔【(（{｛-])((?:19|20)\\d{2})(?![\\d\\]〕】)）}｝])(?!\\s*[-—~至到]\\s*\\d)(?!\\s*(?:${AMOUNT_AFTER}))`, 'gu');
// A two-digit year only where a date or plan follows it: 26年年底前, 26年年度工作计划, 26年工作安排.
const SHORT_YEAR = /(?<![\d.．])(\d{2})年(?=年|度|底|末|内|工作|全年|上半|下半|[0-9０-９]{1,2}月)/g;

/** Years written in a text: four-digit years (not document numbers nor periods), and short ones like 26年年底. */
export function yearsWritten(text: string): YearWritten[] {
  const found: YearWritten[] = [];
  if (!/[0-9]{2}/.test(text)) return found; // most cells hold no year: skip the long patterns
  for (const match of text.matchAll(LONG_YEAR)) found.push({ year: Number(match[1]), at: match.index, end: match.index + match[0].length });
  for (const match of text.matchAll(SHORT_YEAR)) found.push({ year: 2000 + Number(match[1]), at: match.index, end: match.index + 2 });
  return found;
}

/**
 * The budget year a table is read against: the document's (预算年度), else the one year its
 * heading and 项目名称 name (`2025年公共基础设施维护费`), else null.
 */
export function budgetYear(project: Pick<Project, 'title' | 'name'>, documentYear: number | null): number | null {
  if (documentYear !== null) return documentYear;
  const years = new Set([project.title, project.name].flatMap((text) => (text ? yearsWritten(text).map((found) => found.year) : [])));
  return years.size === 1 ? ([...years][0] ?? null) : null;
}
