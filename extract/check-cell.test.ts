import { describe, expect, it } from 'vitest';
import { checkAmount, checkCell, checkLevel1, checkLevel2 } from './check-cell.ts';
import { reviseExtraction } from './revise.ts';
import { extractText } from '../pipeline/index.ts';

describe('an amount typed into 预算数', () => {
  it.each([
    ['50', 50],
    ['12.5', 12.5],
    ['1,234.5', 1234.5],
    ['60万元', 60],
    ['50 万', 50],
    ['１２．５', 12.5],
    ['', null],
    ['  ', null],
  ])('takes “%s” as %s 万元', (typed, amount) => {
    expect(checkAmount(typed)).toEqual({ ok: true, value: amount });
  });

  it('converts 元 to 万元 and says so', () => {
    expect(checkAmount('5000元')).toEqual({ ok: true, value: 0.5, note: '以元填写，已换算为 0.5 万元' });
  });

  it.each(['abc', '五十', '≥50', '50%', '12.5.3', '资金50', '1e5'])('refuses “%s” with the reason', (typed) => {
    const check = checkAmount(typed);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toBe(`“${typed}”不是金额：请填写以万元计的数字，如 50 或 12.5；不知道可留空`);
  });

  it('refuses a negative amount and one past a hundred million 万元', () => {
    expect(checkAmount('-5')).toEqual({ ok: false, reason: '金额不能为负数：“-5”' });
    expect(checkAmount('200000000').ok).toBe(false);
  });
});

describe('a 一级指标 typed over rows', () => {
  it('refuses a level1 the rows’ canonical 二级指标 would put back, naming the 二级指标 that would allow it', () => {
    const check = checkLevel1('效益指标', [{ level1: '产出指标', level2: '数量指标' }]);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.reason).toContain('二级指标“数量指标”属于一级指标“产出指标”');
      expect(check.reason).toContain('“社会效益指标”');
    }
  });

  it('takes a level1 the rows agree with, and says how a short form is recorded', () => {
    expect(checkLevel1('产出指标', [{ level1: '产出指标', level2: '数量指标' }])).toEqual({ ok: true, value: '产出指标' });
    expect(checkLevel1('产出', [{ level1: '产出指标', level2: '质量指标' }])).toEqual({ ok: true, value: '产出', note: '将记为“产出指标”' });
  });

  it('takes any level1 over rows whose 二级指标 is no canonical one, with a note when it is outside the framework', () => {
    expect(checkLevel1('效益指标', [{ level1: '产出指标', level2: '工作任务' }])).toEqual({ ok: true, value: '效益指标' });
    const unknown = checkLevel1('过程指标', [{ level1: '产出指标', level2: '工作任务' }]);
    expect(unknown.ok && unknown.note).toContain('不是框架中的一级指标');
  });
});

describe('a 二级指标 typed', () => {
  it('says when its 一级指标 changes with it', () => {
    expect(checkLevel2('社会效益', [{ level1: '产出指标', level2: '数量指标' }])).toEqual({
      ok: true,
      value: '社会效益',
      note: '将记为“社会效益指标”；“社会效益指标”属于“效益指标”，一级指标将随之改为“效益指标”',
    });
    expect(checkLevel2('质量指标', [{ level1: '产出指标', level2: '数量指标' }])).toEqual({ ok: true, value: '质量指标' });
  });
});

describe('what the check says is what revision does', () => {
  // A small table read by the extractor: a level1 the check takes is kept by revision, one it
  // refuses would have been put back.
  const read = extractText('项目名称\t测试项目\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人次\t≥300人次\n效益指标\t社会效益指标\t群众知晓率\t≥90%\n');
  const revisedLevel1 = (typed: string) => {
    const edited = structuredClone(read);
    edited.document.projects[0]!.indicators[0]!.level1 = typed;
    const revised = reviseExtraction(edited);
    if (!revised.ok) throw new Error('revision failed');
    return revised.extraction.document.projects[0]!.indicators[0]!.level1;
  };

  it.each(['产出指标', '效益指标', '满意度指标', '过程指标'])('level1 “%s” over 数量指标', (typed) => {
    const row = read.document.projects[0]!.indicators[0]!;
    expect(row.level2).toBe('数量指标');
    const check = checkCell('level1', typed, [row]);
    expect(check.ok).toBe(revisedLevel1(typed) === typed);
  });

  it('project fields other than amounts are text', () => {
    expect(checkCell('name', '  新的 项目名称 ')).toEqual({ ok: true, value: '新的项目名称' });
    expect(checkCell('owner', '')).toEqual({ ok: true, value: null });
    expect(checkCell('budget.fiscal', 'x').ok).toBe(false);
  });
});
