// Wording and basis: descriptions, 指标值确定依据, satisfaction surveys, the table's heading
// (review-rules.md, Wording and basis).
import { isPercent } from '../money.ts';
import { isSatisfaction } from '../levels.ts';
import { checkedRows, rowEn, rowHit, rowZh, tableHit, valueZh, type Rule } from '../rule.ts';
import { compareKey, containsAny, editDistance } from '../text.ts';

export const descriptionRepeatsName: Rule = {
  code: 'DESCRIPTION_REPEATS_NAME',
  severity: 'info',
  title: '绩效指标描述与三级指标名称相同',
  titleEn: '绩效指标描述 identical to the level-3 name',
  check: ({ project }) =>
    checkedRows(project).flatMap(({ indicator, index }) => {
      if (!indicator.name || !indicator.description || compareKey(indicator.name) !== compareKey(indicator.description)) return [];
      return [
        rowHit(
          index,
          'description',
          `${rowZh(indicator, index)}的绩效指标描述只是重复了指标名称；请说明该指标反映什么、如何计算（如“反映……情况”）。`,
          `${rowEn(indicator, index)}: the description repeats the name; say what it reflects and how it is measured.`,
        ),
      ];
    }),
};

export const basisMissing: Rule = {
  code: 'BASIS_MISSING',
  severity: 'error',
  title: '指标值确定依据为空',
  titleEn: '指标值确定依据 is empty',
  check: ({ project }) => {
    // The contract writes basis null on every row when the form has no such column: a form
    // has the column when any row fills it.
    if (!project.indicators.some((indicator) => indicator.basis !== null)) return [];
    return checkedRows(project).flatMap(({ indicator, index }) =>
      indicator.basis === null ? [rowHit(index, 'basis', `${rowZh(indicator, index)}没有填写指标值确定依据。`, `${rowEn(indicator, index)} has no basis (指标值确定依据).`)] : [],
    );
  },
};

/** A number that is no year: a history value such as 58% or 480人 (26年, 2026年 are years). */
const AMOUNT = /[0-9０-９](?![0-9０-９]*\s*年)/;

export const basisGeneric: Rule = {
  code: 'BASIS_GENERIC',
  severity: 'info',
  title: '指标值确定依据笼统，或所有指标的依据相同',
  titleEn: 'A generic basis, or the same basis on every row',
  check: ({ project, config }) => {
    // Satisfaction rows rest on a survey by nature (SATISFACTION_BASIS): they are left out.
    const rows = checkedRows(project).filter(({ indicator }) => indicator.basis !== null && !isSatisfaction(indicator));
    const generic = (basis: string) => containsAny(basis, config.basisStandardWords) === null && !AMOUNT.test(basis);
    const bases = new Set(rows.map(({ indicator }) => indicator.basis));
    const [only] = bases;
    if (rows.length >= config.sameBasisMinRows && bases.size === 1 && only) {
      const vague = generic(only);
      return [
        tableHit(
          'basis',
          `除满意度外，所有指标的确定依据都是“${only}”${vague ? '，且未写明具体的计划、标准、历史数据或文件' : ''}；请逐项写明各指标值的来源。`,
          `Every row (satisfaction aside) has the same basis "${only}"${vague ? ', naming no plan, standard, history value or document' : ''}; give each value its own source.`,
        ),
      ];
    }
    return rows.flatMap(({ indicator, index }) =>
      indicator.basis && generic(indicator.basis)
        ? [
            rowHit(
              index,
              'basis',
              `${rowZh(indicator, index)}的确定依据“${indicator.basis}”未写明具体的计划、标准、历史数据或文件。`,
              `${rowEn(indicator, index)}: the basis "${indicator.basis}" names no plan, standard, history value or document.`,
            ),
          ]
        : [],
    );
  },
};

export const satisfactionBasis: Rule = {
  code: 'SATISFACTION_BASIS',
  severity: 'info',
  title: '满意度指标的依据不是满意度调查',
  titleEn: 'A satisfaction row whose basis is not a survey',
  check: ({ project, config }) =>
    checkedRows(project).flatMap(({ indicator, index }) =>
      isSatisfaction(indicator) && indicator.basis !== null && containsAny(indicator.basis, config.surveyWords) === null
        ? [
            rowHit(
              index,
              'basis',
              `${rowZh(indicator, index)}是满意度指标，依据“${indicator.basis}”不是满意度调查；满意度一般以调查问卷为依据。`,
              `${rowEn(indicator, index)} is a satisfaction row whose basis "${indicator.basis}" is not a survey.`,
            ),
          ]
        : [],
    ),
};

