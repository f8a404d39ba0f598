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

const dir = fileURLToPath(new URL('../fixtures/validation/', import.meta.url));
const base = JSON.parse(readFileSync(dir + 'base.json', 'utf8')) as { year: number; table: FixtureTable };

interface Case extends FixtureTable {
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
 * repository), and PROJECT_NOT_READ, which says a project's grid was not read instead of what it lacks.
 */
const REVIEW_RULES = [
  ...['PROJECT_NOT_READ', 'LEVEL1_UNKNOWN', 'LEVEL2_WRONG_PARENT', 'MISSING_OUTPUT', 'MISSING_EFFECT', 'MISSING_OUTPUT_DIMENSION', 'MISSING_SATISFACTION', 'TOO_FEW_INDICATORS', 'TOO_MANY_INDICATORS', 'DUPLICATE_INDICATOR', 'SATISFACTION_MISPLACED'],
  ...['VALUE_MISSING', 'VALUE_VAGUE', 'VALUE_NOT_NUMERIC', 'UNIT_MISSING', 'PERCENT_OVER_100', 'COMPARATOR_DIRECTION', 'TIMELINESS_FORM', 'TIMELINESS_OUT_OF_YEAR', 'YEAR_MISMATCH'],
  ...['COST_EXCEEDS_BUDGET', 'COST_RESTATES_BUDGET', 'BUDGET_SUM_MISMATCH', 'SPENDING_PLAN_INVALID', 'INPUT_AS_RESULT'],
  ...['DESCRIPTION_REPEATS_NAME', 'BASIS_MISSING', 'BASIS_GENERIC', 'SATISFACTION_BASIS', 'SATISFACTION_RANGE', 'SATISFACTION_INTERNAL', 'TITLE_NAME_MISMATCH'],
];

const fixtures: RuleFixture[] = readdirSync(dir + 'rules')
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(dir + 'rules/' + name, 'utf8')) as RuleFixture);

const codesOf = (table: FixtureTable, config = defaultConfig) => validateProject(buildProject(base.table, table), 0, base.year, config).map((finding) => finding.code);

describe('the base table', () => {
  it('raises no finding at all', () => {
    expect(validateProject(buildProject(base.table, {}), 0, base.year)).toEqual([]);
  });
});

describe('rule fixtures', () => {
  it('cover every rule of review-rules.md (31) and PROJECT_NOT_READ, each with tables both ways', () => {
    expect([...ruleCodes].sort()).toEqual([...REVIEW_RULES].sort());
    expect(new Set(ruleCodes).size).toBe(32);
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
          const findings = validateProject(buildProject(base.table, table), 0, base.year).filter((finding) => finding.code === fixture.code);
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
