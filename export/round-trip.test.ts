// The workbook a clerk hands in, read back by jixiao's own reader: each document is extracted, the
// extraction exported as xlsx, and the workbook read again through the pipeline (ingest/sheet →
// extract). What the first reading gave is what the second must give: the same projects (title,
// code, name, unit, owner, budget, purpose, goals, spending plan), the same indicator rows cell
// for cell, the same review findings, and no warning the first reading did not have. The expected
// values are the first reading's, never the export's.
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { extract, extractText } from '../pipeline/index.ts';
import type { Extraction, Indicator, Project } from '../schemas/extraction.ts';
import type { Finding } from '../schemas/findings.ts';
import { SHEET_NAME, toXlsx } from './xlsx.ts';

const DOCUMENTS = [
  // the five seeds: three form families, each project with its 资金支出计划
  'fixtures/seeds/000_ad7b01c3c3fb5737.txt',
  'fixtures/seeds/001_8a93ebbb46b509da.txt',
  'fixtures/seeds/002_b681af093c63d6a7.txt',
  'fixtures/seeds/003_ebdfb260618a708a.txt',
  'fixtures/seeds/004_584bff0bac0b6d6f.txt',
  // other provinces: a target form with 备注 and a bracketed unit code; self-evaluation forms
  // (实际完成值, 分值, 得分, 偏差原因; split comparator columns); mid-term beside annual; a grid of
  // several projects with amounts in 元
  'fixtures/real-forms/r01.txt',
  'fixtures/real-forms/r02.txt',
  'fixtures/real-forms/r08.txt',
  'fixtures/real-forms/r22.txt',
  'fixtures/real-forms/r25.txt',
  // a workbook laid out by a clerk: every form on one sheet
  'fixtures/formats/chengde.xlsx',
];

async function firstReading(path: string): Promise<Extraction> {
  if (path.endsWith('.txt')) return extractText(await readFile(path, 'utf8'));
  const result = await extract({ bytes: await readFile(path), filename: path });
  if (!result.ok) throw new Error(`${path}: ${result.error.code}`);
  return result.extraction;
}

async function readBack(bytes: Uint8Array): Promise<Extraction> {
  const result = await extract({ bytes, filename: 'export.xlsx' });
  if (!result.ok) throw new Error(`the export cannot be read: ${result.error.code}`);
  return result.extraction;
}

/** A project's form fields and rows as the contract has them; where each was read is not compared. */
function contents(project: Project): unknown {
  const { indicators, ocrConfidence: _confidence, ...fields } = project;
  return { ...fields, indicators: indicators.map(({ provenance: _provenance, ...row }: Indicator) => row) };
}

/** Runs of equal, non-null keys as [first, last] row indices. */
function runs(keys: readonly (string | null)[]): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  keys.forEach((key, index) => {
    const last = found.at(-1);
    if (key !== null && last && keys[last[1]] === key && last[1] === index - 1) last[1] = index;
    else if (key !== null) found.push([index, index]);
  });
  return found;
}

const merges = (sheet: ExcelJS.Worksheet): string[] => (sheet.model as unknown as { merges: string[] }).merges;

describe.each(DOCUMENTS)('%s exported as xlsx and read back', (path) => {
  const read = (async () => {
    const first = await firstReading(path);
    const bytes = await toXlsx(first);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    return { first, second: await readBack(bytes), workbook };
  })();

  it('gives the same projects, with the same form fields and the same indicator rows', async () => {
    const { first, second } = await read;
    expect(first.document.projects.length).toBeGreaterThan(0);
    expect(second.document.projects.map(contents)).toEqual(first.document.projects.map(contents));
    expect(second.document.year).toBe(first.document.year);
  });

  it('gives the same review findings, and no warning the first reading did not give', async () => {
    const { first, second } = await read;
    expect(second.findings).toEqual(first.findings);
    const known = new Set(first.warnings.map((warning) => warning.code));
    expect(second.warnings.filter((warning) => !known.has(warning.code))).toEqual([]);
  });

  it('has a form sheet per project, 一级 and 二级 cells merged over their rows, and each row’s findings beside it', async () => {
    const { first, workbook } = await read;
    const projects = first.document.projects;
    expect(workbook.worksheets.map((sheet) => sheet.name)).toHaveLength(projects.length + 1);
    projects.forEach((project, projectIndex) => {
      const sheet = workbook.worksheets[projectIndex]!;
      let header = 0;
      sheet.eachRow((row, number) => {
        if (header === 0 && row.getCell(1).value === '一级指标') header = number;
      });
      expect(header, sheet.name).toBeGreaterThan(0);
      const labels = (sheet.getRow(header).values as unknown[]).slice(1);
      const notesColumn = labels.indexOf('审核意见') + 1;
      expect(notesColumn).toBe(labels.length);
      // Every run of two or more rows under one level is one merged cell.
      const levels = [project.indicators.map((row) => row.level1), project.indicators.map((row) => (row.level2 === null ? null : `${row.level1}/${row.level2}`))];
      levels.forEach((keys, column) => {
        for (const [from, to] of runs(keys).filter(([a, b]) => b > a)) {
          const letter = 'AB'[column]!;
          expect(merges(sheet), `${sheet.name} ${letter}`).toContain(`${letter}${header + 1 + from}:${letter}${header + 1 + to}`);
        }
      });
      project.indicators.forEach((_, row) => {
        const found = first.findings.filter((finding: Finding) => finding.loc.projectIndex === projectIndex && finding.loc.indicatorIndex === row);
        const cell = String(sheet.getRow(header + 1 + row).getCell(notesColumn).value ?? '');
        expect(cell === '' ? [] : cell.split('\n'), `${sheet.name} row ${row + 1}`).toHaveLength(found.length);
        for (const finding of found) expect(cell).toContain(finding.message);
      });
    });
  });

  it('keeps the flat sheet of every row, with its findings, for analysis', async () => {
    const { first, workbook } = await read;
    const flat = workbook.getWorksheet(SHEET_NAME)!;
    const rows = first.document.projects.flatMap((project) => project.indicators);
    expect(flat.actualRowCount).toBe(rows.length + 1);
    const header = (flat.getRow(1).values as unknown[]).slice(1);
    const notes = header.indexOf('审核意见') + 1;
    const withFindings = new Set(first.findings.filter((finding) => finding.loc.indicatorIndex !== null).map((finding) => `${finding.loc.projectIndex}/${finding.loc.indicatorIndex}`));
    let at = 2;
    first.document.projects.forEach((project, p) =>
      project.indicators.forEach((_, i) => {
        expect(String(flat.getRow(at++).getCell(notes).value ?? '') !== '').toBe(withFindings.has(`${p}/${i}`));
      }),
    );
  });
});
