// The form's layout, read the way a clerk reads the printed form: what stands in each row, which
// cells are merged, and which columns a project's rows call for.
import { describe, expect, it } from 'vitest';
import type { Indicator, Project } from '../schemas/extraction.ts';
import type { Finding } from '../schemas/findings.ts';
import { parseValue } from '../extract/values.ts';
import { FORM_NAME, formLayout, unitText, type FormCell, type FormLayout } from './form-sheet.ts';
import { notesOf } from './review-notes.ts';

const row = (level1: string | null, level2: string | null, name: string, value: string, extra: Partial<Indicator> = {}): Indicator => ({
  level1,
  level2,
  name,
  description: null,
  value: parseValue(value),
  basis: '年度工作计划',
  remark: null,
  fundingLine: null,
  ...extra,
});

const project: Project = {
  title: '1.2026年度海关办公经费绩效目标表',
  code: '13060526P00003110004W',
  name: '2026年度海关办公经费',
  unit: { code: '304001', name: '保定白沟新城国际贸易服务中心（本级）' },
  owner: null,
  budget: { total: 60, fiscal: 60, other: null },
  purpose: '主要用于维护相关设备。',
  spendingPlan: [
    { period: '3月底', raw: '', value: null },
    { period: '6月底', raw: '', value: null },
    { period: '10月底', raw: '', value: null },
    { period: '12月底', raw: '60.00', value: 60 },
  ],
  goals: ['维护相关设备。', '保障海关工作正常开展。'],
  indicators: [
    row('产出指标', '数量指标', '开展业务次数', '≥10次'),
    row('产出指标', '数量指标', '培训人次', '≥300人次', { remark: '含线上' }),
    row('产出指标', '质量指标', '工作完成率', '≥95%'),
    row('效益指标', '社会效益指标', '保障工作正常开展率', '100%'),
    row(null, null, '无层级的行', '是'),
  ],
};

const finding = (indicatorIndex: number | null, severity: Finding['severity'], message: string): Finding => ({
  code: 'SOME_RULE',
  severity,
  message,
  messageEn: message,
  loc: { projectIndex: 0, projectName: project.name, indicatorIndex, field: null },
});

const findings = [finding(null, 'warning', '缺少满意度指标。'), finding(0, 'error', '第1行指标值有误。'), finding(0, 'info', '第1行描述重复名称。')];
const layout = formLayout(project, { year: 2026, notes: notesOf(findings, 0) });

const at = (l: FormLayout, r: number, c: number): FormCell | undefined => l.cells.find((cell) => cell.row === r && cell.col === c);
const rowOf = (l: FormLayout, text: string): number => l.cells.find((cell) => cell.value === text)?.row ?? -1;
const texts = (l: FormLayout, r: number): unknown[] => l.cells.filter((cell) => cell.row === r).sort((a, b) => a.col - b.col).map((cell) => cell.value);

