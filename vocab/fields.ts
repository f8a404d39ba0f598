// Labels of a form's header part (项目名称, 实施单位, 年度资金总额, 年度目标 …) → the field they
// label, with a rank where forms offer several (the year's amount over the whole project's, the
// annual goal over the overall one). Matched on the folded label, bracketed notes like （万元）
// dropped. Labels that name no contract field are listed too: they end the value before them.
import { labelFold } from './fold.ts';

export type FormField =
  | 'code'
  | 'name'
  | 'unit' // the unit that owns the project: 填报单位, 预算单位, 单位名称 …
  | 'unitCode'
  | 'implementer' // 实施单位
  | 'owner' // 项目负责人 (and 及电话)
  | 'phone' // 联系电话, joined to a bare owner name
  | 'total'
  | 'fiscal'
  | 'other'
  | 'purpose'
  | 'goals'
  | 'midGoals' // 中期目标, 项目总目标: not the year's goals
  | 'budgetSection' // 资金情况, 项目资金: the money block's caption
  | 'budgetColumn' // 年初预算数, 全年预算数 … heading the money block's columns
  | 'spendingPlan' // 资金支出计划
  | 'budgetAndPurpose' // 预算规模及资金用途
  | 'department' // 主管部门: not a unit source in the contract
  | 'other-label'; // a label of no contract field

export interface FieldMatch {
  field: FormField;
  /** higher wins where a form gives the field twice (annual over whole-period) */
  rank: number;
}

