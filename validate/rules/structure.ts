// Structure: the three-level framework is complete and in order (review-rules.md, Structure).
import { FRAMEWORK_LEVEL1 as LEVEL1, LEVEL2_PARENT } from '../../vocab/levels.ts';
import type { Indicator } from '../../schemas/extraction.ts';
import { COST_LEVEL2, isCost, isEffect, isOutput, isSatisfaction, level1Of, level2Of } from '../levels.ts';
import { checkedRows, gridNotRead, rowEn, rowHit, rowZh, tableHit, type Hit, type Rule } from '../rule.ts';
import { compareKey, containsAny } from '../text.ts';

/** The four sides of 产出 a table should cover; 成本 may also be a level 1 of its own (isCost). */
const OUTPUT_DIMENSIONS: ReadonlyArray<{ zh: string; en: string; covers: (indicator: Indicator) => boolean }> = [
  { zh: '数量指标', en: 'quantity', covers: (indicator) => level2Of(indicator) === '数量指标' },
  { zh: '质量指标', en: 'quality', covers: (indicator) => level2Of(indicator) === '质量指标' },
  { zh: '时效指标', en: 'timeliness', covers: (indicator) => level2Of(indicator) === '时效指标' },
  { zh: '成本指标', en: 'cost', covers: isCost },
];

const LEVEL1_LIST = '产出指标、效益指标、满意度指标、成本指标';

export const projectNotRead: Rule = {
  code: 'PROJECT_NOT_READ',
  severity: 'error',
  title: '未能读出项目的绩效指标表，无法审核',
  titleEn: "The project's indicator table could not be read, so it was not checked",
  check: ({ project }) =>
    gridNotRead(project)
      ? [
          tableHit(
            'indicators',
            '未能读出本项目的绩效指标表（没有读出任何指标行），因此无法审核其指标；请核对原文或上传原文件，补录指标后再审核。',
            "The indicator table of this project could not be read (no indicator row was read), so its indicators could not be checked.",
          ),
        ]
      : [],
};

export const level1Unknown: Rule = {
  code: 'LEVEL1_UNKNOWN',
  severity: 'error',
  title: '一级指标不是产出、效益、满意度或成本指标',
  titleEn: 'A level-1 that is not 产出/效益/满意度/成本指标',
  check: ({ project }) =>
    project.indicators.flatMap((indicator, index) => {
      const level1 = level1Of(indicator);
      if (level1 !== null && (LEVEL1 as readonly string[]).includes(level1)) return [];
      return [
        level1 === null
          ? rowHit(index, 'level1', `${rowZh(indicator, index)}没有填写一级指标，应为${LEVEL1_LIST}之一。`, `${rowEn(indicator, index)} has no level-1; it must be one of 产出/效益/满意度/成本指标.`)
          : rowHit(
              index,
              'level1',
              `${rowZh(indicator, index)}的一级指标“${level1}”不是规定的${LEVEL1_LIST}之一。`,
              `${rowEn(indicator, index)}: level-1 "${level1}" is not one of 产出/效益/满意度/成本指标.`,
            ),
      ];
    }),
};

export const level2WrongParent: Rule = {
  code: 'LEVEL2_WRONG_PARENT',
  severity: 'error',
  title: '二级指标放在了错误的一级指标下',
  titleEn: 'A level-2 under the wrong level-1',
  check: ({ project }) =>
    project.indicators.flatMap((indicator, index) => {
      const level1 = level1Of(indicator);
      const level2 = level2Of(indicator);
      const parent = level2 ? LEVEL2_PARENT[level2] : undefined;
      if (!level1 || !level2 || parent === undefined || parent === level1) return [];
      // The 2021 guideline (财预〔2021〕101号) lets 成本指标 be a level 1 of its own, over the cost level 2s.
      if (level1 === '成本指标' && COST_LEVEL2.has(level2)) return [];
      return [
        rowHit(
          index,
          'level2',
          `${rowZh(indicator, index)}的二级指标“${level2}”属于“${parent}”，不应放在“${level1}”下。`,
          `${rowEn(indicator, index)}: level-2 "${level2}" belongs under "${parent}", not "${level1}".`,
        ),
      ];
    }),
};

export const missingOutput: Rule = {
  code: 'MISSING_OUTPUT',
  severity: 'error',
  title: '缺少产出指标',
  titleEn: 'No 产出指标 row',
  absence: true,
  check: ({ project }) =>
    project.indicators.some(isOutput)
      ? []
      : [tableHit('indicators', '绩效指标中没有产出指标，须填写项目的产出（数量、质量、时效、成本）。', 'The table has no output (产出指标) row.')],
};

export const missingEffect: Rule = {
  code: 'MISSING_EFFECT',
  severity: 'error',
  title: '缺少效益指标',
  titleEn: 'No 效益指标 row',
  absence: true,
  check: ({ project }) =>
    project.indicators.some(isEffect)
      ? []
      : [tableHit('indicators', '绩效指标中没有效益指标，须说明资金投入后取得的效益。', 'The table has no effect (效益指标) row.')],
};

