// What a rule is: a code, a severity and a pure check over one project that returns hits.
// The engine turns hits into findings (code, severity, location); rules say where and why, and
// name rows the way a clerk reading the paper form counts them (第3行, 1-based).
import type { Indicator, Project, Value } from '../schemas/extraction.ts';
import type { Severity } from '../schemas/findings.ts';
import type { ValidatorConfig } from './config.ts';
import type { Unsure } from './ocr.ts';

export interface RuleContext {
  project: Project;
  /** 预算年度 the table is read against (validate/years.ts budgetYear), null when none is known. */
  year: number | null;
  config: ValidatorConfig;
}

export interface Hit {
  /** The indicator row, or null for the table as a whole. */
  indicatorIndex: number | null;
  field: string | null;
  message: string;
  messageEn: string;
  /**
   * Figures the hit rests on that OCR read with low confidence (validate/ocr.ts). The engine adds
   * the row's own value when the hit is about it; an error resting on any is made a warning.
   */
  unsure?: Unsure[];
}

export interface Rule {
  code: string;
  severity: Severity;
  /** One line for the rule list and the summary, in Chinese and in English. */
  title: string;
  titleEn: string;
  /**
   * The rule only says something is missing from the grid (no 产出 row, too few rows): on a
   * project whose grid was not read at all it would speak of a table nobody read, so the engine
   * holds it back there and PROJECT_NOT_READ speaks instead.
   */
  absence?: true;
  check(context: RuleContext): Hit[];
}

/** A project with no indicator row: its grid was not read (or is not there), so it cannot be checked. */
export function gridNotRead(project: Project): boolean {
  return project.indicators.length === 0;
}

export function rowHit(indicatorIndex: number, field: string, message: string, messageEn: string): Hit {
  return { indicatorIndex, field, message, messageEn };
}

export function tableHit(field: string | null, message: string, messageEn: string): Hit {
  return { indicatorIndex: null, field, message, messageEn };
}

export interface Row {
  indicator: Indicator;
  index: number;
}

/**
 * Rows a reviewer reads as indicators: classified (涉密) rows say nothing to check, and 不涉及
 * rows are VALUE_MISSING's alone (their name, basis and description say 不涉及 too).
 */
export function checkedRows(project: Project): Row[] {
  return project.indicators.map((indicator, index) => ({ indicator, index })).filter(({ indicator }) => indicator.value.kind !== 'classified' && indicator.value.kind !== 'not_applicable');
}

/** 第3行“保障时间” (1-based, as a reader counts the rows of the grid). */
export function rowZh(indicator: Indicator, index: number): string {
  return indicator.name ? `第${index + 1}行“${indicator.name}”` : `第${index + 1}行`;
}

export function rowEn(indicator: Indicator, index: number): string {
  return indicator.name ? `row ${index + 1} "${indicator.name}"` : `row ${index + 1}`;
}

export function valueZh(value: Value): string {
  return value.raw === '' ? '（空）' : `“${value.raw}”`;
}