const LABELS: ReadonlyArray<[string, FormField, number]> = [
  ['项目编码', 'code', 2],
  ['项目代码', 'code', 2],
  ['项目编号', 'code', 1],
  ['项目名称', 'name', 3],
  ['二级项目名称', 'name', 4],
  ['专项名称', 'name', 2],
  ['专项资金名称', 'name', 2],
  ['资金名称', 'name', 2],
  ['申报项目名称', 'name', 2],
  ['一级项目名称', 'other-label', 0],
  ['填报单位', 'unit', 3],
  ['编报单位', 'unit', 3],
  ['申报单位', 'unit', 3],
  ['预算单位', 'unit', 3],
  ['预算部门', 'unit', 3],
  ['单位名称', 'unit', 3],
  ['一级预算单位名称', 'unit', 3],
  ['预算单位名称', 'unit', 3],
  ['部门名称', 'unit', 3],
  ['部门(单位)名称', 'unit', 3],
  ['单位(部门)名称', 'unit', 3],
  ['主管部门(单位)名称', 'unit', 2],
  ['主管部门名称', 'unit', 2],
  ['项目单位', 'unit', 3],
  ['项目执行单位', 'unit', 3],
  ['下达地方或单位', 'unit', 2],
  ['总额', 'total', 1],
  ['部门预算编码', 'unitCode', 1],
  ['单位编码', 'unitCode', 1],
  ['实施单位', 'implementer', 2],
  ['项目实施单位', 'implementer', 2],
  ['主管部门', 'department', 0],
  ['主管部门及代码', 'department', 0],
  ['主管部门及编码', 'department', 0],
  ['业务主管部门', 'department', 0],
  ['县级主管部门', 'department', 0],
  ['市县主管部门', 'department', 0],
  ['区县主管部门', 'department', 0],
  ['省级主管部门', 'department', 0],
  ['中央主管部门', 'department', 0],
  ['自治区主管部门', 'department', 0],
  ['区县财政部门', 'department', 0],
  ['市县财政部门', 'department', 0],
  ['省级财政部门', 'department', 0],
  ['组织实施单位', 'department', 0],
  ['监督管理单位', 'department', 0],
  ['项目负责人及联系电话', 'owner', 3],
  ['项目负责人及电话', 'owner', 3],
  ['负责人及电话', 'owner', 3],
  ['负责人及联系电话', 'owner', 3],
  ['项目负责人', 'owner', 2],
  ['专项负责人', 'owner', 2],
  ['项目责任人', 'owner', 2],
  ['负责人', 'owner', 1],
  ['联系电话', 'phone', 1],
  ['联系人及电话', 'phone', 1],
  ['联系人及联系电话', 'phone', 1],
  ['年度资金申请总额', 'total', 4],
  ['当年资金总额', 'total', 4],
  ['当年年度预算', 'total', 4],
  ['年度资金总额', 'total', 3],
  ['年度预算数', 'total', 3],
  ['年度金额', 'total', 3],
  ['年度申请资金额度', 'total', 3],
  ['预算申报数', 'total', 3],
  ['本年度预计投入', 'total', 3],
  ['预算数', 'total', 2],
  ['资金总额', 'total', 2],
  ['计划投资额', 'total', 2],
  ['下达中央预算内投资', 'total', 2],
  ['项目资金总额', 'total', 1],
  ['项目总预算', 'total', 1],
  ['中期资金总额', 'total', 0],
  ['其中:当年财政拨款', 'fiscal', 4],
  ['当年财政拨款', 'fiscal', 4],
  ['其中:本年财政拨款', 'fiscal', 4],
  ['本年财政拨款', 'fiscal', 4],
  ['其中:财政拨款', 'fiscal', 3],
  ['财政拨款', 'fiscal', 3],
  ['其中:财政资金', 'fiscal', 3],
  ['财政资金', 'fiscal', 3],
  ['其中:当年财政资金', 'fiscal', 4],
  ['其他资金', 'other', 3],
  ['其它资金', 'other', 3],
  ['其中:其他资金', 'other', 3],
  ['其中:其它资金', 'other', 3],
  ['当年其他资金', 'other', 4],
  ['资金用途', 'purpose', 2],
  ['年度目标', 'goals', 4],
  ['年度绩效目标', 'goals', 4],
  ['本年度绩效目标', 'goals', 4],
  ['年度总体目标', 'goals', 4],
  ['年初设定目标', 'goals', 4],
  ['预期目标', 'goals', 4],
  ['项目年度目标', 'goals', 4],
  ['年度主要目标和成果', 'goals', 4],
  ['年度总体绩效目标', 'goals', 4],
  ['绩效目标', 'goals', 3],
  ['总体目标', 'goals', 2],
  ['总体绩效目标', 'goals', 2],
  ['项目绩效目标', 'goals', 1],
  ['中期目标', 'midGoals', 0],
  ['中长期绩效目标', 'midGoals', 0],
  ['项目总目标', 'midGoals', 0],
  ['实施期目标', 'midGoals', 0],
  ['年度总体目标完成情况', 'other-label', 0],
  ['年度总体目标完成情况综述', 'other-label', 0],
  ['实际完成情况', 'other-label', 0],
  ['全年实际完成情况', 'other-label', 0],
  ['年度目标完成情况', 'other-label', 0],
  ['资金情况', 'budgetSection', 0],
  ['项目资金', 'budgetSection', 0],
  ['专项资金情况', 'budgetSection', 0],
  ['预算执行情况', 'budgetSection', 0],
  ['年度预算申请', 'budgetSection', 0],
  ['项目预算成本构成', 'other-label', 0],
  ['年初预算数', 'budgetColumn', 1],
  ['年初预算', 'budgetColumn', 1],
  ['全年预算数', 'budgetColumn', 3],
  ['全年预算数(A)', 'budgetColumn', 3],
  ['调整后预算数', 'budgetColumn', 3],
  ['全年执行数', 'budgetColumn', 0],
  ['全年执行数(B)', 'budgetColumn', 0],
  ['预算执行数', 'budgetColumn', 0],
  ['执行率', 'budgetColumn', 0],
  ['执行率(B/A)', 'budgetColumn', 0],
  ['预算执行率', 'budgetColumn', 0],
  ['分值', 'budgetColumn', 0],
  ['得分', 'budgetColumn', 0],
  ['权重', 'budgetColumn', 0],
  ['原因', 'budgetColumn', 0],
  ['资金支出计划', 'spendingPlan', 0],
  ['预算规模及资金用途', 'budgetAndPurpose', 0],
  ['预算规模', 'budgetAndPurpose', 0],
];

