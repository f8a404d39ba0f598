// The extraction stage: a Doc read into the contract's document. The rules engine is the default;
// the model path (extract/model/) is loaded by the pipeline when a model is asked for.
export { extractWithRules, type RulesResult } from './rules.ts';
export { EngineError, type EngineOptions } from './model/options.ts';
