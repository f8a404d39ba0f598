import { describe, expect, it } from 'vitest';
import { Grounding, ocrAllowance, substringDistance } from './grounding.ts';

describe('grounding', () => {
  const section = '| 产出指标 | 质量指标 | 服务质量抽查合格率 | ≥ | 95 | % |\n| 效益指标 | 社会效益\n指标 | 助餐服务日均惠及人次 | ≥500人次 |';

  it('finds strings after NFKC and whitespace removal, across split comparator columns and line breaks', () => {
    const grounding = new Grounding(section, false);
    expect(grounding.holds('≥95%')).toBe(true);
    expect(grounding.holds('社会效益指标')).toBe(true);
    expect(grounding.holds('≥５００人次')).toBe(true);
    expect(grounding.holds('≥98%')).toBe(false);
    expect(grounding.holds('服务质量抽査合格率')).toBe(false);
  });

  it('allows OCR text a few misread characters, but never in a short value', () => {
    const grounding = new Grounding(section, true);
    expect(grounding.holds('服务质量抽査合格率')).toBe(true);
    expect(grounding.holds('≥96%')).toBe(false);
    expect(grounding.holds('助餐服务日均惠及人次≥600人次')).toBe(false);
    expect(grounding.holds('助餐服务日均惠及入次')).toBe(true);
    expect(ocrAllowance(3)).toBe(0);
    expect(ocrAllowance(9)).toBe(1);
    expect(ocrAllowance(24)).toBe(3);
  });

  it('substringDistance is the edit distance to the closest substring', () => {
    expect(substringDistance('合格率', 'xx合格率yy')).toBe(0);
    expect(substringDistance('合格率', 'xx合恪率yy')).toBe(1);
    expect(substringDistance('abc', '')).toBe(3);
  });
});
