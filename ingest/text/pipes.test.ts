// The pipe readers: web-page stores and Markdown give the same table in two renderings (a row per
// line, or a cell per line ending ` |`), and only Markdown-like rows that keep their empty cells in
// place can be trusted column by column.
import { describe, expect, it } from 'vitest';
import type { Block, Table } from '../../schemas/doc.ts';
import { isPipeLine, isPipeMarker, pipeRendering, readPipeRegion } from './pipes.ts';

/** Numbered lines as the region reader gets them (1-based, like the source). */
function numbered(text: string, first = 1): Array<{ text: string; number: number }> {
  return text.split('\n').map((line, index) => ({ text: line, number: first + index }));
}

function onlyTable(blocks: readonly Block[]): Table {
  expect(blocks).toHaveLength(1);
  const block = blocks[0];
  if (block?.kind !== 'table') throw new Error('expected a table');
  return block;
}

/** Cell texts without the padding spaces around the pipes (the padding is not what is compared here). */
function texts(table: Table): string[][] {
  return table.rows.map((row) => row.map((cell) => cell.text.trim()));
}

describe('isPipeLine / isPipeMarker', () => {
  it('takes rows with outer bars, rows with only a closing bar, and rows with inner ` | `', () => {
    expect(isPipeLine('| 产出指标 | 数量指标 | 日常养护里程 | ≥126.5公里 | |')).toBe(true);
    expect(isPipeLine('日常养护里程 |')).toBe(true);
    expect(isPipeLine('产出指标 | 数量指标')).toBe(true);
  });

  it('leaves prose and values with a bar inside a word alone', () => {
    // A `|` glued between words is not a separator (no space around it, not at an edge).
    expect(isPipeLine('完成全县农村公路日常养护126.5公里，保障群众安全便捷出行。')).toBe(false);
    expect(isPipeLine('A|B类设备')).toBe(false);
    expect(isPipeLine('   ')).toBe(false);
  });

  it('marks lines of pipes alone: an empty cell or the end of a row', () => {
    expect(isPipeMarker('|')).toBe(true);
    expect(isPipeMarker('||||')).toBe(true);
    expect(isPipeMarker('  || ')).toBe(true);
    expect(isPipeMarker('≥90% |')).toBe(false);
  });
});

describe('pipe rows', () => {
  // From fixtures/hand/pipe-outer.txt: outer bars, empty cells collapsed to the end of the row.
  const outer = [
    '| 一级指标 | 二级指标 | 三级指标 | 指标值 | 备注 |',
    '| 产出指标 | 数量指标 | 日常养护里程 | ≥126.5公里 | |',
    '| 桥梁经常性检查 | 18座 | |||',
    '| 质量指标 | 优良中等路率 | ≥85% | ||',
    '| 时效指标 | 路面坑槽处置时限 | ≤48小时 | 自接报起计算 | |',
  ].join('\n');

  it('reads one row per line, with the empties collapsed at the end dropped', () => {
    const table = onlyTable(readPipeRegion(numbered(outer)).blocks);
    expect(texts(table)).toEqual([
      ['一级指标', '二级指标', '三级指标', '指标值', '备注'],
      ['产出指标', '数量指标', '日常养护里程', '≥126.5公里'],
      ['桥梁经常性检查', '18座'],
      ['质量指标', '优良中等路率', '≥85%'],
      ['时效指标', '路面坑槽处置时限', '≤48小时', '自接报起计算'],
    ]);
  });

  it('says rows are hints and columns collapsed when empties were pushed to the row end', () => {
    // `桥梁经常性检查` sits in the first cell although it is the 三级指标: positions say nothing.
    const read = readPipeRegion(numbered(outer));
    expect(read.rendering).toBe('pipe-rows');
    expect(onlyTable(read.blocks).layout).toEqual({ rows: 'hinted', columns: 'collapsed', rendering: 'pipe-rows' });
  });

  it('reads rows without outer bars the same way (fixtures/hand/pipe-inner.txt)', () => {
    const inner = [
      '一级指标 | 二级指标 | 三级指标 | 指标说明 | 指标值 |',
      '产出指标 | 数量指标 | 校舍维修改造学校数 | 实施校舍维修改造的农村学校数量 | 6所 |',
      '运动场改造面积 | 新建、改造塑胶运动场面积 | ≥9600平方米 | ||',
    ].join('\n');
    const table = onlyTable(readPipeRegion(numbered(inner)).blocks);
    expect(texts(table)).toEqual([
      ['一级指标', '二级指标', '三级指标', '指标说明', '指标值'],
      ['产出指标', '数量指标', '校舍维修改造学校数', '实施校舍维修改造的农村学校数量', '6所'],
      ['运动场改造面积', '新建、改造塑胶运动场面积', '≥9600平方米'],
    ]);
    expect(table.layout?.columns).toBe('collapsed');
  });

  it('keeps each cell on its source line', () => {
    const table = onlyTable(readPipeRegion(numbered(outer, 7)).blocks);
    expect(table.rows[2]?.[1]?.source).toEqual({ lineStart: 9, lineEnd: 9 });
    expect(table.source).toEqual({ lineStart: 7, lineEnd: 11 });
  });

  it('reads an escaped bar as text and <br> as a line break inside a cell', () => {
    const table = onlyTable(readPipeRegion(numbered('| 三级指标 | 指标值 |\n| 设备完好率<br>（A\\|B类） | ≥95% |')).blocks);
    expect(table.rows[1]?.[0]?.text.trim()).toBe('设备完好率\n（A|B类）');
    expect(table.rows[1]?.[1]?.text.trim()).toBe('≥95%');
  });
});

