// Reads project tables (项目绩效目标表): the header fields, the spending plan, the goals and the
// indicator grid, and the title and unit written just before the table.
import type { Project, SpendingPlanEntry, Unit } from '../schemas/extraction.ts';
import { GridReader, gridLayoutOf } from './grid.ts';
import type { Item, ParagraphItem, RowItem } from './items.ts';
import { fieldOf, isGenericHeading, SECTION_LABELS, splitLabelWithValue, UNIT_LINE, type ProjectField } from './labels.ts';
import { normalizeOptional, normalizeText, squeeze, stripNumbering } from './normalize.ts';
import { parseNumeric } from './values.ts';

type Phase = 'header' | 'goals' | 'grid' | 'done';

/** An amount cell in 万元: `60.00`, `131.2万元`, `5000元` (converted). */
export function parseAmount(cell: string): number | null {
  const text = normalizeText(cell);
  if (text === '') return null;
  const numeric = parseNumeric(text);
  if (!numeric || numeric.number === null || numeric.op !== null) return null;
  if (numeric.unit === null || numeric.unit === '万元') return numeric.number;
  if (numeric.unit === '元') return numeric.number / 10000;
  return null;
}

export function parseUnitText(text: string): Unit | null {
  const normalized = normalizeText(text);
  if (normalized === '') return null;
  const match = UNIT_LINE.exec(normalized);
  if (match?.[1] && match[2]) return { code: match[1], name: normalizeText(match[2]) };
  return { code: null, name: normalized };
}

export function parseUnitLine(text: string): Unit | null {
  const match = UNIT_LINE.exec(normalizeText(text));
  return match?.[1] && match[2] && /\p{Unified_Ideograph}/u.test(match[2]) ? { code: match[1], name: normalizeText(match[2]) } : null;
}

/** A unit line row: a digit code and a name (`304001保定…（本级）`), beside at most `单位：万元`. */
export function unitLineOf(row: RowItem): Unit | null {
  if (row.cells.some((cell) => fieldOf(cell) !== null)) return null;
  for (const cell of row.cells) {
    const unit = parseUnitLine(cell);
    if (unit) return unit;
  }
  return null;
}

export function isProjectStart(row: RowItem): boolean {
  return row.cells.some((cell) => {
    const field = fieldOf(cell);
    return field === 'name' || field === 'code';
  });
}

const GOAL_TEXT = /[\p{L}\p{N}]/u;
const NUMBERED_LINE = /^\s*(?:[0-9０-９]+[.．、]|[（(][0-9０-９一二三四五六七八九十]+[）)]|目标\s*[0-9０-９]+)/u;

/** One goal per numbered line of a cell; numbering (and spreadsheet quotes between layers) stripped. */
export function goalItems(cell: string): string[] {
  const items: string[] = [];
  for (const line of cell.split('\n')) {
    if (items.length === 0 || NUMBERED_LINE.test(line)) items.push(line);
    else items[items.length - 1] += '\n' + line;
  }
  return items.flatMap((item) => {
    let text = normalizeText(item);
    for (let previous = ''; previous !== text; ) {
      previous = text;
      text = normalizeText(stripNumbering(text));
    }
    return text !== '' && GOAL_TEXT.test(text) ? [text] : [];
  });
}

class ProjectBuilder {
  private phase: Phase = 'header';
  private grid: GridReader | null = null;
  private expectPurpose = false;
  private planColumns: Array<{ index: number; period: string }> | null = null;
  private unitByLine: Unit | null = null;
  private unitByField: Unit | null = null;
  private implementer: Unit | null = null;
  private readonly goalCells: string[] = [];
  private readonly seen = new Set<ProjectField>();
  private annualGoalColumn = 0;
  readonly project: Project;
  readonly tables = new Set<number>();
  /** Rows the grid held back and gave up: they open whatever comes next. */
  leftover: RowItem[] = [];

