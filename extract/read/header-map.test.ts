import { describe, expect, it } from 'vitest';
import { ingestText } from '../../ingest/index.ts';
import { findHeaders, headerAt, type Column, type GridHeader } from './header-map.ts';
import { streamOf, type Token } from './tokens.ts';

const streamOfLines = (lines: string[]): Token[] => streamOf(ingestText(lines.join('\n')).doc);

/** The columns a grid is read by: the ignored ones only for alignment. */
const fields = (header: GridHeader | undefined) => header?.columns.map((column) => column.field);
const read = (header: GridHeader | undefined) => header?.columns.filter((column) => !column.ignored).map((column) => column.field);

function onlyHeader(tokens: readonly Token[]): GridHeader {
  const headers = findHeaders(tokens);
  expect(headers).toHaveLength(1);
  return headers[0] as GridHeader;
}

describe('findHeaders', () => {
  it('maps an exact header row to fields at their grid columns', () => {
    const tokens = streamOfLines([
      '一级指标\t二级指标\t三级指标\t指标值\t指标值确定依据',
      '产出指标\t数量指标\t开展业务次数\t≥10次\t依据实际工作开展情况',
      '\t时效指标\t完成时间\t12月底\t工作计划',
    ]);
    const header = onlyHeader(tokens);
    expect(header).toMatchObject({ start: 0, end: 5, exact: true });
    expect(header.columns.map((column) => [column.field, column.label, column.gridCol, column.implicit])).toEqual([
      ['level1', '一级指标', 0, false],
      ['level2', '二级指标', 1, false],
      ['name', '三级指标', 2, false],
      ['value', '指标值', 3, false],
      ['basis', '指标值确定依据', 4, false],
    ]);
    // The body starts right after the header.
    expect(tokens[header.end]?.raw).toBe('产出指标');
  });

  it('adds the caption and ordinal columns a collapsed layout may hold but its header does not name', () => {
    const header = onlyHeader(streamOfLines(['一级指标', '二级指标', '三级指标', '指标值', '产出指标', '数量指标', '开展业务次数', '≥10次', '质量指标', '合格率', '100%']));
    expect(header.exact).toBe(false);
    expect(fields(header)).toEqual(['caption', 'level1', 'level2', 'ordinal', 'name', 'value']);
    expect(header.columns.filter((column) => column.implicit).map((column) => column.field)).toEqual(['caption', 'ordinal']);
    expect(header.columns.every((column) => column.gridCol === null)).toBe(true);
  });

  it('joins a label wrapped over two lines (年度 / 指标值)', () => {
    const tokens = streamOfLines(['一级指标', '二级指标', '三级指标', '年度', '指标值', '产出指标', '数量指标', '开展业务次数', '≥10次', '质量指标', '合格率', '100%']);
    const header = onlyHeader(tokens);
    expect(header.columns.find((column) => column.field === 'value')?.label).toBe('年度指标值');
    expect(header.end).toBe(5);
  });

  it('gives a header without a 三级指标 label a name column after its levels', () => {
    const header = onlyHeader(streamOfLines(['一级指标\t二级指标\t指标值\t备注', '产出指标\t数量指标\t≥10次\t按计划', '\t质量指标\t100%\t']));
    expect(fields(header)).toEqual(['level1', 'level2', 'name', 'value', 'remark']);
    expect(header.columns[2]).toEqual({ field: 'name', label: '', gridCol: null, implicit: true });
  });

  it('merges a two-row header: 年度指标值 replaced by the 指标性质 | 指标值 | 度量单位 under it', () => {
    const tokens = streamOfLines([
      '一级指标\t二级指标\t三级指标\t年度指标值\t\t\t实际完成值\t分值\t得分',
      '\t\t\t指标性质\t指标值\t度量单位\t\t\t',
      '产出指标\t数量指标\t配置设备乡镇卫生院数\t≥\t18\t个\t18\t15\t15',
      '\t\t购置基本诊疗设备台数\t≥\t36\t台\t34\t15\t13',
    ]);
    const header = onlyHeader(tokens);
    expect(header.columns.map((column) => [column.field, column.gridCol])).toEqual([
      ['level1', 0],
      ['level2', 1],
      ['name', 2],
      ['comparator', 3],
      ['value', 4],
      ['unit', 5],
      ['actual', 6],
      ['weight', 7],
      ['score', 8],
    ]);
  });

  it('merges a caption row (绩效指标) over 一级指标 | 二级指标 | 三级指标', () => {
    const header = onlyHeader(
      streamOfLines(['绩效指标\t\t\t年度指标值\t指标值确定依据', '一级指标\t二级指标\t三级指标\t\t', '产出指标\t数量指标\t开展业务次数\t≥10次\t依据实际工作开展情况', '\t质量指标\t合格率\t100%\t行业标准']),
    );
    expect(header.columns.map((column) => [column.field, column.gridCol])).toEqual([
      ['level1', 0],
      ['level2', 1],
      ['name', 2],
      ['value', 3],
      ['basis', 4],
    ]);
  });

  it('keeps the mid-term target beside the annual one as a column of its own', () => {
    const header = onlyHeader(streamOfLines(['一级指标\t二级指标\t三级指标\t中期指标值\t年度指标值', '产出指标\t数量指标\t新建高标准农田面积\t≥6万亩\t≥2万亩', '\t质量指标\t工程验收合格率\t100%\t100%']));
    expect(header.columns.map((column) => [column.field, column.label])).toEqual([
      ['level1', '一级指标'],
      ['level2', '二级指标'],
      ['name', '三级指标'],
      ['midValue', '中期指标值'],
      ['value', '年度指标值'],
    ]);
    expect(header.columns.some((column) => column.ignored)).toBe(false);
  });

  it('reads side-by-side blocks from the annual block: the one saying 年度, else the last', () => {
    const annualFirst = onlyHeader(
      streamOfLines([
        '一级指标\t二级指标\t三级指标\t年度指标值\t二级指标\t三级指标\t中期指标值',
        '产出指标\t数量指标\t新建面积\t≥2万亩\t数量指标\t新建面积\t≥6万亩',
        '\t质量指标\t合格率\t100%\t质量指标\t合格率\t100%',
      ]),
    );
    expect(read(annualFirst)).toEqual(['level1', 'level2', 'name', 'value']);
    expect(annualFirst.columns.filter((column) => !column.ignored).map((column) => column.gridCol)).toEqual([0, 1, 2, 3]);

    // Nothing says which is annual: the last block gives the row, the level1 column is kept.
    const unlabelled = onlyHeader(
      streamOfLines([
        '一级指标\t二级指标\t三级指标\t指标值\t二级指标\t三级指标\t指标值',
        '产出指标\t数量指标\t新建面积\t≥6万亩\t数量指标\t新建面积\t≥2万亩',
        '\t质量指标\t合格率\t100%\t质量指标\t合格率\t100%',
      ]),
    );
    expect(unlabelled.columns.filter((column) => !column.ignored).map((column) => column.gridCol)).toEqual([0, 4, 5, 6]);
  });

  it('sets aside 分值 columns before the name: they score the levels, not the row', () => {
    const header = onlyHeader(
      streamOfLines(['一级指标\t分值\t二级指标\t分值\t三级指标\t指标值\t分值\t得分', '产出指标\t50\t数量指标\t20\t开展业务次数\t≥10次\t10\t10', '\t\t质量指标\t10\t合格率\t100%\t10\t10']),
    );
    const weights = header.columns.filter((column) => column.field === 'weight');
    expect(weights.map((column) => [column.gridCol, column.ignored ?? false])).toEqual([
      [1, true],
      [3, true],
      [6, false],
    ]);
  });

  it('makes one target column per area named under 区域目标值', () => {
    const header = onlyHeader(streamOfLines(['一级指标', '二级指标', '三级指标', '区域目标值', '浉河区', '平桥区', '罗山县', '产出指标', '数量指标', '新建茶园面积', '≥500亩', '≥400亩', '≥600亩']));
    const areas = header.columns.filter((column: Column) => column.field === 'areaValue');
    expect(areas.map((column) => column.label)).toEqual(['浉河区', '平桥区', '罗山县']);
    expect(fields(header)).not.toContain('areaValues');
    // The area names belong to the header: the body starts at the first level.
    expect(header.end).toBe(7);
  });

  it('finds the area names of a 区域目标值 header copied from a spreadsheet (TSV), past the blank cells its merged label leaves', () => {
    const header = onlyHeader(streamOfLines(['一级指标\t二级指标\t三级指标\t区域目标值\t\t', '\t\t\t浉河区\t平桥区\t罗山县', '产出指标\t数量指标\t新建茶园面积\t≥500亩\t≥400亩\t≥600亩']));
    const areas = header.columns.filter((column: Column) => column.field === 'areaValue');
    expect(areas.map((column) => [column.label, column.gridCol])).toEqual([
      ['浉河区', 3],
      ['平桥区', 4],
      ['罗山县', 5],
    ]);
  });

  it('finds no header where the labels are too few or name no row', () => {
    // A project's field labels and a lone pair of level labels are no grid header.
    expect(findHeaders(streamOfLines(['项目名称\t海关办公经费', '预算单位\t海关', '一级指标\t二级指标', '产出指标\t数量指标']))).toEqual([]);
    // Value, remark and score columns without a level or a name column.
    expect(findHeaders(streamOfLines(['指标值\t备注\t分值', '≥10次\t按计划\t10', '100%\t按计划\t10']))).toEqual([]);
  });

  it('finds each form’s header, in order, each within its own table', () => {
    const tokens = streamOfLines([
      '1.海关办公经费绩效目标表',
      '一级指标\t二级指标\t三级指标\t指标值',
      '产出指标\t数量指标\t开展业务次数\t≥10次',
      '\t时效指标\t完成时间\t12月底',
      '',
      '2.执法装备购置绩效目标表',
      '一级指标\t二级指标\t三级指标\t指标值',
      '产出指标\t数量指标\t购置装备数量\t≥20台',
      '\t质量指标\t验收合格率\t100%',
    ]);
    const headers = findHeaders(tokens);
    expect(headers).toHaveLength(2);
    const [first, second] = headers as [GridHeader, GridHeader];
    expect(first.start).toBeLessThan(second.start);
    expect(tokens[first.start]?.table).toBe(1);
    expect(tokens[second.start]?.table).toBe(2);
    expect(tokens[second.end]?.raw).toBe('产出指标');
    expect(headerAt(tokens, first.start)).toEqual(first);
  });
});
