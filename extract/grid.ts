// Reads an indicator grid (一级/二级/三级指标 …) row by row: column mapping from the header row,
// rows split over blank lines joined again, merged level cells filled down, levels canonicalised.
import type { Cell, SourceSpan } from '../schemas/doc.ts';
import type { Indicator, Value } from '../schemas/extraction.ts';
import type { RowItem } from './items.ts';
import { fieldOf, gridColumnOf, isSectionLabel, type GridColumn } from './labels.ts';
import { resolveLevels } from './levels.ts';
import { normalizeOptional, normalizeText, squeeze } from './normalize.ts';
import { parseValue } from './values.ts';

export interface GridLayout {
  columns: ReadonlyArray<GridColumn | null>;
  width: number;
}

/** A header row maps at least a level column, the name or value column, and three in all. */
export function gridLayoutOf(cells: readonly string[]): GridLayout | null {
  const columns = cells.map(gridColumnOf);
  const mapped = new Set(columns.filter((column): column is GridColumn => column !== null));
  const hasLevel = mapped.has('level1') || mapped.has('level2');
  if (!hasLevel || !(mapped.has('name') || mapped.has('value')) || mapped.size < 3) return null;
  return { columns, width: cells.length };
}

/** Rows that end a grid: signatures and contact lines under the table. */
const FOOTER = /经办人|签字|签章|审核意见|联系电话|电话[：:]/;

export type RowVerdict = 'indicator' | 'skipped' | 'pending' | 'end';

export class GridReader {
  readonly indicators: Indicator[] = [];
  private level1: string | null = null;
  private level2: string | null = null;
  private fundingLine: string | null = null;
  /** where the (possibly merged) level and funding-line cells were written */
  private filledFrom: Partial<Record<'level1' | 'level2' | 'fundingLine', SourceSpan>> = {};
  private pending: { cells: string[]; sources: Cell[]; rows: RowItem[] } | null = null;

  constructor(readonly layout: GridLayout) {}

  /** A new department target restarts the filled-down funding line. */
  resetFundingLine(): void {
    this.fundingLine = null;
  }

  /** Feeds one row; 'end' means the row is not part of this grid (nothing was consumed). */
  accept(row: RowItem): RowVerdict {
    if (row.cells.some((cell) => FOOTER.test(cell) || fieldOf(cell) !== null || isSectionLabel(cell))) return 'end';
    const cells = this.pending ? [...this.pending.cells, ...row.cells] : [...row.cells];
    const sources = this.pending ? [...this.pending.sources, ...row.sourceCells] : [...row.sourceCells];
    const width = this.layout.width;
    if (cells.length < width) {
      this.pending = { cells, sources, rows: [...(this.pending?.rows ?? []), row] };
      return 'pending';
    }
    const overflow = cells.slice(width);
    if (overflow.some((cell) => normalizeText(cell) !== '')) return 'end';
    this.pending = null;
    return this.readRow(cells.slice(0, width), sources.slice(0, width)) ? 'indicator' : 'skipped';
  }

  /** Rows held while waiting for the rest of a split row that never came: they go back to the caller. */
  takePending(): RowItem[] {
    const rows = this.pending?.rows ?? [];
    this.pending = null;
    return rows;
  }

  private cell(cells: readonly string[], column: GridColumn): string | null {
    const index = this.layout.columns.indexOf(column);
    return index === -1 ? null : (cells[index] ?? '');
  }

  private sourceOf(sources: readonly Cell[], column: GridColumn): SourceSpan | undefined {
    const index = this.layout.columns.indexOf(column);
    return index === -1 ? undefined : sources[index]?.source;
  }

  private readRow(cells: readonly string[], sources: readonly Cell[]): boolean {
    const level1Cell = this.cell(cells, 'level1');
    const level2Cell = this.cell(cells, 'level2');
    if (level1Cell !== null && squeeze(level1Cell) !== '') {
      this.level1 = level1Cell;
      this.filledFrom.level1 = this.sourceOf(sources, 'level1');
    }
    if (level2Cell !== null && squeeze(level2Cell) !== '') {
      this.level2 = level2Cell;
      this.filledFrom.level2 = this.sourceOf(sources, 'level2');
    }
    const fundingCell = this.cell(cells, 'fundingLine');
    if (fundingCell !== null && normalizeText(fundingCell) !== '') {
      this.fundingLine = normalizeText(fundingCell);
      this.filledFrom.fundingLine = this.sourceOf(sources, 'fundingLine');
    }

    const name = normalizeOptional(this.cell(cells, 'name'));
    const value = this.valueOf(cells, name);
    if (name === null && value.kind === 'empty') return false;

    const { level1, level2 } = resolveLevels(this.level1, this.level2);
    const indicator: Indicator = {
      level1,
      level2,
      name,
      description: normalizeOptional(this.cell(cells, 'description')),
      value,
      basis: normalizeOptional(this.cell(cells, 'basis')),
      remark: normalizeOptional(this.cell(cells, 'remark')),
      fundingLine: this.layout.columns.includes('fundingLine') ? this.fundingLine : null,
    };
    this.addSelfEvaluation(indicator, cells);
    const provenance = this.provenanceOf(sources);
    if (Object.keys(provenance).length > 0) indicator.provenance = provenance;
    this.indicators.push(indicator);
    return true;
  }

  /** Where each cell of the row was written; merged level cells point at the cell that holds the text. */
  private provenanceOf(sources: readonly Cell[]): NonNullable<Indicator['provenance']> {
    const provenance: NonNullable<Indicator['provenance']> = {};
    const put = (field: keyof typeof provenance, span: SourceSpan | undefined) => {
      // Empty spans (a reader that keeps no positions) say nothing.
      for (const _key in span) {
        provenance[field] = span;
        return;
      }
    };
    put('level1', this.filledFrom.level1);
    put('level2', this.filledFrom.level2);
    put('fundingLine', this.filledFrom.fundingLine);
    put('name', this.sourceOf(sources, 'name'));
    put('description', this.sourceOf(sources, 'description'));
    put('value', this.sourceOf(sources, 'value') ?? this.sourceOf(sources, 'comparator'));
    put('basis', this.sourceOf(sources, 'basis'));
    put('remark', this.sourceOf(sources, 'remark'));
    return provenance;
  }


  private valueOf(cells: readonly string[], name: string | null): Value {
    const comparator = this.cell(cells, 'comparator');
    const measureUnit = this.cell(cells, 'measureUnit');
    const written = [comparator, this.cell(cells, 'value'), measureUnit]
      .filter((part): part is string => part !== null)
      .map(normalizeText)
      .join('');
    const value = parseValue(written);
    if (value.kind === 'empty' && name === '不涉及') return { ...value, kind: 'not_applicable' };
    return value;
  }

  private addSelfEvaluation(indicator: Indicator, cells: readonly string[]): void {
    const columns = this.layout.columns;
    const number = (text: string | null) => {
      const parsed = parseValue(text ?? '');
      return parsed.kind === 'numeric' ? parsed.number : null;
    };
    if (columns.includes('weight')) indicator.weight = number(this.cell(cells, 'weight'));
    if (columns.includes('actual')) indicator.actual = parseValue(this.cell(cells, 'actual') ?? '');
    if (columns.includes('score')) indicator.score = number(this.cell(cells, 'score'));
    if (columns.includes('deviation')) indicator.deviation = normalizeOptional(this.cell(cells, 'deviation'));
    if (columns.includes('previous')) indicator.previous = parseValue(this.cell(cells, 'previous') ?? '');
  }
}
