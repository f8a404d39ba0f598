// Every rule of review-rules.md, in the order of that page: the order findings are listed in; then
// what the reading of a scan leaves to check (OCR_LOW_CONFIDENCE).
import type { Rule } from '../rule.ts';
import { costRules } from './cost.ts';
import { readingRules } from './reading.ts';
import { structureRules } from './structure.ts';
import { valueRules } from './values.ts';
import { wordingRules } from './wording.ts';

export const rules: readonly Rule[] = [...structureRules, ...valueRules, ...costRules, ...wordingRules, ...readingRules];

export const ruleCodes: readonly string[] = rules.map((rule) => rule.code);
