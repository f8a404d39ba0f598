// The words forms use: grid column headers, header-field labels, generic form names. Data, so
// a new province's synonyms are one line here and every table can be enumerated by a test.
import { normalizeText, squeeze } from './normalize.ts';

export type GridColumn =
  | 'level1'
  | 'level2'
  | 'name'
  | 'description'
  | 'value'
  | 'midValue'
  | 'comparator'
  | 'measureUnit'
  | 'basis'
  | 'remark'
  | 'fundingLine'
  | 'weight'
  | 'actual'
  | 'score'
  | 'deviation'
  | 'previous';

/** Grid header cell (whitespace removed) → column. Checked whole first, then by pattern. */
export const GRID_HEADERS: Readonly<Record<string, GridColumn>> = {
  一级指标: 'level1',
  二级指标: 'level2',
  三级指标: 'name',
  指标名称: 'name',
  指标内容: 'name',
  绩效指标描述: 'description',
  指标描述: 'description',
  指标解释: 'description',
  指标说明: 'description',
  指标值: 'value',
  目标值: 'value',
  年度指标值: 'value',
  年度目标值: 'value',
  预期目标值: 'value',
  当年预期实现值: 'value',
  中期指标值: 'midValue',
  中期目标值: 'midValue',
  实施期指标值: 'midValue',
  实施期目标值: 'midValue',
  计算符号: 'comparator',
  计量单位: 'measureUnit',
  度量单位: 'measureUnit',
  指标值确定依据: 'basis',
  确定依据: 'basis',
  绩效标准: 'basis',
  备注: 'remark',
  项目名称及金额: 'fundingLine',
  分值: 'weight',
  权重: 'weight',
  实际完成值: 'actual',
  全年实际值: 'actual',
  实际实现值: 'actual',
  得分: 'score',
  偏差原因分析及改进措施: 'deviation',
  未完成原因: 'deviation',
  上年指标值: 'previous',
  上年实际值: 'previous',
};

const GRID_HEADER_PATTERNS: ReadonlyArray<[RegExp, GridColumn]> = [
  [/^\d{4}年实际实现值$/, 'previous'],
  [/^项目名称及金额/, 'fundingLine'],
];

/**
 * A header without its bracketed note at the end (`指标值（%）` → `指标值`): what
 * `.replace(/[（(][^）)]*[）)]$/, '')` did, in one pass. The pattern, unanchored, was retried from
 * every opening bracket of a long run of them, which is quadratic (found by the fuzzer: a cell of
 * 80,000 （ took 20 s).
 */
