// What a cell's text says it is, by the domain's vocabulary alone, never by where it stands: a
// level name, a column or field label, a value, a comparator, a unit, a small score, an
// explanation (反映…), prose. The row aligner turns these into costs per column.
import type { Value } from '../../schemas/extraction.ts';
import { COMPARATORS_LONGEST_FIRST, DAMAGED_COMPARATOR_MARKS, VALUE_TYPE_WORDS } from '../../vocab/comparators.ts';
import { fieldMatch, type FieldMatch } from '../../vocab/fields.ts';
import { fold } from '../../vocab/fold.ts';
import { GRID_END, SITE_DEBRIS } from '../../vocab/furniture.ts';
import { headerMatch, type HeaderMatch } from '../../vocab/headers.ts';
import { LEVEL1_ALIASES, LEVEL2_ALIASES, LEVEL2_PARENT, LEVEL_HEADS, LEVEL_SUFFIXES, OTHER_LEVEL1, OTHER_LEVEL2, undecoratedLevel } from '../../vocab/levels.ts';
import { UNIT_WORDS_LONGEST_FIRST } from '../../vocab/units.ts';
import { QUALITATIVE_VALUES } from '../../vocab/values.ts';
import { parseValue } from '../values.ts';

export interface LevelReading {
  /** can stand in a level1 column / a level2 column */
  as1: boolean;
  as2: boolean;
  /** a name of a known scheme (canonical, short form, older era) rather than only level-shaped */
  known: boolean;
}

export interface CellClass {
  blank: boolean;
  level: LevelReading | null;
  caption: boolean;
  header: HeaderMatch | null;
  field: FieldMatch | null;
  /** a row number: 目标1, 指标2 */
  ordinal: boolean;
  value: Value;
  /** numeric, a date, 不涉及-like or classified: a value by its shape */
  valueShaped: boolean;
  comparatorOnly: boolean;
  /** 定量, 正向, 是/否: the type or direction of a target, not a comparator */
  valueType: boolean;
  unitOnly: boolean;
  /** a bare number a score column holds: 10, 8.5, 10.00 */
  score: boolean;
  /** an explanation: 反映…情况, 该指标… */
  explanation: boolean;
  /** a qualitative target word: 是, 高, 显著提升 */
  qualitative: boolean;
  /** Chinese characters in the text */
  ideographs: number;
  length: number;
  /** a row that closes a grid: signatures, 合计, 评价结论 */
  gridEnd: boolean;
  debris: boolean;
}

const LEVEL1_OTHER = new Set(OTHER_LEVEL1);
const LEVEL2_OTHER = new Set(OTHER_LEVEL2);
const CAPTIONS = /^(绩效指标|整体支出绩效指标|部门整体支出绩效指标|绩|绩效|绩效指标\(\d+分\)|年度绩效指标|专项年度绩效指标|年度绩效目标\(\d+分\)|绩效项目指标表)$/;
const ORDINAL = /^(目标|指标)\d{1,2}[:：.、]?$/;
const DAMAGED = new RegExp(`^[${DAMAGED_COMPARATOR_MARKS.map((mark) => mark.replace(/[\\^$*]/g, '\\$&')).join('')}]\\d`);
const EXPLANATION = /^(反映|考察|该指标|本指标|衡量|用于反映|主要反映|指)/;
const QUALITATIVE = new Set(QUALITATIVE_VALUES);
const UNITS = new Set(UNIT_WORDS_LONGEST_FIRST);
const COMPARATOR_WORDS = new Set(COMPARATORS_LONGEST_FIRST.map(({ word }) => word));
const VALUE_TYPES = new Set(VALUE_TYPE_WORDS);

export function levelReading(key: string): LevelReading | null {
  if (key === '' || key.length > 24) return null;
  const name = undecoratedLevel(key);
  const as2 = LEVEL2_PARENT[name] !== undefined || LEVEL2_ALIASES[name] !== undefined;
  const as1 = LEVEL1_ALIASES[name] !== undefined;
  if (as1 || as2) return { as1, as2, known: true };
  if (LEVEL1_OTHER.has(name)) return { as1: true, as2: false, known: true };
  if (LEVEL2_OTHER.has(name)) return { as1: false, as2: true, known: true };
  // Level-shaped: short and ending in 指标/目标, in no scheme we know (政策效益指标): kept as written.
  if (name.length >= 4 && name.length <= 10 && LEVEL_SUFFIXES.test(name) && !/\d/.test(name) && !/^(一级|二级|三级)/.test(name)) return { as1: true, as2: true, known: false };
  if (name.length >= 4 && name.length <= 8 && LEVEL_HEADS.test(name) && !/\d/.test(name)) return { as1: false, as2: true, known: false };
  return null;
}

const cache = new Map<string, CellClass>();

export function classify(text: string): CellClass {
  const cached = cache.get(text);
  if (cached) return cached;
  const key = fold(text);
  const value = parseValue(text);
  const blank = key === '' || /^\|+$/.test(key);
  const ideographs = (text.match(/\p{Unified_Ideograph}/gu) ?? []).length;
  const result: CellClass = {
    blank,
    level: blank ? null : levelReading(key),
    caption: CAPTIONS.test(key),
    header: blank ? null : headerMatch(text),
    field: blank ? null : fieldMatch(text),
    ordinal: ORDINAL.test(key),
    value,
    // A long text that only mentions 全年 or a month is a sentence, not a date target.
    valueShaped:
      value.kind === 'numeric' ||
      value.kind === 'not_applicable' ||
      value.kind === 'classified' ||
      (value.kind === 'date' && (key.length <= 10 || /\d/.test(key))) ||
      // A target whose comparator a scan turned into a mark (`工5%`, `^80%`): still a value.
      (DAMAGED.test(key) && parseValue(key.slice(1)).kind === 'numeric'),
    comparatorOnly: COMPARATOR_WORDS.has(text.trim()) || COMPARATOR_WORDS.has(key),
    valueType: VALUE_TYPES.has(key),
    unitOnly: UNITS.has(key),
    score: value.kind === 'numeric' && value.op === null && (value.unit === null || value.unit === '分') && (value.number ?? 0) >= 0 && (value.number ?? 0) <= 100,
    explanation: EXPLANATION.test(key),
    qualitative: QUALITATIVE.has(key),
    ideographs,
    length: key.length,
    gridEnd: GRID_END.test(key),
    debris: SITE_DEBRIS.test(text.trim()),
  };
  if (cache.size > 50_000) cache.clear();
  cache.set(text, result);
  return result;
}

/** A short line that is a cell of its own kind (a value, a level, a label), not the end of a wrapped one. */
export function ownCell(text: string): boolean {
  const cell = classify(text);
  return cell.valueShaped || cell.qualitative || cell.level !== null || cell.header !== null || cell.field !== null || cell.comparatorOnly || cell.unitOnly;
}
