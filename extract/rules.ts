// The rules engine: reads a Doc into the contract's document, exactly, with no model.
import type { Doc } from '../schemas/doc.ts';
import type { ExtractedDocument, Unit, Warning } from '../schemas/extraction.ts';
import { readDepartment } from './department.ts';
import { flattenDoc, type Item, type RowItem } from './items.ts';
import { fieldOf, gridColumnOf, splitLabelWithValue } from './labels.ts';
import { isLevel1Word, isLevel2Word } from './levels.ts';
import { normalizeOptional } from './normalize.ts';
import { readPartOne } from './part-one.ts';
import { parseUnitLine, parseUnitText, readProjects, unitLineOf } from './project.ts';
import { documentYear } from './year.ts';

export interface RulesResult {
  document: ExtractedDocument;
  warnings: Warning[];
}

/** The first unit the document names: a unit line, a 部门名称 cell, or 填报单位. */
function documentUnit(items: readonly Item[], departmentUnit: Unit | null): Unit | null {
  for (const item of items) {
    if (item.kind === 'paragraph') {
      const line = parseUnitLine(item.text);
      if (line) return line;
      const inline = splitLabelWithValue(item.text);
      if (inline?.field === 'unit') return parseUnitText(inline.value);
      continue;
    }
    const line = unitLineOf(item);
    if (line) return line;
    if (departmentUnit && item.cells.some((cell) => cell.replace(/\s/g, '') === '部门名称')) return departmentUnit;
    for (let i = 0; i < item.cells.length; i++) {
      const cell = item.cells[i] ?? '';
      if (fieldOf(cell) === 'unit') {
        const name = normalizeOptional(item.cells[i + 1]);
        if (name && fieldOf(name) === null) return parseUnitText(name);
      }
      const inline = splitLabelWithValue(cell);
      if (inline?.field === 'unit') return parseUnitText(inline.value);
    }
  }
  return departmentUnit;
}

/** Cells that name grid columns or levels: a row with several looks like part of a grid. */
function gridLikeCells(cells: readonly string[]): number {
  return cells.filter((cell) => gridColumnOf(cell) !== null || isLevel1Word(cell) || isLevel2Word(cell)).length;
}

/** Grid vocabulary written anywhere in the text, even run together in one garbled cell. */
const GRID_WORDS = /一级指标|二级指标|三级指标|产出指标|效益指标|满意度指标/g;

function mentionsGrid(cells: readonly string[]): boolean {
  return new Set(cells.join(' ').match(GRID_WORDS) ?? []).size >= 2;
}

function unparsedTableWarnings(items: readonly Item[], readTables: Set<number>): Warning[] {
  const warnings: Warning[] = [];
  const warned = new Set<number>();
  for (const item of items) {
    if (item.kind === 'paragraph') {
      if (/一级指标/.test(item.text) && /二级指标|三级指标/.test(item.text)) {
        warnings.push({ code: 'UNPARSED_TABLE', message: `像指标表但无法按表格读取（第${item.line ?? '?'}行）: a paragraph names grid columns but is not a table`, loc: { line: item.line } });
      }
      continue;
    }
    const row: RowItem = item;
    if (readTables.has(row.table) || warned.has(row.table)) continue;
    if (gridLikeCells(row.cells) < 2 && !mentionsGrid(row.cells)) continue;
    warned.add(row.table);
    warnings.push({
      code: 'UNPARSED_TABLE',
      message: `表格像指标表但未能读出项目（第${row.line ?? '?'}行起）: table ${row.table + 1} looks like an indicator table but no project could be read from it`,
      loc: { line: row.line, table: row.table + 1, row: row.row + 1 },
    });
  }
  return warnings;
}

export function extractWithRules(doc: Doc): RulesResult {
  const items = flattenDoc(doc);
  const partOne = readPartOne(items);
  const department = readDepartment(items);
  const { projects, tables } = readProjects(items);
  const warnings: Warning[] = [];
  const readTables = new Set([...tables, ...department.tables]);
  warnings.push(...unparsedTableWarnings(items, readTables));
  projects.forEach((project, index) => {
    if (project.indicators.length === 0) {
      warnings.push({
        code: 'NO_INDICATORS',
        message: `项目“${project.name ?? project.title ?? index + 1}”没有读出绩效指标: no indicator rows were read for this project`,
        loc: { table: index + 1 },
      });
    }
  });
  return {
    document: {
      unit: documentUnit(items, department.unit),
      year: documentYear(items, department.year, projects),
      overallGoal: partOne.overallGoal ?? department.overallGoal,
      departmentBudget: department.budget,
      objectives: [...partOne.objectives, ...department.objectives],
      projects,
    },
    warnings,
  };
}
