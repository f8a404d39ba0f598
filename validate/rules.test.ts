// Every rule against its fixtures (fixtures/validation/rules/CODE.json): each table under
// "triggers" must raise the rule, each under "passes" must not. Tables are the base table
// (fixtures/validation/base.json) with the rows a fixture replaces, drops or adds.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ValidatorConfig, defaultConfig } from './config.ts';
import { validateProject } from './engine.ts';
import { buildProject, type FixtureTable } from '../test/support/fixture-table.ts';
import { ruleCodes, rules } from './rules/index.ts';
import type { Project } from '../schemas/extraction.ts';

const dir = fileURLToPath(new URL('../fixtures/validation/', import.meta.url));
const base = JSON.parse(readFileSync(dir + 'base.json', 'utf8')) as { year: number; table: FixtureTable };

/** A table as a scan gave it: OCR confidences of budget amounts (budget.fiscal …) and of row values (by 1-based row number). */
interface ScannedTable extends FixtureTable {
  ocr?: Record<string, number>;
}

interface Case extends ScannedTable {
  note: string;
}
interface RuleFixture {
  code: string;
  why: string;
  triggers: Case[];
  passes: Case[];
}

/**
 * The codes of shared/domain/review-rules.md, section by section (the page lives outside this
 * repository); PROJECT_NOT_READ, which says a project's grid was not read instead of what it lacks;
 * and OCR_LOW_CONFIDENCE, which says a figure of a scan was read with low confidence.
 */
const REVIEW_RULES = [
  ...['PROJECT_NOT_READ', 'LEVEL1_UNKNOWN', 'LEVEL2_WRONG_PARENT', 'MISSING_OUTPUT', 'MISSING_EFFECT', 'MISSING_OUTPUT_DIMENSION', 'MISSING_SATISFACTION', 'TOO_FEW_INDICATORS', 'TOO_MANY_INDICATORS', 'DUPLICATE_INDICATOR', 'SATISFACTION_MISPLACED'],
  ...['VALUE_MISSING', 'VALUE_VAGUE', 'VALUE_NOT_NUMERIC', 'UNIT_MISSING', 'PERCENT_OVER_100', 'COMPARATOR_DIRECTION', 'TIMELINESS_FORM', 'TIMELINESS_OUT_OF_YEAR', 'YEAR_MISMATCH'],
  ...['COST_EXCEEDS_BUDGET', 'COST_RESTATES_BUDGET', 'BUDGET_SUM_MISMATCH', 'SPENDING_PLAN_INVALID', 'INPUT_AS_RESULT'],
  ...['DESCRIPTION_REPEATS_NAME', 'BASIS_MISSING', 'BASIS_GENERIC', 'SATISFACTION_BASIS', 'SATISFACTION_RANGE', 'SATISFACTION_INTERNAL', 'TITLE_NAME_MISMATCH'],
  'OCR_LOW_CONFIDENCE',
];

const fixtures: RuleFixture[] = readdirSync(dir + 'rules')
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(dir + 'rules/' + name, 'utf8')) as RuleFixture);

/** The table's project, with the confidences a scan would give its figures. */
function projectOf(table: ScannedTable): Project {
  const project = buildProject(base.table, table);
  for (const [at, confidence] of Object.entries(table.ocr ?? {})) {
    if (at.startsWith('budget.')) project.ocrConfidence = { ...project.ocrConfidence, [at]: confidence };
    else {
      const indicator = project.indicators[Number(at) - 1]!;
      indicator.provenance = { ...indicator.provenance, value: { page: 1, bbox: [100, 200, 180, 220], ocr: true, confidence } };
    }
  }
  return project;
}

const codesOf = (table: ScannedTable, config = defaultConfig) => validateProject(projectOf(table), 0, base.year, config).map((finding) => finding.code);

describe('the base table', () => {
  it('raises no finding at all', () => {
    expect(validateProject(buildProject(base.table, {}), 0, base.year)).toEqual([]);
  });
});

