// Pasted text in each rendering people paste: the reader must tell which one it is and read the
// table with that rendering's reader, leaving the lines around the table as paragraphs.
import { describe, expect, it } from 'vitest';
import type { Block, Paragraph, Table } from '../../schemas/doc.ts';
import { detectPasteForm, readPastedText, type PasteForm } from './index.ts';

const tab = (...cells: string[]) => cells.join('\t');
const cellLines = (...cells: string[]) => cells.map((cell) => `\t${cell}`).join('\n');

// Small samples of each rendering, excerpts of fixtures/hand and fixtures/seeds.
const SAMPLES: Record<Exclude<PasteForm, 'prose'>, string> = {
  'flattened-word': [
    '1.2026年度海关办公经费绩效目标表',
    cellLines('一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据'),
    '',
    cellLines('产出指标', '数量指标', '开展业务次数', '≥10次', '依据实际工作开展情况'),
    '',
    cellLines('', '时效指标', '保障综合事务工作完成时限', '12月底', '依据实际工作开展情况'),
    '',
  ].join('\n'),
  'tab-separated': [
    '2024年农村劳动力职业技能培训补助资金绩效目标表',
    tab('一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据'),
    tab('产出指标', '数量指标', '培训人次', '≥300人次', '年度培训计划'),
    tab('', '质量指标', '培训合格率', '≥95%', '年度培训计划'),
    tab('', '时效指标', '培训任务完成时间', '2024年11月底前', '年度培训计划'),
  ].join('\n'),
  'pipe-rows': [
    '1.2024年农村公路日常养护项目绩效目标表',
    '单位：万元',
    '| 一级指标 | 二级指标 | 三级指标 | 指标值 | 备注 |',
    '| 产出指标 | 数量指标 | 日常养护里程 | ≥126.5公里 | |',
    '| 桥梁经常性检查 | 18座 | |||',
    '| 质量指标 | 优良中等路率 | ≥85% | ||',
    '| 满意度指标 | 服务对象满意度指标 | 沿线群众满意度 | ≥90% | |',
  ].join('\n'),
  'cell-per-line': [
    '一级指标 |',
    '二级指标 |',
    '三级指标 |',
    '指标值 |',
    '产出指标 |',
    '数量指标 |',
    '标准化改造村卫生室数量 |',
    '24个 |',
    '|||',
    '质量指标 |',
    '设备安装验收合格率 |',
    '100% |',
    '||',
  ].join('\n'),
  'cell-per-paragraph': [
    '于都县2023年农家书屋出版物补充更新项目绩效目标表',
    '项目名称',
    '农家书屋出版物补充更新',
    '一级指标',
    '二级指标',
    '三级指标',
    '指标值',
    '产出指标',
    '数量指标',
    '补充更新出版物的农家书屋数量',
    '368个',
    '质量指标',
    '出版物政治质量合格率',
    '100%',
    '满意度指标',
    '读者满意度',
    '≥85%',
  ].join('\n\n'),
  'space-separated': [
    '翁源县2025年小型山塘综合整治项目绩效目标表',
    '一级指标    二级指标    三级指标    指标值    指标值确定依据',
    '产出指标    数量指标    整治山塘数量    12宗    县级山塘整治三年行动方案',
    '新增清淤土方量    ≥4.8万立方米    工程初步设计批复',
    '质量指标    工程质量合格率    100%    工程质量检验与评定规程',
    '时效指标    汛前完成主体工程    2025年4月底前    省水利厅汛期安全工作要求',
  ].join('\n'),
  'one-line':
    '项目支出绩效目标表 （2023年度） 项目名称 乡镇综合文化站免费开放补助资金 一级指标 二级指标 三级指标 指标值 产出指标 数量指标 免费开放文化站数量 15个 组织群众文化活动场次 ≥300场次 质量指标 文化站免费开放达标率 100% 满意度指标 服务对象满意度指标 群众满意度 ≥90%',
  concatenated: [
    '道真县2024年农村劳动力职业技能培训补助资金绩效目标表',
    '项目名称农村劳动力职业技能培训补助资金年度资金总额45.00一级指标二级指标三级指标指标值产出指标数量指标培训人次≥300人次开展培训工种≥5个质量指标培训合格率≥95%时效指标培训任务完成时间2024年11月底前成本指标人均培训补助标准≤1500元/人',
    '满意度指标服务对象满意度指标参训人员满意度≥90%',
  ].join('\n'),
  'plain-lines': [
    '2024年黑土地保护利用项目绩效目标表',
    '项目名称',
    '黑土地保护利用项目',
    '一级指标',
    '二级指标',
    '三级指标',
    '指标值',
    '产出指标',
    '数量指标',
    '黑土地保护利用面积',
    '5万亩',
    '质量指标',
    '秸秆还田作业质量达标率',
    '≥95%',
  ].join('\n'),
  'pdf-block-order': [
    '2024年度政务服务网运维经费绩效目标表',
    '',
    '一级指标\n产出指标\n产出指标\n满意度指标',
    '',
    '二级指标\n数量指标\n质量指标\n服务对象满意度指标',
    '',
    '三级指标\n运维服务系统数量\n系统年可用率\n办事群众满意度',
    '',
    '指标值\n4个\n≥99.5%\n≥95%',
  ].join('\n'),
};

