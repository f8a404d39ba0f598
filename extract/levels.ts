// Canonical 一级/二级指标 names: the framework of the contract as data.
import { squeeze } from './normalize.ts';

export const LEVEL1 = ['产出指标', '效益指标', '满意度指标', '成本指标'] as const;

/** Canonical level2 → the level1 it belongs to. */
export const LEVEL2_PARENT: Readonly<Record<string, string>> = {
  数量指标: '产出指标',
  质量指标: '产出指标',
  时效指标: '产出指标',
  成本指标: '产出指标',
  经济成本指标: '产出指标',
  社会成本指标: '产出指标',
  生态环境成本指标: '产出指标',
  经济效益指标: '效益指标',
  社会效益指标: '效益指标',
  生态效益指标: '效益指标',
  可持续影响指标: '效益指标',
  服务对象满意度指标: '满意度指标',
};

/** Older names and short forms of level1 (whitespace already removed). */
export const LEVEL1_ALIASES: Readonly<Record<string, string>> = {
  产出指标: '产出指标',
  产出: '产出指标',
  效益指标: '效益指标',
  效益: '效益指标',
  效果指标: '效益指标',
  效果: '效益指标',
  满意度指标: '满意度指标',
  满意度: '满意度指标',
  成本指标: '成本指标',
};

/** Short forms of level2 (whitespace already removed). */
export const LEVEL2_ALIASES: Readonly<Record<string, string>> = {
  数量: '数量指标',
  质量: '质量指标',
  时效: '时效指标',
  成本: '成本指标',
  经济成本: '经济成本指标',
  社会成本: '社会成本指标',
  生态环境成本: '生态环境成本指标',
  经济效益: '经济效益指标',
  社会效益: '社会效益指标',
  生态效益: '生态效益指标',
  可持续影响: '可持续影响指标',
  可持续性影响: '可持续影响指标',
  可持续性影响指标: '可持续影响指标',
  服务对象满意度: '服务对象满意度指标',
  满意度: '服务对象满意度指标',
  满意度指标: '服务对象满意度指标',
};

/** The canonical level1 for a level1 cell, or the cell as written (whitespace removed). */
export function canonicalLevel1(cell: string): string {
  const squeezed = squeeze(cell);
  return LEVEL1_ALIASES[squeezed] ?? squeezed;
}

/** The canonical level2 for a level2 cell, or the cell as written (whitespace removed). */
export function canonicalLevel2(cell: string): string {
  const squeezed = squeeze(cell);
  if (LEVEL2_PARENT[squeezed]) return squeezed;
  return LEVEL2_ALIASES[squeezed] ?? squeezed;
}

export function isCanonicalLevel2(level2: string): boolean {
  return LEVEL2_PARENT[level2] !== undefined;
}

export function isLevel1Word(cell: string): boolean {
  return LEVEL1_ALIASES[squeeze(cell)] !== undefined;
}

export function isLevel2Word(cell: string): boolean {
  return isCanonicalLevel2(canonicalLevel2(cell));
}

/**
 * Resolves a row's levels: a canonical level2 decides its level1, whatever the (possibly
 * merged) level1 cell says; otherwise level1 comes from the level1 cell.
 */
export function resolveLevels(level1Cell: string | null, level2Cell: string | null): { level1: string | null; level2: string | null } {
  const level2 = level2Cell ? canonicalLevel2(level2Cell) : null;
  if (level2 && isCanonicalLevel2(level2)) return { level1: LEVEL2_PARENT[level2] ?? null, level2 };
  const level1 = level1Cell ? canonicalLevel1(level1Cell) : null;
  return { level1: level1 === '' ? null : level1, level2: level2 === '' ? null : level2 };
}