function withoutTrailingNote(text: string): string {
  if (!text.endsWith('）') && !text.endsWith(')')) return text;
  const inner = text.slice(0, -1);
  const lastClose = Math.max(inner.lastIndexOf('）'), inner.lastIndexOf(')'));
  const open = inner.slice(lastClose + 1).search(/[（(]/);
  return open < 0 ? text : text.slice(0, lastClose + 1 + open);
}

export function gridColumnOf(cell: string): GridColumn | null {
  const key = withoutTrailingNote(squeeze(cell));
  const exact = GRID_HEADERS[key] ?? GRID_HEADERS[squeeze(cell)];
  if (exact) return exact;
  for (const [pattern, column] of GRID_HEADER_PATTERNS) if (pattern.test(squeeze(cell))) return column;
  return null;
}

export type ProjectField = 'code' | 'name' | 'owner' | 'total' | 'fiscal' | 'other' | 'purpose' | 'unit' | 'implementer';

/** Header-field label (whitespace removed, trailing colon and bracketed notes dropped) → field. */
export const FIELD_LABELS: Readonly<Record<string, ProjectField>> = {
  项目编码: 'code',
  项目代码: 'code',
  项目名称: 'name',
  项目负责人及联系电话: 'owner',
  项目负责人: 'owner',
  预算数: 'total',
  年度申请资金额度: 'total',
  年度资金总额: 'total',
  年度预算数: 'total',
  资金总额: 'total',
  其中财政资金: 'fiscal',
  财政资金: 'fiscal',
  其中财政拨款: 'fiscal',
  财政拨款: 'fiscal',
  其他资金: 'other',
  资金用途: 'purpose',
  填报单位: 'unit',
  预算单位: 'unit',
  预算部门: 'unit',
  单位名称: 'unit',
  项目单位: 'unit',
  项目执行单位: 'unit',
  主管部门: 'unit',
  实施单位: 'implementer',
};

/** Normalises a label cell for lookup: no whitespace, no ：, no （…） notes like （万元）. */
export function labelKey(cell: string): string {
  return squeeze(cell)
    .replace(/[（(](盖公章|盖章|万元|元)[）)]/g, '')
    .replace(/[：:]/g, '');
}

export function fieldOf(cell: string): ProjectField | null {
  return FIELD_LABELS[labelKey(cell)] ?? null;
}

/**
 * Each label as a pattern for a label with its value written inside it, longest label first. The
 * value follows a colon, or is an amount written straight after the label. Compiled once: this
 * runs on every cell.
 */
const LABELS_WITH_VALUE = Object.entries(FIELD_LABELS)
  .sort((a, b) => b[0].length - a[0].length)
  .map(([label, field]) => ({ field, pattern: new RegExp(`^(?:其中[：:]?)?${label}(?:[（(][^）)]*[）)])?(?:[：:]\\s*([^：:（(\\s].*)|\\s*([0-9０-９].*))$`) }));

/** A label whose value is written inside it: `其中：财政资金600万元`, `填报单位（盖公章）：某局`. */
export function splitLabelWithValue(cell: string): { field: ProjectField; value: string } | null {
  const text = normalizeText(cell);
  for (const { field, pattern } of LABELS_WITH_VALUE) {
    const match = pattern.exec(text);
    const value = match?.[1] ?? match?.[2];
    if (value) return { field, value };
  }
  return null;
}

/** Section labels of the header part. */
export const SECTION_LABELS = {
  budgetAndPurpose: /^预算规模及资金用途$|^预算规模$/,
  spendingPlan: /^资金支出计划/,
  goals: /^(绩效目标|年度目标|总体目标|年度绩效目标|项目绩效目标)$/,
  goalItemLabel: /^(目标[0-9０-９]+|年度目标|总体目标|绩效目标|中期目标.*)$/,
  midTermGoals: /^中期目标/,
} as const;

export function isSectionLabel(cell: string): boolean {
  const label = squeeze(cell);
  return SECTION_LABELS.budgetAndPurpose.test(label) || SECTION_LABELS.spendingPlan.test(label) || SECTION_LABELS.goals.test(label);
}

/** Generic form names and section headings that are never a project's title. */
export const GENERIC_HEADINGS: readonly RegExp[] = [
  /^(.{0,12}[市县区省]级?)?(部门)?(预算)?项目(支出)?绩效(目标|信息)(表|申报表|批复表)?$/,
  /^第[一二三四五六七八九十]+部分$/,
  /^(\d{4}年度?)?(部门整体|专项资金|部门)(支出)?绩效目标(表)?$/,
  /^[（(]?\d{4}年度?[）)]?$/,
  /^(金额)?单位[：:]/,
  /^(填报单位|预算单位|单位名称)/,
  /^\d{6,}/,
  /(签字|签章|盖章|经办人|联系电话)/,
];

export function isGenericHeading(text: string): boolean {
  const squeezed = squeeze(text);
  return squeezed === '' || GENERIC_HEADINGS.some((pattern) => pattern.test(squeezed));
}

/** A unit line: `304001保定白沟新城国际贸易服务中心（本级）` — a digit code, then the name. */
export const UNIT_LINE = /^\s*(\d{6,})\s*([^\d\s].*?)\s*$/s;
