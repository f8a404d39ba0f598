// Cells separated by spaces: a run of spaces is a firm cut, a single space only a guess (a value
// like `SL 176-2007` or a name and phone `黄伟明 0751-2871265` holds one).
import { describe, expect, it } from 'vitest';
import { isSpacedLine, readOneLine, readSpacedRows, spacedCells } from './spaced.ts';

describe('isSpacedLine', () => {
  it('takes lines with spaces between Chinese pieces', () => {
    expect(isSpacedLine('产出指标    数量指标    整治山塘数量    12宗')).toBe(true);
    expect(isSpacedLine('质量指标 工程质量合格率 100%')).toBe(true);
    // A space between a value and a Chinese word counts too.
    expect(isSpacedLine('≥90% 历史标准')).toBe(true);
  });

  it('leaves lines without a space between pieces, or without Chinese, alone', () => {
    expect(isSpacedLine('培训合格率≥95%')).toBe(false);
    expect(isSpacedLine('   产出指标   ')).toBe(false);
    expect(isSpacedLine('SL 176-2007')).toBe(false);
  });
});

describe('spacedCells', () => {
  it('cuts firmly at runs of spaces and TABs', () => {
    const cells = spacedCells('一级指标    二级指标\t三级指标  指标值', 5);
    expect(cells.map((cell) => cell.text)).toEqual(['一级指标', '二级指标', '三级指标', '指标值']);
    expect(cells.every((cell) => cell.joinsPrevious === undefined)).toBe(true);
    expect(cells[2]?.source).toEqual({ lineStart: 5, lineEnd: 5 });
  });

  it('marks a cut at a single space as a guess, with the space that stood there', () => {
    const cells = spacedCells('项目负责人及联系电话  黄伟明 0751-2871265', 1);
    expect(cells.map((cell) => [cell.text, cell.joinsPrevious])).toEqual([
      ['项目负责人及联系电话', undefined],
      ['黄伟明', undefined],
      ['0751-2871265', ' '],
    ]);
  });

  it('keeps a single full-width space as the guessed gap', () => {
    const cells = spacedCells('时效指标  汛前完成主体工程\u30002025年4月底前', 1);
    expect(cells[2]).toMatchObject({ text: '2025年4月底前', joinsPrevious: '\u3000' });
  });

  it('gives no cells for a line of spaces', () => {
    expect(spacedCells('  \u3000 ', 1)).toEqual([]);
  });
});

describe('readSpacedRows', () => {
  // From fixtures/hand/spaces.txt: a row per line, lines of merged rows shorter.
  const lines = [
    '一级指标    二级指标    三级指标    指标值    指标值确定依据',
    '产出指标    数量指标    整治山塘数量    12宗    县级山塘整治三年行动方案',
    '新增清淤土方量    ≥4.8万立方米    工程初步设计批复',
    '质量指标    工程质量合格率    100%    《水利水电工程施工质量检验与评定规程》SL 176-2007',
  ].map((text, index) => ({ text, number: index + 10 }));

  it('makes a row of each line, short rows as they are', () => {
    const table = readSpacedRows(lines);
    expect(table.rows.map((row) => row.map((cell) => cell.text))).toEqual([
      ['一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据'],
      ['产出指标', '数量指标', '整治山塘数量', '12宗', '县级山塘整治三年行动方案'],
      ['新增清淤土方量', '≥4.8万立方米', '工程初步设计批复'],
      ['质量指标', '工程质量合格率', '100%', '《水利水电工程施工质量检验与评定规程》SL', '176-2007'],
    ]);
  });

  it('marks the single-space cut inside the standard\'s name as a guess', () => {
    const last = readSpacedRows(lines).rows[3];
    expect(last?.[4]?.joinsPrevious).toBe(' ');
    expect(last?.[3]?.joinsPrevious).toBeUndefined();
  });

  it('says rows are hints and columns collapsed, with the source lines', () => {
    const table = readSpacedRows(lines);
    expect(table.layout).toEqual({ rows: 'hinted', columns: 'collapsed', rendering: 'space-separated' });
    expect(table.source).toEqual({ lineStart: 10, lineEnd: 13 });
    expect(table.rows[2]?.[0]?.source.lineStart).toBe(12);
  });
});

describe('readOneLine', () => {
  // From fixtures/hand/one-line.txt: a whole table flattened to one line, no row marks.
  const line = '一级指标 二级指标 三级指标 指标值 产出指标 数量指标 免费开放文化站数量 15个  质量指标 文化站免费开放达标率 100%';

  it('gives one row of every cell', () => {
    const table = readOneLine(line, 3);
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]?.map((cell) => cell.text)).toEqual(['一级指标', '二级指标', '三级指标', '指标值', '产出指标', '数量指标', '免费开放文化站数量', '15个', '质量指标', '文化站免费开放达标率', '100%']);
    expect(table.layout).toEqual({ rows: 'none', columns: 'collapsed', rendering: 'one-line' });
    expect(table.source).toEqual({ lineStart: 3, lineEnd: 3 });
  });

  it('marks every cut after the first cell as a guess, even at a run of spaces', () => {
    // With rows gone, any boundary may be inside a cell; the first cell has nothing before it.
    const cells = readOneLine(line, 1).rows[0] ?? [];
    expect(cells[0]?.joinsPrevious).toBeUndefined();
    expect(cells.slice(1).every((cell) => cell.joinsPrevious !== undefined)).toBe(true);
    expect(cells[1]?.joinsPrevious).toBe(' ');
    // `15个  质量指标`: a cut at two spaces is a guess here too.
    expect(cells[8]?.text).toBe('质量指标');
    expect(cells[8]?.joinsPrevious).toMatch(/^ +$/);
  });
});
