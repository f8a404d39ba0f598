// One document's findings with their counts: what `jixiao validate --json` prints for a file and
// what the API returns, built the same way for both.
import type { ExtractedDocument } from '../schemas/extraction.ts';
import type { ValidationResult } from '../schemas/findings.ts';
import { defaultConfig, type ValidatorConfig } from './config.ts';
import { validateDocument } from './engine.ts';
import { summarize } from './summary.ts';

export function validationResult(file: string | null, document: Pick<ExtractedDocument, 'year' | 'projects'>, config: ValidatorConfig = defaultConfig): ValidationResult {
  const findings = validateDocument(document, config);
  const summary = summarize([{ file: null, projectNames: document.projects.map((project) => project.name), findings }]);
  return { file, findings, summary };
}
