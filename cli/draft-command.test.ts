// The text report of `jixiao draft`, on drafts built by hand (so it is tested whatever the drafter
// proposes), and the --budget check.
import { describe, expect, it } from 'vitest';
import { Draft, type DraftIndicator, type DraftOrigin } from '../schemas/library.ts';
import { draftReport, parseBudget } from './draft-command.ts';

function row(level2: string, name: string, raw: string, origin: DraftOrigin, extra: Partial<DraftIndicator> = {}): DraftIndicator {
  return {
    level1: level2 === '服务对象满意度指标' ? '满意度指标' : level2.endsWith('效益指标') ? '效益指标' : '产出指标',
    level2,
    name,
    description: null,
    value: { raw, kind: raw === '' ? 'empty' : 'numeric', op: null, number: null, unit: null },
    basis: null,
    remark: null,
    fundingLine: null,
    origin,
    similarity: null,
    confidence: 'high',
    check: null,
    sources: [],
    rationale: '',
    ...extra,
  };
}

const source = (projectId: number, projectName: string, similarity: number) => ({ projectId, projectName, unit: '某单位', year: 2025, row: 1, similarity });

function draft(indicators: DraftIndicator[], extra: Partial<Draft> = {}, budget: number | null = 80): Draft {
  // Parsed, so a hand-built draft that no longer fits the schema fails here rather than passing quietly.
  return Draft.parse({
    project: { title: null, code: null, name: '2026年度小型水库维修养护', unit: null, owner: null, budget: { total: budget, fiscal: null, other: null }, purpose: null, spendingPlan: null, goals: [], indicators },
    findings: [],
    category: { name: '水利', reason: '名称含“水库”' },
    similar: [],
    floor: 0.3,
    fallback: false,
    refinedBy: null,
    ...extra,
  });
}

const lineOf = (report: string, text: string) => report.split('\n').find((line) => line.includes(text)) ?? '';

