// A row's canonical levels as the rules read them (contract JSON may carry uncanonical names).
import { canonicalLevel1, canonicalLevel2 } from '../vocab/canonical-levels.ts';
import type { Indicator } from '../schemas/extraction.ts';

/** 成本指标 and the split a 2021-style form makes of it (财预〔2021〕101号). */
export const COST_LEVEL2: ReadonlySet<string> = new Set(['成本指标', '经济成本指标', '社会成本指标', '生态环境成本指标']);

// Every rule asks about every row's levels: canonicalise each written level once.
const level1Cache = new Map<string, string>();
const level2Cache = new Map<string, string>();

function cached(cache: Map<string, string>, written: string, canonical: (cell: string) => string): string {
  let found = cache.get(written);
  if (found === undefined) {
    if (cache.size >= 1000) cache.clear(); // a bound for a long-running server fed odd tables
    found = canonical(written);
    cache.set(written, found);
  }
  return found;
}

export const level1Of = (indicator: Indicator): string | null => (indicator.level1 ? cached(level1Cache, indicator.level1, canonicalLevel1) : null);
export const level2Of = (indicator: Indicator): string | null => (indicator.level2 ? cached(level2Cache, indicator.level2, canonicalLevel2) : null);

/** 产出, counting 成本指标 written as a level 1 of its own. */
export const isOutput = (indicator: Indicator): boolean => ['产出指标', '成本指标'].includes(level1Of(indicator) ?? '');
export const isEffect = (indicator: Indicator): boolean => level1Of(indicator) === '效益指标';
export const isSatisfaction = (indicator: Indicator): boolean => level1Of(indicator) === '满意度指标';
export const isCost = (indicator: Indicator): boolean => level1Of(indicator) === '成本指标' || COST_LEVEL2.has(level2Of(indicator) ?? '');
export const isTimeliness = (indicator: Indicator): boolean => level2Of(indicator) === '时效指标';
