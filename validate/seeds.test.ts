// The validator on the five seeds: exactly the findings listed (and checked by reading) in
// fixtures/validation/seeds.expected.json, and the ones issue 5 names in particular.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractText } from '../pipeline/index.ts';
import { Document, type ExtractedDocument } from '../schemas/extraction.ts';
import { validateDocument } from './engine.ts';
import { seedFinding, type SeedFinding } from '../test/support/seed-findings.ts';

const seeds = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));
const expected = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/validation/seeds.expected.json', import.meta.url)), 'utf8')) as {
  findings: Record<string, SeedFinding[]>;
};
const names = Object.keys(expected.findings);

function findingsOf(document: ExtractedDocument) {
  return validateDocument(document).map((finding) => seedFinding(document, finding));
}

const actual = Object.fromEntries(names.map((name) => [name, findingsOf(extractText(readFileSync(seeds + name, 'utf8')).document)]));
const ofProject = (name: string, project: number) => (actual[name] ?? []).filter((finding) => finding.project === project);

describe('findings on the seeds', () => {
  it('cover all five seeds', () => expect(names).toHaveLength(5));

  it('speak Chinese to the clerk and English beside it', () => {
    for (const name of names) {
      for (const finding of validateDocument(extractText(readFileSync(seeds + name, 'utf8')).document)) {
        expect(finding.message, finding.code).toMatch(/[\u4e00-\u9fff]/);
        expect(finding.messageEn, finding.code).toMatch(/^[\x20-\x7e].*[a-z]{3}/);
      }
    }
  });

  it('are carried by the extraction itself', () => {
    const extraction = extractText(readFileSync(seeds + '002_b681af093c63d6a7.txt', 'utf8'));
    expect(extraction.findings).toEqual(validateDocument(extraction.document));
  });

  for (const name of names) {
    it(`${name}: exactly the expected list`, () => expect(actual[name]).toEqual(expected.findings[name]));
    it(`${name}: the same on the hand-checked gold document`, () => {
      const gold = Document.parse(JSON.parse(readFileSync(seeds + name.replace(/\.txt$/, '.gold.json'), 'utf8')).document);
      expect(findingsOf(gold)).toEqual(expected.findings[name]);
    });
  }

  it('seed 002: the 蔬菜 heading over the 冻肉 项目名称 (TITLE_NAME_MISMATCH)', () => {
    const mismatches = (actual['002_b681af093c63d6a7.txt'] ?? []).filter((finding) => finding.code === 'TITLE_NAME_MISMATCH');
    expect(mismatches).toEqual([expect.objectContaining({ project: 3, cell: '3、2022年度蔬菜储备补贴专项资金绩效目标表 | 2022年冻肉储备补贴专项资金' })]);
  });

  it('seed 004: the ≥100% rates and the ≤32人 quantity', () => {
    const project3 = ofProject('004_584bff0bac0b6d6f.txt', 3);
    expect(project3.filter((finding) => finding.code === 'PERCENT_OVER_100').map((finding) => [finding.row, finding.cell])).toEqual([
      [2, '≥100%'],
      [3, '≥100%'],
    ]);
    expect(project3).toContainEqual(expect.objectContaining({ code: 'COMPARATOR_DIRECTION', row: 1, cell: '≤32人' }));
  });

  it('the 1年 and ≤1年 时效 values (TIMELINESS_FORM)', () => {
    const cells = new Set(Object.values(actual).flatMap((list) => list.filter((finding) => finding.code === 'TIMELINESS_FORM').map((finding) => finding.cell)));
    expect(cells).toContain('1年');
    expect(cells).toContain('≤1年');
  });

  it('cost ceilings equal to the budget (COST_RESTATES_BUDGET), e.g. ≤60万元 on the 60万元 海关办公经费', () => {
    expect(ofProject('000_ad7b01c3c3fb5737.txt', 1)).toContainEqual(expect.objectContaining({ code: 'COST_RESTATES_BUDGET', row: 4, cell: '≤60万元' }));
  });

  it('COST_EXCEEDS_BUDGET only where a ceiling is above the budget; none where items add up to it', () => {
    const over = Object.entries(actual).flatMap(([name, list]) => list.filter((finding) => finding.code === 'COST_EXCEEDS_BUDGET').map((finding) => [name.slice(0, 3), finding.project, finding.cell]));
    expect(over).toEqual([
      ['002', 4, '≤30万元'], // 弥补人员工资: 预算 15.5
      ['003', 18, '≤5万元'], // 零成本经费: 预算 3.70
      ['003', 20, '≤7万元'], // 气代煤审计费: 预算 6.90
    ]);
    // 白沟箱包…试点活动经费: 8 + 2 = 10万元 on a 10万元 budget.
    expect(ofProject('000_ad7b01c3c3fb5737.txt', 2).map((finding) => finding.code)).not.toContain('COST_EXCEEDS_BUDGET');
  });
});