describe('the draft report', () => {
  it('says the budget, the category, and where each row came from, marking the rows to check first', () => {
    const report = draftReport(
      draft(
        [
          row('数量指标', '维修水库座数', '3座', 'request', { rationale: '资金用途写明' }),
          row('质量指标', '工程验收合格率', '100%', 'precedent', { similarity: 0.62, sources: [source(12, '2025年度水库除险加固', 0.62), source(40, '河道清淤', 0.41)] }),
          row('时效指标', '完成时间', '2026年10月底前', 'precedent', { similarity: 0.35, confidence: 'low', check: '相近项目相似度低，请核对完成时间', sources: [source(7, '农田水利维护', 0.35)] }),
          row('成本指标', '单座维修成本', '', 'template', { confidence: 'low', check: '预算未定：确定预算后填写此值' }),
          row('社会效益指标', '防洪能力', '有效提升', 'model', { confidence: 'low', check: '模型补充，请核对' }),
          row('服务对象满意度指标', '受益群众满意度', '≥90%', 'template'),
        ],
        { findings: [{ code: 'VALUE_MISSING', severity: 'error', message: '第4行“单座维修成本”没有填写指标值。', messageEn: 'no value', loc: { projectIndex: 0, projectName: null, indicatorIndex: 3, field: 'value' } }] },
      ),
    );
    const lines = report.split('\n');
    expect(lines[0]).toBe('2026年度小型水库维修养护（预算 80 万元）');
    expect(lines[1]).toBe('类别：水利（名称含“水库”）');
    expect(report).not.toContain('库中没有相近的项目');
    expect(lineOf(report, '一级指标')).toMatch(/#\s+一级指标\s+二级指标\s+三级指标\s+指标值\s+来源$/);

    // Each origin's 来源; the closest source named, and how many more there are.
    expect(lineOf(report, '维修水库座数')).toMatch(/^ {2}\s*1\s+产出指标\s+数量指标\s+维修水库座数\s+3座\s+本项目资金用途$/);
    expect(lineOf(report, '工程验收合格率')).toMatch(/100%\s+相近项目（相似度 0\.62）#12 2025年度水库除险加固 等2项$/);
    expect(lineOf(report, '完成时间')).toMatch(/相近项目（相似度 0\.35）#7 农田水利维护$/);
    expect(lineOf(report, '单座维修成本')).toMatch(/（待填）\s+类别模板$/);
    expect(lineOf(report, '防洪能力')).toMatch(/有效提升\s+模型$/);
    expect(lineOf(report, '受益群众满意度')).toMatch(/≥90%\s+类别模板$/);

    // Low-confidence rows lead with ⚠ and have their check under them; confident rows have neither.
    for (const name of ['完成时间', '单座维修成本', '防洪能力']) expect(lineOf(report, name).startsWith('⚠')).toBe(true);
    for (const name of ['维修水库座数', '工程验收合格率', '受益群众满意度']) expect(lineOf(report, name).startsWith(' ')).toBe(true);
    const after = (name: string) => lines[lines.findIndex((line) => line.includes(name)) + 1]!;
    expect(after('完成时间').trim()).toBe('└ 核对：相近项目相似度低，请核对完成时间');
    expect(after('单座维修成本').trim()).toBe('└ 核对：预算未定：确定预算后填写此值');
    expect(after('防洪能力').trim()).toBe('└ 核对：模型补充，请核对');
    expect(after('工程验收合格率')).not.toContain('核对');
    expect(report).toContain('⚠ 标出的 3 行请先核对。');

    // The columns line up (CJK counted as two columns): every 指标值 starts where the header's does.
    const at = (line: string, text: string) => {
      const index = line.indexOf(text);
      return [...line.slice(0, index)].reduce((columns, char) => columns + (/[\u2e80-\ua4cf\uff00-\uff60]/.test(char) ? 2 : 1), 0);
    };
    const valueColumn = at(lineOf(report, '一级指标'), '指标值');
    expect(at(lineOf(report, '维修水库座数'), '3座')).toBe(valueColumn);
    expect(at(lineOf(report, '完成时间'), '2026年10月底前')).toBe(valueColumn);
    expect(at(lineOf(report, '受益群众满意度'), '≥90%')).toBe(valueColumn);

    expect(report).toContain('审核意见：\n  错误 VALUE_MISSING：第4行“单座维修成本”没有填写指标值。');
  });

  it('says when nothing in the library was close enough, when the budget is not set, and when no category fits', () => {
    const rows = [row('数量指标', '维修水库座数', '3座', 'request'), row('质量指标', '工程验收合格率', '≥95%', 'template', { confidence: 'low', check: '模板指标：请按本项目实际核定名称和目标值' })];
    const fallback = draftReport(draft(rows, { fallback: true, floor: 0.25 }, null));
    const lines = fallback.split('\n');
    expect(lines[0]).toBe('2026年度小型水库维修养护（预算未定）');
    expect(lines[2]).toBe('⚠ 库中没有相近的项目（相似度均低于 0.25），以下为类别模板，请逐条核定');
    expect(lineOf(fallback, '工程验收合格率')).toMatch(/^⚠.*类别模板$/);
    expect(fallback).toContain('审核：无意见');

    const unknown = draftReport(draft(rows, { category: null, fallback: true }));
    expect(unknown.split('\n')[1]).toBe('类别：未能判断');
    expect(unknown).toContain('以下为通用模板');

    // Not a fallback: no banner, and the rows are all confident here, so nothing is marked.
    const confident = draftReport(draft([row('数量指标', '维修水库座数', '3座', 'request')]));
    expect(confident).not.toContain('⚠');
  });
});

describe('--budget', () => {
  it('takes a positive number of 万元, with or without 万元 and thousands commas', () => {
    expect(parseBudget('50')).toEqual({ ok: true, value: 50 });
    expect(parseBudget('12.5万元')).toEqual({ ok: true, value: 12.5 });
    expect(parseBudget('1,200 万')).toEqual({ ok: true, value: 1200 });
  });

  it('refuses anything else with a Chinese message that names what it got', () => {
    for (const given of ['0', '-3', 'many', '', 'Infinity', '50元']) {
      const parsed = parseBudget(given);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain(`--budget 应为大于 0 的金额（万元），如 --budget 50；收到“${given}”`);
    }
  });
});
