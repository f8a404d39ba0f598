// Reading: figures OCR was unsure of, to check against the scan before anything else is judged on
// them (validate/ocr.ts). Not a reviewer's rule of review-rules.md: it says how far the reading of a
// scan can be trusted, as PROJECT_NOT_READ says a grid was not read.
import { confidenceText, unsureBudget, unsureValue, type Unsure } from '../ocr.ts';
import { rowHit, tableHit, type Hit, type Rule } from '../rule.ts';

function unsureHit(indicatorIndex: number | null, field: string, { what, whatEn, read, confidence }: Unsure): Hit {
  const zh = `${what}识别为${read}，但扫描识别置信度低（${confidenceText(confidence)}），可能读错，请对照原件核对。`;
  const en = `${whatEn.charAt(0).toUpperCase()}${whatEn.slice(1)} was read from a scan as ${read} with low confidence (${confidenceText(confidence)}) and may be misread: check it against the original.`;
  return indicatorIndex === null ? tableHit(field, zh, en) : rowHit(indicatorIndex, field, zh, en);
}

export const ocrLowConfidence: Rule = {
  code: 'OCR_LOW_CONFIDENCE',
  severity: 'warning',
  title: '从扫描件识别的金额或指标值置信度低，须对照原件核对',
  titleEn: 'A budget amount or target value read from a scan with low confidence',
  check: ({ project, config }) => [
    // The field is the amount's own path (budget.fiscal), so the page can mark its cell.
    ...(['total', 'fiscal', 'other'] as const).flatMap((field) => {
      const unsure = unsureBudget(project, field, config);
      return unsure ? [unsureHit(null, `budget.${field}`, unsure)] : [];
    }),
    ...project.indicators.flatMap((indicator, index) => {
      const unsure = unsureValue(indicator, index, config);
      return unsure ? [unsureHit(index, 'value', unsure)] : [];
    }),
  ],
};

export const readingRules: readonly Rule[] = [ocrLowConfidence];