describe('Markdown rows that keep their empty cells', () => {
  const markdown = [
    '| 一级指标 | 二级指标 | 三级指标 | 指标值 | 指标值确定依据 |',
    '| --- | --- | --- | --- | --- |',
    '| 产出指标 | 数量指标 | 培训人次 | ≥300人次 | 年度培训计划 |',
    '|  |  | 开展培训工种 | ≥5个 | 年度培训计划 |',
    '|  | 质量指标 | 培训合格率 | ≥95% |  |',
  ].join('\n');

  it('is an exact grid: empty cells stay where they stand, the separator row goes', () => {
    const read = readPipeRegion(numbered(markdown));
    const table = onlyTable(read.blocks);
    expect(read.rendering).toBe('pipe-rows');
    expect(table.layout).toEqual({ rows: 'exact', columns: 'exact', rendering: 'pipe-rows' });
    expect(texts(table)).toEqual([
      ['一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据'],
      ['产出指标', '数量指标', '培训人次', '≥300人次', '年度培训计划'],
      ['', '', '开展培训工种', '≥5个', '年度培训计划'],
      // A trailing empty cell is padding; the cells before it keep their columns.
      ['', '质量指标', '培训合格率', '≥95%'],
    ]);
  });

  it('puts back together a row whose cell held a line break (break inside a cell)', () => {
    const broken = [
      '| 一级指标 | 二级指标 | 三级指标 | 绩效指标描述 | 指标值 | 指标值确定依据 |',
      '| --- | --- | --- | --- | --- | --- |',
      '|  | 质量指标 | 办公用房正常使用率 | 办公用房在办公时正常使用天数/',
      '全部办公天数 | 100% | 《关于办公用房使用管理的请示》 |',
    ].join('\n');
    const table = onlyTable(readPipeRegion(numbered(broken)).blocks);
    expect(table.layout?.rows).toBe('exact');
    expect(texts(table)).toHaveLength(2);
    expect(texts(table)[1]).toEqual(['', '质量指标', '办公用房正常使用率', '办公用房在办公时正常使用天数/\n全部办公天数', '100%', '《关于办公用房使用管理的请示》']);
  });

  it('puts back together a row broken at a cell boundary, side by side', () => {
    const broken = [
      '| 一级指标 | 二级指标 | 三级指标 | 绩效指标描述 | 指标值 | 指标值确定依据 |',
      '|  | 质量指标 | 办公用房正常使用率 | 办公用房正常使用天数占全部办公天数比例 |',
      '100% | 《关于办公用房使用管理的请示》 |',
    ].join('\n');
    const table = onlyTable(readPipeRegion(numbered(broken)).blocks);
    expect(texts(table)[1]).toEqual(['', '质量指标', '办公用房正常使用率', '办公用房正常使用天数占全部办公天数比例', '100%', '《关于办公用房使用管理的请示》']);
  });

  it('does not join short rows in collapsed pipe rows (their widths say nothing)', () => {
    // No row keeps an empty cell before a filled one, so the two short rows stay two rows.
    const collapsed = ['| 一级指标 | 二级指标 | 三级指标 | 指标值 | 备注 |', '| 桥梁经常性检查 | 18座 | |||', '| 质量指标 | 优良中等路率 | ≥85% | ||'].join('\n');
    const table = onlyTable(readPipeRegion(numbered(collapsed)).blocks);
    expect(table.rows.map((row) => row.length)).toEqual([5, 2, 3]);
  });
});