export const satisfactionRange: Rule = {
  code: 'SATISFACTION_RANGE',
  severity: 'warning',
  title: '满意度目标低于80%或等于100%',
  titleEn: 'A satisfaction target below 80% or exactly 100%',
  check: ({ project, config }) =>
    checkedRows(project).flatMap(({ indicator, index }) => {
      const { value } = indicator;
      if (!isSatisfaction(indicator) || !isPercent(value) || value.number === null || value.op === '<=' || value.op === '<') return [];
      const low = value.number < config.satisfactionMin;
      const full = config.flagFullSatisfaction && value.number === 100;
      if (!low && !full) return [];
      return [
        low
          ? rowHit(
              index,
              'value',
              `${rowZh(indicator, index)}的满意度目标${valueZh(value)}低于${config.satisfactionMin}%，目标偏低。`,
              `${rowEn(indicator, index)}: a satisfaction target of ${value.raw} is below ${config.satisfactionMin}%.`,
            )
          : rowHit(
              index,
              'value',
              `${rowZh(indicator, index)}的满意度目标${valueZh(value)}为100%，难以实现；一般设在85%至98%之间。`,
              `${rowEn(indicator, index)}: a satisfaction target of ${value.raw} is not realistic (local practice 85–98%).`,
            ),
      ];
    }),
};

/** Who is asked: the words before 对 (工作人员对网络满意度 asks 工作人员; 群众对工作人员的满意度 asks 群众). */
const respondents = (text: string | null) => (text ? (text.split('对')[0] ?? '') : null);

export const satisfactionInternal: Rule = {
  code: 'SATISFACTION_INTERNAL',
  severity: 'info',
  title: '满意度调查对象是本单位工作人员',
  titleEn: "Satisfaction measured among the unit's own staff",
  check: ({ project, config }) =>
    checkedRows(project).flatMap(({ indicator, index }) => {
      if (!isSatisfaction(indicator)) return [];
      const who = containsAny(respondents(indicator.name), config.internalRespondents) ?? containsAny(respondents(indicator.description), config.internalRespondents);
      if (!who) return [];
      return [
        rowHit(
          index,
          'name',
          `${rowZh(indicator, index)}调查的是本单位“${who}”的满意度；满意度应面向项目的服务对象或受益群体。`,
          `${rowEn(indicator, index)} surveys the unit's own staff (${who}) rather than those it serves.`,
        ),
      ];
    }),
};

/** The project words of a heading or 项目名称: numbering, years, 年度 and the form name removed. */
function projectWords(text: string): string {
  const bare = text
    .replace(/^\s*[0-9０-９]+\s*[.．、]?\s*/, '')
    .replace(/(?:项目支出)?绩效目标(?:申报)?表\s*$/, '')
    .replace(/(?:19|20)\d{2}\s*(?:年度|年)?/g, '')
    .replace(/^年度/, '');
  return compareKey(bare);
}

export const titleNameMismatch: Rule = {
  code: 'TITLE_NAME_MISMATCH',
  severity: 'warning',
  title: '表格标题与项目名称不是同一个项目',
  titleEn: "The table's heading names a different project than its 项目名称",
  check: ({ project, config }) => {
    if (!project.title || !project.name) return [];
    const title = projectWords(project.title);
    const name = projectWords(project.name);
    // A heading that shortens the name, or adds to it, names the same project.
    if (title === '' || name === '' || title.includes(name) || name.includes(title)) return [];
    if (editDistance(title, name) < config.titleMismatchMinEdits) return [];
    return [
      tableHit(
        'name',
        `表格标题“${project.title}”与项目名称“${project.name}”不是同一个项目，请核对是否填错了项目名称或标题。`,
        `The heading "${project.title}" names a different project than 项目名称 "${project.name}".`,
      ),
    ];
  },
};

export const wordingRules: readonly Rule[] = [
  descriptionRepeatsName,
  basisMissing,
  basisGeneric,
  satisfactionBasis,
  satisfactionRange,
  satisfactionInternal,
  titleNameMismatch,
];
