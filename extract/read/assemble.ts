// The stream read into the contract's document: grids found and aligned, the stream cut into forms
// (a form starts at its 项目名称/项目编码, or at a grid no such label came before), each form's
// header fields read, its title found, and each form made a project — or, for a department-level
// table (部门整体), objectives. What looks like a table but gives no row is said so.
import type { Doc } from '../../schemas/doc.ts';
import type { ExtractedDocument, Indicator, Objective, Project, ProjectConfidenceField, Unit, Warning } from '../../schemas/extraction.ts';
import { fieldMatch } from '../../vocab/fields.ts';
import { fold } from '../../vocab/fold.ts';
import { TARGET_SHAPE } from '../../vocab/values.ts';
import { normalizeOptional, normalizeText, stripNumbering } from '../normalize.ts';
import { readPartOne, type ProseItem } from '../part-one.ts';
import { goalItems, parseAmount, parseUnitText } from './amounts.ts';
import { classify } from './classify.ts';
import { readDepartmentBudget } from './department-budget.ts';
import { readFields, type FormFields } from './fields.ts';
import { readGrids, TARGET_ROW, type Grid } from './grid.ts';
import { formYear, nextFormBoundary, titleBefore, yearsIn } from './headings.ts';
import { indicatorsOf, type GridIndicators } from './indicators.ts';
import { confidenceOf } from './provenance.ts';
import { streamOf, type Token } from './tokens.ts';

export interface ReadResult {
  document: ExtractedDocument;
  warnings: Warning[];
}

interface Form {
  start: number;
  end: number;
  /** where the stretch before the form's first label begins (the previous form's grid end) */
  leadStart: number;
  grids: Grid[];
  hasName: boolean;
}

const DEPARTMENT = /部门整体|整体支出|整体绩效|单位整体/;

const OVERALL = /^年度整体支出绩效目标$/;
const FORM_WORDS = /(支出)?绩效(目标|自评|目标自评|目标申报)?(申报|审批|批复)?表$/;

function anchorOf(tokens: readonly Token[], at: number): 'name' | 'code' | null {
  const token = tokens[at] as Token;
  if (token.blank) return null;
  const inline = fieldMatch(token.text.split(/[:：]/)[0] ?? '');
  const field = classify(token.text).field?.field ?? inline?.field;
  if (field !== 'name' && field !== 'code') return null;
  if (!classify(token.text).field) return field;
  // A name label heading a list's column (项目名称 | 金额 | 备注) labels no form: it has no value.
  let next = at + 1;
  while (next < tokens.length && (tokens[next] as Token).blank) next++;
  const after = tokens[next];
  if (after && (classify(after.text).field || classify(after.text).header) && !classify(after.text).level) {
    const label = classify(after.text).field?.field;
    if (label !== 'name' && label !== 'code') return null;
  }
  return field;
}

function cutForms(tokens: readonly Token[], grids: readonly Grid[], inGrid: (at: number) => boolean): Form[] {
  const forms: Form[] = [];
  let current: Form | null = null;
  let gridIndex = 0;
  let lastGridEnd = 0;
  const open = (start: number): Form => {
    // What follows the last grid of the form before, up to this form's title, is that form's foot.
    const leadStart = current ? (current.grids.length > 0 ? nextFormBoundary(tokens, lastGridEnd, start) : current.start) : 0;
    const form: Form = { start, end: tokens.length, leadStart, grids: [], hasName: false };
    if (current) current.end = current.grids.length > 0 ? leadStart : start;
    forms.push(form);
    current = form;
    return form;
  };
  for (let i = 0; i < tokens.length; i++) {
    const grid = grids[gridIndex];
    if (grid && i === grid.start) {
      const form: Form = current && ((current as Form).grids.length === 0 || !titleBetween(tokens, lastGridEnd, i)) ? current : open(firstLabel(tokens, current ? lastGridEnd : 0, i, inGrid));
      form.grids.push(grid);
      lastGridEnd = grid.end;
      gridIndex++;
      i = grid.end - 1;
      continue;
    }
    if (inGrid(i)) continue;
    const anchor = anchorOf(tokens, i);
    if (!anchor) continue;
    // A form whose grid was not found still ends where the next form's title stands.
    if (!current || (current as Form).grids.length > 0 || ((current as Form).hasName && anchor === 'name' && formTitleBetween(tokens, (current as Form).start, i))) open(i).hasName = true;
  }
  return forms;
}