describe('rule fixtures', () => {
  it('cover every rule of review-rules.md (31), PROJECT_NOT_READ and OCR_LOW_CONFIDENCE, each with tables both ways', () => {
    expect([...ruleCodes].sort()).toEqual([...REVIEW_RULES].sort());
    expect(new Set(ruleCodes).size).toBe(33);
    for (const rule of rules) expect(rule.title && rule.titleEn, rule.code).toBeTruthy();
    expect(fixtures.map((fixture) => fixture.code).sort()).toEqual([...ruleCodes].sort());
    for (const fixture of fixtures) {
      expect(fixture.triggers.length, fixture.code).toBeGreaterThan(0);
      expect(fixture.passes.length, fixture.code).toBeGreaterThan(0);
    }
  });

  for (const fixture of fixtures) {
    describe(fixture.code, () => {
      for (const table of fixture.triggers) {
        it(`raises on: ${table.note}`, () => {
          const findings = validateProject(projectOf(table), 0, base.year).filter((finding) => finding.code === fixture.code);
          expect(findings).not.toHaveLength(0);
          for (const finding of findings) {
            expect(finding.message).toMatch(/[\u4e00-\u9fff]/);
            expect(finding.messageEn).toMatch(/^[\x20-\x7e].*[a-z]{3}/);
          }
        });
      }
      for (const table of fixture.passes) {
        it(`stays quiet on: ${table.note}`, () => expect(codesOf(table)).not.toContain(fixture.code));
      }
    });
  }
});

describe('findings', () => {
  it('carry code, severity, both messages and the row they point at', () => {
    const table: FixtureTable = { replace: { '2': ['产出指标', '质量指标', '培训考核合格率', '考核合格人数/参训人数', '≥100%', '《社区技能培训管理办法》'] } };
    const [finding] = validateProject(buildProject(base.table, table), 3, base.year);
    expect(finding).toMatchObject({
      code: 'PERCENT_OVER_100',
      severity: 'warning',
      loc: { projectIndex: 3, projectName: '2026年社区居民就业技能培训项目', indicatorIndex: 1, field: 'value' },
    });
    expect(finding?.message).toContain('第2行“培训考核合格率”');
    expect(finding?.message).toContain('=100%');
    expect(finding?.messageEn).toContain('row 2 "培训考核合格率"');
  });

  it('list table-level findings before row findings, rows in order', () => {
    const findings = validateProject(buildProject(base.table, { budget: [20, 15, 3], replace: { '1': ['产出指标', '数量指标', '培训居民人数', '培训居民人数', '≤500', '2025年实际培训480人'] } }), 0, base.year);
    expect(findings.map((finding) => [finding.loc.indicatorIndex, finding.code])).toEqual([
      [null, 'BUDGET_SUM_MISMATCH'],
      [0, 'UNIT_MISSING'],
      [0, 'COMPARATOR_DIRECTION'],
      [0, 'DESCRIPTION_REPEATS_NAME'],
    ]);
  });

  it('read a table against the year of its own name when the document states none, and skip year rules without any', () => {
    const table: FixtureTable = { replace: { '3': ['产出指标', '时效指标', '培训完成时间', '反映培训按期完成情况', '2027年3月底前', '2025年培训工作方案'] } };
    const project = buildProject(base.table, table);
    expect(validateProject(project, 0, 2026).map((finding) => finding.code)).toEqual(['TIMELINESS_OUT_OF_YEAR', 'YEAR_MISMATCH']);
    expect(validateProject(project, 0, null).map((finding) => finding.code)).toEqual(['TIMELINESS_OUT_OF_YEAR', 'YEAR_MISMATCH']);
    expect(validateProject({ ...project, title: '社区居民就业技能培训项目绩效目标表', name: '社区居民就业技能培训项目' }, 0, null)).toEqual([]);
  });

  it('give a basis copied down the table one YEAR_MISMATCH, on its first row', () => {
    const rows = base.table.rows ?? [];
    const table: FixtureTable = { rows: rows.map((row, index) => (index < 5 ? [row[0], row[1], row[2], row[3], row[4], '2024实际支出和2025年工作计划'] : row)) };
    const years = validateProject(buildProject(base.table, table), 0, base.year).filter((finding) => finding.code === 'YEAR_MISMATCH');
    expect(years).toHaveLength(1);
    expect(years[0]?.loc.indicatorIndex).toBe(0);
    expect(years[0]?.message).toBe('第1、2、3、4、5行的指标值确定依据“2024实际支出和2025年工作计划”写的是2025年，与预算年度2026年不一致。');
  });

  it('give a 不涉及 row VALUE_MISSING alone', () => {
    const table: FixtureTable = { add: [['效益指标', '生态效益指标', '不涉及', '不涉及', '不涉及', '不涉及']] };
    const findings = validateProject(buildProject(base.table, table), 0, base.year);
    expect(findings.map((finding) => finding.code)).toEqual(['VALUE_MISSING']);
    expect(findings[0]?.message).toBe('第7行（生态效益指标）填写为“不涉及”：不适用的指标应删除该行，或设置与项目相关的指标。');
  });
});

