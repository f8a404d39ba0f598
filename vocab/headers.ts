// Header labels of indicator grids → contract fields, with how sure each label is. Matched on the
// folded label (simplified, no spaces, no leading `*`), whole label first, then by pattern; the
// first entry that matches decides. A new province's synonym is one line here.
import { labelFold } from './fold.ts';

export type GridField =
  | 'caption' // the grid's left-hand caption column: 绩效指标
  | 'level1'
  | 'level2'
  | 'ordinal' // a row number column: 目标1, 指标1
  | 'name'
  | 'description'
  | 'value'
  | 'midValue' // 中期/实施期 target beside the annual one
  | 'comparator' // 计算符号, 指标性质, 指标方向: a comparator when the cell is one
  | 'valueType' // 指标值类型: 定量/定性
  | 'unit'
  | 'basis'
  | 'remark'
  | 'fundingLine'
  | 'weight'
  | 'actual'
  | 'score'
  | 'deviation'
  | 'previous'
  | 'scoringRule' // 评(扣)分标准: no contract field
  | 'review' // 审核意见, 评审意见: a reviewer's note on the row (审核表, an exported form), no contract field
  | 'areaValues' // 区域目标值: a group label over one target column per area
  | 'unitName' // a multi-project grid's 单位名称
  | 'projectName' // a multi-project grid's 项目名称
  | 'budget' // a multi-project grid's 预算数
  | 'goal'; // a multi-project grid's 年度目标

export interface HeaderMatch {
  field: GridField;
  /** 1: this label says the field; lower: it does only among other grid labels */
  weight: number;
}

/** Whole labels. */
const EXACT: Readonly<Record<string, HeaderMatch>> = {
  绩效指标: { field: 'caption', weight: 0.6 },
  年度绩效指标: { field: 'caption', weight: 0.6 },
  专项年度绩效指标: { field: 'caption', weight: 0.6 },
  绩效项目指标表: { field: 'caption', weight: 0.4 },
  一级指标: { field: 'level1', weight: 1 },
  一级: { field: 'level1', weight: 0.8 },
  二级指标: { field: 'level2', weight: 1 },
  二级: { field: 'level2', weight: 0.8 },
  评价指标: { field: 'level2', weight: 0.5 },
  三级指标: { field: 'name', weight: 1 },
  三级: { field: 'name', weight: 0.8 },
  指标名称: { field: 'name', weight: 1 },
  三级指标名称: { field: 'name', weight: 1 },
  指标内容: { field: 'name', weight: 1 },
  三级指标内容: { field: 'name', weight: 1 },
  绩效内容: { field: 'name', weight: 0.8 },
  具体指标: { field: 'name', weight: 0.8 },
  绩效指标描述: { field: 'description', weight: 1 },
  指标描述: { field: 'description', weight: 1 },
  指标解释: { field: 'description', weight: 1 },
  指标说明: { field: 'description', weight: 1 },
  指标定义: { field: 'description', weight: 1 },
  全年绩效目标: { field: 'value', weight: 0.7 },
  年度绩效目标: { field: 'value', weight: 0.4 },
  绩效目标: { field: 'level1', weight: 0.3 },
  计算符号: { field: 'comparator', weight: 1 },
  符号: { field: 'comparator', weight: 0.7 },
  指标性质: { field: 'comparator', weight: 0.9 },
  指标方向: { field: 'comparator', weight: 0.9 },
  // 正向/反向指标: the direction of a target, not its comparator.
  指标方向性: { field: 'valueType', weight: 0.9 },
  指标值类型: { field: 'valueType', weight: 0.9 },
  指标类型: { field: 'valueType', weight: 0.8 },
  计量单位: { field: 'unit', weight: 1 },
  度量单位: { field: 'unit', weight: 1 },
  单位: { field: 'unit', weight: 0.5 },
  指标值确定依据: { field: 'basis', weight: 1 },
  确定依据: { field: 'basis', weight: 1 },
  指标值设定依据: { field: 'basis', weight: 1 },
  设定依据: { field: 'basis', weight: 0.9 },
  测算依据: { field: 'basis', weight: 0.9 },
  评价依据: { field: 'basis', weight: 0.8 },
  绩效标准: { field: 'basis', weight: 0.8 },
  评价标准: { field: 'basis', weight: 0.7 },
  备注: { field: 'remark', weight: 1 },
  项目名称及金额: { field: 'fundingLine', weight: 1 },
  分值: { field: 'weight', weight: 1 },
  权重: { field: 'weight', weight: 1 },
  指标分值: { field: 'weight', weight: 1 },
  指标权重: { field: 'weight', weight: 1 },
  得分: { field: 'score', weight: 1 },
  实际完成值: { field: 'actual', weight: 1 },
  全年实际值: { field: 'actual', weight: 1 },
  全年完成值: { field: 'actual', weight: 1 },
  实际实现值: { field: 'actual', weight: 1 },
  完成值: { field: 'actual', weight: 0.9 },
  实际值: { field: 'actual', weight: 0.9 },
  自评得分: { field: 'score', weight: 1 },
  评分: { field: 'score', weight: 0.8 },
  区域目标值: { field: 'areaValues', weight: 1 },
  分区域目标值: { field: 'areaValues', weight: 1 },
  单位名称: { field: 'unitName', weight: 0.4 },
  项目名称: { field: 'projectName', weight: 0.4 },
  预算数: { field: 'budget', weight: 0.4 },
  年度目标: { field: 'goal', weight: 0.3 },
};