/** A paragraph that titles a form (…绩效目标表) between two positions. */
function formTitleBetween(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) {
    const token = tokens[i] as Token;
    if (token.paragraph && FORM_WORDS.test(token.key)) return true;
  }
  return false;
}

/** A form title between two grids: the second starts a form of its own. */
function titleBetween(tokens: readonly Token[], from: number, to: number): boolean {
  return titleBefore(tokens, to, from) !== null;
}

/** Where a form with no 项目名称 begins: its first header label after the grid before it, else its grid. */
function firstLabel(tokens: readonly Token[], from: number, grid: number, inGrid: (at: number) => boolean): number {
  for (let i = from; i < grid; i++) {
    if (inGrid(i)) continue;
    const field = classify((tokens[i] as Token).text).field;
    if (field && field.field !== 'other-label') return i;
  }
  return grid;
}

function budgetOf(fields: FormFields) {
  const inYuan = fields.moneyUnit === '元';
  const amount = (field: 'total' | 'fiscal' | 'other') => {
    const value = fields.values[field];
    return value ? parseAmount(value.text, inYuan) : null;
  };
  return { total: amount('total'), fiscal: amount('fiscal'), other: amount('other') };
}

type OcrConfidence = NonNullable<Project['ocrConfidence']>;

/** How surely OCR read each amount of the budget that was read from a scan; undefined when none was. */
function budgetConfidence(tokens: readonly Token[], fields: FormFields, budget: Project['budget']): OcrConfidence | undefined {
  const confidence: OcrConfidence = {};
  let any = false;
  for (const field of ['total', 'fiscal', 'other'] as const) {
    const cells = fields.values[field]?.cells;
    const own = budget[field] !== null && cells ? confidenceOf(tokens, cells) : undefined;
    if (own === undefined) continue;
    confidence[`budget.${field}` satisfies ProjectConfidenceField] = own;
    any = true;
  }
  return any ? confidence : undefined;
}

function ownerOf(fields: FormFields): string | null {
  const owner = normalizeOptional(fields.values.owner?.text);
  const phone = normalizeOptional(fields.values.phone?.text);
  if (owner && phone && !/电话/.test(fields.values.owner?.label ?? '') && !owner.includes(phone)) return normalizeText(owner + phone);
  return owner ?? null;
}

/** A unit with the code a 部门预算编码 cell gives it, when its own text has none. */
function withCode(unit: Unit | null, fields: FormFields): Unit | null {
  const code = normalizeOptional(fields.values.unitCode?.text);
  return unit && unit.code === null && code && /^\d{3,}$/.test(code) ? { ...unit, code } : unit;
}

function unitOf(fields: FormFields): Unit | null {
  if (fields.unitLine) return parseUnitText(fields.unitLine);
  const unit = fields.values.unit?.text;
  if (unit) return withCode(parseUnitText(unit), fields);
  const implementer = fields.values.implementer?.text;
  return implementer ? parseUnitText(implementer) : null;
}

function nameFromTitle(title: string | null): string | null {
  if (title === null) return null;
  return normalizeOptional(stripNumbering(title).replace(/\.(docx?|xlsx?|pdf)$/i, '').replace(FORM_WORDS, ''));
}

