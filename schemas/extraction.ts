// The extraction contract, schema version 1 (shared/spec/extraction-output.md).
// Field names and canonical values are fixed by the contract; every TypeScript type of the
// extraction is inferred from here.
import { z } from 'zod';
import { SourceSpan } from './doc.ts';
import { Finding } from './findings.ts';

export const SCHEMA_VERSION = '1';

export const valueKinds = ['classified', 'not_applicable', 'empty', 'date', 'numeric', 'text'] as const;
export const comparators = ['>=', '<=', '>', '<', '='] as const;
export const sourceFormats = ['text', 'docx', 'pdf', 'image', 'html', 'xlsx'] as const;

export const Value = z
  .object({
    raw: z.string().describe('指标值 as written, after text normalisation'),
    kind: z.enum(valueKinds).describe('classified 涉密 | not_applicable 不涉及 | empty | date 时间 | numeric 数值 | text 定性'),
    op: z.enum(comparators).nullable().describe('计算符号: the comparator, for numeric values'),
    number: z.number().nullable().describe('the number as written, units not converted'),
    unit: z.string().nullable().describe('计量单位: what follows the number'),
  })
  .describe('a parsed 指标值');

export const Unit = z
  .object({
    code: z.string().nullable().describe('单位编码, the leading digit code of the unit line'),
    name: z.string().describe('单位名称'),
  })
  .describe('预算单位: the budget unit');

/** The cells of an indicator row whose origin `provenance` records. */
export const indicatorCells = ['level1', 'level2', 'name', 'description', 'value', 'basis', 'remark', 'fundingLine'] as const;

/**
 * The form fields of a project whose OCR confidence `ocrConfidence` records, named by their path in
 * the project (the indicator grid's cells have theirs in `provenance`).
 */
export const projectConfidenceFields = ['budget.total', 'budget.fiscal', 'budget.other'] as const;

export const Indicator = z
  .object({
    level1: z.string().nullable().describe('一级指标, canonical'),
    level2: z.string().nullable().describe('二级指标, canonical when known'),
    name: z.string().nullable().describe('三级指标 (指标名称 / 指标内容)'),
    description: z.string().nullable().describe('绩效指标描述 / 指标解释 / 指标说明'),
    value: Value.describe('指标值 (年度指标值 when a form also shows a mid-term target)'),
    basis: z.string().nullable().describe('指标值确定依据'),
    remark: z.string().nullable().describe('备注'),
    fundingLine: z.string().nullable().describe('项目名称及金额 of department tables'),
    weight: z.number().nullable().optional().describe('分值'),
    actual: Value.optional().describe('实际完成值 / 全年实际值 / 实际实现值'),
    score: z.number().nullable().optional().describe('得分'),
    deviation: z.string().nullable().optional().describe('偏差原因分析及改进措施 / 未完成原因'),
    previous: Value.optional().describe('上年指标值 / 上年实际值'),
    provenance: z
      .partialRecord(z.enum(indicatorCells), SourceSpan)
      .optional()
      .describe('where each cell of the row was read: lines of pasted text, page and box of a PDF or scan, sheet and cell of a spreadsheet (an addition to the contract)'),
  })
  .describe('one row of the indicator grid (绩效指标)');

export const Budget = z
  .object({
    total: z.number().nullable().describe('预算数 / 年度申请资金额度 / 年度资金总额, 万元'),
    fiscal: z.number().nullable().describe('其中：财政资金, 万元'),
    other: z.number().nullable().describe('其他资金, 万元'),
  })
  .describe('预算规模, in 万元');

export const SpendingPlanEntry = z
  .object({
    period: z.string().describe('the period column, e.g. 3月底'),
    raw: z.string().describe('the cell as written, "" when blank'),
    value: z.number().nullable().describe('the number in the cell, percent sign dropped'),
  })
  .describe('one column of 资金支出计划');

export const Project = z
  .object({
    title: z.string().nullable().describe('the heading before the table (绩效目标表 title)'),
    code: z.string().nullable().describe('项目编码'),
    name: z.string().nullable().describe('项目名称'),
    unit: Unit.nullable().describe('the unit that owns the project (填报单位 / 预算单位)'),
    owner: z.string().nullable().describe('项目负责人及联系电话'),
    budget: Budget,
    purpose: z.string().nullable().describe('资金用途'),
    spendingPlan: z.array(SpendingPlanEntry).nullable().describe('资金支出计划（%）; null when the form has no such section'),
    goals: z.array(z.string()).describe('绩效目标 / 年度目标 items, numbering stripped'),
    indicators: z.array(Indicator).describe('绩效指标 grid rows'),
    ocrConfidence: z
      .partialRecord(z.enum(projectConfidenceFields), z.number().min(0).max(1))
      .optional()
      .describe(
        'OCR recognition confidence (0..1, the lowest of the cell, as provenance gives it for indicator cells) of the form fields read from a scan or photo, by field path: budget.total, budget.fiscal, budget.other; absent when no such field was read by OCR (an addition to the contract)',
      ),
  })
  .describe('one 项目绩效目标表');

