// The validator's thresholds and word lists: data, with the defaults documented beside them.
// A config file (`jixiao validate --config FILE`) holds any subset as JSON; zod fills the rest.
// A word list given in the file replaces the default list (it does not add to it). Unknown keys
// and unknown rule codes are refused, so a typo does not silently leave a rule as it was.
import { z } from 'zod';
import { ruleCodes } from './rules/index.ts';

const words = (defaults: string[], what: string) => z.array(z.string().min(1)).default(defaults).describe(what);

export const ValidatorConfig = z
  .strictObject({
    disabled: z.array(z.enum(ruleCodes)).default([]).describe('rule codes switched off, e.g. ["BASIS_GENERIC"]'),

    // Thresholds.
    minIndicators: z.number().int().min(0).default(5).describe('TOO_FEW_INDICATORS below this many rows, 不涉及 rows not counted (local practice)'),
    maxIndicators: z.number().int().min(1).default(30).describe('TOO_MANY_INDICATORS above this many rows'),
    moneyTolerance: z.number().min(0).default(0.005).describe('万元: amounts this close are equal (预算数 is written to 0.01万元)'),
    satisfactionMin: z.number().default(80).describe('SATISFACTION_RANGE below this percent (local practice: 85–98%)'),
    flagFullSatisfaction: z.boolean().default(true).describe('SATISFACTION_RANGE on a target of exactly 100%'),
    sameBasisMinRows: z.number().int().min(2).default(3).describe('BASIS_GENERIC when at least this many rows (satisfaction rows aside) all share one basis'),
    ocrConfidenceMin: z
      .number()
      .min(0)
      .max(1)
      .default(0.8)
      .describe(
        'OCR_LOW_CONFIDENCE below this: a budget amount or 指标值 read from a scan with less confidence (0..1) is to be checked against the scan, and a finding resting on it is a warning, not an error',
      ),
    titleMismatchMinEdits: z
      .number()
      .int()
      .min(1)
      .default(2)
      .describe('TITLE_NAME_MISMATCH when heading and 项目名称 differ by at least this many characters (招商选资 / 招商引资 is one)'),

    // Word lists.
    placeholders: words(['XX', 'xx', 'ＸＸ', '××', '*', '＊', '**', '待定', '?', '？'], 'VALUE_MISSING: placeholder values'),
    vagueWords: words(
      ['达到预期', '明显', '显著', '及时', '有效', '提升', '提高', '良好', '节能', '环保', '正常', '正增长', '推动', '促进', '发展', '保障', '改善', '增强', '稳定', '较好', '长期', '到位', '按时'],
      'VALUE_VAGUE: qualitative words; a value made of these and vagueFillers only (besides words of its own indicator name) is vague',
    ),
    vagueFillers: words(['进一步', '有所', '得到', '稳步', '持续', '逐步', '大幅', '较大', '不断', '更加', '全面', '和', '与', '、', '，', ',', '。'], 'VALUE_VAGUE: words that add nothing to a vague value'),
    quantityNameEndings: words(['率', '数', '数量', '次数', '人数', '成本', '金额', '面积', '天数', '比例', '额'], 'VALUE_NOT_NUMERIC: a name ending in one of these asks for a number'),
    growthWords: words(['增长', '增幅', '增速', '同比', '扩大'], 'PERCENT_OVER_100: a rate of change may exceed 100%; every other percent target is a rate capped at 100%'),
    harmWords: words(
      ['成本', '费用', '事故', '投诉', '差错', '失误', '违规', '违纪', '损失', '故障', '误差', '超支', '返工', '污染', '排放', '能耗', '隐患', '不合格', '拖欠'],
      'COMPARATOR_DIRECTION: indicators where less is better (take ≤)',
    ),
    harmReversalWords: words(
      ['降低', '减少', '下降', '节约', '节省', '压减', '压缩', '办结', '处理', '处置', '回复', '解决', '化解', '整改', '查处', '消除'],
      'COMPARATOR_DIRECTION: a name with a harm word and one of these measures less harm or harm dealt with (成本节约率, 投诉办结率): more is better',
    ),
    turnaroundUnits: words(['分钟', '小时', '天', '日', '工作日', '个工作日', '周', '个月', '月'], 'TIMELINESS_FORM: units of a turnaround limit such as ≤3个工作日'),
    wholeYearWords: words(['全年', '全年度', '年内', '一年', '全年内'], 'TIMELINESS_FORM: periods that are no deadline'),
    otherYearWords: words(['次年', '下年', '明年', '来年', '下一年', '上年', '去年', '上一年'], 'TIMELINESS_OUT_OF_YEAR: a deadline naming one of these lies outside the budget year'),
    unitCostWords: words(
      ['人均', '每', '单价', '均价', '平均', '标准', '单位成本'],
      'COST_EXCEEDS_BUDGET: a cost row whose name or description has one of these is a unit cost, not an item of the budget, and is left out of the sum',
    ),
    inputMeasures: words(
      ['预算执行率', '执行率', '资金到位率', '到位率', '资金拨付率', '拨付率', '支出进度', '拨付金额', '拨付资金', '支出金额', '资金使用率'],
      'INPUT_AS_RESULT: names that measure money going out',
    ),
    satisfactionWords: words(['满意', '好评'], 'SATISFACTION_MISPLACED: a name with one of these measures satisfaction'),
    surveyWords: words(['调查', '问卷', '测评', '回访'], 'SATISFACTION_BASIS: a basis naming a survey'),
    internalRespondents: words(
      ['工作人员', '职工', '干部', '在职人员', '单位人员', '本单位', '机关人员', '员工'],
      'SATISFACTION_INTERNAL: the unit’s own staff, when they are the ones asked (before any 对: 工作人员对网络满意度, not 群众对工作人员满意度)',
    ),
    basisStandardWords: words(
      ['计划', '规划', '方案', '标准', '规范', '办法', '规定', '制度', '合同', '协议', '文件', '通知', '批复', '预算', '请示', '意见', '措施', '测算', '审批', '《', '〔', '【', '[', '号', '上年', '去年', '往年', '实际值', '实际支出', '年实际', '实际完成', '决算', '调查', '问卷', '统计', '数据', '测评'],
      'BASIS_GENERIC: a basis naming a plan, standard, history value or document contains one of these, or an amount (近三年平均就业率58%); 历史经验 and 近三年工作经验 name none',
    ),
    historyWords: words(['实际', '决算', '完成值', '执行数'], 'YEAR_MISMATCH: a past year followed by one of these is a history value (2025年实际培训480人), not a mistake'),
    baselineWords: words(['较', '比', '与', '对照', '参照'], 'YEAR_MISMATCH: a year after one of these is a baseline (较2025年增长10%), not a mistake'),
  })
  .describe('validator configuration');

export type ValidatorConfig = z.infer<typeof ValidatorConfig>;

export const defaultConfig: ValidatorConfig = ValidatorConfig.parse({});