describe('formLayout', () => {
  it('opens with the title, the year line and the money unit', () => {
    expect(texts(layout, 1)).toEqual([project.title]);
    expect(texts(layout, 2)).toEqual(['（2026年度）']);
    expect(texts(layout, 3)).toEqual(['单位：万元']);
    const untitled = formLayout({ ...project, title: null }, { year: null, notes: notesOf([], 0) });
    expect(texts(untitled, 1)).toEqual([FORM_NAME]);
    expect(texts(untitled, 2)).toEqual(['单位：万元']);
  });

  it('writes the fields the project has, beside their labels, and leaves out those it has not', () => {
    expect(texts(layout, rowOf(layout, '项目名称'))).toEqual(['项目名称', project.name]);
    expect(texts(layout, rowOf(layout, '项目编码'))).toEqual(['项目编码', project.code, '预算单位', '304001保定白沟新城国际贸易服务中心（本级）']);
    expect(texts(layout, rowOf(layout, '资金用途'))).toEqual(['资金用途', project.purpose]);
    expect(texts(layout, rowOf(layout, '年度目标'))).toEqual(['年度目标', '1.维护相关设备。\n2.保障海关工作正常开展。']);
    expect(rowOf(layout, '项目负责人及联系电话')).toBe(-1);
  });

  it('writes the money as numbers under 资金情况, a label over its three rows', () => {
    const label = layout.cells.find((cell) => cell.value === '资金情况')!;
    expect(label.rowSpan).toBe(3);
    const amounts = [0, 1, 2].map((offset) => texts(layout, label.row + offset).slice(-2));
    expect(amounts).toEqual([
      ['年度资金总额', 60],
      ['其中：财政拨款', 60],
      ['其他资金', null],
    ]);
    expect(layout.cells.filter((cell) => cell.role === 'amount').map((cell) => cell.value)).toEqual([60, 60, null]);
  });

  it('writes the spending plan as periods over their cells, across the form’s width', () => {
    const label = layout.cells.find((cell) => cell.value === '资金支出计划')!;
    expect(label.rowSpan).toBe(2);
    const periods = layout.cells.filter((cell) => cell.row === label.row && cell.col > 1);
    const amounts = layout.cells.filter((cell) => cell.row === label.row + 1);
    expect(periods.map((cell) => cell.value)).toEqual(project.spendingPlan!.map((entry) => entry.period));
    expect(amounts.map((cell) => cell.value)).toEqual(project.spendingPlan!.map((entry) => entry.raw || null));
    expect(periods.reduce((sum, cell) => sum + cell.colSpan, 0)).toBe(layout.widths.length - 1);
  });

  it('heads the grid with the columns the rows fill, then 审核意见', () => {
    expect(texts(layout, layout.gridHeaderRow)).toEqual(['一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据', '备注', '审核意见']);
    const described = formLayout({ ...project, indicators: [row('产出指标', '数量指标', 'a', '1个', { description: '反映…', actual: parseValue('2个'), weight: 10 })] }, { year: null, notes: notesOf([], 0) });
    expect(texts(described, described.gridHeaderRow)).toEqual(['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '实际完成值', '分值', '指标值确定依据', '审核意见']);
  });

  it('merges each 一级 cell over its rows and each 二级 cell over its rows under it', () => {
    const first = layout.gridHeaderRow + 1;
    const levels = layout.cells.filter((cell) => cell.role === 'level' && cell.value !== null);
    expect(levels.map((cell) => [cell.value, cell.row - first, cell.rowSpan])).toEqual([
      ['产出指标', 0, 3],
      ['数量指标', 0, 2],
      ['质量指标', 2, 1],
      ['效益指标', 3, 1],
      ['社会效益指标', 3, 1],
    ]);
    // A row of no level has empty level cells of its own.
    expect([at(layout, first + 4, 1)?.value, at(layout, first + 4, 2)?.value]).toEqual([null, null]);
    expect(texts(layout, first + 1)).toEqual(['培训人次', '≥300人次', '年度工作计划', '含线上', null]);
  });

  it('writes each row’s findings beside it and the table’s own under the grid, gravest first in colour', () => {
    const first = layout.gridHeaderRow + 1;
    const notes = at(layout, first, layout.widths.length)!;
    expect(notes.value).toBe('【错误】第1行指标值有误。\n【提示】第1行描述重复名称。');
    expect(notes.severity).toBe('error');
    expect(at(layout, first + 1, layout.widths.length)?.value).toBeNull();
    const block = layout.cells.find((cell) => cell.role === 'label' && cell.value === '审核意见')!;
    expect(block.row).toBe(first + project.indicators.length);
    expect(block.rowSpan).toBe(2);
    expect(texts(layout, block.row)).toEqual(['审核意见', '共3条：错误1条，警告1条，提示1条']);
    expect(texts(layout, block.row + 1)).toEqual(['【警告】缺少满意度指标。']);
    expect(layout.rowCount).toBe(block.row + 1);
  });

  it('covers each position of the form once, inside its columns', () => {
    for (const l of [layout, formLayout({ ...project, indicators: [] }, { year: null, notes: notesOf([], 0) })]) {
      const seen = new Set<string>();
      for (const cell of l.cells) {
        expect(cell.col + cell.colSpan - 1).toBeLessThanOrEqual(l.widths.length);
        for (let r = cell.row; r < cell.row + cell.rowSpan; r++) {
          for (let c = cell.col; c < cell.col + cell.colSpan; c++) {
            expect(seen.has(`${r}:${c}`), `${r}:${c}`).toBe(false);
            seen.add(`${r}:${c}`);
          }
        }
      }
    }
  });
});

describe('unitText', () => {
  it('runs a six-digit code into the name as unit lines do, brackets a shorter one', () => {
    expect(unitText({ code: '304001', name: '某中心' })).toBe('304001某中心');
    expect(unitText({ code: '101', name: '某局' })).toBe('[101]某局');
    expect(unitText({ code: null, name: '某局' })).toBe('某局');
    expect(unitText(null)).toBeNull();
  });
});