export const Objective = z
  .object({
    title: z.string().nullable().describe('分项绩效目标 heading, or 目标N / 年度整体支出目标N'),
    goal: z.string().nullable().describe('绩效目标 text'),
    indicatorText: z.string().nullable().describe('绩效指标 text as written'),
    indicators: z.array(Indicator).describe('indicators read from the prose or the department table'),
  })
  .describe('part one 分项绩效目标, or a department-level 年度整体支出目标');

export const Warning = z
  .object({
    code: z.string().regex(/^[A-Z][A-Z0-9_]*$/).describe('stable SCREAMING_SNAKE_CASE code'),
    message: z.string().describe('for a person'),
    loc: z
      .object({
        line: z.number().int().optional(),
        page: z.number().int().optional(),
        table: z.number().int().optional(),
        row: z.number().int().optional(),
      })
      .describe('where in the source'),
    text: z.string().optional().describe('the source text the warning is about (a row that could not be aligned, a table that could not be read), as written'),
  })
  .describe('something the extractor could not read, or doubts');

export const Source = z
  .object({
    filename: z.string().nullable().describe('null for pasted text'),
    format: z.enum(sourceFormats),
    ocr: z.boolean().describe('true when any text came from OCR'),
    pages: z.number().int().nullable().describe('page count for pdf/image'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/).describe('of the input bytes'),
  })
  .describe('the input document');

export const Document = z
  .object({
    unit: Unit.nullable().describe('the disclosing unit (部门 / 单位)'),
    year: z.number().int().nullable().describe('预算年度, the budget year'),
    overallGoal: z.string().nullable().describe('总体绩效目标 / 年度整体支出绩效目标'),
    departmentBudget: z.record(z.string(), z.number()).nullable().describe('部门整体支出 budget: "group/column" → 万元'),
    objectives: z.array(Objective).describe('分项绩效目标 and department-level targets'),
    projects: z.array(Project).describe('项目绩效目标表, in document order'),
  })
  .describe('what the document says');

export const engineNames = ['rules', 'llm', 'auto'] as const;

export const EngineRun = z
  .object({
    name: z.enum(engineNames),
    model: z.string().describe('the chat model asked'),
    promptVersion: z.string().describe('the prompt file\'s version line, e.g. extract-table/1'),
    requests: z.number().int().describe('requests sent to the model, retries and re-asks included'),
    promptTokens: z.number().int(),
    completionTokens: z.number().int(),
    costUsd: z.number().nullable().describe('estimated from LLM_PRICE_INPUT / LLM_PRICE_OUTPUT, when set'),
    sections: z.number().int().describe('tables and prose sections sent to the model'),
  })
  .describe('how a model took part in this extraction (absent when the rules read it alone)');

export const ModelDebug = z
  .object({
    failedOutputs: z
      .array(z.object({ section: z.number().int(), output: z.string(), problem: z.string() }))
      .describe('the last answer of each section the model could not answer within the schema, kept for debugging'),
  })
  .describe('what the model path kept for debugging');

export const Extraction = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    source: Source,
    document: Document,
    warnings: z.array(Warning),
    findings: z.array(Finding).describe('review findings of the validator (validate/), in document order'),
    engine: EngineRun.optional(),
    debug: ModelDebug.optional(),
  })
  .describe('jixiao extraction output, schema version 1');

export type Value = z.infer<typeof Value>;
export type ValueKind = (typeof valueKinds)[number];
export type Comparator = (typeof comparators)[number];
export type Unit = z.infer<typeof Unit>;
export type Indicator = z.infer<typeof Indicator>;
export type Budget = z.infer<typeof Budget>;
export type ProjectConfidenceField = (typeof projectConfidenceFields)[number];
export type SpendingPlanEntry = z.infer<typeof SpendingPlanEntry>;
export type Project = z.infer<typeof Project>;
export type Objective = z.infer<typeof Objective>;
export type Warning = z.infer<typeof Warning>;
export type Source = z.infer<typeof Source>;
export type SourceFormat = (typeof sourceFormats)[number];
export type ExtractedDocument = z.infer<typeof Document>;
export type Extraction = z.infer<typeof Extraction>;
export type EngineName = (typeof engineNames)[number];
export type EngineRun = z.infer<typeof EngineRun>;