function baseProject(tokens: readonly Token[], title: string | null, fields: FormFields): Project {
  const name = normalizeOptional(fields.values.name?.text);
  const budget = budgetOf(fields);
  const ocrConfidence = budgetConfidence(tokens, fields, budget);
  const project: Project = {
    title,
    code: normalizeOptional(fields.values.code?.text),
    name: name ?? nameFromTitle(title),
    unit: unitOf(fields),
    owner: ownerOf(fields),
    budget,
    purpose: normalizeOptional(fields.values.purpose?.text) ?? normalizeOptional(fields.purpose),
    spendingPlan: fields.spendingPlan,
    goals: fields.goalCells.flatMap(goalItems),
    indicators: [],
  };
  if (ocrConfidence) project.ocrConfidence = ocrConfidence;
  return project;
}

/** A multi-project grid (单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 …): one project per project name. */
function projectsOfGrid(read: GridIndicators, base: Project, inYuan: boolean): Project[] {
  const projects: Project[] = [];
  let current: Project | null = null;
  let cells: unknown = undefined;
  for (const { indicator, project } of read.items) {
    if (project && project !== cells) {
      cells = project;
      // The form's own budget fields are not this row's: its 预算数 is its own cell.
      const { ocrConfidence: _form, ...rest } = base;
      current = {
        ...rest,
        name: project.projectName,
        unit: project.unitName ? parseUnitText(project.unitName) : base.unit,
        budget: { total: project.budget ? parseAmount(project.budget, inYuan) : null, fiscal: null, other: null },
        goals: project.goal ? goalItems(project.goal) : [],
        indicators: [],
      };
      if (current.budget.total !== null && project.budgetConfidence !== undefined) current.ocrConfidence = { 'budget.total': project.budgetConfidence };
      projects.push(current);
    }
    (current ?? (current = { ...base, indicators: [] }, projects.push(current), current)).indicators.push(indicator);
  }
  return projects;
}

function proseItems(tokens: readonly Token[]): ProseItem[] {
  const items: ProseItem[] = [];
  let lastRow = '';
  for (const token of tokens) {
    if (token.paragraph) items.push({ kind: 'paragraph', text: token.text });
    else if (`${token.block}:${token.row}` !== lastRow) {
      lastRow = `${token.block}:${token.row}`;
      items.push({ kind: 'row' });
    }
  }
  return items;
}

function isDepartmentForm(tokens: readonly Token[], form: Form, fields: FormFields): boolean {
  if (fields.values.name) return false;
  const firstGrid = form.grids[0]?.header.start ?? form.end;
  for (let i = Math.max(0, form.leadStart - 1); i < firstGrid; i++) {
    const token = tokens[i] as Token;
    if (!token.blank && token.key.length <= 60 && (DEPARTMENT.test(token.key) || TARGET_ROW.test(token.key))) return true;
  }
  return false;
}

/** Department targets (年度整体支出目标N, each with its grid), or one objective for the whole table. */
function objectivesOf(tokens: readonly Token[], form: Form, fields: FormFields, reads: readonly GridIndicators[]): { objectives: Objective[]; overallGoal: string | null } {
  const targets: Array<{ title: string; goal: string | null; at: number }> = [];
  let overallGoal: string | null = null;
  const inGrid = (at: number) => form.grids.some((grid) => at >= grid.start && at < grid.end);
  for (let i = form.start; i < form.end; i++) {
    const token = tokens[i] as Token;
    if (inGrid(i) || token.blank) continue;
    if (TARGET_ROW.test(token.key) || OVERALL.test(token.key)) {
      const texts: string[] = [];
      for (let k = i + 1; k < form.end && !inGrid(k); k++) {
        const next = tokens[k] as Token;
        if (next.before === 'row' || next.before === 'block' || next.before === 'line') break;
        if (!next.blank) texts.push(next.raw);
      }
      const goal = normalizeOptional(texts.join('\n'));
      if (OVERALL.test(token.key)) overallGoal ??= goal;
      else targets.push({ title: token.text, goal, at: i });
    }
  }
  if (targets.length > 0) {
    const objectives = targets.map((target): Objective => ({ title: target.title, goal: target.goal, indicatorText: null, indicators: [] }));
    form.grids.forEach((grid, index) => {
      const owner = [...targets].reverse().find((target) => target.at < grid.start);
      const objective = owner ? objectives[targets.indexOf(owner)] : objectives[0];
      objective?.indicators.push(...(reads[index]?.items.map((item) => item.indicator) ?? []));
    });
    return { objectives, overallGoal };
  }
  const goal = normalizeOptional(fields.goalCells.map((cell) => normalizeText(cell)).join(''));
  const indicators: Indicator[] = reads.flatMap((read) => read.items.map((item) => item.indicator));
  return { objectives: [{ title: fields.goalsLabel, goal, indicatorText: null, indicators }], overallGoal: overallGoal ?? goal };
}

