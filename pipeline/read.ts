// The pipeline: bytes → ingest → extract (the rules, and a model when asked) → validate, wrapped in
// the contract's envelope. The CLI, the server, the library and the evaluation read documents
// through here; no stage calls another stage's entry point.
import { ingest, ingestText, IngestError, type Ingested, type IngestLimits, type IngestOptions, type PageSize } from '../ingest/index.ts';
import type { Doc } from '../schemas/doc.ts';
import { SCHEMA_VERSION, type Extraction, type Warning } from '../schemas/extraction.ts';
import { validateDocument } from '../validate/engine.ts';
import { EngineError, extractWithRules, type EngineOptions } from '../extract/index.ts';

export { EngineError, type EngineOptions } from '../extract/index.ts';

/** The model path, loaded when an engine other than the rules is asked for; its reading validated again. */
async function runEngine(rules: Extraction, doc: Doc, engine: EngineOptions): Promise<Extraction> {
  const model = await import('../extract/model/engine.ts');
  const read = await model.runEngine(rules, doc, engine);
  // Asked for the model and could not reach it for any section (unreachable, refused, timed out): a
  // failure, not the rules' reading passed off as the model's. A model that answered out of schema
  // did answer; its reading is kept in debug beside the rules'.
  const sections = read.engine?.sections ?? 0;
  const failed = read.warnings.filter((warning) => warning.code === 'LLM_FAILED');
  if (engine.engine === 'llm' && sections > 0 && failed.length >= sections) {
    throw new EngineError(`the model answered none of the ${sections} section(s) (${failed[0]!.message.split(': ').slice(1).join(': ')}); use --engine auto (engine=auto) to fall back to the rules`, 'LLM_UNAVAILABLE');
  }
  return { ...read, findings: validateDocument(read.document) };
}

export interface ExtractInput extends IngestOptions {
  bytes: Uint8Array;
  filename?: string | null;
}

export type ExtractResult = { ok: true; extraction: Extraction; doc: Doc; pageSizes?: PageSize[] } | { ok: false; error: IngestError };

function lowConfidenceWarnings(doc: Doc): Warning[] {
  const warnings: Warning[] = [];
  doc.blocks.forEach((block, index) => {
    if (block.kind !== 'table') return;
    const doubtful = block.rows.flat().filter((cell) => cell.source.confidence !== undefined && cell.source.confidence < 0.6);
    if (doubtful.length === 0) return;
    warnings.push({
      code: 'LOW_OCR_CONFIDENCE',
      message: `第${index + 1}个表格有${doubtful.length}个单元格识别置信度低，请核对: ${doubtful.length} cell(s) of this table were read by OCR with low confidence (${doubtful
        .slice(0, 3)
        .map((cell) => `"${cell.text}"`)
        .join(', ')}${doubtful.length > 3 ? ', …' : ''})`,
      loc: { table: index + 1, page: doubtful[0]?.source.page },
    });
  });
  return warnings;
}

function hasText(doc: Doc): boolean {
  return doc.blocks.some((block) => (block.kind === 'paragraph' ? block.text.trim() !== '' : block.rows.some((cells) => cells.some((cell) => cell.text.trim() !== ''))));
}

function toExtraction(ingested: Ingested, filename: string | null): Extraction {
  const { doc, format, ocr, pages, sha256 } = ingested;
  const { document, warnings } = extractWithRules(doc);
  const all: Warning[] = [...warnings, ...(ingested.ocr ? lowConfidenceWarnings(doc) : [])];
  if (document.projects.length === 0 && document.objectives.length === 0) {
    all.push({ code: 'NO_TABLES_FOUND', message: '未找到绩效目标表: no performance target table was found', loc: {} });
  }
  return { schemaVersion: SCHEMA_VERSION, source: { filename, format, ocr, pages, sha256 }, document, warnings: all, findings: validateDocument(document) };
}

/**
 * Input that holds no text at all (0 bytes, blanks only, a blank scan) is refused as EMPTY_INPUT,
 * whether it came as a file or as pasted text, so the CLI, the API and the page say the same.
 */
function emptyInput(): IngestError {
  return new IngestError('EMPTY_INPUT', 'the input holds no text');
}

/** Pasted text read, or EMPTY_INPUT thrown when it holds none. */
function ingestPasted(text: string, limits: Partial<IngestLimits>): Ingested {
  const ingested = ingestText(text, limits);
  if (!hasText(ingested.doc)) throw emptyInput();
  return ingested;
}

export async function extract(input: ExtractInput): Promise<ExtractResult> {
  const ingested = await ingest(input.bytes, input);
  if (!ingested.ok) return ingested;
  if (!hasText(ingested.value.doc)) return { ok: false, error: emptyInput() };
  return { ok: true, extraction: toExtraction(ingested.value, input.filename ?? null), doc: ingested.value.doc, pageSizes: ingested.value.pageSizes };
}

/** Pasted text, synchronously; text over a limit or with no text throws IngestError with its code (TEXT_TOO_LONG, EMPTY_INPUT …). */
export function extractText(text: string, limits: Partial<IngestLimits> = {}): Extraction {
  return toExtraction(ingestPasted(text, limits), null);
}

/**
 * A document by the engine asked for (rules, llm or auto; see model/engine.ts). The rules read it
 * first in every case; `llm` without a configured model throws EngineError.
 */
export async function extractWithEngine(input: ExtractInput, engine: EngineOptions): Promise<ExtractResult> {
  const result = await extract(input);
  if (!result.ok || engine.engine === 'rules') return result;
  return { ...result, extraction: await runEngine(result.extraction, result.doc, engine) };
}

/** Pasted text by the engine asked for. */
export async function extractTextWithEngine(text: string, engine: EngineOptions, limits: Partial<IngestLimits> = {}): Promise<Extraction> {
  const ingested = ingestPasted(text, limits);
  const rules = toExtraction(ingested, null);
  return engine.engine === 'rules' ? rules : runEngine(rules, ingested.doc, engine);
}
