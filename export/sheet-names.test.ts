// Sheet names every spreadsheet program opens: Excel refuses a workbook whose sheet name is longer
// than 31 characters, holds : \ / ? * [ ], begins or ends with an apostrophe, or repeats another's
// (case ignored).
import { describe, expect, it } from 'vitest';
import { SheetNames } from './sheet-names.ts';

// eslint-disable-next-line no-control-regex
const valid = (name: string) => name.length >= 1 && name.length <= 31 && !/[:\\/?*[\]\u0000-\u001f]/.test(name) && !/^'|'$/.test(name);

describe('SheetNames', () => {
  it('keeps a short valid name as it is', () => {
    expect(new SheetNames().take('1.2026年度海关办公经费')).toBe('1.2026年度海关办公经费');
  });

  it('replaces the characters Excel forbids, and line breaks, with a space', () => {
    const name = new SheetNames().take('3.[重点]项目:购置/维修*设备?\\\n二期');
    expect(valid(name)).toBe(true);
    expect(name).toBe('3. 重点 项目 购置 维修 设备 二期');
  });

  it('cuts a long name to 31 UTF-16 units, never inside a character outside the BMP', () => {
    const long = new SheetNames().take('12.' + '市场采购贸易方式试点联网信息平台运行维护及升级改造项目经费');
    expect(long.length).toBe(31);
    expect(valid(long)).toBe(true);
    const astral = new SheetNames().take('𠀀'.repeat(20));
    expect(astral.length).toBe(30);
    expect([...astral].every((char) => char === '𠀀')).toBe(true);
  });

  it('gives a name already taken, in any case, a number that still fits', () => {
    const names = new SheetNames();
    const wish = '2022年冻肉储备补贴专项资金（市级储备冻猪肉轮换及保管费用补贴）';
    const [a, b, c] = [names.take(wish), names.take(wish), names.take(wish)];
    expect(new Set([a, b, c]).size).toBe(3);
    expect([a, b, c].every(valid)).toBe(true);
    expect(b.endsWith(' (2)')).toBe(true);
    expect(names.take('Sheet')).toBe('Sheet');
    expect(names.take('SHEET')).toBe('SHEET (2)');
  });

  it('drops outer apostrophes, avoids the reserved History, and falls back when nothing is left', () => {
    const names = new SheetNames('项目');
    expect(names.take("'引号'")).toBe('引号');
    expect(names.take('History')).not.toBe('History');
    expect(names.take('[]:*')).toBe('项目');
    expect(names.take('')).toBe('项目 (2)');
  });
});