/** Labels by pattern, in order, each only up to a length a label has; `not` excludes. */
const PATTERNS: ReadonlyArray<{ pattern: RegExp; not?: RegExp; longest: number; match: HeaderMatch }> = [
  { pattern: /^\d{4}年(实际|完成)/, longest: 12, match: { field: 'previous', weight: 1 } },
  { pattern: /^(上年|上一年|前年)(度)?(指标值|实际值|完成值|实际完成值|目标值|值)$/, longest: 10, match: { field: 'previous', weight: 1 } },
  { pattern: /^项目名称及金额/, longest: 16, match: { field: 'fundingLine', weight: 1 } },
  { pattern: /^(偏差|未完成|未达标|差异)?原因/, longest: 20, match: { field: 'deviation', weight: 0.9 } },
  { pattern: /评\(?扣\)?分标准|评分标准|扣分标准|评分规则/, longest: 12, match: { field: 'scoringRule', weight: 0.9 } },
  { pattern: /^(财政|部门|主管部门|专家)?(审核|审批|评审|初审|复审)意见$/, longest: 10, match: { field: 'review', weight: 0.9 } },
  { pattern: /^(全年|年度|本年|当年)?(实际完成|实际|完成|实际实现)(值|情况|数)$/, longest: 10, match: { field: 'actual', weight: 0.9 } },
  { pattern: /^(中期|实施期|长期)(绩效)?(指标值|目标值)$/, longest: 10, match: { field: 'midValue', weight: 0.8 } },
  { pattern: /^(全年|年度|本年度|本年|当年|预期|计划|指标)?(绩效)?(指标|目标|预期)值(及单位)?$|预期实现值$|^指标值\(/, longest: 12, match: { field: 'value', weight: 1 } },
  { pattern: /^(一级|二级|三级)指标(\(.{0,8}\))?$/, longest: 12, match: { field: 'level1', weight: 0.5 } },
  { pattern: /^(自评)?得分$/, longest: 6, match: { field: 'score', weight: 0.9 } },
  { pattern: /^(指标)?(分值|权重)(\(.{0,4}\))?$/, longest: 10, match: { field: 'weight', weight: 0.9 } },
  { pattern: /^绩效指标\(\d+分\)$|^年度绩效目标\(\d+分\)$/, longest: 14, match: { field: 'caption', weight: 0.6 } },
];

const matches = new Map<string, HeaderMatch | null>();

/** A header label's field, or null when the text is not a grid header label. */
export function headerMatch(text: string): HeaderMatch | null {
  const known = matches.get(text);
  if (known !== undefined) return known;
  const match = matchHeader(text);
  if (matches.size > 50_000) matches.clear();
  matches.set(text, match);
  return match;
}

function matchHeader(text: string): HeaderMatch | null {
  const key = labelFold(text);
  if (key === '' || key.length > 24) return null;
  // A caption with the section's score: 绩效指标(90分), 年度绩效目标(90分).
  if (/^(绩效指标|年度绩效目标|年度绩效指标)\(\d+分\)$/.test(key)) return { field: 'caption', weight: 0.6 };
  const exact = EXACT[key] ?? EXACT[key.replace(/\([^()]*\)$/, '')];
  if (exact) return exact;
  for (const { pattern, not, longest, match } of PATTERNS) {
    if (key.length <= longest && pattern.test(key) && !(not && not.test(key))) {
      if (match.field === 'level1') {
        const level = /^(一级|二级|三级)/.exec(key)?.[1];
        return { field: level === '二级' ? 'level2' : level === '三级' ? 'name' : 'level1', weight: 0.8 };
      }
      return match;
    }
  }
  return null;
}

/** Header labels written with their words run together, for finding them in text with no separators. */
export const HEADER_SURFACES: readonly string[] = [
  ...Object.keys(EXACT),
  '年度指标值',
  '指标值',
  '目标值',
  '年度目标值',
  '指标目标值',
  '预期目标值',
  '当年预期实现值',
  '指标值及单位',
  '中期指标值',
  '中期目标值',
  '实施期指标值',
  '实际完成值',
  '全年实际值',
  '全年完成值',
  '实际实现值',
  '完成值',
  '实际值',
  '偏差原因分析及改进措施',
  '未完成原因分析',
  '未完成原因及改进措施',
  '未完成原因和改进措施',
  '未完成原因及拟采取的改进措施',
  '未完成原因',
  '偏差原因',
  '评(扣)分标准',
];