export const missingOutputDimension: Rule = {
  code: 'MISSING_OUTPUT_DIMENSION',
  severity: 'warning',
  title: '产出指标缺少数量、质量、时效或成本中的某一项',
  titleEn: '产出 lacks one of 数量, 质量, 时效, 成本',
  absence: true,
  check: ({ project }) => {
    const outputs = project.indicators.filter(isOutput);
    if (outputs.length === 0) return []; // MISSING_OUTPUT says it
    const missing = OUTPUT_DIMENSIONS.filter(({ covers }) => !outputs.some(covers));
    if (missing.length === 0) return [];
    return [
      tableHit(
        'indicators',
        `产出指标缺少${missing.map((dimension) => dimension.zh).join('、')}；产出一般应从数量、质量、时效、成本四个方面设置。`,
        `Outputs lack ${missing.map((dimension) => dimension.en).join(', ')}: outputs should cover quantity, quality, timeliness and cost.`,
      ),
    ];
  },
};

export const missingSatisfaction: Rule = {
  code: 'MISSING_SATISFACTION',
  severity: 'warning',
  title: '缺少满意度指标',
  titleEn: 'No 满意度指标 row',
  absence: true,
  check: ({ project }) =>
    project.indicators.some(isSatisfaction)
      ? []
      : [tableHit('indicators', '绩效指标中没有满意度指标，一般应设置服务对象满意度。', 'The table has no satisfaction (满意度指标) row.')],
};

/** Indicators a reviewer counts: 不涉及 rows fill the form, they are no indicator. */
const countedRows = (indicators: readonly Indicator[]) => indicators.filter((indicator) => indicator.value.kind !== 'not_applicable').length;

export const tooFewIndicators: Rule = {
  code: 'TOO_FEW_INDICATORS',
  severity: 'warning',
  title: '指标数量过少',
  titleEn: 'Too few indicators',
  absence: true,
  check: ({ project, config }) => {
    const count = countedRows(project.indicators);
    if (count >= config.minIndicators) return [];
    return [
      tableHit(
        'indicators',
        `只有${count}个指标（不涉及的行不计），少于${config.minIndicators}个，难以全面反映项目绩效。`,
        `Only ${count} indicator(s) (不涉及 rows aside), fewer than ${config.minIndicators}.`,
      ),
    ];
  },
};

export const tooManyIndicators: Rule = {
  code: 'TOO_MANY_INDICATORS',
  severity: 'info',
  title: '指标数量过多',
  titleEn: 'Too many indicators',
  check: ({ project, config }) => {
    const count = countedRows(project.indicators);
    if (count <= config.maxIndicators) return [];
    return [
      tableHit(
        'indicators',
        `共有${count}个指标，多于${config.maxIndicators}个；核心指标应少而精、重点突出。`,
        `${count} indicators, more than ${config.maxIndicators}: core indicators should be few and focused.`,
      ),
    ];
  },
};

const rowKey = (indicator: Indicator) => JSON.stringify([indicator.level1, indicator.level2, indicator.name, indicator.description, indicator.value.raw, indicator.basis]);

export const duplicateIndicator: Rule = {
  code: 'DUPLICATE_INDICATOR',
  severity: 'warning',
  title: '同一张表中三级指标重复',
  titleEn: 'The same level-3 name twice, or two identical rows',
  check: ({ project }) => {
    const firstByName = new Map<string, number>();
    const firstByRow = new Map<string, number>();
    const hits: Hit[] = [];
    for (const { indicator, index } of checkedRows(project)) {
      // Named rows repeat by name; rows without a name only when every cell is the same.
      const name = compareKey(indicator.name);
      const [seen, key] = name !== '' ? [firstByName, name] : [firstByRow, rowKey(indicator)];
      const first = seen.get(key);
      if (first !== undefined) {
        hits.push(rowHit(index, 'name', `${rowZh(indicator, index)}与第${first + 1}行重复，同一指标在一张表中只应出现一次。`, `${rowEn(indicator, index)} repeats row ${first + 1}.`));
        continue;
      }
      seen.set(key, index);
    }
    return hits;
  },
};

export const satisfactionMisplaced: Rule = {
  code: 'SATISFACTION_MISPLACED',
  severity: 'error',
  title: '满意度放在满意度指标之外，或满意度指标下衡量的不是满意度',
  titleEn: 'Satisfaction outside 满意度指标, or a 满意度指标 row that measures something else',
  check: ({ project, config }) =>
    checkedRows(project).flatMap(({ indicator, index }) => {
      const speaksOfSatisfaction = containsAny(indicator.name, config.satisfactionWords) !== null;
      const underSatisfaction = isSatisfaction(indicator);
      if (speaksOfSatisfaction && !underSatisfaction) {
        return [
          rowHit(
            index,
            'level1',
            `${rowZh(indicator, index)}衡量的是满意度，应放在“满意度指标”下，不应放在“${indicator.level1 ?? '（空）'}”下。`,
            `${rowEn(indicator, index)} measures satisfaction but sits under "${indicator.level1 ?? '(none)'}", not 满意度指标.`,
          ),
        ];
      }
      if (underSatisfaction && !speaksOfSatisfaction && indicator.name) {
        return [
          rowHit(
            index,
            'name',
            `${rowZh(indicator, index)}放在满意度指标下，但衡量的不是满意度。`,
            `${rowEn(indicator, index)} sits under 满意度指标 but does not measure satisfaction.`,
          ),
        ];
      }
      return [];
    }),
};

export const structureRules: readonly Rule[] = [
  projectNotRead,
  level1Unknown,
  level2WrongParent,
  missingOutput,
  missingEffect,
  missingOutputDimension,
  missingSatisfaction,
  tooFewIndicators,
  tooManyIndicators,
  duplicateIndicator,
  satisfactionMisplaced,
];