const PROSE = [
  '第一部分',
  '部门整体绩效目标',
  '一、总体绩效目标',
  '以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神，加快外贸转型升级。',
  '（一）完善制度建设。制定完善预算绩效管理制度、资金管理办法、工作保障制度等。',
].join('\n');

function tables(blocks: readonly Block[]): Table[] {
  return blocks.filter((block): block is Table => block.kind === 'table');
}

function paragraphs(blocks: readonly Block[]): string[] {
  return blocks.filter((block): block is Paragraph => block.kind === 'paragraph').map((block) => block.text);
}

describe('detectPasteForm', () => {
  it.each(Object.entries(SAMPLES))('tells %s', (form, text) => {
    expect(detectPasteForm(text.split('\n'))).toBe(form);
  });

  it('tells prose with no table in it', () => {
    expect(detectPasteForm(PROSE.split('\n'))).toBe('prose');
  });

  it('agrees with readPastedText', () => {
    for (const text of Object.values(SAMPLES)) expect(detectPasteForm(text.split('\n'))).toBe(readPastedText(text).form);
  });
});

describe('readPastedText', () => {
  it('reads every sample into one table, drawn with the rendering it detected', () => {
    for (const [form, text] of Object.entries(SAMPLES)) {
      const found = tables(readPastedText(text).blocks);
      expect(found, form).toHaveLength(1);
      // TABs give exact grids (no layout); every other rendering names itself on the table.
      if (form !== 'flattened-word' && form !== 'tab-separated') expect(found[0]?.layout?.rendering, form).toBe(form);
      else expect(found[0]?.layout, form).toBeUndefined();
    }
  });

  it('keeps the title before a pipe table as a paragraph and reads the rows', () => {
    const { blocks } = readPastedText(SAMPLES['pipe-rows']);
    expect(paragraphs(blocks)).toEqual(['1.2024年农村公路日常养护项目绩效目标表', '单位：万元']);
    const [table] = tables(blocks);
    expect(table?.rows[2]?.map((cell) => cell.text.trim())).toEqual(['桥梁经常性检查', '18座']);
    expect(table?.source).toEqual({ lineStart: 3, lineEnd: 7 });
  });

  it('puts PDF column blocks back into rows', () => {
    const [table] = tables(readPastedText(SAMPLES['pdf-block-order']).blocks);
    expect(table?.rows.map((row) => row.map((cell) => cell.text))).toEqual([
      ['一级指标', '二级指标', '三级指标', '指标值'],
      ['产出指标', '数量指标', '运维服务系统数量', '4个'],
      ['产出指标', '质量指标', '系统年可用率', '≥99.5%'],
      ['满意度指标', '服务对象满意度指标', '办事群众满意度', '≥95%'],
    ]);
    expect(table?.layout).toMatchObject({ rows: 'exact', columns: 'exact' });
  });

  it('keeps the lines after PDF column blocks as paragraphs', () => {
    const { blocks } = readPastedText(`${SAMPLES['pdf-block-order']}\n\n单位负责人：金成哲`);
    expect(blocks.map((block) => block.kind)).toEqual(['paragraph', 'table', 'paragraph']);
    expect(paragraphs(blocks).at(-1)).toBe('单位负责人：金成哲');
  });

  it('reads the title before a table run together as a paragraph', () => {
    const { blocks } = readPastedText(SAMPLES.concatenated);
    expect(paragraphs(blocks)).toEqual(['道真县2024年农村劳动力职业技能培训补助资金绩效目标表']);
    const cells = tables(blocks)[0]?.rows[0] ?? [];
    expect(cells.slice(0, 2).map((cell) => cell.text)).toEqual(['项目名称', '农村劳动力职业技能培训补助资金']);
    // The next line runs on in the same stream of cells.
    expect(cells.at(-1)).toMatchObject({ text: '90%', source: { lineStart: 3 } });
  });

  it('starts a cell-per-line table at the first form label, the title staying a paragraph', () => {
    const { blocks } = readPastedText(SAMPLES['plain-lines']);
    expect(paragraphs(blocks)).toEqual(['2024年黑土地保护利用项目绩效目标表']);
    const cells = tables(blocks)[0]?.rows[0]?.map((cell) => cell.text);
    expect(cells?.[0]).toBe('项目名称');
    expect(cells?.at(-1)).toBe('≥95%');
  });

  it('reads space-separated rows from the header line on', () => {
    const { blocks } = readPastedText(SAMPLES['space-separated']);
    const [table] = tables(blocks);
    expect(paragraphs(blocks)).toEqual(['翁源县2025年小型山塘综合整治项目绩效目标表']);
    expect(table?.rows[0]?.map((cell) => cell.text)).toEqual(['一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据']);
    expect(table?.rows[2]?.map((cell) => cell.text)).toEqual(['新增清淤土方量', '≥4.8万立方米', '工程初步设计批复']);
  });

  it('drops Markdown heading and bold marks from paragraphs', () => {
    const { blocks } = readPastedText(['## 第二部分', '**1.2024年农村公路日常养护项目绩效目标表**', '| 一级指标 | 二级指标 | 三级指标 | 指标值 |', '| 产出指标 | 数量指标 | 日常养护里程 | ≥126.5公里 |'].join('\n'));
    expect(paragraphs(blocks)).toEqual(['第二部分', '1.2024年农村公路日常养护项目绩效目标表']);
  });

  it('marks a pipe table cut off where the text ends mid-cell', () => {
    const cut = `${SAMPLES['cell-per-line']}\n满意度指标 |\n服务对象满意度指标 |\n村民满意`;
    const [table] = tables(readPastedText(cut).blocks);
    expect(table?.layout?.cutOff).toBe(true);
    expect(table?.rows.at(-1)?.at(-1)?.text).toBe('村民满意');
  });

  it('does not mark a pipe table cut off when text follows it', () => {
    const [table] = tables(readPastedText(`${SAMPLES['pipe-rows']}\n\n填表人：叶建军`).blocks);
    expect(table?.layout?.cutOff).toBeUndefined();
  });

  // `| … | ≥90% |` then `填表人：叶建军` as the text's last line: a form's foot, not a cell.
  it('does not read a footer line (填表人：…) right after a pipe table at the end as a cut-off cell', () => {
    const read = readPastedText(`${SAMPLES['pipe-rows']}\n填表人：叶建军`);
    const [table] = tables(read.blocks);
    expect(table?.layout?.cutOff).toBeUndefined();
    expect(table?.rows.flat().some((cell) => cell.text.includes('填表人'))).toBe(false);
    expect(read.blocks.some((block) => block.kind === 'paragraph' && block.text.includes('填表人：叶建军'))).toBe(true);
  });

  it('names the rendering most of the text\'s tables show', () => {
    const pipeTable = SAMPLES['pipe-rows'].split('\n').slice(2).join('\n');
    const text = [pipeTable, '', '2.项目绩效目标表', pipeTable, '', SAMPLES['pdf-block-order']].join('\n');
    const read = readPastedText(text);
    expect(tables(read.blocks).map((table) => table.layout?.rendering)).toEqual(['pipe-rows', 'pipe-rows', 'pdf-block-order']);
    expect(read.form).toBe('pipe-rows');
  });

  // A sentence of 120 characters or more that names the grid's words but states no target is prose.
  it('keeps a long sentence about the indicator system, with no values in it, a paragraph', () => {
    const sentence = '本项目绩效目标按照一级指标、二级指标、三级指标分级设置，其中产出指标包括数量指标、质量指标和时效指标，效益指标包括社会效益指标和可持续影响指标，满意度指标为服务对象满意度指标，各项指标值均依据年度工作计划和历史数据合理确定，并经单位集体研究后报送财政部门审核。';
    expect(sentence.length).toBeGreaterThanOrEqual(120);
    const read = readPastedText(sentence);
    expect(read.form).toBe('prose');
    expect(read.blocks).toEqual([expect.objectContaining({ kind: 'paragraph', text: sentence })]);
  });

  it('keeps prose as paragraphs, line by line', () => {
    const { blocks, form } = readPastedText(PROSE);
    expect(form).toBe('prose');
    expect(blocks).toHaveLength(5);
    expect(blocks[3]).toMatchObject({ kind: 'paragraph', source: { lineStart: 4, lineEnd: 4 } });
  });
});