/** Labels that name nothing the contract keeps; they stop the value of the label before them. */
const OTHER_LABELS: readonly string[] = [
  '项目属性', '专项属性', '项目类型', '项目分类', '项目类别', '项目性质', '项目期', '实施期', '专项实施期', '项目起止时间',
  '专项起止时间', '建设周期', '项目开始日期', '项目完成日期', '资金性质', '立项依据', '专项立项依据', '项目立项依据', '项目审批',
  '项目概况', '专项概况', '项目总体概况', '基本情况', '项目基本情况', '项目立项必要性', '保证项目实施的制度措施', '项目实施计划',
  '政策依据', '其他依据', '需要说明的其他问题', '单位已有的保证专项实施的制度、措施', '财政资金预算分类', '财政资金科目代码',
  '补助区域', '地址', '邮编', '项目类型', '中央补助', '中央补助安排', '省级财政安排', '地方资金', '市县资金', '上年结转资金',
  '其中:中央补助', '其中:中央补助(万元)', '自治区补助', '项目总投资', '实际到位资金', '实际使用情况', '部门(单位)职责', '部门职责',
  '项目总得分', '单位负责人', '项目实施内容及过程概述', '项目年度目标完成情况', '金额', '测算(公式)依据', '合计', '编报时间',
  '部门负责人', '部门负责人(签字)', '项目责任人(签字)', '单位(盖章)', '财务负责人', '项目类型', '按收入性质分', '按支出性质分',
];

/**
 * Labels whose value is the document's own unit (the contract: a unit line, a 部门名称 cell, or
 * 填报单位), as opposed to a project's: 预算单位, 项目单位 and 实施单位 name only the project's.
 */
export const DOCUMENT_UNIT_LABELS: ReadonlySet<string> = new Set([
  '填报单位', '编报单位', '申报单位', '单位名称', '一级预算单位名称', '预算单位名称', '部门名称', '部门(单位)名称', '单位(部门)名称', '主管部门(单位)名称', '主管部门名称',
]);

const TABLE = new Map<string, FieldMatch>([
  ...OTHER_LABELS.map((label): [string, FieldMatch] => [label, { field: 'other-label', rank: 0 }]),
  ...LABELS.map(([label, field, rank]): [string, FieldMatch] => [label, { field, rank }]),
]);

/** A label's key: folded, a colon and bracketed money notes dropped (`资金情况(万元)` → `资金情况`). */
export function fieldKey(text: string): string {
  return labelFold(text)
    .replace(/\((?:万元|元|盖章|盖公章|签字|签章|%|印章)\)/g, '')
    .replace(/[:：]/g, ':')
    .replace(/:$/, '');
}

const matches = new Map<string, FieldMatch | null>();

export function fieldMatch(text: string): FieldMatch | null {
  const known = matches.get(text);
  if (known !== undefined) return known;
  const match = matchField(text);
  if (matches.size > 50_000) matches.clear();
  matches.set(text, match);
  return match;
}

function matchField(text: string): FieldMatch | null {
  // A signature line (项目责任人（签字）：) is the form's foot, not a field.
  if (/签字|签名|签章/.test(text)) return TABLE.get(fieldKey(text)) ? { field: 'other-label', rank: 0 } : null;
  const key = fieldKey(text);
  if (key === '' || key.length > 24) return null;
  const found = TABLE.get(key) ?? TABLE.get(key.replace(/^其中:?/, '')) ?? TABLE.get(key.replace(/:/g, '')) ?? TABLE.get(key.replace(/\([^()]*\)$/, ''));
  if (found) return found;
  // A label that lost its first character to a scan or a converter (`级预算单位名称`).
  // The character before is the rest of a cut word, never a number (`0` / `年度绩效目标` are two cells).
  const clipped = key.length >= 6 && /^\p{Unified_Ideograph}/u.test(key) ? TABLE.get(key.slice(1)) : undefined;
  return clipped && clipped.field !== 'other-label' ? clipped : null;
}

/** First characters of every label's key (and 其 of 其中：…): a cheap test before trying to match. */
const FIRST_CHARACTERS: ReadonlySet<string> = new Set([...TABLE.keys()].map((key) => key[0] ?? '').concat('其'));

/**
 * Whether a folded text can begin a field label, alone or with the cells after it: its first
 * character begins one, or its second does (a label that lost its first character to a scan).
 */
export function mayBeginField(key: string): boolean {
  const bare = key.replace(/^[*★☆※]+/, '');
  return bare.length <= 1 || FIRST_CHARACTERS.has(bare[0] as string) || FIRST_CHARACTERS.has(bare[1] as string);
}

/** Every label as written without spaces, longest first: for finding labels in text with no separators. */
export const FIELD_SURFACES: readonly string[] = [...TABLE.keys()].sort((a, b) => b.length - a.length);
