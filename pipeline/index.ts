// The pipeline's entry: read a document from bytes or pasted text, by the engine asked for.
export { EngineError, extract, extractText, extractTextWithEngine, extractWithEngine, type EngineOptions, type ExtractInput, type ExtractResult } from './read.ts';