describe('cell per line', () => {
  // From fixtures/hand/cell-line-pipe.txt: each cell on its own line, `|` an empty cell, `|||` a row end.
  const cellPerLine = ['项目名称 |', '村卫生室标准化建设补助资金 |', '||||', '一级指标 |', '二级指标 |', '三级指标 |', '指标值 |', '备注 |', '产出指标 |', '数量指标 |', '标准化改造村卫生室数量 |', '24个 |', '|', '配备基本诊疗设备 |', '≥24套 |', '|||', '质量指标 |', '设备安装验收合格率 |', '100% |', '||'].join('\n');

  it('is recognised when most lines carry one cell', () => {
    expect(pipeRendering(numbered(cellPerLine))).toBe('cell-per-line');
    expect(readPipeRegion(numbered(cellPerLine)).rendering).toBe('cell-per-line');
  });

  it('ends rows at runs of pipes, reads a bare `|` as an empty cell', () => {
    const table = onlyTable(readPipeRegion(numbered(cellPerLine)).blocks);
    // A row that ended on a filled cell has no marker, so the header runs on into the first row.
    expect(texts(table)).toEqual([
      ['项目名称', '村卫生室标准化建设补助资金'],
      ['一级指标', '二级指标', '三级指标', '指标值', '备注', '产出指标', '数量指标', '标准化改造村卫生室数量', '24个', '', '配备基本诊疗设备', '≥24套'],
      ['质量指标', '设备安装验收合格率', '100%'],
    ]);
    expect(table.layout).toEqual({ rows: 'hinted', columns: 'collapsed', rendering: 'cell-per-line' });
  });

  it('ends the row after a cell closed by ` ||`', () => {
    const table = onlyTable(readPipeRegion(numbered('村民满意度 |\n≥90% ||\n抽样问卷调查 |')).blocks);
    expect(texts(table)).toHaveLength(2);
    expect(texts(table)[0]?.slice(0, 2)).toEqual(['村民满意度', '≥90%']);
    expect(texts(table)[1]).toEqual(['抽样问卷调查']);
  });

  // `≥90% ||` reads as the same row written `≥90% |` then `||`: a run of pipes after a cell ends
  // the row like a run on its own line, and adds no empty cells (`≥90% ||||` neither).
  it('reads a run of pipes after a cell as the row end only, adding no empty cells', () => {
    for (const closing of ['≥90% ||', '≥90% ||||', '≥90% |\n||']) {
      const table = onlyTable(readPipeRegion(numbered(`村民满意度 |\n${closing}\n抽样问卷调查 |`)).blocks);
      expect(texts(table), closing).toEqual([['村民满意度', '≥90%'], ['抽样问卷调查']]);
    }
  });

  it('keeps a line without its pipe (a cell that held a line break) as a cell', () => {
    const table = onlyTable(readPipeRegion(numbered('年度绩效目标 |\n完成24个村卫生室标准化改造，\n配齐基本诊疗设备。 |\n||||')).blocks);
    expect(texts(table)).toEqual([['年度绩效目标', '完成24个村卫生室标准化改造，', '配齐基本诊疗设备。']]);
  });
});

describe('a table cut off at the end of the text', () => {
  it('is marked cut off when its last line at the end of the text has no closing pipe', () => {
    const cut = readPipeRegion(numbered('满意度指标 |\n服务对象满意度指标 |\n村民满意度 |\n≥9'), true);
    const table = onlyTable(cut.blocks);
    expect(table.layout?.cutOff).toBe(true);
    expect(texts(table)[0]?.at(-1)).toBe('≥9');
  });

  it('is not cut off when the last line closes its cell', () => {
    const whole = onlyTable(readPipeRegion(numbered('| 满意度指标 | 服务对象满意度指标 | 村民满意度 | ≥90% |'), true).blocks);
    expect(whole.layout?.cutOff).toBeUndefined();
  });

  it('is not cut off when more text follows the region', () => {
    // Only the end of the whole text can cut a cell short; a region ending earlier just ends.
    const inside = onlyTable(readPipeRegion(numbered('| 满意度指标 | 服务对象满意度指标 | 村民满意度 | ≥9'), false).blocks);
    expect(inside.layout?.cutOff).toBeUndefined();
  });
});

it('gives no table for a region of markers and separators only', () => {
  expect(readPipeRegion(numbered('| --- | --- |\n||||')).blocks).toEqual([]);
});
