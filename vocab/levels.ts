// 一级/二级指标 names as data: the canonical framework of the contract, the short forms and older
// names that become canonical, and the other names real forms use, which are recognised as level
// cells but kept as written.

export const CANONICAL_LEVEL1 = ['产出指标', '效益指标', '满意度指标'] as const;

/** Level1 names of the framework, with 成本指标 as the MoF's 2021 template makes it a level1. */
export const FRAMEWORK_LEVEL1 = [...CANONICAL_LEVEL1, '成本指标'] as const;

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

/** Level1 cells (folded, undecorated) that are canonical or complete to a canonical name. */
export const LEVEL1_ALIASES: Readonly<Record<string, string>> = {
  产出指标: '产出指标',
  产出: '产出指标',
  效益指标: '效益指标',
  效益: '效益指标',
  效果指标: '效益指标',
  效果: '效益指标',
  满意度指标: '满意度指标',
  满意度: '满意度指标',
  // The MoF's 2021 template makes cost a level1 of its own (财预〔2021〕101号).
  成本指标: '成本指标',
};

/** Level2 cells (folded, undecorated) that complete to a canonical level2. */
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

/**
 * Level1 names of other eras and frameworks, kept as written: the pre-2018 投入/产出/效果 scheme,
 * central-investment forms (实施效果指标), and the 2013 evaluation framework (项目决策/项目管理/项目绩效).
 */
export const OTHER_LEVEL1: readonly string[] = ['投入', '投入指标', '过程', '过程指标', '实施效果指标', '项目决策', '项目管理', '项目绩效', '决策', '管理', '绩效'];

/** Level2 names of other eras and frameworks, kept as written. */
export const OTHER_LEVEL2: readonly string[] = [
  '数量目标',
  '质量目标',
  '时效目标',
  '成本目标',
  '效益目标',
  '满意度目标',
  '环境效益指标',
  '社会公众或服务对象满意度指标',
  '服务对象满意度指标',
  '项目目标',
  '决策过程',
  '资金分配',
  '资金到位',
  '资金管理',
  '组织实施',
  '项目产出',
  '项目效益',
  '项目立项',
  '绩效目标',
];

/** Level-like cells of no known scheme still look like levels: a short name ending in one of these. */
export const LEVEL_SUFFIXES = /(指标|目标)$/;

/**
 * Level-2 names older forms write without 指标 end in the aspect they measure (可持续性影响,
 * 社会效益); indicator names seldom do.
 */
export const LEVEL_HEADS = /(效益|影响)$/;

/**
 * A level cell without its decorations: a score or a note in brackets (`产出指标(50分)`,
 * `成本指标(0-20)分`, `数量指标(必填)`, `效益指标30分)` with its opening bracket lost) and a
 * leading section number. Takes text without whitespace.
 */
export function undecoratedLevel(name: string): string {
  return name
    .replace(/^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．])/, '')
    .replace(/[(（][^()（）]{0,12}[)）]分?$/, (note) => (/\d|分|必填|选填|可选/.test(note) ? '' : note))
    .replace(/[(（]?\d+(?:-\d+)?分?[)）]?$/, (note) => (note.length > 1 && /^[^(（]*[)）]$|分|^[(（]/.test(note) ? '' : note));
}
