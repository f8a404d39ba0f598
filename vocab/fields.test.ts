import { describe, expect, it } from 'vitest';
import { DOCUMENT_UNIT_LABELS, FIELD_SURFACES, fieldKey, fieldMatch, type FormField } from './fields.ts';

const fieldOf = (label: string): FormField | undefined => fieldMatch(label)?.field;
const rankOf = (label: string): number => fieldMatch(label)?.rank ?? -1;

describe('fieldMatch', () => {
  it.each([
    ['项目名称', 'name'],
    ['项目编码', 'code'],
    ['实施单位', 'implementer'],
    ['填报单位', 'unit'],
    ['部门名称', 'unit'],
    ['项目负责人及联系电话', 'owner'],
    // budget.total comes from 预算数, 年度申请资金额度 or 年度资金总额.
    ['预算数', 'total'],
    ['年度申请资金额度', 'total'],
    ['年度资金总额', 'total'],
    ['其中：财政资金', 'fiscal'],
    ['其他资金', 'other'],
    ['资金用途', 'purpose'],
    ['年度目标', 'goals'],
    ['绩效目标', 'goals'],
    ['资金支出计划', 'spendingPlan'],
  ] as const)('%s → %s', (label, field) => expect(fieldOf(label)).toBe(field));

  it('reads every label the contract names as a project unit source as unit, and 实施单位 apart', () => {
    for (const label of ['填报单位', '预算单位', '预算部门', '单位名称', '项目单位', '项目执行单位']) expect(fieldOf(label), label).toBe('unit');
    // 实施单位 is only the last fallback, so it must not be confused with the owning unit.
    expect(fieldOf('项目实施单位')).toBe('implementer');
    // 主管部门 is not a unit source in the contract.
    expect(fieldOf('主管部门')).toBe('department');
  });

  it('ranks the year over the whole period where a form gives both', () => {
    expect(rankOf('年度资金总额')).toBeGreaterThan(rankOf('项目资金总额'));
    expect(rankOf('年度资金总额')).toBeGreaterThan(rankOf('中期资金总额'));
    expect(rankOf('年度目标')).toBeGreaterThan(rankOf('总体目标'));
    expect(rankOf('年度绩效目标')).toBeGreaterThan(rankOf('项目绩效目标'));
    // Mid-term goals are a field of their own, never the year's goals.
    expect(fieldOf('中期目标')).toBe('midGoals');
    expect(fieldOf('项目总目标')).toBe('midGoals');
  });

  it('ignores colons, money notes and the optional 其中', () => {
    expect(fieldOf('项目名称：')).toBe('name');
    expect(fieldOf('填报单位:')).toBe('unit');
    expect(fieldOf('年度资金总额（万元）')).toBe('total');
    expect(fieldOf('其中:财政资金')).toBe('fiscal');
    expect(fieldOf('其中：当年财政拨款')).toBe('fiscal');
    expect(fieldOf('部门（单位）名称')).toBe('unit');
  });

  it('reads traditional labels with inserted pinyin (fixture r11)', () => {
    expect(fieldOf('項(xiàng)目名稱')).toBe('name');
    expect(fieldOf('實(shí)施單位')).toBe('implementer');
    expect(fieldOf('年度資金總額')).toBe('total');
    expect(fieldOf('其中:當(dāng)年財政撥款')).toBe('fiscal');
    expect(fieldOf('項(xiàng)目資金 (萬元)')).toBe('budgetSection');
  });

  it('reads a signature line as the form foot, not as the owner', () => {
    expect(fieldMatch('项目负责人（签字）：')).toEqual({ field: 'other-label', rank: 0 });
    expect(fieldOf('项目负责人')).toBe('owner');
  });

  it('recovers a label that lost its first character, but only a long one', () => {
    // A scan lost 一 of 一级预算单位名称.
    expect(fieldOf('级预算单位名称')).toBe('unit');
    // Three characters are too few to guess from: 目名称 could be anything.
    expect(fieldMatch('目名称')).toBeNull();
  });

  it('returns null for values and indicator text', () => {
    for (const cell of ['保定市商务局', '开展业务次数', '60.00', '维护相关设备，保障海关工作正常开展。', '']) expect(fieldMatch(cell), cell).toBeNull();
  });

  // Traditional 部門名稱 (and 主管部門, as fixture r11 writes it) are folded before matching.
  it('reads traditional 部門名稱 as unit and 主管部門 as department', () => {
    expect(fieldMatch('部門名稱')?.field).toBe('unit');
    expect(fieldMatch('主管部門')?.field).toBe('department');
  });
});

describe('fieldKey', () => {
  it('drops the colon and bracketed money or stamp notes, keeping other brackets', () => {
    expect(fieldKey('资金情况（万元）：')).toBe('资金情况');
    expect(fieldKey('单位名称（盖章）')).toBe('单位名称');
    expect(fieldKey('部门（单位）名称')).toBe('部门(单位)名称');
    expect(fieldKey('其中：财政资金')).toBe('其中:财政资金');
  });
});

describe('DOCUMENT_UNIT_LABELS', () => {
  it('holds the document unit labels, not those naming only a project unit', () => {
    expect(DOCUMENT_UNIT_LABELS.has('部门名称')).toBe(true);
    expect(DOCUMENT_UNIT_LABELS.has('填报单位')).toBe(true);
    for (const label of ['预算单位', '项目单位', '实施单位']) expect(DOCUMENT_UNIT_LABELS.has(label), label).toBe(false);
  });

  it('holds only labels that fieldMatch reads as unit', () => {
    for (const label of DOCUMENT_UNIT_LABELS) expect(fieldOf(label), label).toBe('unit');
  });
});

describe('FIELD_SURFACES', () => {
  it('lists every label longest first, so a longer label wins over its prefix', () => {
    for (let i = 1; i < FIELD_SURFACES.length; i++) expect(FIELD_SURFACES[i - 1]!.length).toBeGreaterThanOrEqual(FIELD_SURFACES[i]!.length);
    expect(FIELD_SURFACES.indexOf('项目负责人及联系电话')).toBeLessThan(FIELD_SURFACES.indexOf('项目负责人'));
    expect(FIELD_SURFACES).toContain('其中:财政资金');
  });
});
