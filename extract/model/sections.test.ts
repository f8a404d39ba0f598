import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../ingest/index.ts';
import { SECTION_CHARS, sectionsOf } from './sections.ts';

const seed = readFileSync(new URL('../../fixtures/seeds/004_584bff0bac0b6d6f.txt', import.meta.url), 'utf8');

describe('sections', () => {
  it('packs whole blocks up to the size, cutting only between them, and counts the grid rows of each', async () => {
    const sections = await sectionsOf(ingestText(seed).doc);
    expect(sections.length).toBeGreaterThan(1);
    for (const section of sections) expect(section.text.length).toBeLessThanOrEqual(SECTION_CHARS + 10);
    // seed 004: 7 projects, 42 indicator rows in all
    expect(sections.reduce((sum, section) => sum + section.gridRows, 0)).toBe(42);
    expect(new Set(sections.flatMap((section) => section.blocks)).size).toBe(sections.flatMap((section) => section.blocks).length);
  });

  it('cuts a grid larger than a section at row breaks, the pieces sharing one group and its row count', async () => {
    const header = '一级指标\t二级指标\t三级指标\t指标值\t指标值确定依据';
    const rows = Array.from({ length: 400 }, (_, i) => `产出指标\t数量指标\t开展第${i + 1}项业务培训的场次数量\t≥${i + 1}次\t年度工作计划`);
    const sections = await sectionsOf(ingestText(['项目名称\t大表项目', header, ...rows].join('\n')).doc);
    expect(sections.length).toBeGreaterThan(2);
    expect(new Set(sections.map((section) => section.group))).toEqual(new Set([1]));
    expect(sections.every((section) => section.gridRows === 400)).toBe(true);
    // every piece ends on a whole row
    for (const section of sections) expect(section.text.trimEnd().endsWith('|')).toBe(true);
  });
});