/** Text that names the grid's columns but was not read as a grid. */
const GRID_WORDS = /一级指标|二级指标|三级指标|指标值|产出指标|效益指标|满意度指标/g;

function unparsedWarnings(tokens: readonly Token[], grids: readonly Grid[], reads: readonly GridIndicators[], inGrid: (at: number) => boolean): Warning[] {
  const warnings: Warning[] = [];
  grids.forEach((grid, index) => {
    if ((reads[index]?.items.length ?? 0) > 0) return;
    const text = tokens
      .slice(grid.start, Math.min(grid.end, grid.start + 80))
      .filter((token) => !token.blank)
      .map((token) => token.text)
      .join(' | ');
    const first = tokens[grid.start] as Token;
    warnings.push({
      code: 'UNPARSED_TABLE',
      message: `找到指标表的表头，但未能读出任何指标行（第${first.source.lineStart ?? '?'}行起）: an indicator grid's header was found but no row could be read`,
      loc: { ...(first.source.lineStart ? { line: first.source.lineStart } : {}), ...(first.table ? { table: first.table } : {}) },
      text,
    });
  });
  const blocks = new Map<number, Token[]>();
  const gridBlocks = new Set(grids.map((grid) => (tokens[grid.header.start] as Token).block));
  for (const token of tokens) {
    if (inGrid(token.index) || gridBlocks.has(token.block)) continue;
    const list = blocks.get(token.block);
    if (list) list.push(token);
    else blocks.set(token.block, [token]);
  }
  const ordered = [...blocks.values()];
  ordered.forEach((blockTokens, index) => {
    const text = blockTokens.map((token) => token.text).join(' ');
    if (new Set(fold(text).match(GRID_WORDS) ?? []).size < 2) return;
    const first = blockTokens[0] as Token;
    // A paragraph of sentences that speaks of the levels (主要包括产出指标、效益指标和满意度指标) but
    // states no targets is prose about indicators, not a table.
    if (blockTokens.length === 1 && first.paragraph && /。/.test(text) && (text.match(TARGET_SHAPE)?.length ?? 0) < 2) return;
    // A header line alone: the lines after it (up to a form's title or prose) are the table left unread.
    let unread = text;
    if (blockTokens.length === 1 && first.paragraph) {
      for (const next of ordered.slice(index + 1)) {
        const line = next.map((token) => token.text).join(' ');
        const lead = next[0] as Token;
        if (!lead.paragraph || next.length > 1 || FORM_WORDS.test(lead.key) || /。/.test(line) || unread.length + line.length > 2000) break;
        unread += `\n${line}`;
      }
    }
    warnings.push({
      code: 'UNPARSED_TABLE',
      message: `文字像指标表，但未能按表格读出（第${first.source.lineStart ?? '?'}行起）: text that names an indicator grid could not be read as one`,
      loc: { ...(first.source.lineStart ? { line: first.source.lineStart } : {}), ...(first.table ? { table: first.table } : {}) },
      text: unread.slice(0, 2000),
    });
  });
  return warnings;
}