  constructor(preamble: readonly Item[], start: RowItem) {
    const title = findTitle(preamble, start.table);
    this.project = {
      title: title?.text ?? null,
      code: null,
      name: null,
      unit: null,
      owner: null,
      budget: { total: null, fiscal: null, other: null },
      purpose: null,
      spendingPlan: [],
      goals: [],
      indicators: [],
    };
    // Header rows above the start row (unit line, 填报单位) belong to it; rows above the title do not.
    const ownRows = preamble.slice(title ? title.index + 1 : Math.max(0, preamble.length - 3));
    for (const item of ownRows) {
      if (item.kind === 'row' && item.table === start.table) this.readHeaderRow(item);
      if (item.kind !== 'paragraph') continue;
      const unitLine = parseUnitLine(item.text);
      if (unitLine) this.unitByLine = unitLine;
      // 填报单位（盖公章）：某局 printed as a line over the table, as a PDF draws it, is the same field.
      const inline = splitLabelWithValue(item.text);
      if (inline?.field === 'unit') this.unitByField ??= parseUnitText(inline.value);
    }
  }

  /**
   * A paragraph between the goals and the grid is the goal cell running on: Word flattening
   * loses the cell when a blank line stands inside it.
   */
  acceptParagraph(paragraph: ParagraphItem): boolean {
    if (this.phase !== 'goals' || this.goalCells.length === 0) return false;
    this.goalCells[this.goalCells.length - 1] += '\n' + paragraph.raw;
    return true;
  }

  /** A 项目名称 or 项目编码 row when this project has that field already: the next project begins. */
  private repeatsStartField(row: RowItem): boolean {
    return row.cells.some((cell) => {
      const field = fieldOf(cell);
      return (field === 'name' && this.seen.has('name')) || (field === 'code' && this.seen.has('code'));
    });
  }

  /** Takes the row if it belongs to this project; false hands it back to the caller. */
  accept(row: RowItem): boolean {
    if (this.phase === 'done') return false;
    if (this.phase === 'grid' && this.grid) {
      const verdict = this.grid.accept(row);
      if (verdict === 'end') {
        this.phase = 'done';
        this.leftover = this.grid.takePending();
        return false;
      }
      this.tables.add(row.table);
      return true;
    }
    const layout = gridLayoutOf(row.cells);
    if (layout) {
      this.grid = new GridReader(layout);
      this.phase = 'grid';
      this.tables.add(row.table);
      return true;
    }
    if (this.repeatsStartField(row)) return false;
    this.tables.add(row.table);
    if (this.phase === 'goals') this.readGoalRow(row);
    else this.readHeaderRow(row);
    return true;
  }

  finish(): Project {
    if (this.grid) {
      this.grid.takePending();
      this.project.indicators = this.grid.indicators;
    }
    this.project.goals = this.goalCells.flatMap(goalItems);
    this.project.unit = this.unitByLine ?? this.unitByField ?? this.implementer;
    if (this.project.name === null && this.project.title !== null) {
      this.project.name = normalizeOptional(stripNumbering(this.project.title).replace(/绩效目标表$/, ''));
    }
    return this.project;
  }

