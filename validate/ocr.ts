// Figures read from a scan or a photo that OCR was unsure of: a budget amount whose
// `ocrConfidence`, or an indicator value whose `provenance.value.confidence`, is under
// `ocrConfidenceMin`. OCR_LOW_CONFIDENCE asks the clerk to check each against the scan, and a
// finding that rests on one is no error: the figure may be a misreading (财政资金 131.2 read as 1),
// so the engine makes it a warning that says which figure to check first.
import type { Budget, Indicator, Project, ProjectConfidenceField } from '../schemas/extraction.ts';
import type { ValidatorConfig } from './config.ts';
import { formatWan } from './money.ts';
import { rowEn, rowZh } from './rule.ts';

/** A figure a finding rests on that OCR read with low confidence. */
export interface Unsure {
  /** what the figure is, as the form names it: 财政资金, 第3行“人均成本”的指标值 */
  what: string;
  /** the same in English, lower case: the 财政资金 amount, the value of row 3 "人均成本" */
  whatEn: string;
  /** the figure as read: 1万元, “≤350元” */
  read: string;
  /** 0..1 */
  confidence: number;
}

const BUDGET_NAMES: Readonly<Record<keyof Budget, [string, string]>> = {
  total: ['预算数', 'the budget (预算数)'],
  fiscal: ['财政资金', 'the 财政资金 amount'],
  other: ['其他资金', 'the 其他资金 amount'],
};

/** A confidence as the messages and the page show it: two decimals. */
export function confidenceText(confidence: number): string {
  return confidence.toFixed(2);
}

/** The budget amount `field`, when OCR read it with less confidence than the config asks. */
export function unsureBudget(project: Project, field: keyof Budget, config: ValidatorConfig): Unsure | null {
  const amount = project.budget[field];
  const key: ProjectConfidenceField = `budget.${field}`;
  const confidence = project.ocrConfidence?.[key];
  if (amount === null || confidence === undefined || confidence >= config.ocrConfidenceMin) return null;
  const [what, whatEn] = BUDGET_NAMES[field];
  return { what, whatEn, read: formatWan(amount), confidence };
}

/** The row's 指标值, when OCR read it with less confidence than the config asks. */
export function unsureValue(indicator: Indicator, index: number, config: ValidatorConfig): Unsure | null {
  const confidence = indicator.provenance?.value?.confidence;
  if (confidence === undefined || confidence >= config.ocrConfidenceMin || indicator.value.raw === '') return null;
  return { what: `${rowZh(indicator, index)}的指标值`, whatEn: `the value of ${rowEn(indicator, index)}`, read: `“${indicator.value.raw}”`, confidence };
}

/** What an error-turned-warning adds to its message: which figures to check against the scan first. */
export function unsureNote(unsure: readonly Unsure[]): { zh: string; en: string } {
  const zh = unsure.map(({ what, read, confidence }) => `${what}（识别为${read}，置信度${confidenceText(confidence)}）`).join('、');
  const en = unsure.map(({ whatEn, read, confidence }) => `${whatEn} (read as ${read}, confidence ${confidenceText(confidence)})`).join(', ');
  const one = unsure.length === 1;
  return {
    zh: `但其中${zh}是从扫描件识别的，扫描识别置信度低，可能读错：请先对照原件核对${one ? '这一数字' : '这些数字'}，再判断是否确有此问题。`,
    en: `But ${en} ${one ? 'was' : 'were'} read from a scan with low confidence and may be misread: check ${one ? 'it' : 'them'} against the original first.`,
  };
}