export function readDocument(doc: Doc): ReadResult {
  const tokens = streamOf(doc);
  const grids = readGrids(tokens);
  const reads = grids.map((grid) => indicatorsOf(grid, tokens));
  const gridMask = new Uint8Array(tokens.length);
  for (const grid of grids) gridMask.fill(1, grid.start, grid.end);
  const inGrid = (at: number) => gridMask[at] === 1;
  const forms = cutForms(tokens, grids, inGrid);
  const warnings: Warning[] = reads.flatMap((read) => read.warnings);
  const projects: Project[] = [];
  const objectives: Objective[] = [];
  let documentUnit: Unit | null = null;
  let departmentGoal: string | null = null;
  let departmentBudget: Record<string, number> | null = null;

  for (const form of forms) {
    const lead = readFields(tokens, form.leadStart, form.start, inGrid);
    const fields = readFields(tokens, form.start, form.end, inGrid);
    fields.unitLine ??= lead.unitLine;
    fields.moneyUnit ??= lead.moneyUnit;
    if (!fields.values.unit && lead.values.unit) fields.values.unit = lead.values.unit;
    if (!fields.values.unitCode && lead.values.unitCode) fields.values.unitCode = lead.values.unitCode;
    fields.documentUnit ??= lead.documentUnit;
    documentUnit ??= fields.unitLine ? parseUnitText(fields.unitLine) : fields.documentUnit ? withCode(parseUnitText(fields.documentUnit.text), fields) : null;
    const formReads = form.grids.map((grid) => reads[grids.indexOf(grid)] as GridIndicators);
    if (isDepartmentForm(tokens, form, fields)) {
      const read = objectivesOf(tokens, form, fields, formReads);
      objectives.push(...read.objectives);
      departmentGoal ??= read.overallGoal;
      departmentBudget ??= readDepartmentBudget(tokens, form.start, form.grids[0]?.header.start ?? form.end);
      continue;
    }
    const title = titleBefore(tokens, form.start, form.leadStart);
    const base = baseProject(tokens, title, fields);
    const multi = formReads.some((read) => read.items.some((item) => item.project));
    if (multi) {
      const found = formReads.flatMap((read) => projectsOfGrid(read, base, fields.moneyUnit === '元'));
      projects.push(...found);
      // A department's grid of projects names the department's unit in its 单位名称 column.
      documentUnit ??= found[0]?.unit ?? null;
      continue;
    }
    base.indicators = formReads.flatMap((read) => read.items.map((item) => item.indicator));
    projects.push(base);
  }

  warnings.push(...unparsedWarnings(tokens, grids, reads, inGrid));
  projects.forEach((project, index) => {
    if (project.indicators.length === 0) {
      warnings.push({ code: 'NO_INDICATORS', message: `项目“${project.name ?? project.title ?? index + 1}”没有读出绩效指标: no indicator rows were read for this project`, loc: {} });
    }
  });
  const partOne = readPartOne(proseItems(tokens));
  return {
    document: {
      unit: documentUnit,
      year: documentYear(tokens, projects),
      overallGoal: partOne.overallGoal ?? departmentGoal,
      departmentBudget,
      objectives: [...partOne.objectives, ...objectives],
      projects,
    },
    warnings,
  };
}

const PART_ONE_HEADING = /^(\d{4})\s*年度?.*绩效目标$/;

/** The budget year: part one's heading, the form's year line or heading, else the year most titles and names carry. */
function documentYear(tokens: readonly Token[], projects: readonly Project[]): number | null {
  for (const token of tokens) {
    if (!token.paragraph) break;
    const heading = PART_ONE_HEADING.exec(token.text);
    if (heading?.[1]) return Number(heading[1]);
  }
  const own = formYear(tokens);
  if (own !== null) return own;
  const counts = new Map<number, number>();
  for (const project of projects) {
    for (const year of new Set([...yearsIn(project.title ?? ''), ...yearsIn(project.name ?? '')])) counts.set(year, (counts.get(year) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [year, count] of counts) {
    const bestCount = best === null ? 0 : (counts.get(best) ?? 0);
    if (count > bestCount || (count === bestCount && best !== null && year > best)) best = year;
  }
  return best;
}