describe('a project whose grid was not read', () => {
  const empty: FixtureTable = { rows: [] };

  it('is reported as not read, once, instead of missing 产出, 效益 and 满意度 rows', () => {
    const findings = validateProject(buildProject(base.table, empty), 2, base.year);
    expect(findings).toEqual([
      {
        code: 'PROJECT_NOT_READ',
        severity: 'error',
        message: '未能读出本项目的绩效指标表（没有读出任何指标行），因此无法审核其指标；请核对原文或上传原文件，补录指标后再审核。',
        messageEn: 'The indicator table of this project could not be read (no indicator row was read), so its indicators could not be checked.',
        loc: { projectIndex: 2, projectName: '2026年社区居民就业技能培训项目', indicatorIndex: null, field: 'indicators' },
      },
    ]);
  });

  it('still gets what the rules say of the rest of the form (the budget, the heading)', () => {
    expect(codesOf({ ...empty, budget: [20, 15, 3] })).toEqual(['PROJECT_NOT_READ', 'BUDGET_SUM_MISMATCH']);
    expect(codesOf({ ...empty, title: '2026年蔬菜储备补贴专项资金绩效目标表' })).toEqual(['PROJECT_NOT_READ', 'TITLE_NAME_MISMATCH']);
  });

  it('holds back exactly the rules that only say something is missing from the grid, even with PROJECT_NOT_READ switched off', () => {
    expect(rules.filter((rule) => rule.absence).map((rule) => rule.code)).toEqual(['MISSING_OUTPUT', 'MISSING_EFFECT', 'MISSING_OUTPUT_DIMENSION', 'MISSING_SATISFACTION', 'TOO_FEW_INDICATORS']);
    expect(codesOf(empty, ValidatorConfig.parse({ disabled: ['PROJECT_NOT_READ'] }))).toEqual([]);
  });

  it('is read once it has a row: then the missing rows are reported, and PROJECT_NOT_READ is not', () => {
    const one: FixtureTable = { rows: [['产出指标', '数量指标', '培训居民人数', '反映全年参加技能培训的居民人数', '≥500人', '2025年实际培训480人']] };
    const codes = codesOf(one);
    expect(codes).not.toContain('PROJECT_NOT_READ');
    expect(codes).toEqual(expect.arrayContaining(['MISSING_EFFECT', 'MISSING_OUTPUT_DIMENSION', 'MISSING_SATISFACTION', 'TOO_FEW_INDICATORS']));
  });
});

describe('configuration', () => {
  it('switches rules off', () => {
    const table: FixtureTable = { replace: { '1': ['产出指标', '数量指标', '培训居民人数', '反映全年参加技能培训的居民人数', '≤500', '2025年实际培训480人'] } };
    expect(codesOf(table)).toEqual(['UNIT_MISSING', 'COMPARATOR_DIRECTION']);
    expect(codesOf(table, ValidatorConfig.parse({ disabled: ['UNIT_MISSING'] }))).toEqual(['COMPARATOR_DIRECTION']);
  });

  it('takes thresholds and word lists from the config', () => {
    expect(codesOf({}, ValidatorConfig.parse({ minIndicators: 7 }))).toEqual(['TOO_FEW_INDICATORS']);
    const sat = { replace: { '6': ['满意度指标', '服务对象满意度指标', '参训居民满意度', '反映参训居民对培训的满意程度', '≥85%', '满意度调查问卷'] } } as FixtureTable;
    expect(codesOf(sat, ValidatorConfig.parse({ satisfactionMin: 90 }))).toEqual(['SATISFACTION_RANGE']);
    expect(codesOf({}, ValidatorConfig.parse({ internalRespondents: ['居民'] }))).toEqual(['SATISFACTION_INTERNAL']);
  });

  it('refuses unknown options and unknown rule codes, so a typo does not pass unnoticed', () => {
    expect(ValidatorConfig.safeParse({ minIndicator: 7 }).success).toBe(false);
    expect(ValidatorConfig.safeParse({ disabled: ['UNIT_MISING'] }).success).toBe(false);
  });

  it('documents every option with its default', () => {
    const schema = ValidatorConfig.shape;
    for (const [key, option] of Object.entries(schema)) expect(option.description, key).toBeTruthy();
    expect(defaultConfig.minIndicators).toBe(5);
    expect(defaultConfig.maxIndicators).toBe(30);
  });
});