  private readHeaderRow(row: RowItem): void {
    const unitLine = unitLineOf(row);
    if (unitLine) {
      this.unitByLine = unitLine;
      return;
    }
    const cells = row.cells.map(normalizeText);
    if (this.planColumns && cells[0] === '') {
      this.project.spendingPlan = this.planColumns.map(({ index, period }): SpendingPlanEntry => {
        const raw = cells[index] ?? '';
        return { period, raw, value: parseAmount(raw.replace(/[%％]$/, '')) };
      });
      this.planColumns = null;
      return;
    }
    if (this.expectPurpose && cells[0] === '') {
      this.project.purpose = normalizeOptional(cells.filter((cell) => cell !== '').join('\n'));
      this.expectPurpose = false;
      return;
    }
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i] ?? '';
      const label = squeeze(cell);
      if (label === '') continue;
      if (SECTION_LABELS.budgetAndPurpose.test(label)) {
        this.expectPurpose = true;
        continue;
      }
      if (SECTION_LABELS.spendingPlan.test(label)) {
        this.planColumns = cells.flatMap((period, index) => (index > i && period !== '' ? [{ index, period }] : []));
        return;
      }
      if (i === 0 && SECTION_LABELS.goals.test(label)) {
        this.phase = 'goals';
        this.readGoalRow(row);
        return;
      }
      const field = fieldOf(cell);
      if (field) {
        const next = cells[i + 1] ?? '';
        if (fieldOf(next) === null) {
          this.setField(field, next);
          i++;
        }
        continue;
      }
      const inline = splitLabelWithValue(cell);
      if (inline) this.setField(inline.field, inline.value);
    }
  }

  private readGoalRow(row: RowItem): void {
    // A form with mid-term and annual goals side by side: the annual ones are the year's goals.
    const labels = row.cells.map(squeeze);
    if (labels.some((label) => SECTION_LABELS.midTermGoals.test(label))) {
      const annual = labels.indexOf('年度目标');
      if (annual !== -1) this.annualGoalColumn = annual;
    }
    for (const [index, cell] of row.cells.entries()) {
      if (index < this.annualGoalColumn) continue;
      const label = squeeze(cell);
      if (label === '' || SECTION_LABELS.goals.test(label) || SECTION_LABELS.goalItemLabel.test(label)) continue;
      this.goalCells.push(cell);
    }
  }

  private setField(field: ProjectField, cell: string): void {
    this.seen.add(field);
    const text = normalizeOptional(cell);
    switch (field) {
      case 'code':
        this.project.code = text;
        break;
      case 'name':
        this.project.name = text;
        break;
      case 'owner':
        this.project.owner = text;
        break;
      case 'total':
        this.project.budget.total = parseAmount(cell);
        break;
      case 'fiscal':
        this.project.budget.fiscal = parseAmount(cell);
        break;
      case 'other':
        this.project.budget.other = parseAmount(cell);
        break;
      case 'purpose':
        this.project.purpose = text;
        break;
      case 'unit':
        this.unitByField ??= text === null ? null : parseUnitText(text);
        break;
      case 'implementer':
        this.implementer ??= text === null ? null : parseUnitText(text);
        break;
    }
  }
}

function headingLines(item: Item): string[] {
  if (item.kind === 'paragraph') return [item.text];
  const filled = item.cells.filter((cell) => normalizeText(cell) !== '');
  if (filled.length !== 1 || !filled[0]) return [];
  return filled[0].split('\n').map(normalizeText);
}

/** The nearest heading line before the table, not crossing the previous table, and where it stands. */
function findTitle(preamble: readonly Item[], table: number): { text: string; index: number } | null {
  for (let i = preamble.length - 1; i >= 0; i--) {
    const item = preamble[i];
    if (!item) continue;
    if (item.kind === 'row' && item.table !== table) return null;
    const lines = headingLines(item);
    for (let j = lines.length - 1; j >= 0; j--) {
      const line = lines[j] ?? '';
      if (line !== '' && !isGenericHeading(line)) return { text: line, index: i };
    }
  }
  return null;
}

export interface ProjectsRead {
  projects: Project[];
  tables: Set<number>;
}

export function readProjects(items: readonly Item[]): ProjectsRead {
  const projects: Project[] = [];
  const tables = new Set<number>();
  let preamble: Item[] = [];
  let current: ProjectBuilder | null = null;

  const finish = () => {
    if (!current) return;
    projects.push(current.finish());
    for (const table of current.tables) tables.add(table);
    current = null;
  };

  for (const item of items) {
    if (item.kind === 'paragraph') {
      if (current?.acceptParagraph(item)) continue;
      finish();
      preamble.push(item);
      continue;
    }
    const builder: ProjectBuilder | null = current;
    if (builder) {
      if (builder.accept(item)) continue;
      preamble.push(...builder.leftover);
      builder.leftover = [];
    }
    if (isProjectStart(item)) {
      finish();
      const started: ProjectBuilder = new ProjectBuilder(preamble, item);
      started.accept(item);
      current = started;
      preamble = [];
      continue;
    }
    preamble.push(item);
  }
  finish();
  return { projects, tables };
}
