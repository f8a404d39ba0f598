// The validation stage: reviewers' rules over an extracted document (review-rules.md).
export { ValidatorConfig, defaultConfig } from './config.ts';
export { validateDocument, validateProject, hasErrors } from './engine.ts';
export { rules, ruleCodes } from './rules/index.ts';
export { summarize, countFindings, type ValidatedDocument } from './summary.ts';
export { validationResult } from './result.ts';
export { renderReport, renderSummary } from './report.ts';
export { asExtraction } from './input.ts';