describe('figures read from a scan with low confidence', () => {
  // 15 + 3 ≠ 20: the budget does not add up, as read.
  const mismatch: ScannedTable = { budget: [20, 15, 3] };
  const budgetFindings = (table: ScannedTable, config = defaultConfig) => validateProject(projectOf(table), 0, base.year, config).filter((finding) => finding.loc.indicatorIndex === null);

  it('leave a mismatch read surely an error, as before', () => {
    expect(budgetFindings({ ...mismatch, ocr: { 'budget.total': 0.99, 'budget.fiscal': 0.97, 'budget.other': 0.98 } })).toEqual([
      expect.objectContaining({ code: 'BUDGET_SUM_MISMATCH', severity: 'error', message: '财政资金15万元加其他资金3万元为18万元，与预算数20万元不符。' }),
    ]);
    expect(budgetFindings(mismatch)).toEqual([expect.objectContaining({ code: 'BUDGET_SUM_MISMATCH', severity: 'error' })]);
  });

  it('make a mismatch resting on a 财政资金 read at 0.62 a warning to check, beside OCR_LOW_CONFIDENCE on that amount', () => {
    const findings = budgetFindings({ ...mismatch, ocr: { 'budget.total': 0.99, 'budget.fiscal': 0.62, 'budget.other': 0.98 } });
    expect(findings.map((finding) => [finding.code, finding.severity, finding.loc.field])).toEqual([
      ['BUDGET_SUM_MISMATCH', 'warning', 'budget'],
      ['OCR_LOW_CONFIDENCE', 'warning', 'budget.fiscal'],
    ]);
    expect(findings.some((finding) => finding.severity === 'error')).toBe(false);
    expect(findings[0]?.message).toBe(
      '财政资金15万元加其他资金3万元为18万元，与预算数20万元不符。但其中财政资金（识别为15万元，置信度0.62）是从扫描件识别的，扫描识别置信度低，可能读错：请先对照原件核对这一数字，再判断是否确有此问题。',
    );
    expect(findings[0]?.messageEn).toContain('But the 财政资金 amount (read as 15万元, confidence 0.62) was read from a scan with low confidence');
    expect(findings[1]?.message).toBe('财政资金识别为15万元，但扫描识别置信度低（0.62），可能读错，请对照原件核对。');
  });

  it('take the threshold from the config', () => {
    const table: ScannedTable = { ...mismatch, ocr: { 'budget.fiscal': 0.85 } };
    expect(budgetFindings(table).map((finding) => finding.severity)).toEqual(['error']);
    expect(budgetFindings(table, ValidatorConfig.parse({ ocrConfidenceMin: 0.9 })).map((finding) => [finding.code, finding.severity])).toEqual([
      ['BUDGET_SUM_MISMATCH', 'warning'],
      ['OCR_LOW_CONFIDENCE', 'warning'],
    ]);
    expect(defaultConfig.ocrConfidenceMin).toBe(0.8);
  });

  it('make a cost ceiling over the budget a warning when the ceiling or the budget was read unsure', () => {
    const over: ScannedTable = { replace: { '4': ['产出指标', '成本指标', '培训总成本', '反映培训总成本', '≤25万元', '市级培训费支出标准'] } };
    const cost = (table: ScannedTable) => validateProject(projectOf(table), 0, base.year).filter((finding) => finding.code === 'COST_EXCEEDS_BUDGET');
    expect(cost({ ...over, ocr: { '4': 0.97 } }).map((finding) => finding.severity)).toEqual(['error']);
    const [unsureValue] = cost({ ...over, ocr: { '4': 0.55 } });
    expect(unsureValue).toMatchObject({ severity: 'warning', loc: { indicatorIndex: 3, field: 'value' } });
    expect(unsureValue?.message).toContain('第4行“培训总成本”的指标值（识别为“≤25万元”，置信度0.55）是从扫描件识别的');
    expect(cost({ ...over, ocr: { 'budget.total': 0.7 } }).map((finding) => finding.severity)).toEqual(['warning']);
  });

  it('name the value a row was read as, and where', () => {
    const [finding] = validateProject(projectOf({ ocr: { '1': 0.55 } }), 0, base.year);
    expect(finding).toMatchObject({ code: 'OCR_LOW_CONFIDENCE', severity: 'warning', loc: { indicatorIndex: 0, field: 'value' } });
    expect(finding?.message).toBe('第1行“培训居民人数”的指标值识别为“≥500人”，但扫描识别置信度低（0.55），可能读错，请对照原件核对。');
  });
});
